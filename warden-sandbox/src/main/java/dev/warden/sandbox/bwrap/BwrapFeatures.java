package dev.warden.sandbox.bwrap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The options of one bubblewrap binary that Warden uses only where they exist, found in its {@code --help} once per
 * JVM and binary (a replaced binary is asked again).
 *
 * @param sizedTmpfs {@code --perms} and {@code --size} apply to the next {@code --tmpfs} (its help lists both, as
 *                   0.8 in Debian 12 does). Masks are then a tmpfs of mode 0555 and one page ({@link BwrapArguments}):
 *                   bwrap mounts one with a single call, where {@code --tmpfs} plus {@code --remount-ro} parses the
 *                   whole mount table again for every mask, which made a sandbox with Warden's 19 masks of a fresh
 *                   repository cost twice what a bare one does (docs/BENCHMARKS.md section 3).
 */
public record BwrapFeatures(boolean sizedTmpfs) {
    /** What a bwrap whose help could not be read is assumed to take: nothing optional. */
    public static final BwrapFeatures NONE = new BwrapFeatures(false);

    private static final Map<String, BwrapFeatures> ASKED = new ConcurrentHashMap<>();

    /** The features of the bwrap at {@code bwrap}, asked the first time and then remembered for this JVM. */
    public static BwrapFeatures of(Path bwrap) {
        return ASKED.computeIfAbsent(identity(bwrap), key -> ask(bwrap));
    }

    /** Reads the options bwrap lists in its help. */
    static BwrapFeatures fromHelp(String help) {
        return new BwrapFeatures(lists(help, "--perms") && lists(help, "--size"));
    }

    private static boolean lists(String help, String option) {
        return help.lines().map(String::strip).anyMatch(line -> line.startsWith(option + " "));
    }

    private static String identity(Path bwrap) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(bwrap, BasicFileAttributes.class);
            return bwrap + ":" + attrs.fileKey() + ":" + attrs.size() + ":" + attrs.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return bwrap.toString();
        }
    }

    private static BwrapFeatures ask(Path bwrap) {
        ProcessBuilder pb = new ProcessBuilder(bwrap.toString(), "--help").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        try {
            Process p = pb.start();
            String help;
            try (InputStream out = p.getInputStream()) {
                help = new String(out.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return NONE;
            }
            return fromHelp(help);
        } catch (IOException e) {
            return NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NONE;
        }
    }
}
