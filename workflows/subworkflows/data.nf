// The user's own data: MPRA counts (and FASTA) through qc, an ensemble trained on the training
// split, predictions for every element (the held-out splits are marked in the 'split' column),
// a calibrator fitted on the calibration split and applied to them, selective prediction with the
// threshold chosen on the calibration split, the report on the test split and, with --vcf, the
// variants scored by every member of the ensemble.

include { REGSHIFT_QC        } from '../modules/qc/main'
include { REGSHIFT_CALIBRATE } from '../modules/calibrate/main'
include { REGSHIFT_SELECT    } from '../modules/select/main'
include { REGSHIFT_EVALUATE  } from '../modules/evaluate/main'
include { REGSHIFT_SCORE_VARIANTS } from '../modules/score_variants/main'
include { PREDICT_CHUNKED    } from './predict_chunked'
include { TRAIN_ENSEMBLE     } from './train_ensemble'

workflow DATA {
    take:
    counts      // count table
    fasta       // FASTA, or [] when the table holds sequences or none are needed
    condition   // condition (cell type) to use, or null
    variants    // [vcf, reference, [reference indexes]], or [] for none

    main:
    def name = condition ?: counts.simpleName
    REGSHIFT_QC(Channel.of([[id: name, condition: condition], counts, fasta]))

    TRAIN_ENSEMBLE(REGSHIFT_QC.out.activity, params.ensemble)
    PREDICT_CHUNKED(REGSHIFT_QC.out.activity, TRAIN_ENSEMBLE.out.model)
    REGSHIFT_CALIBRATE(PREDICT_CHUNKED.out.predictions.map { meta, file -> [[id: 'calibrate'], file, [file]] })
    def calibrated = REGSHIFT_CALIBRATE.out.calibrated.map { meta, file -> [[id: name], file] }
    REGSHIFT_SELECT(calibrated.map { meta, file -> [meta, file, file] })
    REGSHIFT_EVALUATE(calibrated.map { meta, file -> [[id: 'evaluate', split: 'test'], [name], [file]] })
    if (variants) {
        REGSHIFT_SCORE_VARIANTS(TRAIN_ENSEMBLE.out.model.map { meta, model ->
            [[id: 'variants', truth_info: params.truth_info], model] + variants })
    }

    emit:
    activity    = REGSHIFT_QC.out.activity
    qc          = REGSHIFT_QC.out.json
    model       = TRAIN_ENSEMBLE.out.model
    predictions = PREDICT_CHUNKED.out.predictions
    report      = REGSHIFT_EVALUATE.out.report
    versions    = REGSHIFT_QC.out.versions.mix(TRAIN_ENSEMBLE.out.versions, PREDICT_CHUNKED.out.versions,
                                              REGSHIFT_CALIBRATE.out.versions, REGSHIFT_SELECT.out.versions,
                                              REGSHIFT_EVALUATE.out.versions,
                                              variants ? REGSHIFT_SCORE_VARIANTS.out.versions : Channel.empty())
}
