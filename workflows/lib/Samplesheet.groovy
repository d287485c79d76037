import groovy.json.JsonSlurper
import java.nio.file.Path
import nextflow.Nextflow
import nextflow.exception.AbortOperationException

/**
 * The samplesheet (--input), read and checked against assets/schema_input.json before any task:
 * an unknown column, a row of the wrong width, a value that breaks its pattern, a file that does
 * not exist, a row with both or neither of counts and activity, a column given without the one it
 * needs, or a sample named twice stops the run with one line naming the file, the line and the
 * problem. The schema keywords it applies: properties, required, pattern, format file-path with
 * exists, oneOf of required, dependentRequired and uniqueEntries.
 */
class Samplesheet {
    /** The rows as maps of the non-empty cells, file columns resolved to paths. */
    static List<Map> read(Path csv, Path schemaFile) {
        if (!csv.exists()) {
            fail("${csv}: the samplesheet does not exist")
        }
        def schema = schema(schemaFile)
        List<List<String>> lines = csv.splitCsv(header: false, quote: '"').collect { it*.trim() }
        def header = lines ? lines[0] : []
        if (header) {
            header[0] = header[0].replaceFirst(/^\uFEFF/, '')  // the byte-order mark spreadsheets write
        }
        def columns = schema.items.properties.keySet()
        def unknown = header.findAll { !(it in columns) }
        if (unknown) {
            fail("${csv.name} line 1: unknown column '${unknown[0]}' (expected some of: ${columns.join(', ')})")
        }
        def repeated = header.findAll { column -> header.count(column) > 1 }
        if (repeated) {
            fail("${csv.name} line 1: column '${repeated[0]}' appears twice")
        }
        def rows = []
        lines.drop(1).eachWithIndex { fields, i ->
            if (fields == ['']) {
                return
            }
            def where = "${csv.name} line ${i + 2}:"
            if (fields.size() != header.size()) {
                fail("${where} ${fields.size()} fields, the header has ${header.size()}")
            }
            def present = [header, fields].transpose().findAll { k, v -> v }.collectEntries { k, v -> [k, v] }
            rows << checkRow(where, present, schema, csv.parent)
        }
        if (!rows) {
            fail("${csv.name}: a header and at least one sample expected")
        }
        return unique(csv.name, rows, schema)
    }

    /** Rows built from parameters (the one-sample shortcut), checked by the same rules. */
    static List<Map> of(List<Map> rows, Path schemaFile, String source) {
        def schema = schema(schemaFile)
        return unique(source, rows.collect { row ->
            def present = row.findAll { k, v -> v != null && v != '' }.collectEntries { k, v -> [k, v.toString()] }
            checkRow("${source}:", present, schema, null)
        }, schema)
    }

    private static Map checkRow(String where, Map<String, String> row, Map schema, Path base) {
        def items = schema.items
        items.required.each { column ->
            if (!row[column]) {
                fail("${where} column '${column}' is empty")
            }
        }
        def matching = items.oneOf.findAll { alternative -> alternative.required.every { row[it] } }
        if (matching.size() != 1) {
            fail("${where} exactly one of ${items.oneOf.collect { it.required.join('+') }.join(', ')} expected")
        }
        items.dependentRequired.each { column, needs ->
            needs.findAll { row[column] && !row[it] }.each { fail("${where} '${column}' needs '${it}'") }
        }
        return row.collectEntries { column, value ->
            def spec = items.properties[column]
            if (spec.pattern && !(value ==~ spec.pattern)) {
                fail("${where} ${column} '${value}' does not match ${spec.pattern}")
            }
            if (spec.format == 'file-path') {
                def file = value.contains('://') || value.startsWith('/') || base == null ? Nextflow.file(value) : base.resolve(value)
                if (spec.exists && !file.exists()) {
                    fail("${where} ${column} '${value}' does not exist")
                }
                return [column, file]
            }
            return [column, value]
        }
    }

    /** The rows, once no value of a uniqueEntries column appears twice. */
    private static List<Map> unique(String source, List<Map> rows, Map schema) {
        schema.uniqueEntries.each { column ->
            def seen = [] as Set
            rows.each { row ->
                if (!seen.add(row[column])) {
                    fail("${source}: ${column} '${row[column]}' appears twice")
                }
            }
        }
        return rows
    }

    private static Map schema(Path schemaFile) {
        new JsonSlurper().parse(schemaFile.toFile()) as Map
    }

    private static void fail(String message) {
        throw new AbortOperationException(message)
    }
}
