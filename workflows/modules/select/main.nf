// regshift select: accept or abstain per row by an uncertainty score, with risk-coverage curves.

process REGSHIFT_SELECT {
    tag "${meta.id}"
    label 'process_single'
    container 'ghcr.io/regshift/regshift:0.1.0'

    input:
    tuple val(meta), path(predictions), path(fit, stageAs: "fit/*")

    output:
    tuple val(meta), path("${prefix}/selected.tsv")  , emit: selected
    tuple val(meta), path("${prefix}/selection.json"), emit: json
    tuple val(meta), path("${prefix}/risk_coverage.*"), emit: curves, optional: true
    path "versions.yml"                               , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix   = task.ext.prefix ?: "${meta.id}"
    def fitArg = fit ? "--fit ${fit}" : ''
    """
    regshift select --predictions ${predictions} ${fitArg} --out ${prefix} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: \$(regshift --version | sed 's/^regshift //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    mkdir ${prefix}
    touch ${prefix}/selected.tsv ${prefix}/risk_coverage.tsv
    echo '{}' > ${prefix}/selection.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: stub
    END_VERSIONS
    """
}
