package dev.warden.agents.daemon;

import dev.warden.agents.PolicySnapshot;
import dev.warden.core.Action;
import dev.warden.core.Verdict;
import dev.warden.policy.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's answer to {@code warden check}: the same engine, with the project's policy already loaded.
 * It answers only for the configuration it holds, each project's default layers under this daemon's system
 * directory; a command asking with another system directory is told so and decides standalone, as it does
 * for {@code -c} and {@code --profile}, which the daemon never sees.
 */
final class CheckService {
    private final PolicyCache policies;
    private final Path systemDir;

    CheckService(PolicyCache policies, Path systemDir) {
        this.policies = policies;
        this.systemDir = systemDir;
    }

    /** {@code {"verdict": ...}} for {@code {"argv": [...], "cwd": "/abs", "system_dir": "/etc/warden"}}, else {@code {"error": ...}}. */
    Map<String, Object> check(Map<?, ?> request) {
        Map<String, Object> response = new LinkedHashMap<>();
        if (!(request.get("argv") instanceof List<?> words) || words.isEmpty()
                || !(request.get("cwd") instanceof String cwd) || !(request.get("system_dir") instanceof String system)) {
            response.put("error", "check needs \"argv\" (a non-empty list of strings), \"cwd\" and \"system_dir\"");
            return response;
        }
        List<String> argv = new ArrayList<>(words.size());
        for (Object word : words) {
            if (!(word instanceof String text)) {
                response.put("error", "check: every argv element must be a string");
                return response;
            }
            argv.add(text);
        }
        Path directory = Path.of(cwd);
        if (!directory.isAbsolute()) {
            response.put("error", "check: cwd must be an absolute path");
            return response;
        }
        if (!Path.of(system).equals(systemDir)) {
            response.put("error", "this daemon reads the system configuration in " + systemDir + ", not " + system);
            return response;
        }
        try {
            PolicySnapshot policy = policies.forDirectory(directory.normalize());
            Verdict verdict = policy.engine().evaluate(new Action.Exec(argv, directory.normalize()));
            response.put("verdict", verdict.toJson());
        } catch (ConfigException e) {
            response.put("error", e.getMessage());
        }
        return response;
    }
}
