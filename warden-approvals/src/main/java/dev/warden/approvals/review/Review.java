package dev.warden.approvals.review;

import java.util.Objects;

/** What an automatic reviewer concluded about one action: approve it, refuse it, or let a person decide. */
public sealed interface Review {

    /** One sentence a person can check: the level, the threshold, the evidence. */
    String rationale();

    record Approve(String rationale) implements Review {
        public Approve {
            Objects.requireNonNull(rationale, "rationale");
        }
    }

    record Deny(String rationale) implements Review {
        public Deny {
            Objects.requireNonNull(rationale, "rationale");
        }
    }

    /** Not the reviewer's call (or the reviewer could not decide: timeout, bad answer); a person decides. */
    record AskHuman(String rationale) implements Review {
        public AskHuman {
            Objects.requireNonNull(rationale, "rationale");
        }
    }
}
