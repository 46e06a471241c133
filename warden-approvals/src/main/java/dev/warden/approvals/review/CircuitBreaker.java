package dev.warden.approvals.review;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops the automatic reviewer from approving anything more in a session that keeps running into its denials:
 * after {@value #CONSECUTIVE} denials in a row, or {@value #WINDOW_DENIALS} among the last {@value #WINDOW}
 * reviews. An agent that keeps trying what gets refused is probing, or has been turned; from then on every ask
 * in that session goes to a person. The breaker does not close again within the session.
 */
public final class CircuitBreaker {
    static final int CONSECUTIVE = 3;
    static final int WINDOW = 50;
    static final int WINDOW_DENIALS = 10;

    private static final class State {
        final Deque<Boolean> recent = new ArrayDeque<>();
        int consecutive;
        int deniedInWindow;
        String openedBecause;
    }

    private final Map<String, State> sessions = new ConcurrentHashMap<>();

    /** Why the breaker is open for {@code sessionId}, or null while the reviewer may still approve. */
    public String openBecause(String sessionId) {
        State state = sessions.get(sessionId);
        if (state == null) {
            return null;
        }
        synchronized (state) {
            return state.openedBecause;
        }
    }

    /**
     * Records one review; returns the reason when this review opened the breaker (exactly once per session, so
     * the person is told once), else null.
     */
    public String record(String sessionId, Review review) {
        State state = sessions.computeIfAbsent(sessionId, id -> new State());
        synchronized (state) {
            boolean denied = review instanceof Review.Deny;
            state.recent.addLast(denied);
            state.deniedInWindow += denied ? 1 : 0;
            if (state.recent.size() > WINDOW && state.recent.removeFirst()) {
                state.deniedInWindow--;
            }
            state.consecutive = denied ? state.consecutive + 1 : 0;
            if (state.openedBecause != null) {
                return null;
            }
            if (state.consecutive >= CONSECUTIVE) {
                state.openedBecause = "the automatic reviewer denied " + CONSECUTIVE + " actions in a row";
            } else if (state.deniedInWindow >= WINDOW_DENIALS) {
                state.openedBecause = "the automatic reviewer denied " + state.deniedInWindow + " of the last "
                        + state.recent.size() + " actions";
            }
            return state.openedBecause;
        }
    }
}
