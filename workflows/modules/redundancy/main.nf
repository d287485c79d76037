// regshift redundancy: single and pairwise removal of motif sites, motif-pair interactions (redundant or
// synergistic), a global mask over motif types against exhaustive search, and with the simulator's truth
// precision at k of the planted redundant and cooperative pairs.

process REGSHIFT_REDUNDANCY {
    tag "${meta.id}"
    label 'process_medium'
    container 'ghcr.io/regshift/regshift:0.1.0'

    input:
    tuple val(meta), path(model), path(data), path(motifs), path(truth)

    output:
    tuple val(meta), path("${prefix}/redundancy.json") , emit: json
    tuple val(meta), path("${prefix}/motif_pairs.tsv") , emit: motif_pairs
    tuple val(meta), path("${prefix}/motifs.tsv")      , emit: motifs
    tuple val(meta), path("${prefix}/*.tsv.gz")        , emit: sites
    tuple val(meta), path("${prefix}/*.{png,svg}")     , emit: plots, optional: true
    path "versions.yml"                                , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix   = task.ext.prefix ?: "${meta.id}"
    def truthArg = truth ? "--truth ${truth}" : ''
    """
    regshift redundancy --model ${model} --data ${data} --motifs ${motifs} ${truthArg} --threads ${task.cpus} \\
        --out ${prefix} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: \$(regshift --version | sed 's/^regshift //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    mkdir ${prefix}
    touch ${prefix}/motif_pairs.tsv ${prefix}/motifs.tsv ${prefix}/sites.tsv.gz ${prefix}/pairs.tsv.gz
    echo '{}' > ${prefix}/redundancy.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: stub
    END_VERSIONS
    """
}
