// An ensemble trained as one task per member, then merged into one bundle, per activity table
// (one per sample, keyed by meta.sample).

include { REGSHIFT_TRAIN    } from '../modules/train/main'
include { REGSHIFT_ENSEMBLE } from '../modules/ensemble/main'

workflow TRAIN_ENSEMBLE {
    take:
    activity    // channel: [meta, activity.tsv], one per sample
    members     // number of members

    main:
    REGSHIFT_TRAIN(activity.combine(Channel.of(0..<members)).map { meta, table, i ->
        [meta + [id: "${meta.id}_member${i}", member: i, ensemble: members, seed: params.seed], table]
    })
    REGSHIFT_ENSEMBLE(REGSHIFT_TRAIN.out.model
        .map { meta, model -> [meta.subMap('sample'), meta, model] }
        .groupTuple(size: members)
        .map { sample, metas, models -> [[id: 'model'] + sample, [metas, models].transpose().sort { it[0].member }*.get(1)] })

    emit:
    model    = REGSHIFT_ENSEMBLE.out.model
    versions = REGSHIFT_TRAIN.out.versions.mix(REGSHIFT_ENSEMBLE.out.versions)
}
