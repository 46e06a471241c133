package dev.warden.approvals;

import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.event.EventBody.ApprovalScope;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a person's answer does: once, for the session (a grant on the prefix they chose), always (a rule in
 * {@code default.rules}), deny, deny and stop. An "always" that cannot be kept as asked never becomes something
 * broader: a prefix too broad for a rule, a rules file that cannot be written, or an action with no rule format
 * yet is approved once (or for the session, for the latter), and the person is told why.
 */
final class HumanAnswers {
    private final String user;
    private final Optional<DefaultRulesFile> rulesFile;
    private final SessionGrants grants;
    private final Consumer<String> notices;
    private final Clock clock;

    HumanAnswers(String user, Optional<DefaultRulesFile> rulesFile, SessionGrants grants, Consumer<String> notices) {
        this(user, rulesFile, grants, notices, Clock.systemDefaultZone());
    }

    HumanAnswers(String user, Optional<DefaultRulesFile> rulesFile, SessionGrants grants, Consumer<String> notices,
            Clock clock) {
        this.user = user;
        this.rulesFile = rulesFile;
        this.grants = grants;
        this.notices = notices;
        this.clock = clock;
    }

    ApprovalOutcome apply(ApprovalRequest request, ApprovalAnswer answer, String channel, long started) {
        String by = " by " + user + " (" + channel + ")";
        return switch (answer) {
            case ApprovalAnswer.ApproveOnce once -> allow(channel, ApprovalScope.ONCE, "approved once" + by, started);
            case ApprovalAnswer.ApproveForSession session -> {
                if (session.prefix().isEmpty()) {
                    notices.accept("an empty prefix would approve everything; approved this action once instead");
                    yield allow(channel, ApprovalScope.ONCE, "approved once" + by + " (empty session prefix)", started);
                }
                grant(request, session.prefix(), false);
                yield allow(channel, ApprovalScope.SESSION, "approved for this session" + by + ": `"
                        + String.join(" ", session.prefix()) + "`", started);
            }
            case ApprovalAnswer.ApproveAlways always -> always(request, always.prefix(), channel, by, started);
            case ApprovalAnswer.Deny deny -> ApprovalRouter.deny(channel, user, "denied" + by + why(deny.why()), started);
            case ApprovalAnswer.DenyAndStop stop -> new ApprovalOutcome(Decision.DENY, true, channel, ApprovalScope.ONCE,
                    user, "denied" + by + ", and the agent is stopped" + why(stop.why()),
                    ApprovalRouter.millisSince(started));
        };
    }

    private ApprovalOutcome always(ApprovalRequest request, List<String> prefix, String channel, String by,
            long started) {
        String shown = "`" + String.join(" ", prefix) + "`";
        GrantKind kind = GrantKind.of(request.action());
        if (prefix.isEmpty()) {
            notices.accept("an empty prefix would approve everything; approved this action once, no rule written");
            return allow(channel, ApprovalScope.ONCE, "approved once" + by + " (empty prefix)", started);
        }
        if (rulesFile.isEmpty()) {
            notices.accept("no rules file here, so " + shown + " is approved for this session only");
            grant(request, prefix, false);
            return allow(channel, ApprovalScope.SESSION, "approved for this session" + by + ": " + shown, started);
        }
        String justification = "approved by " + user + " on " + LocalDate.now(clock);
        try {
            String rule;
            switch (kind) {
                case COMMAND -> {
                    Optional<String> broad = BroadPrefixes.problem(prefix);
                    if (broad.isPresent()) {
                        notices.accept("not saved as a rule: " + broad.get() + "; approved this action once"
                                + " (approve " + shown + " for the session instead, or a longer prefix always)");
                        return allow(channel, ApprovalScope.ONCE, "approved once" + by + "; " + shown
                                + " is too broad for a rule", started);
                    }
                    rule = rulesFile.get().appendPrefixRule(prefix, justification);
                }
                case NETWORK -> {
                    Action.NetworkConnect connect = (Action.NetworkConnect) request.action();
                    rule = rulesFile.get().appendNetworkRule(connect.host().toLowerCase(Locale.ROOT),
                            ruleProtocol(connect.protocol()), justification);
                    prefix = Coverage.words(connect); // the rule names the host; this session's grant the port too
                }
                default -> {
                    notices.accept("rules files cannot express " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + " approvals yet, so " + shown + " is approved for this session only");
                    grant(request, prefix, false);
                    return allow(channel, ApprovalScope.SESSION, "approved for this session" + by + ": " + shown,
                            started);
                }
            }
            grant(request, prefix, true);
            notices.accept("saved to " + rulesFile.get().file() + ": " + rule);
            return allow(channel, ApprovalScope.ALWAYS, "approved always" + by + ": " + rule, started);
        } catch (IOException | RuntimeException e) {
            notices.accept("could not save the rule (" + e.getMessage() + "); approved this action once");
            return allow(channel, ApprovalScope.ONCE, "approved once" + by + "; the rule could not be saved", started);
        }
    }

    /** The action's own protocol as a network rule names it. */
    static String ruleProtocol(String protocol) {
        return switch (protocol.toLowerCase(Locale.ROOT)) {
            case "http" -> "http";
            case "socks5", "socks5_tcp", "tcp" -> "socks5_tcp";
            case "socks5_udp", "udp" -> "socks5_udp";
            default -> "https";
        };
    }

    private void grant(ApprovalRequest request, List<String> prefix, boolean persisted) {
        grants.grant(request.sessionId(), new SessionGrants.Grant(GrantKind.of(request.action()), prefix, persisted));
    }

    private ApprovalOutcome allow(String channel, ApprovalScope scope, String reason, long started) {
        return new ApprovalOutcome(Decision.ALLOW, false, channel, scope, user, reason, ApprovalRouter.millisSince(started));
    }

    private static String why(String why) {
        return why.isBlank() ? "" : ": " + why;
    }
}
