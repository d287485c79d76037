// regshift calibrate: a calibrator fitted on predictions with true values (their 'calibration'
// split) and applied to every predictions table.

process REGSHIFT_CALIBRATE {
    tag "${meta.id}"
    label 'process_single'
    container 'ghcr.io/regshift/regshift:0.1.0'

    input:
    tuple val(meta), path(fit), path(predictions, stageAs: 'apply/*')

    output:
    tuple val(meta), path("${prefix}/*.calibrated.tsv"), emit: calibrated
    tuple val(meta), path("${prefix}/calibration.json"), emit: json
    tuple val(meta), path("${prefix}/calibrator.json") , emit: calibrator
    path "versions.yml"                                , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix   = task.ext.prefix ?: "${meta.id}"
    def tables = predictions instanceof List ? predictions : [predictions]
    """
    regshift calibrate --fit ${fit} --apply ${tables.join(' ')} --out ${prefix} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: \$(regshift --version | sed 's/^regshift //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    def tables = predictions instanceof List ? predictions : [predictions]
    """
    mkdir ${prefix}
    for f in ${tables.join(' ')}; do n=\$(basename \$f .tsv); touch ${prefix}/\${n%.predictions}.calibrated.tsv; done
    echo '{}' > ${prefix}/calibration.json
    echo '{}' > ${prefix}/calibrator.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: stub
    END_VERSIONS
    """
}
