package dev.warden.sandbox;

import dev.warden.sandbox.landlock.SeccompSupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds out what this host can enforce by trying it: bubblewrap is run once with the namespaces
 * Warden asks for (a present but unusable bwrap — no user namespaces in a container, Ubuntu's
 * AppArmor restriction — is the common failure), Landlock is asked for its ABI, seccomp for support.
 */
public final class HostProbe {
    private HostProbe() {}

    public static HostCapabilities probe() {
        return probe(BwrapBackend.findOnPath("bwrap"), new LandlockBackend());
    }

    public static HostCapabilities probe(Optional<Path> bwrap, LandlockBackend landlock) {
        // tryBwrap answers null for "works", so no Optional.map here.
        String problem = bwrap.isPresent() ? tryBwrap(bwrap.get()) : "bubblewrap is not on PATH (install 'bubblewrap')";
        boolean works = problem == null;
        int abi = landlock.abi();
        boolean seccomp = SeccompSupport.available();
        String backend;
        String reason;
        List<String> limits;
        if (works && seccomp) {
            backend = "bwrap";
            reason = "bubblewrap can create user, mount, pid and network namespaces";
            limits = BwrapBackend.enforcement().limits();
        } else if (abi >= 1 && seccomp) {
            backend = "landlock";
            reason = "bubblewrap cannot be used (" + (works ? "no seccomp" : problem) + "); Landlock ABI " + abi
                    + " and seccomp are available";
            limits = LandlockBackend.enforcement(abi).limits();
        } else {
            backend = "none";
            reason = "no sandbox can be built: " + (works ? "seccomp is unavailable" : problem)
                    + (abi < 1 ? "; Landlock is unavailable" : "") + (seccomp ? "" : "; seccomp is unavailable");
            limits = List.of();
        }
        return new HostCapabilities(bwrap.map(Path::toString).orElse(null), works, problem, abi, seccomp, backend,
                reason, limits);
    }

    /** The backend {@code auto} picks on this host, or a refusal saying what is missing. */
    public static SandboxBackend auto(HostCapabilities caps, LandlockBackend landlock) throws SandboxException {
        return switch (caps.autoBackend()) {
            case "bwrap" -> new BwrapBackend(Path.of(caps.bwrapPath()));
            case "landlock" -> landlock;
            default -> throw new SandboxException("refusing to run unconfined: " + caps.reason()
                    + "; run `warden doctor` for details");
        };
    }

    /** Null when bwrap ran {@code /bin/true} in the namespaces Warden uses, else its first error line. */
    private static String tryBwrap(Path bwrap) {
        ProcessBuilder pb = new ProcessBuilder(bwrap.toString(), "--unshare-user", "--disable-userns", "--cap-drop",
                "ALL", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net", "--die-with-parent",
                "--new-session", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "--", "/bin/true")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        try {
            Process p = pb.start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "bubblewrap did not finish a trial run within 10 s";
            }
            if (p.exitValue() == 0) {
                return null;
            }
            String first = err.isEmpty() ? "exit status " + p.exitValue() : err.lines().findFirst().orElse(err);
            return "bubblewrap cannot create the sandbox: " + first;
        } catch (IOException e) {
            return "bubblewrap cannot be run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while trying bubblewrap";
        }
    }
}
