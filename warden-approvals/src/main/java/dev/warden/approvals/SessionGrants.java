package dev.warden.approvals;

import dev.warden.core.Action;
import dev.warden.core.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * "Approve for this session": prefixes a person chose, per session, until the session ends. A grant matches by
 * prefix (what the person saw and could edit), not by the exact argv, and it only ever turns an {@code ask} into
 * an allow: {@link #covering} refuses any action the policy denies in any part (see {@link Coverage}).
 */
public final class SessionGrants {

    /** One granted prefix, and how long it holds (a session grant, or a rule written as "always" this session). */
    public record Grant(GrantKind kind, List<String> prefix, boolean persisted) {
        public Grant {
            Objects.requireNonNull(kind, "kind");
            prefix = List.copyOf(prefix);
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("a grant needs at least one word; an empty prefix would allow everything");
            }
        }
    }

    private final Map<String, List<Grant>> bySession = new ConcurrentHashMap<>();

    public void grant(String sessionId, Grant grant) {
        bySession.computeIfAbsent(sessionId, id -> new CopyOnWriteArrayList<>()).add(grant);
    }

    /** The grants of one session, oldest first. */
    public List<Grant> grants(String sessionId) {
        return List.copyOf(bySession.getOrDefault(sessionId, List.of()));
    }

    /** Forgets a session's grants (its end). */
    public void end(String sessionId) {
        bySession.remove(sessionId);
    }

    /**
     * The grants that together cover every part of the action the policy asked about, or empty when some part is
     * not covered (or may not be covered by any grant).
     */
    public Optional<List<Grant>> covering(String sessionId, Action action, Verdict verdict) {
        List<Grant> grants = bySession.getOrDefault(sessionId, List.of());
        if (grants.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<List<String>>> needed = Coverage.needed(action, verdict);
        if (needed.isEmpty() || needed.get().isEmpty()) {
            return Optional.empty();
        }
        GrantKind kind = GrantKind.of(action);
        List<Grant> used = new ArrayList<>();
        for (List<String> words : needed.get()) {
            Grant match = null;
            for (Grant grant : grants) {
                if (grant.kind() == kind && Coverage.covers(kind, grant.prefix(), words)) {
                    match = grant;
                    break;
                }
            }
            if (match == null) {
                return Optional.empty();
            }
            if (!used.contains(match)) {
                used.add(match);
            }
        }
        return Optional.of(List.copyOf(used));
    }
}
