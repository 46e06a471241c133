package dev.warden.approvals;

import java.util.List;
import java.util.Objects;

/** What a channel (a person, or a front door speaking for one) answered to an {@link ApprovalRequest}. */
public sealed interface ApprovalAnswer {

    /** Allow this one action. */
    record ApproveOnce() implements ApprovalAnswer {}

    /** Allow this action and every later one starting with {@code prefix}, until the session ends. */
    record ApproveForSession(List<String> prefix) implements ApprovalAnswer {
        public ApproveForSession {
            prefix = List.copyOf(prefix);
        }
    }

    /** Allow it from now on: written as a rule to {@code $WARDEN_HOME/rules/default.rules}. */
    record ApproveAlways(List<String> prefix) implements ApprovalAnswer {
        public ApproveAlways {
            prefix = List.copyOf(prefix);
        }
    }

    /** Refuse this action; the agent goes on. */
    record Deny(String why) implements ApprovalAnswer {
        public Deny {
            Objects.requireNonNull(why, "why");
        }
    }

    /** Refuse this action and end the agent's session. */
    record DenyAndStop(String why) implements ApprovalAnswer {
        public DenyAndStop {
            Objects.requireNonNull(why, "why");
        }
    }
}
