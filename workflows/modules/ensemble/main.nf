// regshift ensemble: member bundles (one per REGSHIFT_TRAIN task) merged into one ensemble bundle.

process REGSHIFT_ENSEMBLE {
    tag "${meta.id}"
    label 'process_single'
    container 'ghcr.io/regshift/regshift:0.1.0'

    input:
    tuple val(meta), path(members, stageAs: 'member??/*')

    output:
    tuple val(meta), path("${prefix}"), emit: model
    path "versions.yml"               , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    regshift ensemble --members ${(members instanceof List ? members : [members]).join(' ')} --out ${prefix}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: \$(regshift --version | sed 's/^regshift //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    mkdir ${prefix}
    touch ${prefix}/model.json ${prefix}/provenance.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: stub
    END_VERSIONS
    """
}
