package dev.warden.audit.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code warden audit verify} found.
 *
 * @param records       records checked
 * @param firstSeq      the first record kept (1 unless retention pruned the start), 0 for an empty store
 * @param lastSeq       the last record
 * @param checkpoints   signed checkpoints checked
 * @param lastSignedSeq the newest record a valid checkpoint vouches for
 * @param problem       the first thing wrong, if anything
 */
public record VerifyReport(long records, long firstSeq, long lastSeq, long checkpoints, long lastSignedSeq,
                           Optional<Problem> problem) {

    public VerifyReport {
        Objects.requireNonNull(problem, "problem");
    }

    public boolean intact() {
        return problem.isEmpty();
    }

    /** Records after the last checkpoint: chained, but not yet vouched for by a signature. */
    public long unsignedTail() {
        return Math.max(0, lastSeq - lastSignedSeq);
    }

    /** What kind of damage was found. */
    public enum Kind {
        /** A record's content no longer matches its hash. */
        MODIFIED,
        /** A record is missing. */
        DELETED,
        /** A record that was never written by Warden sits in the chain. */
        INSERTED,
        /** Records were moved. */
        REORDERED,
        /** A record does not chain from the one before it, in a way none of the above explains. */
        BROKEN_CHAIN,
        /** Hashes were recomputed after a change: the chain no longer reaches a signed head. */
        REWRITTEN,
        /** A session's own numbering skips or steps back: an event of it was removed or moved. */
        SESSION_ORDER,
        /** Records a signed checkpoint vouched for are gone from the end. */
        TRUNCATED,
        /** A checkpoint's signature does not verify with the store's key. */
        FORGED_CHECKPOINT
    }

    /**
     * The first bad record.
     *
     * @param seq     its sequence number in the store
     * @param kind    what is wrong
     * @param message one line for a person
     */
    public record Problem(long seq, Kind kind, String message) {
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }
}
