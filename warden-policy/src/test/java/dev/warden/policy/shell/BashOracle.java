package dev.warden.policy.shell;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The real bash, made to report the words of every simple command instead of running it.
 *
 * <p>Bash runs with PATH pointing nowhere and every builtin except {@code enable} disabled, so each simple
 * command reaches a function of its name (for the names the splitter expects) or else
 * {@code command_not_found_handle}; both print its words NUL-separated (after a word count) on
 * fd 77, out of reach of the single-digit descriptors plain scripts may redirect, and returns the parity of the
 * word count, so both sides of {@code &&} and {@code ||} get exercised. Each record also says whether stdin
 * and stdout were pipes, which pins down where the {@code |} operators are. Bash's stdout is line-buffered, so a
 * newline in a word would split the record into two writes that a concurrent pipeline member could interleave
 * with; newlines travel as U+2424 instead, which keeps each record one atomic pipe write.
 * Scripts are read by {@code source}, which parses a file with the same {@code parse_and_execute} as
 * {@code bash -c}: non-interactive, no history expansion, no aliases, extglob off. {@code nullglob} turns a
 * glob pattern the splitter missed into a missing word, and HOME points to a marker, so an expansion the
 * splitter overlooked shows as a disagreement instead of passing silently.
 *
 * <p>A command name with a slash would be executed for real, so callers must only pass scripts whose command
 * names (as the splitter reads them) have none; the generator never produces one.
 */
final class BashOracle {
    static final Path BASH = Path.of("/bin/bash");
    static final String HOME = "/nonexistent-warden-home";
    private static final String SEPARATOR = "__warden_sep";
    private static final int SCRIPTS_PER_BATCH = 500;

    private static final String PRELUDE = """
            exec 77>&1 >/dev/null
            __warden_record() {
              [[ -p /dev/stdin ]] && __warden_io=1 || __warden_io=0
              [[ -p /dev/stdout ]] && __warden_io+=1 || __warden_io+=0
              enable printf
              printf '%s\\0' "$#" "$__warden_io" "${@//$'\\n'/$'\\u2424'}" >&77
              enable -n printf
              (( ($# % 2) == 0 ))
            }
            command_not_found_handle() {
              enable return
              __warden_record "$@"
              return $(( $# % 2 ))
            }
            shopt -s nullglob
            for __b in $(compgen -b); do [[ $__b == enable ]] || enable -n "$__b"; done
            """;
    /** The harness itself calls these; a function of that name would call itself. */
    private static final Set<String> HARNESS_COMMANDS = Set.of("printf", "enable", "return", "builtin", "compgen");
    /** Names that can be defined as functions without quoting and are no reserved word. */
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");

    private BashOracle() {
    }

    static boolean available() {
        return Files.isExecutable(BASH);
    }

    /**
     * For each script, the simple commands bash ran, in the order their records arrived: each record is whether
     * stdin and stdout were pipes ("01" for the first command of a pipeline), then the words.
     */
    static List<List<List<String>>> run(List<String> scripts, Set<String> commandNames, Path workDir) {
        // A function answers without the fork that every not-found command costs, which makes the run several
        // times faster; commands bash runs under any other name still reach command_not_found_handle.
        StringBuilder functions = new StringBuilder();
        for (String name : commandNames) {
            if (FUNCTION_NAME.matcher(name).matches() && ShellVocabulary.reservedWord(name, false) == null
                    && !HARNESS_COMMANDS.contains(name)) {
                functions.append("function ").append(name).append(" { __warden_record \"$FUNCNAME\" \"$@\"; }\n");
            }
        }
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i += SCRIPTS_PER_BATCH) {
            batches.add(scripts.subList(i, Math.min(scripts.size(), i + SCRIPTS_PER_BATCH)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(2, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<List<List<List<String>>>>> futures = new ArrayList<>();
            for (int b = 0; b < batches.size(); b++) {
                int batch = b;
                futures.add(pool.submit(() -> runBatch(batches.get(batch), functions, workDir, batch)));
            }
            List<List<List<String>>> all = new ArrayList<>(scripts.size());
            for (Future<List<List<List<String>>>> future : futures) {
                all.addAll(future.get(120, TimeUnit.SECONDS));
            }
            return all;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("bash oracle failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<List<List<String>>> runBatch(List<String> scripts, CharSequence functions, Path workDir,
            int batch) throws IOException, InterruptedException {
        StringBuilder harness = new StringBuilder(PRELUDE).append(functions);
        for (int i = 0; i < scripts.size(); i++) {
            harness.append(scripts.get(i)).append('\n').append(SEPARATOR).append(' ').append(i).append('\n');
        }
        Path file = workDir.resolve("harness-" + batch + ".sh");
        Path stderr = workDir.resolve("harness-" + batch + ".err");
        Files.writeString(file, harness, StandardCharsets.UTF_8);
        Path cwd = Files.createDirectories(workDir.resolve("cwd-" + batch));
        ProcessBuilder builder = new ProcessBuilder(BASH.toString(), "-c", "source \"$1\"", "bash", file.toString())
                .directory(cwd.toFile())
                .redirectInput(new File("/dev/null"))
                .redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/nonexistent-warden-path");
        env.put("HOME", HOME);
        env.put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        process.waitFor();
        List<List<List<String>>> perScript = parse(out);
        if (perScript.size() != scripts.size()) {
            throw new IllegalStateException("bash stopped reporting at script " + perScript.size() + " of batch "
                    + batch + ": " + scripts.get(perScript.size()).replace("\n", "\\n") + "\nstderr: "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return perScript;
    }

    /** Splits the NUL-separated records into scripts at the separator records. */
    private static List<List<List<String>>> parse(byte[] out) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                fields.add(new String(out, start, i - start, StandardCharsets.UTF_8).replace('\u2424', '\n'));
                start = i + 1;
            }
        }
        List<List<List<String>>> perScript = new ArrayList<>();
        List<List<String>> records = new ArrayList<>();
        int i = 0;
        while (i < fields.size()) {
            int count = Integer.parseInt(fields.get(i));
            List<String> words = List.copyOf(fields.subList(i + 1, i + 2 + count));
            i += 2 + count;
            if (count == 2 && words.get(1).equals(SEPARATOR) && words.get(2).equals(String.valueOf(perScript.size()))) {
                perScript.add(records);
                records = new ArrayList<>();
            } else {
                records.add(words);
            }
        }
        return perScript;
    }
}
