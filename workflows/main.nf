#!/usr/bin/env nextflow
// RegShift: with --counts (MPRA counts, through qc) or --activity (measured activities, through
// prepare), the user's data go through the steps; without either, the benchmark runs on the
// simulator suite. Every parameter is described in nextflow_schema.json and checked
// against it before anything runs (first thing in the workflow: Nextflow's strict syntax allows no
// statements outside workflows and functions).

include { BENCHMARK        } from './subworkflows/benchmark'
include { DATA             } from './subworkflows/data'
include { REGSHIFT_QC      } from './modules/qc/main'
include { REGSHIFT_PREPARE } from './modules/prepare/main'

workflow {
    ParamsSchema.validate(params, file("${projectDir}/../nextflow_schema.json"))
    def motifs = params.motifs ? file(params.motifs, checkIfExists: true) : []
    def versions
    if (params.counts && params.activity) {
        error "--counts and --activity are two ways in for your data: give one"
    }
    if (params.counts) {
        def counts = file(params.counts, checkIfExists: true)
        def fasta = params.fasta ? file(params.fasta, checkIfExists: true) : []
        REGSHIFT_QC(Channel.of([[id: params.condition ?: counts.simpleName, condition: params.condition,
                                 fit_split: 'calibration'], counts, fasta]))
        DATA(REGSHIFT_QC.out.activity, Channel.value([[]]), variants())
        versions = REGSHIFT_QC.out.versions.mix(DATA.out.versions)
    } else if (params.activity) {
        // without a calibration split the calibrator and the selection threshold are fitted on the validation split
        def fitSplit = params.train_splits && !params.calibration_splits ? 'valid' : 'calibration'
        REGSHIFT_PREPARE(Channel.of([[id: params.target_column, fit_split: fitSplit], file(params.activity, checkIfExists: true)]))
        DATA(REGSHIFT_PREPARE.out.activity, REGSHIFT_PREPARE.out.shifts.map { meta, files -> [files instanceof List ? files : [files]] }
            .ifEmpty([[]]), variants())
        versions = REGSHIFT_PREPARE.out.versions.mix(DATA.out.versions)
    } else {
        BENCHMARK(params.scenarios.tokenize(',')*.trim(), params.levels.tokenize(',')*.trim(), motifs)
        versions = BENCHMARK.out.versions
    }
    versions.unique().collectFile(name: 'software_versions.yml', storeDir: "${params.outdir}/pipeline_info")
}

// --vcf with its --reference and the reference's .fai/.gzi where they exist; [] without --vcf
def variants() {
    if (!params.vcf) {
        return []
    }
    if (!params.reference) {
        error "--vcf needs --reference (the FASTA the variants refer to)"
    }
    def reference = file(params.reference, checkIfExists: true)
    def indexes = ['.fai', '.gzi'].collect { file("${params.reference}${it}") }.findAll { it.exists() }
    return [file(params.vcf, checkIfExists: true), reference, indexes]
}
