// The user's samples (the rows of --input, or one from --counts/--activity), each on its own:
// MPRA counts through qc or measured activities through prepare to an activity table; an ensemble
// trained on its training split; predictions for every element (the held-out splits are marked in
// the 'split' column); a calibrator fitted on the calibration split (meta.fit_split: the validation
// split when the table has no calibration split) and applied to them; selective prediction with
// the threshold chosen on the same split; the report on the test split (a scenario per shift truth
// table; evaluated raw first, then calibrated with the raw coverage beside) and, with a VCF, the
// variants scored by every member of the ensemble. Every channel is keyed by meta.sample; every
// sample's files are published under <outdir>/<sample>/, and summary/samples.tsv holds one row
// per sample and scenario.

include { REGSHIFT_QC        } from '../modules/qc/main'
include { REGSHIFT_PREPARE   } from '../modules/prepare/main'
include { REGSHIFT_CALIBRATE } from '../modules/calibrate/main'
include { REGSHIFT_SELECT    } from '../modules/select/main'
include { REGSHIFT_EVALUATE  } from '../modules/evaluate/main'
include { REGSHIFT_EVALUATE as REGSHIFT_EVALUATE_RAW } from '../modules/evaluate/main'
include { REGSHIFT_SCORE_VARIANTS } from '../modules/score_variants/main'
include { PREDICT_CHUNKED    } from './predict_chunked'
include { TRAIN_ENSEMBLE     } from './train_ensemble'

workflow SAMPLES {
    take:
    samples     // channel: one map per sample (Samplesheet's rows: sample, counts or activity, ...)

    main:
    def rows = samples.branch { row -> counts: row.counts; activity: true }
    REGSHIFT_QC(rows.counts.map { row ->
        [[id: row.sample, sample: row.sample, condition: row.condition, split_by: row.split_by, fit_split: 'calibration'],
         row.counts, row.fasta ?: []]
    })
    // without a calibration split the calibrator and the selection threshold are fitted on the validation split
    def fitSplit = params.train_splits && !params.calibration_splits ? 'valid' : 'calibration'
    REGSHIFT_PREPARE(rows.activity.map { row ->
        [[id: row.sample, sample: row.sample, target_column: row.target_column ?: params.target_column, fit_split: fitSplit],
         row.activity]
    })
    def tables = REGSHIFT_QC.out.activity.mix(REGSHIFT_PREPARE.out.activity)
    def truths = bySample(tables)
        .join(REGSHIFT_PREPARE.out.shifts.map { meta, files -> [meta.sample, files instanceof List ? files : [files]] }, remainder: true)
        .map { sample, table, files -> [sample, files ?: []] }

    TRAIN_ENSEMBLE(tables, params.ensemble)
    def models = bySample(TRAIN_ENSEMBLE.out.model)
    PREDICT_CHUNKED(tables, TRAIN_ENSEMBLE.out.model)
    def predicted = PREDICT_CHUNKED.out.predictions
    REGSHIFT_CALIBRATE(predicted.map { meta, file -> [meta + [id: 'calibrate'], file, [file]] })
    def calibrated = REGSHIFT_CALIBRATE.out.calibrated.map { meta, file -> [meta + [id: meta.sample], file] }
    REGSHIFT_SELECT(calibrated.map { meta, file -> [meta, file, file] })
    REGSHIFT_EVALUATE_RAW(predicted.map { meta, file -> [meta.sample, meta, file] }.join(truths).map { sample, meta, file, shifts ->
        [[id: 'evaluate_raw', sample: sample, split: 'test'], [meta.id], [file], shifts, [], []] })
    REGSHIFT_EVALUATE(calibrated.map { meta, file -> [meta.sample, meta, file] }.join(truths)
        .join(bySample(REGSHIFT_EVALUATE_RAW.out.json)).join(models)
        .map { sample, meta, file, shifts, uncalibrated, model ->
            [[id: 'evaluate', sample: sample, split: 'test'], [meta.id], [file], shifts, uncalibrated, model] })
    REGSHIFT_SCORE_VARIANTS(models.join(samples.filter { it.vcf }.map { row -> [row.sample, row.vcf, row.reference, indexes(row.reference)] })
        .map { sample, model, vcf, reference, index -> [[id: 'variants', sample: sample, truth_info: params.truth_info], model, vcf, reference, index] })

    def summary = bySample(REGSHIFT_EVALUATE.out.tsv).join(bySample(REGSHIFT_EVALUATE_RAW.out.tsv))
        .flatMap { sample, calibratedTsv, rawTsv -> SampleSummary.rows(sample, calibratedTsv, rawTsv) }
    summary.map { it.join('\t') }.collectFile(name: 'samples.tsv', seed: SampleSummary.COLUMNS.join('\t'), newLine: true, sort: true,
                                              storeDir: "${params.outdir}/summary")
    def summaryMqc = summary.map { SampleSummary.multiqcRow(it) }
        .collectFile(name: 'regshift_samples_mqc.tsv', seed: SampleSummary.multiqcHeader(), newLine: true, sort: true)

    emit:
    model       = TRAIN_ENSEMBLE.out.model
    predictions = PREDICT_CHUNKED.out.predictions
    report      = REGSHIFT_EVALUATE.out.report
    mqc         = REGSHIFT_QC.out.mqc.mix(summaryMqc)
    versions    = REGSHIFT_QC.out.versions.mix(REGSHIFT_PREPARE.out.versions, TRAIN_ENSEMBLE.out.versions,
                                               PREDICT_CHUNKED.out.versions, REGSHIFT_CALIBRATE.out.versions,
                                               REGSHIFT_SELECT.out.versions, REGSHIFT_EVALUATE.out.versions,
                                               REGSHIFT_SCORE_VARIANTS.out.versions)
}

// [sample, file] from [meta, file]
def bySample(channel) {
    channel.map { meta, file -> [meta.sample, file] }
}

// the reference's .fai/.gzi where they exist
def indexes(reference) {
    ['.fai', '.gzi'].collect { reference.resolveSibling(reference.name + it) }.findAll { it.exists() }
}
