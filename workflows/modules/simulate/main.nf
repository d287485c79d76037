// regshift simulate: one library of the benchmark suite (meta.library, e.g. 'train' or
// 'gc_shift_mild'), identical to that library in a whole-suite run with the same seed and sizes,
// or, with an empty meta.library, one library described by task.ext.args (--scenario, --severity).

process REGSHIFT_SIMULATE {
    tag "${meta.id}"
    label 'process_single'
    container 'ghcr.io/regshift/regshift:0.1.0'

    input:
    tuple val(meta), path(motifs)

    output:
    tuple val(meta), path("${prefix}"), emit: library
    path "versions.yml"               , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args   = task.ext.args ?: ''
    prefix     = task.ext.prefix ?: "${meta.id}"
    def suite  = meta.library ? "--suite --libraries ${meta.library}" : ''
    def sizes  = meta.library ? "--n ${meta.n} --test-n ${meta.test_n}" : "--n ${meta.n}"
    def motif  = motifs ? "--motifs ${motifs}" : ''
    def controls = meta.controls ? "--controls ${meta.controls}" : ''
    def heap   = task.memory ? "-Xmx${(task.memory.toMega() * 0.75) as long}m" : ''
    """
    export REGSHIFT_JAVA_OPTS="${heap}"
    regshift simulate ${suite} ${sizes} --seed ${meta.seed} ${motif} ${controls} --threads ${task.cpus} --out out ${args}
    if [ -n "${meta.library ?: ''}" ]; then mv out/${meta.library} ${prefix}; cp out/provenance.json ${prefix}/; else mv out ${prefix}; fi

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: \$(regshift --version | sed 's/^regshift //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    mkdir ${prefix}
    touch ${prefix}/sequences.fa.gz ${prefix}/counts.tsv.gz ${prefix}/truth.tsv ${prefix}/scenario.json ${prefix}/provenance.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: stub
    END_VERSIONS
    """
}
