package dev.warden.policy;

import dev.warden.policy.config.ConfigException;
import dev.warden.policy.config.ConfigLoader;
import dev.warden.policy.config.ConfigRequest;
import dev.warden.policy.config.EffectiveConfig;
import dev.warden.policy.config.LoadedConfig;
import dev.warden.policy.config.RuleSource;
import dev.warden.policy.rules.RuleLoadException;
import dev.warden.policy.rules.RuleSet;
import dev.warden.policy.rules.RulesFileParser;
import dev.warden.policy.rules.TomlRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import dev.warden.policy.fs.CanonicalPath;

/**
 * The I/O edge of the policy: loads the configuration layers and every rules file they name, and
 * compiles them into an immutable {@link Policy}. Any broken file fails the whole load — a rules
 * file that does not parse never becomes an empty policy.
 */
public final class PolicyLoader {
    private PolicyLoader() {}

    public static LoadedPolicy load(ConfigRequest request) throws ConfigException {
        LoadedConfig config = ConfigLoader.load(request);
        RuleSet rules = RuleSet.empty();
        for (RuleSource source : config.ruleSources()) {
            rules = rules.plus(loadRules(source));
        }
        EffectiveConfig effective = config.effective();
        // $HOME, as the shell that runs the command will expand ~ (the JVM's user.home comes from passwd).
        Path home = Path.of(System.getenv().getOrDefault("HOME", System.getProperty("user.home")));
        Policy policy = new Policy(
                effective.approvalPolicy(),
                effective.sandboxMode(),
                rules,
                effective.filesystem(),
                // Only an unrestricted network lets a connection through without asking; proxied
                // connections are the proxy's to decide, host by host.
                effective.network().mode() == dev.warden.policy.network.NetworkMode.FULL,
                workspaceRoots(effective),
                home);
        return new LoadedPolicy(config, policy);
    }

    /**
     * What "the workspace" means to the heuristics: the project, and every root the profile lets
     * commands write. A read-only profile still has a workspace: the project it looks at.
     */
    private static List<Path> workspaceRoots(EffectiveConfig effective) {
        Set<Path> roots = new LinkedHashSet<>();
        roots.add(CanonicalPath.of(effective.projectRoot()));
        roots.addAll(effective.filesystem().writableRoots());
        return List.copyOf(roots);
    }

    private static RuleSet loadRules(RuleSource source) throws ConfigException {
        String file = source.file().toString();
        try {
            if (source.tomlPrefixRules().isPresent()) {
                return TomlRules.parse(source.tomlPrefixRules().get(), file, source.layer(), source.allowDecisionAllowed());
            }
            return RulesFileParser.parse(Files.readString(source.file()), file, source.layer());
        } catch (RuleLoadException e) {
            throw new ConfigException(e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read rules file (" + e.getMessage() + "); fix its permissions or remove it");
        }
    }
}
