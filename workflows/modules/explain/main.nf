// regshift explain: per-position attributions (saliency, grad-x-input, integrated gradients, ISM), their
// stability and agreement, and with the simulator's truth their recovery of planted motif sites.

process REGSHIFT_EXPLAIN {
    tag "${meta.id}"
    label 'process_medium'
    container 'ghcr.io/regshift/regshift:0.1.0'

    input:
    tuple val(meta), path(model), path(data), path(truth)

    output:
    tuple val(meta), path("${prefix}/explain.json")        , emit: json
    tuple val(meta), path("${prefix}/attributions_*.tsv.gz"), emit: attributions
    tuple val(meta), path("${prefix}/*.bedgraph.gz")       , emit: tracks
    tuple val(meta), path("${prefix}/*.{png,svg}")         , emit: plots
    path "versions.yml"                                    , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix   = task.ext.prefix ?: "${meta.id}"
    def truthArg = truth ? "--truth ${truth}" : ''
    """
    regshift explain --model ${model} --data ${data} ${truthArg} --threads ${task.cpus} --out ${prefix} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: \$(regshift --version | sed 's/^regshift //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    mkdir ${prefix}
    touch ${prefix}/attributions_ism.tsv.gz ${prefix}/ism.bedgraph.gz ${prefix}/example_track.png
    echo '{}' > ${prefix}/explain.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: stub
    END_VERSIONS
    """
}
