package dev.warden.policy.config;

import java.util.List;

/**
 * When Warden asks a person (or the automatic reviewer) before letting an action through; the names
 * and meanings are Codex's {@code approval_policy}.
 */
public sealed interface ApprovalPolicy {

    /** The names {@code approval_policy} accepts as a plain string. */
    List<String> SIMPLE_NAMES = List.of("untrusted", "on-request", "on-failure", "never");

    /** Every name a requirement can list ({@code granular} stands for any granular table). */
    List<String> ALL_NAMES = List.of("untrusted", "on-request", "on-failure", "never", "granular");

    /** The value as written in {@code config.toml} ({@code granular} for the table form). */
    String wireName();

    /** Only commands known to be safe run without asking. */
    record Untrusted() implements ApprovalPolicy {
        @Override
        public String wireName() {
            return "untrusted";
        }
    }

    /** The agent decides when to ask; the sandbox bounds everything else. */
    record OnRequest() implements ApprovalPolicy {
        @Override
        public String wireName() {
            return "on-request";
        }
    }

    /** Run in the sandbox, ask only to retry a failed command outside it. */
    record OnFailure() implements ApprovalPolicy {
        @Override
        public String wireName() {
            return "on-failure";
        }
    }

    /** Never ask; whatever needs approval fails. */
    record Never() implements ApprovalPolicy {
        @Override
        public String wireName() {
            return "never";
        }
    }

    /**
     * Per kind of request: {@code true} lets that kind of approval prompt reach a reviewer, {@code false}
     * rejects it without asking.
     *
     * @param sandboxApproval     commands that need to leave the sandbox
     * @param rules               commands a {@code prompt} rule matched
     * @param mcpElicitations     MCP servers asking the user something
     * @param requestPermissions  the agent asking for wider permissions
     * @param skillApproval       scripts run by skills
     */
    record Granular(boolean sandboxApproval, boolean rules, boolean mcpElicitations, boolean requestPermissions,
                    boolean skillApproval) implements ApprovalPolicy {
        @Override
        public String wireName() {
            return "granular";
        }
    }

    /** The simple policy for a name in {@link #SIMPLE_NAMES}. */
    static ApprovalPolicy ofSimpleName(String name) {
        return switch (name) {
            case "untrusted" -> new Untrusted();
            case "on-request" -> new OnRequest();
            case "on-failure" -> new OnFailure();
            case "never" -> new Never();
            default -> throw new IllegalArgumentException("not a simple approval policy: " + name);
        };
    }
}
