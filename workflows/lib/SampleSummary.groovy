import java.nio.file.Path

/**
 * One row per sample and scenario for summary/samples.tsv and the MultiQC table: the accuracy
 * and the 90% interval coverage over the test split, before and after calibration, from the
 * metrics.tsv of the sample's two evaluations.
 */
class SampleSummary {
    static final List<String> COLUMNS = ['sample', 'scenario', 'n', 'pearson', 'spearman', 'rmse', 'nll',
                                         'coverage_90_uncalibrated', 'coverage_90']

    static List<List<String>> rows(String sample, Path calibrated, Path uncalibrated) {
        def before = overall(uncalibrated).collectEntries { [it.scenario, it.coverage_90] }
        return overall(calibrated).collect { m ->
            [sample, m.scenario, m.n, m.pearson, m.spearman, m.rmse, m.nll, before[m.scenario], m.coverage_90]
        }
    }

    /** A row of the MultiQC table: named by the sample, and the scenario where it is another (a shift truth table). */
    static String multiqcRow(List<String> row) {
        def name = row[1] == row[0] ? row[0] : "${row[0]}_${row[1]}"
        return ([name] + row.drop(2)).join('\t')
    }

    static String multiqcHeader() {
        (["# id: 'regshift_samples'",
          "# section_name: 'RegShift: model accuracy per sample'",
          "# description: 'Test-split accuracy and 90% interval coverage (before and after calibration) of every sample and scenario'",
          "# plot_type: 'table'",
          (['Sample'] + COLUMNS.drop(2)).join('\t')]).join('\n')
    }

    /** The rows of a metrics.tsv over all elements of a scenario (group 'all'), column name to value. */
    private static List<Map<String, String>> overall(Path tsv) {
        def lines = tsv.readLines()
        def header = lines[0].split('\t') as List
        return lines.drop(1).collect { line -> [header, line.split('\t') as List].transpose().collectEntries() }
            .findAll { it.group == 'all' }
    }
}
