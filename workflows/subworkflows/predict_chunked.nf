// Predictions for every row of activity tables with one model. With --chunk_size N, each table is
// cut into chunks of N rows (a multiple of predict's batch size, so the merged file has the same
// bytes as one pass), each chunk is its own task, and the chunks are joined in order.

include { REGSHIFT_PREDICT } from '../modules/predict/main'

workflow PREDICT_CHUNKED {
    take:
    tables      // channel: [meta, activity.tsv]
    model       // channel: [meta, model bundle], one per sample (meta.sample)

    main:
    def chunked = params.chunk_size > 0
    def inputs = !chunked ? tables : tables.flatMap { meta, table ->
        def chunks = table.splitText(by: params.chunk_size, keepHeader: true, file: true)
        chunks.withIndex().collect { chunk, i -> [meta + [id: "${meta.id}.chunk${i}", table: meta.id, chunk: i], chunk] }
    }
    REGSHIFT_PREDICT(inputs.map { meta, table -> [meta.sample, meta, table] }
        .combine(model.map { meta, bundle -> [meta.sample, bundle] }, by: 0)
        .map { sample, meta, table, bundle -> [meta, bundle, table] })
    predictions = !chunked ? REGSHIFT_PREDICT.out.predictions : REGSHIFT_PREDICT.out.predictions
        .map { meta, file -> [[meta.sample, meta.table], meta, file] }
        .groupTuple()
        .map { key, metas, files ->
            def ordered = [metas, files].transpose().sort { it[0].chunk }
            def meta = ordered[0][0].findAll { k, v -> !(k in ['chunk', 'table']) } + [id: metas[0].table]
            [meta, ordered.collect { it[1] }]
        }
    if (chunked) {
        JOIN_CHUNKS(predictions)
        predictions = JOIN_CHUNKS.out.predictions
    }

    emit:
    predictions
    versions = REGSHIFT_PREDICT.out.versions
}

// The chunks' tables joined in order under one header.
process JOIN_CHUNKS {
    tag "${meta.id}"
    label 'process_single'

    input:
    tuple val(meta), path(chunks, stageAs: 'chunks/chunk*.tsv')

    output:
    tuple val(meta), path("${meta.id}.predictions.tsv"), emit: predictions

    script:
    def ordered = chunks instanceof List ? chunks : [chunks]
    """
    head -n 1 ${ordered[0]} > ${meta.id}.predictions.tsv
    for f in ${ordered.join(' ')}; do tail -n +2 \$f >> ${meta.id}.predictions.tsv; done
    """

    stub:
    """
    touch ${meta.id}.predictions.tsv
    """
}
