package dev.warden.policy.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bash itself is the reference: for every script the splitter calls plain, the words bash executes must be
 * exactly the splitter's, over generated scripts and three corpora of real one-liners. And the converse, for a
 * sample: a script the splitter calls complex for an expansion really is expanded by bash.
 */
class ShellSplitterDifferentialTest {
    private static final int GENERATED = 5000;
    private static final int CONVERSE_PER_EXPANSION = 20;

    /** Hand-picked plain scripts at the edges of the rules; each must be plain and agree with bash. */
    private static final List<String> EDGE_CASES = List.of(
            "",
            "# only a comment",
            "\\\n",
            "echo {a','b} {a\\,b} '{'a,b} {a,b'}' {} {a} a{,b {, }{ }a{ a}b{c",
            "echo a=x\\:~ a=\\~ a\\=~ a+\\=~ \"a\"=~ \\~ é=~ 1a=~ -a=~ a-b=~ x:~ --opt=~",
            "echo [a\"]\" [a\\] \\[a] a]b[ [ ] \"[\" ]x[",
            "echo x 2>/dev/null 0</dev/null 1>&2 >&1 2>&1 &>/dev/null &>>/dev/null >>/dev/null 9>/dev/null 3>&1",
            "echo 2>&1>/dev/null; echo 2 >&2 a2>/dev/null",
            "\\time ls; \\if x; 'in' x; in\\ y; \"{\" z; \\{} x; x} y; !ls; echo !",
            "x \"\" '' \\\"\\\"",
            "echo \\!\\! !! \"!!\" ^a^b %% ^ @ : , . + - =",
            "find . -name \"*.c\" -exec grep -l x {} + ; find . -exec rm {} \\;",
            "a\\\nb \\\n# c\nd",
            "echo a&&#c\nb",
            "[ -n x ] && [ x = y ] || test a != b",
            "echo a#b #c\necho 'x'#y \\#z a\\#b",
            "echo 'a\\' \"b\\\\\" c\\\\",
            "echo \"a\nb\" 'c\nd'",
            "echo \\  \\\tx",
            "echo a;b;c\na||b&&c|d;e",
            "echo é中😀 'é中😀' \"é中😀\" \\é",
            "echo \"'\" '\"' \\' \\\"",
            "git commit -m \"fix: a; b && c | d\" && grep -E 'a|b' file | sort -u",
            "echo a' 'b\"  \"c \"\"a\"\" ''b''",
            "printf '%s\\n' a b | tr a-z A-Z",
            "a |\n\n# why\n  b &&\n\n c ||\\\n d");

    @TempDir
    Path work;

    @Test
    void plainScriptsSplitExactlyAsBashRunsThem() throws IOException {
        assumeTrue(BashOracle.available(), "needs /bin/bash");
        ScriptGenerator generator = new ScriptGenerator(20_240_611L, 0.06);
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < GENERATED; i++) {
            generated.add(generator.script());
        }
        List<String> corpora = new ArrayList<>();
        corpora.addAll(field("nl2bash.jsonl", "command"));
        corpora.addAll(field("atomic-red-team-linux.jsonl", "command"));
        corpora.addAll(field("gtfobins.jsonl", "code"));
        List<String> converse = new ArrayList<>();
        for (String expansion : ScriptGenerator.EXPANSIONS) {
            for (int i = 0; i < CONVERSE_PER_EXPANSION; i++) {
                converse.add(generator.expansionScript(expansion));
            }
        }

        List<ParsedScript> edges = EDGE_CASES.stream().map(ShellSplitter::parse).toList();
        assertThat(edges).allSatisfy(p -> assertThat(p.complexities()).as(p.source()).isEmpty());
        Tally generatedTally = new Tally();
        Tally corporaTally = new Tally();
        List<ParsedScript> toCompare = new ArrayList<>(edges);
        generatedTally.sort(generated, toCompare);
        corporaTally.sort(corpora, toCompare);
        List<ParsedScript> expanded = new ArrayList<>();
        for (String script : converse) {
            ParsedScript parsed = ShellSplitter.parse(script);
            // Only scripts whose every complexity is an expansion: anything else could change how bash reads
            // the rest of the harness.
            boolean onlyExpansions = parsed.complexities().stream()
                    .allMatch(ShellSplitterDifferentialTest::isExpansion);
            if (parsed.isComplex() && onlyExpansions && runnable(parsed)) {
                expanded.add(parsed);
            }
        }

