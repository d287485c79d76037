// The benchmark: the simulator suite, one task per library (train, reference, and every scenario
// at every level), qc on each library's counts for cell type ct1, an ensemble trained on the
// training library (one task per member), and predictions for every test library.

include { REGSHIFT_SIMULATE } from '../modules/simulate/main'
include { REGSHIFT_QC       } from '../modules/qc/main'
include { REGSHIFT_PREDICT  } from '../modules/predict/main'
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
        .filter { meta, table -> meta.id != 'train' }
        .combine(TRAIN_ENSEMBLE.out.model)
        .map { meta, table, model_meta, model -> [meta, model, table] })

    emit:
    libraries   = REGSHIFT_SIMULATE.out.library
    activity    = REGSHIFT_QC.out.activity
    qc          = REGSHIFT_QC.out.json
    model       = TRAIN_ENSEMBLE.out.model
    predictions = REGSHIFT_PREDICT.out.predictions
    versions    = REGSHIFT_SIMULATE.out.versions.mix(REGSHIFT_QC.out.versions, TRAIN_ENSEMBLE.out.versions,
                                                     REGSHIFT_PREDICT.out.versions)
}
