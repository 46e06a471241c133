package dev.warden.cli;

import dev.warden.approvals.ApprovalChannel;
import dev.warden.approvals.ApprovalRouter;
import dev.warden.approvals.DefaultRulesFile;
import dev.warden.approvals.RouterSettings;
import dev.warden.approvals.review.AutoReviewer;
import dev.warden.approvals.review.DeterministicReviewer;
import dev.warden.approvals.review.ModelReviewer;
import dev.warden.approvals.terminal.TerminalChannel;
import dev.warden.core.event.SessionRecorder;
import dev.warden.policy.config.EffectiveConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
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

    static ApprovalRouter router(EffectiveConfig config, WardenPaths paths, SessionRecorder recorder, PrintStream err) {
        return router(config, paths, recorder, err, true);
    }

    /**
     * As {@link #router(EffectiveConfig, WardenPaths, SessionRecorder, PrintStream)}; without {@code terminal}
     * when an agent owns it (a pass-through pty): then only grants, rules and the reviewer can say yes.
     */
    static ApprovalRouter router(EffectiveConfig config, WardenPaths paths, SessionRecorder recorder, PrintStream err,
            boolean terminal) {
        List<ApprovalChannel> channels = new ArrayList<>();
        if (terminal && TerminalChannel.available(TTY)) {
            channels.add(new TerminalChannel(TTY));
        }
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
