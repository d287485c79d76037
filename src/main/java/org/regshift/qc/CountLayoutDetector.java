package org.regshift.qc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.regshift.io.InputException;
import org.regshift.io.UsageException;

/**
 * Finds the columns of an MPRA count table from its header. DNA columns are named
 * {@code dna_<rep>}, {@code dna_count_<rep>} or {@code plasmid_<rep>}; RNA columns
 * {@code rna_<rep>}, {@code rna_count_<rep>}, {@code <condition>_rna_<rep>} or
 * {@code <condition>_rna_count_<rep>}; DNA and RNA of a replicate pair up by {@code <rep>}.
 * Explicit column lists override the names and pair up by position. Columns of normalised values
 * ({@code *_normalized}, {@code *_normalised}) are never counts. A table with {@code replicate},
 * {@code dna_counts} and {@code rna_counts} columns is long (MPRAsnakeflow's oligo level), with
 * {@code n_bc} as its barcodes per element. A table with {@code name}, {@code dna_count},
 * {@code rna_count} and {@code n_obs_bc} is one replicate of MPRAflow's per-replicate tables.
 */
public final class CountLayoutDetector {
    public static final List<String> ID_CANDIDATES = List.of("id", "oligo_id", "oligo_name", "name");
    public static final List<String> PASS_THROUGH = List.of("batch", "cell_type", "condition", "group", "scenario");
    private static final String N_BARCODES = "n_barcodes";
    private static final List<String> LONG_COLUMNS = List.of("replicate", "dna_counts", "rna_counts");
    private static final String LONG_BARCODES = "n_bc";
    /** The barcodes of an element in one of MPRAflow's per-replicate tables (a replicate's own, not the element's). */
    static final String MPRAFLOW_BARCODES = "n_obs_bc";
    private static final List<String> MPRAFLOW_COLUMNS = List.of("name", "dna_count", "rna_count", MPRAFLOW_BARCODES);
    private static final Pattern NORMALISED = Pattern.compile("(?i).*normali[sz]ed.*");
    private static final Pattern DNA = Pattern.compile("(?i)(?:dna_count|dna|plasmid)_(.+)");
    private static final Pattern RNA = Pattern.compile("(?i)(?:(.+)_)?rna(?:_count)?_(.+)");

    /** What the user chose on the command line; null or empty means "find it". */
    public record Choices(String idColumn, String sequenceColumn, List<String> dnaColumns, List<String> rnaColumns,
                          String condition, List<String> keepColumns) {
    }

    private final Path file;
    private final List<String> header;

    public CountLayoutDetector(Path file, List<String> header) {
        this.file = file;
        this.header = header;
    }

    /** Whether the header is that of a long table: one row per element and replicate. */
    public static boolean isLong(List<String> header) {
        return header.containsAll(LONG_COLUMNS);
    }

    /** Whether the header is that of one of MPRAflow's per-replicate tables (and not a long table). */
    public static boolean isMpraflowReplicate(List<String> header) {
        return header.containsAll(MPRAFLOW_COLUMNS) && !isLong(header);
    }

    public CountLayout detect(Choices choices) {
        return detect(choices, List.of());
    }

    /**
     * The layout; {@code sharedColumnReplicates}: the replicate names of a long table (in order of
     * appearance) or of MPRAflow's per-replicate files (in file order), whose replicates share columns.
     */
    public CountLayout detect(Choices choices, List<String> sharedColumnReplicates) {
        CountLayout.Column id = idColumn(choices.idColumn());
        CountLayout.Column replicate = isLong(header) ? required(LONG_COLUMNS.get(0), "replicate") : null;
        boolean replicateFiles = isMpraflowReplicate(header);
        if ((replicate != null || replicateFiles) && hasExplicitColumns(choices)) {
            throw new UsageException("--dna-columns and --rna-columns do not apply to " + file + ": its replicates share "
                    + "the columns " + (replicateFiles ? "dna_count and rna_count" : "dna_counts and rna_counts"));
        }
        CountLayout.Column barcode = optional("barcode");
        CountLayout.Column sequence = choices.sequenceColumn() == null ? null : required(choices.sequenceColumn(), "sequence");
        List<CountLayout.Replicate> replicates = replicate != null
                ? sharedColumns(sharedColumnReplicates, LONG_COLUMNS.get(1), LONG_COLUMNS.get(2))
                : replicateFiles ? sharedColumns(sharedColumnReplicates, MPRAFLOW_COLUMNS.get(1), MPRAFLOW_COLUMNS.get(2))
                : hasExplicitColumns(choices) ? explicitReplicates(choices.dnaColumns(), choices.rnaColumns())
                : namedReplicates(choices.condition());
        Set<String> used = new LinkedHashSet<>();
        used.add(id.name());
        if (replicate != null) {
            used.add(replicate.name());
        }
        if (barcode != null) {
            used.add(barcode.name());
        }
        if (sequence != null) {
            used.add(sequence.name());
        }
        List<CountLayout.Column> passThrough = new ArrayList<>();
        for (String name : PASS_THROUGH) {
            CountLayout.Column c = optional(name);
            if (c != null && used.add(name)) {
                passThrough.add(c);
            }
        }
        for (String name : choices.keepColumns()) {
            CountLayout.Column c = required(name, "kept");
            if (used.add(name)) {
                passThrough.add(c);
            }
        }
        CountLayout.Column barcodesPerElement = barcode != null || replicateFiles ? null
                : replicate != null ? optional(LONG_BARCODES) : optional(N_BARCODES);
        return new CountLayout(id, barcode, sequence, barcodesPerElement, replicates, passThrough, replicate, replicateFiles);
    }

