// regshift attack: how far FGSM, PGD or greedy substitutions move a model's predictions, with RMSE,
// NLL and interval coverage under attack.

process REGSHIFT_ATTACK {
    tag "${meta.id}"
    label 'process_medium'
    container 'ghcr.io/regshift/regshift:0.1.0'

    input:
    tuple val(meta), path(model), path(data)

    output:
    tuple val(meta), path("${prefix}/attack.json")  , emit: json
    tuple val(meta), path("${prefix}/shifts.tsv")   , emit: shifts
    tuple val(meta), path("${prefix}/attack.*")     , emit: plots
    tuple val(meta), path("${prefix}/attacked.fa")  , emit: attacked, optional: true
    path "versions.yml"                             , emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix   = task.ext.prefix ?: "${meta.id}"
    def method = meta.method ? "--method ${meta.method}" : ''
    """
    regshift attack --model ${model} --data ${data} ${method} --threads ${task.cpus} --out ${prefix} ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: \$(regshift --version | sed 's/^regshift //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    mkdir ${prefix}
    touch ${prefix}/shifts.tsv ${prefix}/attack.png
    echo '{}' > ${prefix}/attack.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        regshift: stub
    END_VERSIONS
    """
}
