// regshift prepare: a table of measured activities (any target column, folds) as an activity
// table, with a truth table per shift column (the same sequences measured elsewhere).

process REGSHIFT_PREPARE {
    tag "${meta.id}"
    label 'process_single'
    container 'ghcr.io/regshift/regshift:0.1.0'

    input:
    tuple val(meta), path(table)

    output:
    tuple val(meta), path("${prefix}/activity.tsv") , emit: activity
    tuple val(meta), path("${prefix}/shift_*.tsv")  , emit: shifts, optional: true
    path "versions.yml"                             , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix   = task.ext.prefix ?: "${meta.id}"
    """
    regshift prepare --data ${table} --out ${prefix} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: \$(regshift --version | sed 's/^regshift //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    mkdir ${prefix}
    printf 'id\\tsequence\\tactivity\\tsplit\\n' > ${prefix}/activity.tsv
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: stub
    END_VERSIONS
    """
}