        List<String> scripts = new ArrayList<>();
        toCompare.forEach(p -> scripts.add(p.source()));
        expanded.forEach(p -> scripts.add(p.source()));
        Set<String> names = new HashSet<>();
        toCompare.forEach(p -> p.commands().forEach(c -> names.add(c.words().getFirst())));
        List<List<List<String>>> bash = BashOracle.run(scripts, names, work);

        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < toCompare.size(); i++) {
            ParsedScript parsed = toCompare.get(i);
            String difference = ExpectedRun.difference(ExpectedRun.pipelinesRun(parsed.commands()), bash.get(i),
                    comparePipes(parsed.source()));
            if (difference != null && disagreements.size() < 25) {
                disagreements.add(printable(parsed.source()) + " -> " + difference);
            }
        }
        List<String> notExpanded = new ArrayList<>();
        for (int i = 0; i < expanded.size(); i++) {
            ParsedScript parsed = expanded.get(i);
            List<List<String>> ran = bash.get(toCompare.size() + i);
            if (ExpectedRun.difference(ExpectedRun.pipelinesRun(parsed.commands()), ran, false) == null) {
                notExpanded.add(printable(parsed.source()) + " " + parsed.complexities());
            }
        }

        System.out.println("ShellSplitter vs bash: edge cases " + edges.size()
                + ", generated " + generated.size() + " (plain " + generatedTally.plain
                + ", complex " + generatedTally.complex + "), corpora " + corpora.size()
                + " (plain " + corporaTally.plain + ", complex " + corporaTally.complex
                + "), compared with bash " + toCompare.size() + " (disagreements " + disagreements.size()
                + "), not run for a slash in a command name " + (generatedTally.unsafe + corporaTally.unsafe)
                + ", converse: " + (expanded.size() - notExpanded.size()) + " of " + expanded.size()
                + " scripts flagged for an expansion were expanded by bash");

        assertThat(disagreements).as("plain scripts where bash runs other words").isEmpty();
        assertThat(notExpanded).as("scripts flagged for an expansion that bash left alone").isEmpty();
        // Guard against a test that passes by comparing nothing.
        assertThat(generatedTally.plain).isGreaterThan(GENERATED / 3);
        assertThat(generatedTally.complex).isGreaterThan(GENERATED / 10);
        assertThat(corporaTally.plain).isGreaterThan(corpora.size() / 4);
        assertThat(expanded.size()).isGreaterThan(ScriptGenerator.EXPANSIONS.size() * CONVERSE_PER_EXPANSION / 2);
    }

    /** Without any redirection, stdin and stdout of each command are pipes exactly where the | operators are. */
    private static boolean comparePipes(String script) {
        return script.indexOf('<') < 0 && script.indexOf('>') < 0;
    }

    private static boolean isExpansion(String reason) {
        return reason.contains("expansion") || reason.contains("substitution") || reason.startsWith("glob")
                || reason.startsWith("ANSI-C");
    }

    /** Bash executes a command name with a slash for real; such scripts are parsed but never handed to bash. */
    private static boolean runnable(ParsedScript parsed) {
        return parsed.commands().stream().noneMatch(c -> c.words().getFirst().contains("/"));
    }

    private static String printable(String script) {
        return "«" + script.replace("\n", "\\n").replace("\t", "\\t") + "»";
    }

    private static final class Tally {
        int plain;
        int complex;
        int unsafe;

        void sort(List<String> scripts, List<ParsedScript> toCompare) {
            for (String script : scripts) {
                ParsedScript parsed = ShellSplitter.parse(script);
                if (parsed.isComplex()) {
                    complex++;
                } else {
                    plain++;
                    if (runnable(parsed)) {
                        toCompare.add(parsed);
                    } else {
                        unsafe++;
                    }
                }
            }
        }
    }

    private static List<String> field(String file, String key) throws IOException {
        Path path = sharedData().resolve(file);
        List<String> values = new ArrayList<>();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && Json.parse(line) instanceof Map<?, ?> record
                    && record.get(key) instanceof String value) {
                values.add(value);
            }
        }
        assertThat(values).as("%s values in %s", key, path).isNotEmpty();
        return values;
    }

    private static Path sharedData() {
        String configured = System.getProperty("warden.shared.dir");
        Path shared = configured != null ? Path.of(configured) : Path.of("../../shared");
        Path data = shared.resolve("data");
        assertThat(data).as("shared corpora (property warden.shared.dir)").isDirectory();
        return data;
    }
}
