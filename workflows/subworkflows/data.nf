// The user's own data, as an activity table (from qc's counts or prepare's measured activities):
// an ensemble trained on the training split, predictions for every element (the held-out splits
// are marked in the 'split' column), a calibrator fitted on the calibration split (meta.fit_split:
// the validation split when the table has no calibration split) and applied to them, selective
// prediction with the threshold chosen on the same split, the report on the test split (with a
// scenario per shift truth table; evaluated raw first, then calibrated with the raw coverage beside) and, with --vcf, the variants scored by every member of the
// ensemble.

include { REGSHIFT_CALIBRATE } from '../modules/calibrate/main'
include { REGSHIFT_SELECT    } from '../modules/select/main'
include { REGSHIFT_EVALUATE  } from '../modules/evaluate/main'
include { REGSHIFT_EVALUATE as REGSHIFT_EVALUATE_RAW } from '../modules/evaluate/main'
include { REGSHIFT_SCORE_VARIANTS } from '../modules/score_variants/main'
include { PREDICT_CHUNKED    } from './predict_chunked'
include { TRAIN_ENSEMBLE     } from './train_ensemble'

workflow DATA {
    take:
    tables      // channel: [meta, activity.tsv], one item
    truths      // channel: [[shift_<name>.tsv, ...]], one item ([[]] for none)
    variants    // [vcf, reference, [reference indexes]], or [] for none

    main:
    TRAIN_ENSEMBLE(tables, params.ensemble)
    PREDICT_CHUNKED(tables, TRAIN_ENSEMBLE.out.model)
    REGSHIFT_CALIBRATE(PREDICT_CHUNKED.out.predictions.map { meta, file ->
        [[id: 'calibrate', fit_split: meta.fit_split, name: meta.id], file, [file]] })
    def calibrated = REGSHIFT_CALIBRATE.out.calibrated.map { meta, file -> [[id: meta.name, fit_split: meta.fit_split], file] }
    REGSHIFT_SELECT(calibrated.map { meta, file -> [meta, file, file] })
    REGSHIFT_EVALUATE_RAW(PREDICT_CHUNKED.out.predictions.combine(truths).map { meta, file, shifts ->
        [[id: 'evaluate_raw', split: 'test'], [meta.id], [file], shifts, [], []] })
    REGSHIFT_EVALUATE(calibrated.combine(truths).map { meta, file, shifts ->
        [[id: 'evaluate', split: 'test'], [meta.id], [file], shifts] }
        .combine(REGSHIFT_EVALUATE_RAW.out.json.map { meta, json -> json })
        .combine(TRAIN_ENSEMBLE.out.model.map { meta, model -> model }))
    if (variants) {
        REGSHIFT_SCORE_VARIANTS(TRAIN_ENSEMBLE.out.model.map { meta, model ->
            [[id: 'variants', truth_info: params.truth_info], model] + variants })
    }

    emit:
    model       = TRAIN_ENSEMBLE.out.model
    predictions = PREDICT_CHUNKED.out.predictions
    report      = REGSHIFT_EVALUATE.out.report
    versions    = TRAIN_ENSEMBLE.out.versions.mix(PREDICT_CHUNKED.out.versions, REGSHIFT_CALIBRATE.out.versions,
                                                  REGSHIFT_SELECT.out.versions, REGSHIFT_EVALUATE.out.versions,
                                                  variants ? REGSHIFT_SCORE_VARIANTS.out.versions : Channel.empty())
}
