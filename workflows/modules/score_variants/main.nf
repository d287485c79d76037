// regshift score-variants: each allele's effect per ensemble member, the members' sign agreement and,
// with a measured effect in INFO, Bajwa et al.'s categories.

process REGSHIFT_SCORE_VARIANTS {
    tag "${meta.id}"
    label 'process_single'
    container 'ghcr.io/regshift/regshift:0.1.0'

    input:
    tuple val(meta), path(model), path(vcf), path(reference), path(reference_index)

    output:
    tuple val(meta), path("${prefix}/variants.tsv")   , emit: tsv
    tuple val(meta), path("${prefix}/variants.vcf.gz"), emit: vcf
    tuple val(meta), path("${prefix}/summary.json")   , emit: json
    tuple val(meta), path("${prefix}/effects.*")      , emit: plots
    path "versions.yml"                               , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix   = task.ext.prefix ?: "${meta.id}"
    def truth = meta.truth_info ? "--truth-info ${meta.truth_info}" : ''
    """
    regshift score-variants --model ${model} --vcf ${vcf} --reference ${reference} ${truth} \\
        --threads ${task.cpus} --out ${prefix} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: \$(regshift --version | sed 's/^regshift //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    mkdir ${prefix}
    touch ${prefix}/variants.tsv ${prefix}/variants.vcf.gz ${prefix}/effects.png
    echo '{}' > ${prefix}/summary.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: stub
    END_VERSIONS
    """
}
