import org.yaml.snakeyaml.Yaml

/**
 * The versions.yml of every task merged into one map, process (its last name) to tool to version,
 * with the workflow's own versions: pipeline_info/software_versions.yml, and the same table as
 * MultiQC custom content (regshift_software_mqc_versions.yml, read through assets/multiqc_config.yml).
 */
class SoftwareVersions {
    static Map<String, Map> merge(List<String> versionFiles, String nextflow, String pipeline) {
        Map<String, Map> byProcess = new TreeMap<>()
        versionFiles.each { text ->
            (new Yaml().load(text) as Map).each { process, tools -> byProcess[process.toString().tokenize(':')[-1]] = tools }
        }
        byProcess['Workflow'] = [Nextflow: nextflow, regshift: pipeline]
        return byProcess
    }

    static String yaml(Map<String, Map> versions) {
        new Yaml().dumpAsMap(versions)
    }

    static String multiqc(Map<String, Map> versions) {
        new Yaml().dumpAsMap([id: 'regshift_software_versions', data: versions])
    }
}
