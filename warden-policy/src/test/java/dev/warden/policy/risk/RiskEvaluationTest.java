package dev.warden.policy.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Action;
import dev.warden.policy.Corpus;
import dev.warden.policy.command.DangerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluation of the deterministic risk engine over corpora nobody on this project wrote (../shared/data):
 * every Atomic Red Team Linux test and every GTFOBins shell, reverse-shell, upload, file-write and library-load
 * example must be rated at least {@code medium} in the right category; hand-labelled benign NL2Bash one-liners
 * must rarely be rated {@code high} or {@code critical}. The test fails below the targets, and writes the figures
 * and every miss to {@code target/risk-evaluation.md} (docs/RISK-EVALUATION.md explains them).
 *
 * <p>Each command runs as an agent sends it, {@code bash -c COMMAND}, from a project at /home/dev/project.
 */
class RiskEvaluationTest {
    static final double RECALL_TARGET = 0.95;
    static final double FALSE_POSITIVE_TARGET = 0.05;
    static final int SAMPLE = 1000;
    static final long SEED = 20_240_611L;

    static final Path PROJECT = Path.of("/home/dev/project");
    static final DangerContext CONTEXT = new DangerContext(PROJECT, List.of(PROJECT), Path.of("/home/dev"));

    /** ATT&CK tactic to category, after the corpora's README; other tactics (discovery...) have no category. */
    static final Map<String, RiskCategory> TACTICS = Map.of(
            "exfiltration", RiskCategory.DATA_EXFILTRATION, "collection", RiskCategory.DATA_EXFILTRATION,
            "credential-access", RiskCategory.CREDENTIAL_PROBING,
            "persistence", RiskCategory.PERSISTENT_SECURITY_WEAKENING,
            "defense-impairment", RiskCategory.PERSISTENT_SECURITY_WEAKENING,
            "privilege-escalation", RiskCategory.PERSISTENT_SECURITY_WEAKENING,
            "impact", RiskCategory.DESTRUCTIVE_ACTION);

    /**
     * GTFOBins function to category: a shell or a loaded library escapes per-command review (weakening); a reverse
     * shell or an upload moves data or control off the machine (exfiltration); a file written outside the
     * workspace is how persistence is planted (weakening).
     */
    static final Map<String, RiskCategory> FUNCTIONS = Map.of(
            "shell", RiskCategory.PERSISTENT_SECURITY_WEAKENING, "library-load", RiskCategory.PERSISTENT_SECURITY_WEAKENING,
            "file-write", RiskCategory.PERSISTENT_SECURITY_WEAKENING, "reverse-shell", RiskCategory.DATA_EXFILTRATION,
            "upload", RiskCategory.DATA_EXFILTRATION);

    private static final Map<String, String> REPORT = Collections.synchronizedMap(new TreeMap<>());

    static RiskAssessment assess(String script) {
        return RiskEngine.assess(new Action.Exec(List.of("bash", "-c", script), PROJECT), CONTEXT);
    }

    /** Hits and totals for one row of a recall table. */
    static final class Tally {
        int hits;
        int total;

        void count(boolean hit) {
            total++;
            hits += hit ? 1 : 0;
        }

        double recall() {
            return total == 0 ? 1 : hits / (double) total;
        }

