/**
 * Whether a run ends with MultiQC: not with --skip_multiqc, and not when tasks run on this
 * machine's own tools (no container engine) and multiqc is not among them, so that a machine with
 * only a JDK runs the pipeline to the end. The run says why it skips.
 */
class MultiqcRun {
    static boolean wanted(workflow, Map params, log) {
        if (params.skip_multiqc) {
            log.info "MultiQC: skipped (--skip_multiqc)"
            return false
        }
        if (!workflow.containerEngine && !onPath('multiqc')) {
            log.warn "MultiQC: skipped, multiqc is not on the PATH and tasks run without a container (install it, e.g. apt-get install multiqc, or use -profile podman, docker or apptainer)"
            return false
        }
        return true
    }

    private static boolean onPath(String tool) {
        (System.getenv('PATH') ?: '').tokenize(File.pathSeparator).any { new File(it, tool).canExecute() }
    }
}
