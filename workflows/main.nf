#!/usr/bin/env nextflow
// RegShift: with --counts, the user's MPRA data go through the steps; without, the benchmark runs
// on the simulator suite. Every parameter is described in nextflow_schema.json and checked
// against it before anything runs (first thing in the workflow: Nextflow's strict syntax allows no
// statements outside workflows and functions).

include { BENCHMARK } from './subworkflows/benchmark'
include { DATA      } from './subworkflows/data'

workflow {
    ParamsSchema.validate(params, file("${projectDir}/../nextflow_schema.json"))
    def motifs = params.motifs ? file(params.motifs, checkIfExists: true) : []
    def versions
    if (params.counts) {
        def fasta = params.fasta ? file(params.fasta, checkIfExists: true) : []
        DATA(file(params.counts, checkIfExists: true), fasta, params.condition, variants())
        versions = DATA.out.versions
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
