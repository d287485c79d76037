// The user's own data: MPRA counts (and FASTA) through qc, an ensemble trained on the training
// split, and predictions for every element (the held-out splits are marked in the 'split' column).

include { REGSHIFT_QC      } from '../modules/qc/main'
include { REGSHIFT_PREDICT } from '../modules/predict/main'
include { TRAIN_ENSEMBLE   } from './train_ensemble'

workflow DATA {
    take:
    counts      // count table
    fasta       // FASTA, or [] when the table holds sequences or none are needed
    condition   // condition (cell type) to use, or null

    main:
    def name = condition ?: counts.simpleName
    REGSHIFT_QC(Channel.of([[id: name, condition: condition], counts, fasta]))

    TRAIN_ENSEMBLE(REGSHIFT_QC.out.activity, params.ensemble)
    REGSHIFT_PREDICT(REGSHIFT_QC.out.activity.combine(TRAIN_ENSEMBLE.out.model)
        .map { meta, table, model_meta, model -> [meta, model, table] })

    emit:
    activity    = REGSHIFT_QC.out.activity
    qc          = REGSHIFT_QC.out.json
    model       = TRAIN_ENSEMBLE.out.model
    predictions = REGSHIFT_PREDICT.out.predictions
    versions    = REGSHIFT_QC.out.versions.mix(TRAIN_ENSEMBLE.out.versions, REGSHIFT_PREDICT.out.versions)
}
