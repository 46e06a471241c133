package dev.warden.approvals;

import dev.warden.policy.rules.PrefixRule;
import dev.warden.policy.rules.RuleDecision;
import dev.warden.policy.rules.RuleLoadException;
import dev.warden.policy.rules.RuleSet;
import dev.warden.policy.rules.RulesFileParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code $WARDEN_HOME/rules/default.rules}, where "approve always" is written, as Codex writes its amendments: one
 * {@code prefix_rule(..., decision="allow", justification="approved by USER on DATE")} (or {@code network_rule})
 * per answer, appended. The file is read by {@code PolicyLoader} with every other {@code *.rules} file, so the
 * next {@code warden exec} is allowed without asking.
 *
 * <p>Writers exclude each other with a lock on a sidecar file ({@code default.rules.lock}: the rules file itself
 * is replaced on every write, so a lock on it would protect nothing), plus a lock inside this JVM because
 * {@link FileChannel#lock()} does not block between two threads of one process. The new text is parsed before it
 * is written, written to a temporary file, synced and renamed over the old one: a reader sees the old file or
 * the new one, never half of either, and a failure leaves the old file as it was. An existing file that does not
 * parse is left alone and reported, so a broken file is never made worse.
 */
public final class DefaultRulesFile {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;

    public DefaultRulesFile(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    }

    /** The file under {@code wardenHome}: {@code rules/default.rules}. */
    public static DefaultRulesFile in(Path wardenHome) {
        return new DefaultRulesFile(wardenHome.resolve("rules").resolve("default.rules"));
    }

    public Path file() {
        return file;
    }

    /** Appends an allow rule for {@code prefix}; returns the rule as written (or as found, when it was already there). */
    public String appendPrefixRule(List<String> prefix, String justification) throws IOException {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("a prefix rule needs at least one word");
        }
        StringBuilder rule = new StringBuilder("prefix_rule(pattern=[");
        for (int i = 0; i < prefix.size(); i++) {
            rule.append(i > 0 ? ", " : "");
            quote(prefix.get(i), rule);
        }
        rule.append("], decision=\"allow\", justification=");
        quote(justification, rule);
        rule.append(')');
        return append(rule.toString(), rules -> rules.prefixRules().stream().anyMatch(r ->
                r.decision() == RuleDecision.ALLOW && r.pattern().size() == prefix.size() && r.matches(prefix)
                        && r.pattern().stream().allMatch(t -> t.words().size() == 1)));
    }

    /**
     * Appends an allow rule for connections to {@code host} over {@code protocol} ({@code http}, {@code https},
     * {@code socks5_tcp}); rules files name hosts, not ports.
     */
    public String appendNetworkRule(String host, String protocol, String justification) throws IOException {
        StringBuilder rule = new StringBuilder("network_rule(host=");
        quote(host, rule);
        rule.append(", protocol=");
        quote(protocol, rule);
        rule.append(", decision=\"allow\", justification=");
        quote(justification, rule);
        rule.append(')');
        String normalizedHost = host.toLowerCase(java.util.Locale.ROOT);
        return append(rule.toString(), rules -> rules.networkRules().stream().anyMatch(r ->
                r.decision() == RuleDecision.ALLOW && r.host().equals(normalizedHost) && r.protocol().equals(protocol)));
    }

    private interface Present {
        boolean in(RuleSet rules);
    }

    private String append(String rule, Present alreadyThere) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        try (FileChannel lockFile = FileChannel.open(dir.resolve(file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            String old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            RuleSet existing = parse(old, "it is left unchanged; fix or remove it, then approve again");
            if (alreadyThere.in(existing)) {
                return rule;
            }
            String text = old + (old.isEmpty() || old.endsWith("\n") ? "" : "\n") + rule + "\n";
            parse(text, "Warden did not write it (a bug: please report the prefix that caused it)");
            replace(dir, text);
            return rule;
        } finally {
            local.unlock();
        }
    }

    private RuleSet parse(String text, String consequence) throws IOException {
        try {
            return RulesFileParser.parse(text, file.toString(), "user");
        } catch (RuleLoadException e) {
            throw new IOException(e.getMessage() + "; " + consequence);
        }
    }

    private void replace(Path dir, String text) throws IOException {
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(dir + " does not support atomic renames; the rule was not written", e);
            }
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true); // the rename itself survives a crash
            } catch (IOException e) {
                // Some filesystems cannot sync a directory; the rename has happened either way.
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Starlark string quoting the rules lexer reads back to the same word (the rules' own). */
    static void quote(String word, StringBuilder out) {
        PrefixRule.quote(word, out);
    }
}
