// regshift evaluate: every metric per scenario against the reference, per group, and report.html.
// Each truth table shift_<name>.tsv adds a scenario <name>: the first predictions table scored
// against those true values (the same sequences measured elsewhere). Optional: the metrics.json of
// the same scenarios before calibration and the model bundle, both named in the report.

process REGSHIFT_EVALUATE {
    tag "${meta.id}"
    label 'process_single'
    container 'ghcr.io/regshift/regshift:0.1.0'

    input:
    tuple val(meta), val(names), path(predictions, stageAs: 'scenarios/*'), path(truths, stageAs: 'truths/*'),
          path(uncalibrated, stageAs: 'uncalibrated/*'), path(model, stageAs: 'model/*')

    output:
    tuple val(meta), path("${prefix}/report.html") , emit: report
    tuple val(meta), path("${prefix}/metrics.json"), emit: json
    tuple val(meta), path("${prefix}/metrics.tsv") , emit: tsv
    tuple val(meta), path("${prefix}/*.{png,svg}") , emit: plots
    path "versions.yml"                             , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix   = task.ext.prefix ?: "${meta.id}"
    def files = predictions instanceof List ? predictions : [predictions]
    def pairs = [names, files].transpose().collect { n, f -> "${n}=${f}" }.join(' ')
    def shifts = (truths instanceof List ? truths : [truths]).findAll { it }.collect { t ->
        def n = t.toString().replaceFirst(/^.*\//, '').replaceFirst(/^shift_/, '').replaceFirst(/\.tsv$/, '')
        "--predictions ${n}=${files[0]} --truth ${n}=${t}"
    }.join(' ')
    def reference = meta.reference ? "--reference ${meta.reference}" : ''
    def common = meta.common_ids ? '--common-ids' : ''
    def raw = uncalibrated ? "--uncalibrated-metrics ${uncalibrated}" : ''
    def bundle = model ? "--model ${model}" : ''
    """
    regshift evaluate --predictions ${pairs} ${shifts} ${reference} ${common} ${raw} ${bundle} --out ${prefix} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: \$(regshift --version | sed 's/^regshift //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    mkdir ${prefix}
    touch ${prefix}/report.html ${prefix}/coverage_stub.png ${prefix}/coverage_stub.svg
    printf 'scenario\\tgroup\\tn\\n' > ${prefix}/metrics.tsv
    echo '{}' > ${prefix}/metrics.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: stub
    END_VERSIONS
    """
}
