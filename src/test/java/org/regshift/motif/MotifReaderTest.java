package org.regshift.motif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regshift.io.InputException;

class MotifReaderTest {
    static final Path JASPAR = Path.of("test-data/jaspar/JASPAR2024_CORE_vertebrates_non-redundant_pfms_jaspar.txt");
    static final Path MEME = Path.of("test-data/jaspar/JASPAR2024_CORE_vertebrates_non-redundant_pfms_meme.txt");

    @TempDir
    Path tmp;

    @Test
    void jasparAndMemeFilesOfJaspar2024GiveTheSameMotifs() {
        List<Pwm> jaspar = MotifReader.read(JASPAR);
        List<Pwm> meme = MotifReader.read(MEME);
        assertThat(jaspar).hasSize(879);
        assertThat(meme).hasSize(879);
        for (int k = 0; k < jaspar.size(); k++) {
            Pwm a = jaspar.get(k);
            Pwm b = meme.get(k);
            assertThat(b.id()).isEqualTo(a.id());
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(b.length()).isEqualTo(a.length());
            for (int i = 0; i < a.length(); i++) {
                for (int base = 0; base < 4; base++) {
                    assertThat(b.probability(i, base)).as(a.id()).isCloseTo(a.probability(i, base), within(0.01));
                }
            }
        }
        Pwm arnt = jaspar.get(0);
        assertThat(arnt.id()).isEqualTo("MA0004.1");
        assertThat(arnt.name()).isEqualTo("Arnt");
        // counts A4 C16 G0 T0 over 20 sites, pseudocount 0.8 spread evenly
        assertThat(arnt.probability(0, 1)).isCloseTo((16 + 0.2) / 20.8, within(1e-12));
    }

    @Test
    void scoresAreLogOddsOnEitherStrandAndTheConsensusScoresBest() {
        Pwm arnt = MotifReader.read(JASPAR).get(0);
        String consensus = "CACGTG";
        assertThat(arnt.score(consensus, 0, false)).isCloseTo(arnt.maxScore(), within(1e-9));
        assertThat(arnt.score("CACGTG", 0, true)).isEqualTo(arnt.score(consensus, 0, false));
        assertThat(arnt.score("AAAAAA", 0, false)).isLessThan(arnt.maxScore() - 10);
    }

    @Test
    void theDefaultSetIsFourteenJasparMotifs() {
        List<Pwm> defaults = MotifReader.defaults();
        assertThat(defaults).hasSize(14).extracting(Pwm::name).contains("HNF4A", "CTCF", "GATA1", "REST");
    }

    @Test
    void malformedFilesNameTheLine() throws IOException {
        Path f = tmp.resolve("bad.jaspar");
        Files.writeString(f, ">MA1 X\nA [ 1 2 ]\nC [ 1 2 ]\nG [ 1 x ]\nT [ 1 2 ]\n");
        assertThatThrownBy(() -> MotifReader.read(f)).isInstanceOf(InputException.class)
                .hasMessage(f + " line 4: 'x' is not a non-negative number");
        Files.writeString(f, ">MA1 X\nA [ 1 2 ]\nC [ 1 2 3 ]\nG [ 1 2 ]\nT [ 1 2 ]\n");
        assertThatThrownBy(() -> MotifReader.read(f)).hasMessage(f + " line 3: row has 3 columns, the A row has 2");
        Files.writeString(f, "MOTIF M1\nletter-probability matrix: alength= 4 w= 2\n0.25 0.25 0.25 0.25\n");
        assertThatThrownBy(() -> MotifReader.read(f)).hasMessage(f + " line 4: motif 'M1' expects 2 rows of 4 probabilities");
        Files.writeString(f, "just text\n");
        assertThatThrownBy(() -> MotifReader.read(f)).hasMessage(f + " line 1: expected a '>ID NAME' header line, found 'just text'");
        Files.writeString(f, "# nothing\n");
        assertThatThrownBy(() -> MotifReader.read(f)).hasMessageContaining("holds no motifs");
    }
}
