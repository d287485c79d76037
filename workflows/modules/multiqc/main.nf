// MultiQC: every sample's qc custom content, the cross-sample summary and the software versions in
// one multiqc_report.html. Each file is staged in its own directory, as every sample's qc writes
// files of the same names.

process MULTIQC {
    label 'process_single'
    container 'ghcr.io/regshift/regshift:0.1.0'

    input:
    path multiqc_files, stageAs: '?/*'
    path multiqc_config

    output:
    path "multiqc_report.html", emit: report
    path "multiqc_data"       , emit: data
    path "versions.yml"       , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    """
    multiqc --force --config ${multiqc_config} ${args} .

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        multiqc: \$(multiqc --version | sed 's/^.*version //')
    END_VERSIONS
    """

    stub:
    """
    mkdir multiqc_data
    touch multiqc_report.html
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        multiqc: stub
    END_VERSIONS
    """
}
