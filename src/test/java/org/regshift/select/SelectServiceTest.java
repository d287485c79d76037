package org.regshift.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.metrics.Selective;
import org.regshift.provenance.Provenance;

/** Thresholds, accepted rows and risks of select, worked by hand on five rows. */
class SelectServiceTest {
    /** var_total 1..5; squared errors 0.25, 1, 0, 4, 9. */
    private static final String TABLE = """
            id\tmean\tvar_aleatoric\tvar_epistemic\tvar_total\tlower\tupper\ty
            a\t0\t1\t0\t1\t-1\t1\t0.5
            b\t0\t2\t0\t2\t-2\t2\t1
            c\t0\t3\t0\t3\t-3\t3\t0
            d\t0\t4\t0\t4\t-4\t4\t2
            e\t0\t5\t0\t5\t-5\t5\t3
            """;

    @TempDir
    Path tmp;

    private SelectService.Report run(Double coverage, Double targetRisk, Path out) throws Exception {
        Path table = tmp.resolve("p.tsv");
        Files.writeString(table, TABLE);
        return SelectService.run(new SelectService.Request(table, null, List.of(SelectionScore.VAR_TOTAL, SelectionScore.WIDTH),
                Selective.Risk.SQUARED, coverage, targetRisk, targetRisk == null ? null : table, "calibration", out),
                new Provenance("select", List.of("regshift", "select"), java.util.Map.of()));
    }

    @Test
    void aCoverageTargetAcceptsTheLeastUncertainRows() throws Exception {
        Path out = tmp.resolve("c");
        SelectService.Report r = run(0.6, null, out);
        assertThat(r.threshold()).isEqualTo(3.0);
        assertThat(r.applied().accepted()).isEqualTo(3);
        assertThat(r.applied().coverage()).isEqualTo(0.6);
        assertThat(r.applied().selectiveRisk()).isCloseTo((0.25 + 1 + 0) / 3, within(1e-12));
        SelectService.ScoreSummary s = r.scores().get(SelectionScore.VAR_TOTAL);
        // risks at coverage 1/5..5/5: 0.25, 0.625, 0.4167, 1.3125, 2.85; oracle: 0, 0.125, 0.4167, 1.3125, 2.85
        assertThat(s.aurc()).isCloseTo((0.25 + 0.625 + 1.25 / 3 + 1.3125 + 2.85) / 5, within(1e-12));
        assertThat(s.oracleAurc()).isCloseTo((0 + 0.125 + 1.25 / 3 + 1.3125 + 2.85) / 5, within(1e-12));
        assertThat(s.eAurc()).isCloseTo(s.aurc() - s.oracleAurc(), within(1e-12));
        assertThat(s.fullRisk()).isCloseTo(2.85, within(1e-12));
        assertThat(Files.readAllLines(out.resolve("selected.tsv")).stream().skip(1).map(l -> l.substring(l.lastIndexOf('\t') + 1)))
                .containsExactly("1", "1", "1", "0", "0");
        assertThat(Files.readString(out.resolve("selection.json"))).contains("\"score\" : \"var_total\"")
                .contains("\"target_coverage\" : 0.6").contains("\"risk_at_50\"");
    }

    @Test
    void aRiskTargetAcceptsTheLargestSetWhoseRiskStaysUnderIt() throws Exception {
        SelectService.Report r = run(null, 0.5, tmp.resolve("r"));
        assertThat(r.threshold()).isEqualTo(3.0);
        assertThat(r.fit().selectiveRisk()).isCloseTo(1.25 / 3, within(1e-12));
        SelectService.Report none = run(null, 0.1, tmp.resolve("n"));
        assertThat(none.applied().accepted()).isZero();
    }
}
