import groovy.json.JsonSlurper
import java.nio.file.Path
import nextflow.exception.AbortOperationException

/**
 * Checks the pipeline's parameters against nextflow_schema.json before anything runs: an unknown
 * parameter, a value of the wrong type, or a value outside its enum stops the run with one clear
 * message (the nf-schema plugin cannot be downloaded here, so the pipeline does it itself).
 */
class ParamsSchema {
    static void validate(Map params, Path schemaFile) {
        def schema = new JsonSlurper().parse(schemaFile.toFile())
        Map<String, Map> properties = [:]
        schema.get('$defs', schema.definitions ?: [:]).each { name, group -> properties.putAll(group.properties ?: [:]) }
        properties.putAll(schema.properties ?: [:])
        def errors = []
        params.each { String key, value ->
            if (key.contains('-') || (key != key.toLowerCase() && properties.containsKey(snake(key)))) {
                return  // Nextflow's own aliases of a snake_case parameter
            }
            def spec = properties[key]
            if (spec == null) {
                errors << "unknown parameter --${key}"
                return
            }
            def problem = check(value, spec)
            if (problem) {
                errors << "--${key} ${problem}"
            }
        }
        if (errors) {
            throw new AbortOperationException("Invalid parameters (see nextflow_schema.json): " + errors.join('; '))
        }
    }

    private static String check(value, Map spec) {
        if (value == null) {
            return null
        }
        switch (spec.type) {
            case 'integer':
                if (!(value instanceof Integer || value instanceof Long) && !(value instanceof String && value ==~ /-?\d+/)) {
                    return "must be an integer, not '${value}'"
                }
                break
            case 'number':
                if (!(value instanceof Number) && !(value instanceof String && value.isNumber())) {
                    return "must be a number, not '${value}'"
                }
                break
            case 'boolean':
                if (!(value instanceof Boolean)) {
                    return "is a flag (true or false), not '${value}'"
                }
                break
            case 'string':
                if (value instanceof Boolean) {
                    return "needs a value"
                }
                break
        }
        if (spec.minimum != null && value.toString().isNumber() && (value as BigDecimal) < (spec.minimum as BigDecimal)) {
            return "must be at least ${spec.minimum}, not ${value}"
        }
        if (spec.exclusiveMinimum != null && value.toString().isNumber()
                && (value as BigDecimal) <= (spec.exclusiveMinimum as BigDecimal)) {
            return "must be more than ${spec.exclusiveMinimum}, not ${value}"
        }
        if (spec.maximum != null && value.toString().isNumber() && (value as BigDecimal) > (spec.maximum as BigDecimal)) {
            return "must be at most ${spec.maximum}, not ${value}"
        }
        if (spec.multipleOf != null && value.toString().isNumber()
                && (value as BigDecimal).remainder(spec.multipleOf as BigDecimal) != 0) {
            return "must be a multiple of ${spec.multipleOf}, not ${value}"
        }
        if (spec.enum && !(value.toString() in spec.enum)) {
            return "must be one of ${spec.enum.join(', ')}, not '${value}'"
        }
        if (spec.pattern && !(value.toString() ==~ spec.pattern)) {
            return "'${value}' does not match ${spec.pattern}"
        }
        return null
    }

    private static String snake(String camel) {
        camel.replaceAll(/([A-Z])/) { all, c -> '_' + c.toLowerCase() }
    }
}
