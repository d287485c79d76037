// regshift predict: predictions with aleatoric and epistemic variance for every row of a table.

process REGSHIFT_PREDICT {
    tag "${meta.id}"
    label 'process_single'
    container 'ghcr.io/regshift/regshift:0.1.0'

    input:
    tuple val(meta), path(model), path(data)

    output:
    tuple val(meta), path("${prefix}.predictions.tsv"), emit: predictions
    path "versions.yml"                               , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix   = task.ext.prefix ?: "${meta.id}"
    def heap = task.memory ? "-Xmx${(task.memory.toMega() * 0.5) as long}m -Dorg.bytedeco.javacpp.maxphysicalbytes=${(task.memory.toMega() * 0.9) as long}m" : ''
    """
    export REGSHIFT_JAVA_OPTS="${heap}"
    regshift predict --model ${model} --data ${data} --out ${prefix}.predictions.tsv --threads ${task.cpus} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: \$(regshift --version | sed 's/^regshift //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    printf 'id\\tmean\\tvar_aleatoric\\tvar_epistemic\\tvar_total\\tlower\\tupper\\n' > ${prefix}.predictions.tsv
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: stub
    END_VERSIONS
    """
}
