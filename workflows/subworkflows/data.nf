// The user's own data: MPRA counts (and FASTA) through qc.

include { REGSHIFT_QC } from '../modules/qc/main'

workflow DATA {
    take:
    counts      // count table
    fasta       // FASTA, or [] when the table holds sequences or none are needed
    condition   // condition (cell type) to use, or null

    main:
    def name = condition ?: counts.simpleName
    REGSHIFT_QC(Channel.of([[id: name, condition: condition], counts, fasta]))

    emit:
    activity = REGSHIFT_QC.out.activity
    qc       = REGSHIFT_QC.out.json
    versions = REGSHIFT_QC.out.versions
}
