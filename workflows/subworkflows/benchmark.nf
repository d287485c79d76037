// The benchmark: the simulator suite, one task per library (train, reference, and every scenario
// at every level), qc on each library's counts for cell type ct1, an ensemble trained on the
// training library (one task per member), predictions for every library, and a calibrator fitted
// on the training library's calibration split and applied to every predictions table; then, per
// test library, selective prediction with the threshold chosen on the training library's
// calibration split, and the shift report over all test libraries, raw, then calibrated with the raw
// coverage beside it, each scored on the elements every library kept through qc.

include { REGSHIFT_SIMULATE } from '../modules/simulate/main'
include { REGSHIFT_QC       } from '../modules/qc/main'
include { REGSHIFT_CALIBRATE } from '../modules/calibrate/main'
include { REGSHIFT_SELECT   } from '../modules/select/main'
include { REGSHIFT_EVALUATE } from '../modules/evaluate/main'
include { REGSHIFT_EVALUATE as REGSHIFT_EVALUATE_RAW } from '../modules/evaluate/main'
include { PREDICT_CHUNKED   } from './predict_chunked'
include { TRAIN_ENSEMBLE    } from './train_ensemble'

workflow BENCHMARK {
    take:
    scenarios   // list of scenario names
    levels      // list of level names
    motifs      // motif file, or [] for the default set

    main:
    def names = ['train', 'reference'] + scenarios.collectMany { s -> levels.collect { l -> "${s}_${l}" } }
    libraries = Channel.fromList(names).map { name ->
        def scenario = name in ['train', 'reference'] ? 'reference' : name.substring(0, name.lastIndexOf('_'))
        def meta = [id: name, library: name, scenario: scenario, seed: params.seed, n: params.n, test_n: params.test_n,
                    controls: params.controls, control_ids: params.controls ? '^control_' : null, condition: 'ct1']
        [meta, motifs]
    }
    REGSHIFT_SIMULATE(libraries)
    REGSHIFT_QC(REGSHIFT_SIMULATE.out.library.map { meta, dir ->
        [meta, dir.resolve('counts.tsv.gz'), dir.resolve('sequences.fa.gz')]
    })

    TRAIN_ENSEMBLE(REGSHIFT_QC.out.activity.filter { meta, table -> meta.id == 'train' }, params.ensemble)
    PREDICT_CHUNKED(REGSHIFT_QC.out.activity, TRAIN_ENSEMBLE.out.model)
    def byRole = PREDICT_CHUNKED.out.predictions.branch { meta, file -> train: meta.id == 'train'; test: true }
    REGSHIFT_CALIBRATE(byRole.train
        .combine(PREDICT_CHUNKED.out.predictions.map { meta, file -> file }.toSortedList { a, b -> a.name <=> b.name }
            .map { files -> [files] })
        .map { meta, fit, tables -> [[id: 'calibrate'], fit, tables] })

    def calibratedTables = REGSHIFT_CALIBRATE.out.calibrated
        .flatMap { meta, files -> files instanceof List ? files : [files] }
        .map { file -> [file.name - '.calibrated.tsv', file] }
        .branch { name, file -> train: name == 'train'; test: true }
    REGSHIFT_SELECT(calibratedTables.test
        .combine(calibratedTables.train.map { name, file -> file })
        .map { name, table, fit -> [[id: name], table, fit] })

    REGSHIFT_EVALUATE_RAW(sortedScenarios(byRole.test.map { meta, file -> [meta.id, file] },
                                          [id: 'evaluate_raw', reference: 'reference', common_ids: true])
        .map { it + [[], []] })
    REGSHIFT_EVALUATE(sortedScenarios(calibratedTables.test, [id: 'evaluate', reference: 'reference', common_ids: true])
        .combine(REGSHIFT_EVALUATE_RAW.out.json.map { meta, json -> json })
        .combine(TRAIN_ENSEMBLE.out.model.map { meta, model -> model }))

    emit:
    libraries   = REGSHIFT_SIMULATE.out.library
    activity    = REGSHIFT_QC.out.activity
    qc          = REGSHIFT_QC.out.json
    mqc         = REGSHIFT_QC.out.mqc
    model       = TRAIN_ENSEMBLE.out.model
    predictions = PREDICT_CHUNKED.out.predictions
    calibrated  = REGSHIFT_CALIBRATE.out.calibrated
    selected    = REGSHIFT_SELECT.out.json
    report      = REGSHIFT_EVALUATE.out.report
    versions    = REGSHIFT_SIMULATE.out.versions.mix(REGSHIFT_QC.out.versions, TRAIN_ENSEMBLE.out.versions,
                                                     PREDICT_CHUNKED.out.versions, REGSHIFT_CALIBRATE.out.versions,
                                                     REGSHIFT_SELECT.out.versions, REGSHIFT_EVALUATE.out.versions)
}

// [meta, names, files, no truths] for evaluate from [name, file] pairs, in name order (reference first).
def sortedScenarios(pairs, meta) {
    pairs.toSortedList { a, b -> (a[0] == 'reference' ? '' : a[0]) <=> (b[0] == 'reference' ? '' : b[0]) }
        .map { sorted -> [meta, sorted.collect { it[0] }, sorted.collect { it[1] }, []] }
}
