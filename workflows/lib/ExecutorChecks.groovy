import nextflow.exception.AbortOperationException

/**
 * What a cluster or cloud profile needs, checked before any task: awsbatch and google_batch run
 * tasks on machines that share nothing with the launching host, so the work directory must be on
 * object storage and the image must come from a registry; both need their queue or project, k8s its
 * volume claim. The first thing missing stops the run with one line.
 */
class ExecutorChecks {
    static void validate(workflow, Map params) {
        def profiles = workflow.profile.tokenize(',')
        if ('awsbatch' in profiles) {
            objectStorage(workflow, 's3', 'awsbatch')
            need(params.aws_queue, "-profile awsbatch needs --aws_queue (the AWS Batch job queue)")
            registryImage(params.container, 'awsbatch')
        }
        if ('google_batch' in profiles) {
            objectStorage(workflow, 'gs', 'google_batch')
            need(params.google_project, "-profile google_batch needs --google_project (the Google Cloud project)")
            registryImage(params.container, 'google_batch')
        }
        if ('k8s' in profiles) {
            need(params.k8s_storage_claim, "-profile k8s needs --k8s_storage_claim (the volume claim holding the work directory)")
        }
    }

    private static void objectStorage(workflow, String scheme, String profile) {
        def uri = workflow.workDir.toUri()
        need(uri.scheme == scheme, "-profile ${profile} needs a work directory on ${scheme}:// (-work-dir ${scheme}://BUCKET/work), not ${uri}")
    }

    private static void registryImage(String image, String profile) {
        need(image && !image.startsWith('localhost/') && image.contains('/'),
             "-profile ${profile} needs --container to name an image in a registry its machines can pull from, not '${image}'")
    }

    private static void need(condition, String message) {
        if (!condition) {
            throw new AbortOperationException(message)
        }
    }
}
