package dev.warden.cli;

import dev.warden.approvals.ApprovalOutcome;
import dev.warden.approvals.ApprovalRequest;
import dev.warden.approvals.ApprovalRouter;
import dev.warden.core.Action;
import dev.warden.core.Verdict;
import dev.warden.policy.config.LoadedConfig;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The policy engine's word on a command Warden is about to start, said to the user: a denial stops it, an allowed
 * command runs, and a needed approval goes to the approval router (session grants, rules approved always, the
 * automatic reviewer, the person at the terminal), whose denial stops it with the reason.
 */
final class Admission {
    private Admission() {}

    /**
     * Prints why {@code verdict} stops the command and returns true, or returns false when it may run (allowed,
     * or asked and approved). The router is built only when something is asked.
     */
    static boolean refuses(Verdict verdict, Action action, String what, String sessionId,
            Supplier<ApprovalRouter> router, PrintStream err) {
        String reason = VerdictText.decisive(verdict).message();
        switch (verdict.decision()) {
            case ALLOW -> {
                return false;
            }
            case DENY -> {
                err.println("warden: denied: " + prefix(what) + reason);
                return true;
            }
            case ASK -> {
                ApprovalOutcome outcome = router.get().resolve(ApprovalRequest.of(sessionId, action, verdict, ""));
                if (outcome.allowed()) {
                    return false;
                }
                err.println("warden: denied: " + prefix(what) + outcome.reason());
                err.println("warden: approval was needed: " + reason
                        + "; see every reason with `warden check --explain -- COMMAND`");
                return true;
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
