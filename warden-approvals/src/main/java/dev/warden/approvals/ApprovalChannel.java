package dev.warden.approvals;

import java.time.Duration;

/**
 * A way to ask a person: the terminal, MCP elicitation, an agent's own permission prompt. The router
 * knows nothing else about it. A channel that cannot ask (no terminal, a client without elicitation)
 * says so with {@link ChannelUnavailable}; the router then tries the next one or denies.
 */
public interface ApprovalChannel {

    /** A short name recorded in the audit trail, e.g. {@code terminal}, {@code mcp-elicitation}. */
    String name();

    /**
     * Asks about {@code request} and waits at most {@code timeout} for the answer.
     *
     * @throws ChannelUnavailable when this channel cannot ask now, or gave no answer in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    ApprovalAnswer ask(ApprovalRequest request, Duration timeout) throws ChannelUnavailable, InterruptedException;

    /** This channel could not produce an answer; the message says why, for the person and the audit trail. */
    final class ChannelUnavailable extends Exception {
        public ChannelUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
