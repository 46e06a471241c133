package dev.warden.cli;

import dev.warden.core.Verdict;
import dev.warden.policy.config.LoadedConfig;
import java.io.PrintStream;

/**
 * The policy engine's word on a command Warden is about to start, said to the user: a denial or a
 * needed approval stops it (approvals are not wired into exec and run yet, so {@code ask} is a
 * refusal that says so), an allowed command runs.
 */
final class Admission {
    private Admission() {}

    /** Prints why {@code verdict} stops the command and returns true, or returns false when it is allowed. */
    static boolean refuses(Verdict verdict, String what, PrintStream err) {
        String reason = VerdictText.decisive(verdict).message();
        switch (verdict.decision()) {
            case ALLOW -> {
                return false;
            }
            case DENY -> err.println("warden: denied: " + prefix(what) + reason);
            case ASK -> {
                err.println("warden: approval needed: " + prefix(what) + reason);
                err.println("warden: approvals are not wired into exec and run yet, so this is refused;"
                        + " see every reason with `warden check --explain -- COMMAND`");
            }
        }
        return true;
    }

    /**
     * Configuration warnings (a value replaced by an administrator's requirement, a root dropped under a
     * deny): the person starting a command must see that it runs under something other than what they
     * configured.
     */
    static void printWarnings(LoadedConfig config, PrintStream err) {
        config.warnings().forEach(warning -> err.println("warden: warning: " + warning));
    }

    private static String prefix(String what) {
        return what.isEmpty() ? "" : what + ": ";
    }
}
