// A pipeline of someone else's that reuses one RegShift module by path: proof that modules stand
// alone (no RegShift config, no lib/). regshift must be on the PATH (or in the container).
include { REGSHIFT_QC } from '../../../../../workflows/modules/qc/main'

params.counts    = null
params.condition = 'hepg2'
params.outdir    = 'reuse-results'

workflow {
    REGSHIFT_QC(Channel.of([[id: "reused_${params.condition}", condition: params.condition], file(params.counts), []]))
    REGSHIFT_QC.out.json
        .map { meta, json -> json.toString() }
        .collectFile(name: 'qc_files.txt', storeDir: params.outdir, newLine: true)
}
