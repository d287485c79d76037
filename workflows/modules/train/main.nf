// regshift train: one ensemble member (meta.member of meta.ensemble, seed meta.seed + member) on
// an activity table, so that members run as parallel tasks; merge them with REGSHIFT_ENSEMBLE.

process REGSHIFT_TRAIN {
    tag "${meta.id}"
    label 'process_low'
    container 'ghcr.io/regshift/regshift:0.1.0'

    input:
    tuple val(meta), path(activity)

    output:
    tuple val(meta), path("${prefix}"), emit: model
    path "versions.yml"               , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args   = task.ext.args ?: ''
    prefix     = task.ext.prefix ?: "${meta.id}"
    def member = meta.ensemble ? "--ensemble ${meta.ensemble} --member ${meta.member}" : ''
    def seed   = meta.seed != null ? "--seed ${meta.seed}" : ''
    def heap   = task.memory ? "-Xmx${(task.memory.toMega() * 0.5) as long}m -Dorg.bytedeco.javacpp.maxphysicalbytes=${(task.memory.toMega() * 0.9) as long}m" : ''
    """
    export REGSHIFT_JAVA_OPTS="${heap}"
    regshift train --data ${activity} --out ${prefix} ${seed} ${member} --threads ${task.cpus} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: \$(regshift --version | sed 's/^regshift //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    mkdir ${prefix}
    touch ${prefix}/model.json ${prefix}/member_0.zip ${prefix}/provenance.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: stub
    END_VERSIONS
    """
}