    private List<CountLayout.Replicate> sharedColumns(List<String> names, String dnaColumn, String rnaColumn) {
        CountLayout.Column dna = required(dnaColumn, "DNA");
        CountLayout.Column rna = required(rnaColumn, "RNA");
        return names.stream().map(n -> new CountLayout.Replicate(n, dna, rna)).toList();
    }

    private static boolean hasExplicitColumns(Choices choices) {
        return !choices.dnaColumns().isEmpty() || !choices.rnaColumns().isEmpty();
    }

    private CountLayout.Column idColumn(String chosen) {
        if (chosen != null) {
            return required(chosen, "ID");
        }
        for (String name : ID_CANDIDATES) {
            CountLayout.Column c = optional(name);
            if (c != null) {
                return c;
            }
        }
        throw headerError("no ID column: expected one of " + ID_CANDIDATES + " (or name it with --id-column)");
    }

    private List<CountLayout.Replicate> explicitReplicates(List<String> dna, List<String> rna) {
        if (dna.size() != rna.size()) {
            throw new UsageException("--dna-columns names " + dna.size() + " columns but --rna-columns names " + rna.size()
                    + "; they pair up by position");
        }
        List<CountLayout.Replicate> reps = new ArrayList<>();
        for (int i = 0; i < dna.size(); i++) {
            Matcher m = RNA.matcher(rna.get(i));
            String name = m.matches() ? m.group(2) : "rep" + (i + 1);
            if (reps.stream().anyMatch(r -> r.name().equals(name))) {
                throw new UsageException("replicate name '" + name + "' comes twice in --rna-columns");
            }
            reps.add(new CountLayout.Replicate(name, required(dna.get(i), "DNA"), required(rna.get(i), "RNA")));
        }
        return reps;
    }

    private List<CountLayout.Replicate> namedReplicates(String condition) {
        Map<String, CountLayout.Column> dna = new LinkedHashMap<>();
        Map<String, Map<String, CountLayout.Column>> rnaByCondition = new LinkedHashMap<>();
        List<String> normalised = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (NORMALISED.matcher(name).matches()) {
                normalised.add(name);
                continue;
            }
            Matcher d = DNA.matcher(name);
            Matcher r = RNA.matcher(name);
            if (d.matches()) {
                dna.put(d.group(1), new CountLayout.Column(i, name));
            } else if (r.matches()) {
                String cond = r.group(1) == null ? "" : r.group(1);
                rnaByCondition.computeIfAbsent(cond, k -> new LinkedHashMap<>()).put(r.group(2), new CountLayout.Column(i, name));
            }
        }
        if (dna.isEmpty() && !normalised.isEmpty()) {
            throw headerError("only normalised values (" + String.join(", ", normalised) + "), no DNA and RNA counts: qc "
                    + "estimates activity from raw counts (MPRAsnakeflow's barcode table or its oligo table with "
                    + "dna_counts and rna_counts)");
        }
        if (dna.isEmpty()) {
            throw headerError("no DNA count columns: expected dna_<rep>, dna_count_<rep> or plasmid_<rep> "
                    + "(or name them with --dna-columns)");
        }
        if (rnaByCondition.isEmpty()) {
            throw headerError("no RNA count columns: expected rna_<rep> or <condition>_rna_<rep> "
                    + "(or name them with --rna-columns)");
        }
        Map<String, CountLayout.Column> rna = rnaForCondition(rnaByCondition, condition);
        if (!dna.keySet().equals(rna.keySet())) {
            throw headerError("DNA and RNA replicate columns do not pair up: DNA replicates " + new TreeSet<>(dna.keySet())
                    + ", RNA replicates " + new TreeSet<>(rna.keySet())
                    + " (pair them with --dna-columns and --rna-columns)");
        }
        List<CountLayout.Replicate> reps = new ArrayList<>();
        rna.forEach((rep, column) -> reps.add(new CountLayout.Replicate(rep, dna.get(rep), column)));
        return reps;
    }

    private Map<String, CountLayout.Column> rnaForCondition(Map<String, Map<String, CountLayout.Column>> byCondition,
                                                            String condition) {
        Set<String> conditions = new TreeSet<>(byCondition.keySet());
        conditions.remove("");
        if (condition != null) {
            for (Map.Entry<String, Map<String, CountLayout.Column>> e : byCondition.entrySet()) {
                if (e.getKey().equalsIgnoreCase(condition)) {
                    return e.getValue();
                }
            }
            throw headerError("no RNA columns for condition '" + condition + "': expected " + condition
                    + "_rna_<rep> (conditions in the table: " + (conditions.isEmpty() ? "none" : String.join(", ", conditions)) + ")");
        }
        if (byCondition.size() > 1) {
            throw new UsageException(file + " holds RNA counts for several conditions (" + String.join(", ", conditions)
                    + "): choose one with --condition");
        }
        return byCondition.values().iterator().next();
    }

    private CountLayout.Column optional(String name) {
        int i = header.indexOf(name);
        return i < 0 ? null : new CountLayout.Column(i, name);
    }

    private CountLayout.Column required(String name, String role) {
        CountLayout.Column c = optional(name);
        if (c == null) {
            throw headerError("no " + role + " column '" + name + "' (columns: " + String.join(", ", header) + ")");
        }
        return c;
    }

    private InputException headerError(String what) {
        return InputException.atLine(file, 1, what);
    }
}
