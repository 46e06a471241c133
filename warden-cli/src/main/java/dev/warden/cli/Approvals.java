package dev.warden.cli;

import dev.warden.approvals.ApprovalChannel;
import dev.warden.approvals.ApprovalRouter;
import dev.warden.approvals.DefaultRulesFile;
import dev.warden.approvals.RouterSettings;
import dev.warden.approvals.review.AutoReviewer;
import dev.warden.approvals.review.DeterministicReviewer;
import dev.warden.approvals.review.ModelReviewer;
import dev.warden.approvals.terminal.TerminalChannel;
import dev.warden.approvals.terminal.TerminalOwner;
import dev.warden.core.event.SessionRecorder;
import dev.warden.policy.config.EffectiveConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The approval router of one {@code exec} or {@code run} session: the configuration's approval policy, reviewer
 * and timeout; {@code $WARDEN_HOME/rules/default.rules} for "always"; the session's audit trail; and the
 * terminal as the human channel when this process has one ({@code /dev/tty}, whatever stdin and stdout are).
 */
final class Approvals {
    static final Path TTY = Path.of("/dev/tty");

    private Approvals() {}

    /** The person's channel: the controlling terminal, when this process has one. */
    static List<ApprovalChannel> terminal() {
        return TerminalChannel.available(TTY) ? List.of(new TerminalChannel(TTY)) : List.of();
    }

    /**
     * The person's channel under {@code warden run}: the terminal, borrowed from the pass-through to the agent
     * while a question is up (see {@link dev.warden.agents.session.SharedTerminal}).
     */
    static List<ApprovalChannel> terminal(TerminalOwner shared) {
        return TerminalChannel.available(TTY) ? List.of(new TerminalChannel(shared)) : List.of();
    }

    /** The router asking, after grants, rules and the reviewer, the person on {@code channels} (none: nobody can be asked). */
    static ApprovalRouter router(EffectiveConfig config, WardenPaths paths, SessionRecorder recorder, PrintStream err,
            List<ApprovalChannel> channels) {
        return new ApprovalRouter(RouterSettings.of(config, System.getProperty("user.name", "user")), channels,
                reviewer(config), Optional.of(DefaultRulesFile.in(paths.home())), Optional.of(recorder),
                notice -> err.println("warden: " + notice));
    }

    /** The model reviewer when {@code [auto_review] endpoint} is set (it includes the thresholds), else the thresholds. */
    static AutoReviewer reviewer(EffectiveConfig config) {
        return config.approvals().modelReviewer()
                .<AutoReviewer>map(model -> new ModelReviewer(model, config.autoReview(), System::getenv))
                .orElseGet(() -> new DeterministicReviewer(config.autoReview()));
    }
}