        String row(String name) {
            return String.format(Locale.ROOT, "| %s | %d | %d | %.3f |%n", name, hits, total, recall());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void atomicRedTeamTestsAreRatedAtLeastMediumInTheirCategory() {
        Tally overall = new Tally();
        Map<String, Tally> byTactic = new TreeMap<>();
        Map<RiskCategory, Tally> byCategory = new EnumMap<>(RiskCategory.class);
        Tally unmapped = new Tally();
        List<String> misses = new ArrayList<>();
        for (Map<String, Object> test : Corpus.records("atomic-red-team-linux.jsonl")) {
            List<String> tactics = (List<String>) test.get("tactics");
            RiskAssessment risk = assess((String) test.get("command"));
            Set<RiskCategory> categories = new LinkedHashSet<>();
            for (String tactic : tactics) {
                RiskCategory category = TACTICS.get(tactic);
                if (category != null) {
                    categories.add(category);
                }
                byTactic.computeIfAbsent(tactic, t -> new Tally()).count(category == null
                        ? risk.level().atLeast(RiskLevel.MEDIUM) : risk.level(category).atLeast(RiskLevel.MEDIUM));
            }
            if (categories.isEmpty()) {
                unmapped.count(risk.level().atLeast(RiskLevel.MEDIUM));
                continue;
            }
            boolean hit = categories.stream().anyMatch(c -> risk.level(c).atLeast(RiskLevel.MEDIUM));
            overall.count(hit);
            for (RiskCategory category : categories) {
                byCategory.computeIfAbsent(category, c -> new Tally()).count(risk.level(category).atLeast(RiskLevel.MEDIUM));
            }
            if (!hit) {
                misses.add("| " + test.get("technique") + " | " + String.join(", ", tactics) + " | " + test.get("name")
                        + " | `" + cell((String) test.get("command")) + "` | " + risk.level().wireName() + ": "
                        + cell(risk.rationale()) + " |");
            }
        }
        StringBuilder out = new StringBuilder("## Atomic Red Team (Linux)\n\n");
        out.append(String.format(Locale.ROOT, "Tests with a tactic that maps to a category: **%d/%d = %.3f** rated at "
                + "least medium in one of their categories (target %.2f).%n%n", overall.hits, overall.total,
                overall.recall(), RECALL_TARGET));
        out.append("| category | hits | tests | recall |\n|---|---|---|---|\n");
        byCategory.forEach((category, tally) -> out.append(tally.row(category.wireName())));
        out.append("\nPer tactic (a test counts under each of its tactics; tactics without a category count any "
                + "category at medium or above, for information):\n\n| tactic | hits | tests | recall |\n|---|---|---|---|\n");
        byTactic.forEach((tactic, tally) -> out.append(tally.row(tactic + (TACTICS.containsKey(tactic) ? ""
                : " (no category)"))));
        out.append(String.format(Locale.ROOT, "%nTests whose tactics map to no category (discovery, stealth, execution, "
                + "command-and-control...): %d/%d rated medium or above in some category.%n", unmapped.hits, unmapped.total));
        out.append("\nMisses:\n\n| technique | tactics | name | command | rated |\n|---|---|---|---|---|\n");
        misses.forEach(m -> out.append(m).append('\n'));
        REPORT.put("1 art", out.toString());
        assertThat(overall.recall()).as("Atomic Red Team recall at medium or above; misses:\n%s", String.join("\n", misses))
                .isGreaterThanOrEqualTo(RECALL_TARGET);
    }

    @Test
    void gtfobinsAbusesAreRatedAtLeastMediumInTheirCategory() {
        Tally overall = new Tally();
        Map<String, Tally> byFunction = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (Map<String, Object> example : Corpus.records("gtfobins.jsonl")) {
            String function = (String) example.get("function");
            RiskCategory category = FUNCTIONS.get(function);
            if (category == null) {
                continue;
            }
            RiskAssessment risk = assess((String) example.get("code"));
            boolean hit = risk.level(category).atLeast(RiskLevel.MEDIUM);
            overall.count(hit);
            byFunction.computeIfAbsent(function + " → " + category.wireName(), f -> new Tally()).count(hit);
            if (!hit) {
                misses.add("| " + function + " | " + example.get("binary") + " | `" + cell((String) example.get("code"))
                        + "` | " + risk.level().wireName() + ": " + cell(risk.rationale()) + " |");
            }
        }
        StringBuilder out = new StringBuilder("## GTFOBins\n\n");
        out.append(String.format(Locale.ROOT, "Examples of the five functions: **%d/%d = %.3f** rated at least medium in "
                + "the function's category (target %.2f).%n%n| function → category | hits | examples | recall |%n"
                + "|---|---|---|---|%n", overall.hits, overall.total, overall.recall(), RECALL_TARGET));
        byFunction.forEach((function, tally) -> out.append(tally.row(function)));
        out.append("\nMisses:\n\n| function | binary | code | rated |\n|---|---|---|---|\n");
        misses.forEach(m -> out.append(m).append('\n'));
        REPORT.put("2 gtfobins", out.toString());
        assertThat(overall.recall()).as("GTFOBins recall at medium or above; misses:\n%s", String.join("\n", misses))
                .isGreaterThanOrEqualTo(RECALL_TARGET);
    }

    @Test
    void benignOneLinersAreRarelyRatedHighOrCritical() {
        List<Map<String, Object>> all = Corpus.records("nl2bash.jsonl");
        List<Map<String, Object>> sample = new ArrayList<>(all);
        Collections.shuffle(sample, new Random(SEED));
        sample = sample.subList(0, SAMPLE);
        Map<String, Integer> criteria = new TreeMap<>();
        Rates sampled = rates(sample, criteria, true);
        Rates whole = rates(all, new TreeMap<>(), false);
        StringBuilder out = new StringBuilder("## NL2Bash false positives\n\n");
        out.append(String.format(Locale.ROOT, "A seeded sample (seed %d) of %d one-liners, labelled by the criteria in "
                + "`Nl2BashLabels`: %d benign, %d not. **%d of the %d benign (%.2f%%) are rated high or critical** "
                + "(target at most %.0f%%).%n%n", SEED, SAMPLE, sampled.benign, SAMPLE - sampled.benign, sampled.flagged.size(),
                sampled.benign, 100 * sampled.rate(), 100 * FALSE_POSITIVE_TARGET));
        out.append(String.format(Locale.ROOT, "The whole corpus (%d one-liners, %d labelled benign): %d (%.2f%%) of the "
                + "benign rated high or critical.%n%n", all.size(), whole.benign, whole.flagged.size(), 100 * whole.rate()));
        out.append("How the engine rates the sample, by label (a check that it is not quiet everywhere):\n\n"
                + "| label | low | medium | high | critical |\n|---|---|---|---|---|\n");
        sampled.levels.forEach((label, levels) -> out.append("| ").append(label).append(" | ").append(levels.getOrDefault(
                RiskLevel.LOW, 0)).append(" | ").append(levels.getOrDefault(RiskLevel.MEDIUM, 0)).append(" | ")
                .append(levels.getOrDefault(RiskLevel.HIGH, 0)).append(" | ").append(levels.getOrDefault(
                        RiskLevel.CRITICAL, 0)).append(" |\n"));
        out.append("\nWhy the sample's other one-liners are not benign (first criterion met):\n\n| criterion | one-liners |\n|---|---|\n");
        criteria.forEach((criterion, n) -> out.append("| ").append(criterion).append(" | ").append(n).append(" |\n"));
        out.append("\nBenign one-liners of the sample rated high or critical:\n\n| command | rated |\n|---|---|\n");
        sampled.flagged.forEach(f -> out.append(f).append('\n'));
        out.append("\nAnd in the rest of the corpus:\n\n| command | rated |\n|---|---|\n");
        whole.flagged.stream().filter(f -> !sampled.flagged.contains(f)).forEach(f -> out.append(f).append('\n'));
        REPORT.put("3 nl2bash", out.toString());
        assertThat(sampled.benign).isGreaterThanOrEqualTo(500);
        assertThat(sampled.rate()).as("false-positive rate of the sample; flagged:\n%s", String.join("\n", sampled.flagged))
                .isLessThanOrEqualTo(FALSE_POSITIVE_TARGET);
        assertThat(whole.rate()).as("false-positive rate of the whole corpus").isLessThanOrEqualTo(FALSE_POSITIVE_TARGET);
    }

    /** Benign count, the benign one-liners rated high or critical, and the levels given to each label. */
    record Rates(int benign, List<String> flagged, Map<String, Map<RiskLevel, Integer>> levels) {
        double rate() {
            return benign == 0 ? 0 : flagged.size() / (double) benign;
        }
    }

    private static Rates rates(List<Map<String, Object>> records, Map<String, Integer> criteria, boolean countCriteria) {
        int benign = 0;
        List<String> flagged = new ArrayList<>();
        Map<String, Map<RiskLevel, Integer>> levels = new TreeMap<>();
        for (Map<String, Object> record : records) {
            String command = (String) record.get("command");
            Nl2BashLabels.Label label = Nl2BashLabels.label(command, (String) record.get("description"));
            RiskAssessment risk = assess(command);
            levels.computeIfAbsent(label.benign() ? "benign" : "not benign", l -> new EnumMap<>(RiskLevel.class))
                    .merge(risk.level(), 1, Integer::sum);
            if (!label.benign()) {
                if (countCriteria) {
                    criteria.merge(label.criterion(), 1, Integer::sum);
                }
                continue;
            }
            benign++;
            if (risk.level().atLeast(RiskLevel.HIGH)) {
                flagged.add("| `" + cell(command) + "` | " + risk.level().wireName() + ": " + cell(risk.rationale()) + " |");
            }
        }
        return new Rates(benign, flagged, levels);
    }

    private static String cell(String text) {
        String one = text.replace("\n", " ⏎ ").replace("|", "\\|").replace("`", "'");
        return one.length() > 160 ? one.substring(0, 159) + "…" : one;
    }

    @AfterAll
    static void writeReport() throws IOException {
        Map<String, String> sections = new LinkedHashMap<>(REPORT);
        StringBuilder out = new StringBuilder("# Risk engine evaluation (generated)\n\nReproduce: `./mvnw -B -q -pl "
                + "warden-policy -am test -Dtest=RiskEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false`\n\n");
        sections.values().forEach(s -> out.append(s).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/risk-evaluation.md"), out.toString());
    }
}
