#!/usr/bin/env nextflow
// RegShift: with --input (a samplesheet), --counts (MPRA counts, through qc) or --activity (measured
// activities, through prepare), the user's samples go through the steps, each into
// <outdir>/<sample>/; without any of them, the benchmark runs on the simulator suite. MultiQC
// closes every run that can run it (MultiqcRun). Every parameter is described in
// nextflow_schema.json and checked against it before anything runs (first thing in the workflow:
// Nextflow's strict syntax allows no statements outside workflows and functions).

include { BENCHMARK } from './subworkflows/benchmark'
include { SAMPLES   } from './subworkflows/samples'
include { MULTIQC   } from './modules/multiqc/main'

workflow {
    ParamsSchema.validate(params, file("${projectDir}/../nextflow_schema.json"))
    ExecutorChecks.validate(workflow, params)
    def samples = samples()
    def versions
    def mqc
    if (samples) {
        SAMPLES(Channel.fromList(samples))
        versions = SAMPLES.out.versions
        mqc = SAMPLES.out.mqc
    } else {
        def motifs = params.motifs ? file(params.motifs, checkIfExists: true) : []
        BENCHMARK(params.scenarios.tokenize(',')*.trim(), params.levels.tokenize(',')*.trim(), motifs)
        versions = BENCHMARK.out.versions
        mqc = BENCHMARK.out.mqc
    }
    def merged = versions.map { it.text }.unique().toList()
        .map { texts -> SoftwareVersions.merge(texts, workflow.nextflow.version.toString(), workflow.manifest.version) }
    merged.map { SoftwareVersions.yaml(it) }.collectFile(name: 'software_versions.yml', storeDir: "${params.outdir}/pipeline_info")
    if (MultiqcRun.wanted(workflow, params, log)) {
        def mqcVersions = merged.map { SoftwareVersions.multiqc(it) }.collectFile(name: 'regshift_software_mqc_versions.yml')
        MULTIQC(mqc.mix(mqcVersions).collect(), file("${projectDir}/../assets/multiqc_config.yml", checkIfExists: true))
    }
}

// The samples: the rows of --input, or one row of --counts/--activity and their options; [] for
// the benchmark.
def samples() {
    def schema = file("${projectDir}/../assets/schema_input.json")
    def columns = ['counts', 'fasta', 'condition', 'split_by', 'activity', 'vcf', 'reference']
    if (params.input) {
        def given = columns.findAll { params[it] }
        if (given) {
            error "--input names every sample's files and options: --${given[0]} is a column of the samplesheet, not a parameter beside it"
        }
        return Samplesheet.read(file(params.input), schema)
    }
    if (!params.counts && !params.activity) {
        return []
    }
    def sample = params.activity ? params.target_column : params.condition ?: file(params.counts).simpleName
    def row = columns.collectEntries { [it, params[it]] } + [sample: sample, target_column: params.activity ? params.target_column : null]
    return Samplesheet.of([row], schema, 'parameters')
}
