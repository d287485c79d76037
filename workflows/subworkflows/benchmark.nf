// The benchmark: the simulator suite, one task per library (train, reference, and every scenario
// at every level), qc on each library's counts for cell type ct1, an ensemble trained on the
// training library (one task per member), predictions for every library, and a calibrator fitted
// on the training library's calibration split and applied to every test library's predictions.

include { REGSHIFT_SIMULATE } from '../modules/simulate/main'
include { REGSHIFT_QC       } from '../modules/qc/main'
include { REGSHIFT_PREDICT  } from '../modules/predict/main'
include { REGSHIFT_CALIBRATE } from '../modules/calibrate/main'
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
                    condition: 'ct1']
        [meta, motifs]
    }
    REGSHIFT_SIMULATE(libraries)
    REGSHIFT_QC(REGSHIFT_SIMULATE.out.library.map { meta, dir ->
        [meta, dir.resolve('counts.tsv.gz'), dir.resolve('sequences.fa.gz')]
    })

    TRAIN_ENSEMBLE(REGSHIFT_QC.out.activity.filter { meta, table -> meta.id == 'train' }, params.ensemble)
    REGSHIFT_PREDICT(REGSHIFT_QC.out.activity
        .combine(TRAIN_ENSEMBLE.out.model)
        .map { meta, table, model_meta, model -> [meta, model, table] })
    def byRole = REGSHIFT_PREDICT.out.predictions.branch { meta, file -> train: meta.id == 'train'; test: true }
    REGSHIFT_CALIBRATE(byRole.train
        .combine(byRole.test.map { meta, file -> file }.toSortedList { a, b -> a.name <=> b.name }.map { files -> [files] })
        .map { meta, fit, tests -> [[id: 'calibrate'], fit, tests] })

    emit:
    libraries   = REGSHIFT_SIMULATE.out.library
    activity    = REGSHIFT_QC.out.activity
    qc          = REGSHIFT_QC.out.json
    model       = TRAIN_ENSEMBLE.out.model
    predictions = REGSHIFT_PREDICT.out.predictions
    calibrated  = REGSHIFT_CALIBRATE.out.calibrated
    versions    = REGSHIFT_SIMULATE.out.versions.mix(REGSHIFT_QC.out.versions, TRAIN_ENSEMBLE.out.versions,
                                                     REGSHIFT_PREDICT.out.versions, REGSHIFT_CALIBRATE.out.versions)
}
