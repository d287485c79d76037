// regshift qc: MPRA counts (+ optional FASTA) to an activity table, QC metrics, plots and MultiQC
// files. meta.condition picks the RNA columns of one condition (cell type).

process REGSHIFT_QC {
    tag "${meta.id}"
    label 'process_single'
    container 'ghcr.io/regshift/regshift:0.1.0'

    input:
    tuple val(meta), path(counts), path(fasta)

    output:
    tuple val(meta), path("${prefix}/activity.tsv"), emit: activity
    tuple val(meta), path("${prefix}/qc.json")     , emit: json
    tuple val(meta), path("${prefix}")             , emit: dir
    path "${prefix}/*_mqc.*"                       , emit: mqc
    path "versions.yml"                            , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args      = task.ext.args ?: ''
    prefix        = task.ext.prefix ?: "${meta.id}"
    def fasta_arg = fasta ? "--fasta ${fasta}" : ''
    def condition = meta.condition ? "--condition ${meta.condition}" : ''
    def controls  = meta.control_ids ? "--controls '${meta.control_ids}'" : ''
    def heap      = task.memory ? "-Xmx${(task.memory.toMega() * 0.75) as long}m" : ''
    """
    export REGSHIFT_JAVA_OPTS="${heap}"
    regshift qc --counts ${counts} ${fasta_arg} ${condition} ${controls} --sample ${meta.id} --out ${prefix} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: \$(regshift --version | sed 's/^regshift //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    mkdir ${prefix}
    printf 'id\\tactivity\\tactivity_se\\tsplit\\n' > ${prefix}/activity.tsv
    echo '{}' > ${prefix}/qc.json
    touch ${prefix}/regshift_qc_replicates_mqc.tsv ${prefix}/provenance.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: stub
    END_VERSIONS
    """
}
