package dev.warden.policy.command;

import dev.warden.policy.shell.NameSet;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Whether a known read-only command stays out of the host's sensitive areas. "Known-safe" lets a command
 * run without a person seeing it, so it must not be the way an agent surveys the host:
 * {@code cat /etc/pam.d/system-auth}, {@code ls /home} or {@code tail /var/log/auth.log} only read, but
 * they are the reconnaissance step of an attack (MITRE ATT&CK's discovery and credential-access
 * tactics), not workspace work. An operand that resolves (absolute, {@code ~}, or {@code ..} climbing out
 * of the working directory) into system configuration, logs, other users' homes, the user's own home
 * outside the workspace, or kernel interfaces — or that is {@code /} itself — makes the command ask under
 * {@code untrusted}; it still runs, in the sandbox, under every other policy. Reading the workspace and
 * the rest of the system trees ({@code /usr/include}, {@code /opt/...}) stays frictionless.
 */
public final class WorkspaceReads {
    private WorkspaceReads() {}

    /** Programs that print their operands and never open them as files. */
    private static final NameSet NO_FILE_OPERANDS = NameSet.of("echo", "printf", "true", "false", "expr", "seq",
            "basename", "dirname", "nproc", "pwd");

    /** Paths outside the workspace that reveal nothing. */
    private static final Set<Path> HARMLESS = Set.of(Path.of("/dev/null"), Path.of("/dev/stdin"),
            Path.of("/dev/stdout"), Path.of("/dev/stderr"));

    /** Where an agent reading without approval would be surveying the host rather than doing its work. */
    private static final List<Path> SENSITIVE = List.of(Path.of("/etc"), Path.of("/var/log"), Path.of("/var/lib"),
            Path.of("/var/spool"), Path.of("/var/mail"), Path.of("/var/backups"), Path.of("/root"), Path.of("/home"),
            Path.of("/proc"), Path.of("/sys"), Path.of("/boot"), Path.of("/dev"), Path.of("/run"), Path.of("/mnt"),
            Path.of("/media"), Path.of("/srv"), Path.of("/lost+found"));

    /** The first operand that reaches outside the workspace, or null when every operand stays inside. */
    public static String outsideOperand(List<String> argv, DangerContext context) {
        String program = Options.safeProgramName(argv.getFirst());
        if (program != null && NO_FILE_OPERANDS.contains(program)) {
            return null;
        }
        if (!inside(context.cwd(), context)) {
            return "(working directory " + context.cwd() + ")";
        }
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            String candidate = pathPart(arg);
            if (candidate == null) {
                continue;
            }
            Path resolved = resolve(candidate, context);
            if (resolved == null || !inside(resolved, context)) {
                return arg;
            }
        }
        return null;
    }

    /** The path an argument names, if it could name one outside: {@code /x}, {@code ~/x}, {@code ../x}, {@code --file=/x}. */
    private static String pathPart(String arg) {
        String value = arg;
        if (arg.startsWith("-")) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                return null;
            }
            value = arg.substring(eq + 1);
        }
        if (value.startsWith("/") || value.startsWith("~") || value.equals("..") || value.startsWith("../")
                || value.contains("/../") || value.endsWith("/..")) {
            return value;
        }
        return null;
    }

    private static Path resolve(String value, DangerContext context) {
        try {
            if (value.equals("~") || value.startsWith("~/")) {
                return context.home().resolve(value.length() <= 2 ? "" : value.substring(2)).normalize();
            }
            if (value.startsWith("~")) {
                return null; // ~user: someone else's home
            }
            return context.cwd().resolve(value).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static boolean inside(Path path, DangerContext context) {
        if (HARMLESS.contains(path)) {
            return true;
        }
        for (Path root : context.workspaceRoots()) {
            if (path.startsWith(root)) {
                return true;
            }
        }
        if (path.getNameCount() == 0 || path.startsWith(context.home())) {
            return false; // the whole filesystem, or the user's own home with its dotfiles
        }
        for (Path area : SENSITIVE) {
            if (path.startsWith(area)) {
                return false;
            }
        }
        return true;
    }
}
