package org.regshift.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.regshift.io.AtomicOutputDir;
import org.regshift.io.Json;
import org.regshift.io.UsageException;
import org.regshift.motif.MotifReader;
import org.regshift.motif.Pwm;
import org.regshift.provenance.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Simulates one library, or the benchmark suite of a training library and shifted test libraries. */
public final class SimulateService {
    public static final String SCENARIO_JSON = "scenario.json";
    public static final String SUITE_JSON = "suite.json";
    private static final Logger LOG = LoggerFactory.getLogger(SimulateService.class);

    /**
     * One library of a run: its name (in a suite, its directory), and the stream its sequences come
     * from: "train" or "test" in a suite (so every test library holds the same underlying elements
     * and differs from the others only by its shift; the stream is also the suite's ID prefix),
     * "library" alone.
     */
    record Library(String name, String stream, Scenario scenario, double severity, String level, int n) {
    }

    private SimulateService() {
    }

    /** What was written: how many libraries and sequences. */
    public record Result(int libraries, long sequences) {
    }

    public static Result run(SimRequest request, Provenance provenance, LongConsumer progress) {
        List<Pwm> motifs = request.motifs() == null ? MotifReader.defaults() : MotifReader.read(request.motifs());
        for (Pwm m : motifs) {
            if (m.length() > request.params().length()) {
                throw new UsageException("motif " + m.id() + " (" + m.length() + " bp) is longer than --length "
                        + request.params().length());
            }
        }
        request.scenario().checkSeverity(request.severity());
        if (request.scenario() == Scenario.CELL_TYPE && request.params().cellTypes() < 2) {
            throw new UsageException("scenario cell_type needs --cell-types 2 or more");
        }
        CellPrograms programs = CellPrograms.generate(motifs, request.params(), Draws.derive(request.seed(), "program"));
        List<Library> libraries = request.suite() ? chosen(suite(request), request.libraries()) : List.of(single(request));
        try (AtomicOutputDir out = new AtomicOutputDir(request.out())) {
            long[] done = {0};
            for (Library library : libraries) {
                Path dir = request.suite() ? Files.createDirectory(out.staging().resolve(library.name())) : out.staging();
                LOG.info("simulate: library {} ({}, severity {}, {} sequences)", library.name(), library.scenario().label(),
                        library.severity(), library.n());
                long before = done[0];
                simulate(request, programs, library, dir, written -> {
                    done[0] = before + written;
                    progress.accept(done[0]);
                });
            }
            if (request.suite()) {
                Json.write(out.file(SUITE_JSON), suiteIndex(libraries));
            }
            provenance.put("motifs", request.motifs() == null ? "default JASPAR 2024 set (14 motifs)" : request.motifs().toString());
            provenance.write(out.file(AtomicOutputDir.PROVENANCE));
            out.commit();
            return new Result(libraries.size(), done[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Library single(SimRequest r) {
        String name = r.scenario() == Scenario.REFERENCE ? "reference" : r.scenario().label() + "_" + r.severity();
        return new Library(name, "library", r.scenario(), r.severity(), null, r.params().n());
    }

    private static List<Library> suite(SimRequest r) {
        List<Library> libraries = new ArrayList<>();
        libraries.add(new Library("train", "train", Scenario.REFERENCE, 0, null, r.params().n()));
        libraries.add(new Library("reference", "test", Scenario.REFERENCE, 0, null, r.testN()));
        for (Scenario s : Scenario.values()) {
            if (s == Scenario.REFERENCE) {
                continue;
            }
            if (s == Scenario.CELL_TYPE && r.params().cellTypes() < 2) {
                LOG.warn("simulate: skipping scenario cell_type, which needs --cell-types 2 or more");
                continue;
            }
            for (int level = 0; level < Scenario.LEVELS.size(); level++) {
                String name = s.label() + "_" + Scenario.LEVELS.get(level);
                libraries.add(new Library(name, "test", s, s.level(level), Scenario.LEVELS.get(level), r.testN()));
            }
        }
        return libraries;
    }

    /** The suite's libraries named on the command line (all when none are), each exactly as in the whole suite. */
    private static List<Library> chosen(List<Library> suite, List<String> names) {
        if (names.isEmpty()) {
            return suite;
        }
        List<String> known = suite.stream().map(Library::name).toList();
        for (String name : names) {
            if (!known.contains(name)) {
                throw new UsageException("--libraries: the suite has no library '" + name + "' (it has " + String.join(", ", known) + ")");
            }
        }
        return suite.stream().filter(l -> names.contains(l.name())).toList();
    }

    private static void simulate(SimRequest request, CellPrograms programs, Library library, Path dir,
                                 LongConsumer progress) {
        SimParameters p = request.params().withN(library.n());
        Shift shift = library.scenario().shift(library.severity());
        CellPrograms shifted = programs.shifted(shift, Draws.derive(request.seed(), "rewire"));
        List<Pwm> motifs = shift.pwmRotation() > 0
                ? LibraryGenerator.perturb(programs.motifs, shift.pwmRotation(), new Draws(Draws.derive(request.seed(), "pwm")))
                : programs.motifs;
        String prefix = request.suite() ? library.stream() : "seq";
        LibraryGenerator generator = new LibraryGenerator(p, shifted, motifs, shift,
                Draws.derive(request.seed(), "elements/" + library.stream()), prefix, request.controls(),
                Draws.derive(request.seed(), "controls"));
        LibrarySimulator.run(generator, p, shifted, dir, request.threads(), progress);
        Json.write(dir.resolve(SCENARIO_JSON), Json.object(
                "library", library.name(),
                "scenario", library.scenario().label(),
                "severity", library.severity(),
                "level", library.level(),
                "seed", request.seed(),
                "shift", shift,
                "parameters", p,
                "controls", request.controls(),
                "motifs", programs.motifs.stream().map(m -> Json.object("id", m.id(), "name", m.name(), "length", m.length())).toList(),
                "truth", shifted.describe(),
                "files", Json.object("sequences", LibraryWriter.SEQUENCES, "counts", LibraryWriter.COUNTS,
                        "truth", LibraryWriter.TRUTH),
                "counts_columns", "dna_<rep>, ct<k>_rna_<rep>; read with: regshift qc --counts counts.tsv.gz --fasta sequences.fa.gz --condition ct1"));
    }

    private static Map<String, Object> suiteIndex(List<Library> libraries) {
        return Json.object("libraries", libraries.stream().map(l -> Json.object("name", l.name(), "scenario",
                l.scenario().label(), "severity", l.severity(), "level", l.level(), "n", l.n(), "dir", l.name())).toList());
    }
}
