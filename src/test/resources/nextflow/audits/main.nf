// A pipeline of someone else's that audits a model with RegShift's modules, included by path:
// qc of the Sharpr counts, a quick model, then attack, explain and redundancy on its activity table.
include { REGSHIFT_QC      } from '../../../../../workflows/modules/qc/main'
include { REGSHIFT_TRAIN   } from '../../../../../workflows/modules/train/main'
include { REGSHIFT_ATTACK  } from '../../../../../workflows/modules/attack/main'
include { REGSHIFT_EXPLAIN } from '../../../../../workflows/modules/explain/main'
include { REGSHIFT_REDUNDANCY } from '../../../../../workflows/modules/redundancy/main'

params.counts = null
params.motifs = null
params.outdir = 'audit-results'

workflow {
    REGSHIFT_QC(Channel.of([[id: 'hepg2', condition: 'hepg2'], file(params.counts), []]))
    REGSHIFT_TRAIN(REGSHIFT_QC.out.activity)
    def audited = REGSHIFT_TRAIN.out.model.join(REGSHIFT_QC.out.activity)
    REGSHIFT_ATTACK(audited.map { meta, model, activity -> [[id: 'attack', method: 'substitution'], model, activity] })
    REGSHIFT_EXPLAIN(audited.map { meta, model, activity -> [[id: 'explain'], model, activity, []] })
    REGSHIFT_REDUNDANCY(audited.map { meta, model, activity -> [[id: 'redundancy'], model, activity, file(params.motifs), []] })
    REGSHIFT_ATTACK.out.json.mix(REGSHIFT_EXPLAIN.out.json, REGSHIFT_REDUNDANCY.out.json)
        .map { meta, json -> json.toString() }
        .collectFile(name: 'audit_files.txt', storeDir: params.outdir, newLine: true, sort: true)
}
