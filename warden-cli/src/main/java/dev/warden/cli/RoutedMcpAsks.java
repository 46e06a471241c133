package dev.warden.cli;

import dev.warden.agents.mcp.AskResolver;
import dev.warden.approvals.ApprovalAnswer;
import dev.warden.approvals.ApprovalChannel;
import dev.warden.approvals.ApprovalOutcome;
import dev.warden.approvals.ApprovalRequest;
import dev.warden.approvals.ApprovalRouter;
import dev.warden.approvals.DefaultRulesFile;
import dev.warden.approvals.RouterSettings;
import dev.warden.policy.config.EffectiveConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The MCP server's asks on the one approval path: session grants and persisted rules, the automatic reviewer,
 * then the client's user through MCP elicitation when the client offers it (never the terminal: stdin and
 * stdout are the protocol). One router for the server's life, so "approve for this session" holds; the
 * elicitation channel belongs to each call's exchange, so the router asks through whichever call is asking
 * now, one ask at a time (a person answers one question at a time anyway). The MCP server records the
 * approval event itself, so the router is given no recorder of its own.
 */
final class RoutedMcpAsks implements AskResolver {
    private final EffectiveConfig config;
    private final WardenPaths paths;
    private ApprovalRouter router;
    private volatile Optional<ApprovalChannel> current = Optional.empty();

    RoutedMcpAsks(EffectiveConfig config, WardenPaths paths) {
        this.config = config;
        this.paths = paths;
    }

    @Override
    public synchronized ApprovalOutcome decide(ApprovalRequest request, Optional<ApprovalChannel> client) {
        current = client;
        try {
            return router().resolve(request);
        } finally {
            current = Optional.empty();
        }
    }

    private ApprovalRouter router() {
        if (router == null) {
            router = new ApprovalRouter(RouterSettings.of(config, System.getProperty("user.name", "user")),
                    List.of(new CallersChannel()), Approvals.reviewer(config),
                    Optional.of(DefaultRulesFile.in(paths.home())), Optional.empty(),
                    notice -> System.err.println("warden: " + notice));
        }
        return router;
    }

    /** The asking call's elicitation, or unavailable when its client has none. */
    private final class CallersChannel implements ApprovalChannel {
        @Override
        public String name() {
            return current.map(ApprovalChannel::name).orElse("mcp-elicitation");
        }

        @Override
        public ApprovalAnswer ask(ApprovalRequest request, Duration timeout)
                throws ChannelUnavailable, InterruptedException {
            Optional<ApprovalChannel> channel = current;
            if (channel.isEmpty()) {
                throw new ChannelUnavailable("the MCP client does not support elicitation");
            }
            return channel.get().ask(request, timeout);
        }
    }
}
