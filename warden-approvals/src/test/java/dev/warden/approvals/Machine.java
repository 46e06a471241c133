package dev.warden.approvals;

import dev.warden.core.Action;
import dev.warden.core.Verdict;
import dev.warden.core.event.Event;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.EventSink;
import dev.warden.core.event.SessionRecorder;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyLoader;
import dev.warden.policy.config.ConfigException;
import dev.warden.policy.config.ConfigRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A throw-away Warden home and project for one test, with the real configuration loader and policy engine:
 * verdicts here are the ones {@code warden exec} would see.
 */
final class Machine {
    final Path wardenHome;
    final Path systemDir;
    final Path project;
    final List<Event> events = new CopyOnWriteArrayList<>();

    Machine(Path root) {
        try {
            wardenHome = Files.createDirectories(root.resolve("warden-home"));
            systemDir = Files.createDirectories(root.resolve("etc-warden"));
            project = Files.createDirectories(root.resolve("project"));
            Files.createDirectories(project.resolve(".git"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PolicyEngine engine(String... overrides) {
        try {
            return new PolicyEngine(PolicyLoader.load(new ConfigRequest(wardenHome, systemDir, project, Optional.empty(),
                    Arrays.asList(overrides))).policy());
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    Action.Exec exec(String... argv) {
        return new Action.Exec(List.of(argv), project);
    }

    /** The request {@code warden exec ARGV} would send, under {@code overrides}. */
    ApprovalRequest ask(String session, List<String> argv, String... overrides) {
        Action action = new Action.Exec(argv, project);
        Verdict verdict = engine(overrides).evaluate(action);
        return ApprovalRequest.of(session, action, verdict, "");
    }

    SessionRecorder recorder() {
        EventSink sink = events::add;
        return SessionRecorder.start(sink, "test", new EventBody.SessionStart("exec", List.of("x"), "tester", "host",
                project.toString(), "digest", "none", "none"));
    }

    @SuppressWarnings("unchecked")
    <T extends EventBody> List<T> events(Class<T> type) {
        return events.stream().map(Event::body).filter(type::isInstance).map(b -> (T) b).toList();
    }
}
