package dev.warden.policy.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;

/**
 * Loads the configuration layers, lowest precedence first: built-in defaults, system
 * ({@code $WARDEN_SYSTEM_DIR/config.toml}), user ({@code $WARDEN_HOME/config.toml}), project
 * ({@code .warden/config.toml} from the repository root down to the working directory, trusted projects
 * only), the selected {@code [profiles.NAME]}, then {@code -c key=value}. Tables merge deeply; scalars
 * and arrays from a higher layer replace. The administrator's requirements bound the result.
 *
 * <p>Any broken layer fails the whole load: nothing is dropped silently and nothing is half-applied.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Loads with the process environment ({@code HOME}, {@code TMPDIR}). */
    public static LoadedConfig load(ConfigRequest request) throws ConfigException {
        return load(request, System.getenv());
    }

    /** Loads with an explicit environment, for {@code HOME} ({@code ~/} paths, protected rc files) and {@code TMPDIR}. */
    public static LoadedConfig load(ConfigRequest request, Map<String, String> environment) throws ConfigException {
        Path cwd;
        Path projectRoot;
        try {
            cwd = request.cwd().toAbsolutePath().normalize().toRealPath();
            projectRoot = ProjectRoot.of(cwd);
        } catch (IOException e) {
            throw new ConfigException("working directory " + request.cwd() + " is not usable: " + e.getMessage(), e);
        }
        boolean trusted;
        TrustStore trustStore = new TrustStore(request.wardenHome());
        try {
            trusted = "trusted".equals(trustStore.read().get(projectRoot));
        } catch (IOException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        List<ConfigSource> sources = new ArrayList<>();
        List<RuleSource> rules = new ArrayList<>();

        Path requirementsFile = request.systemDir().resolve("requirements.toml");
        Requirements requirements = RequirementsFile.read(requirementsFile);
        sources.add(new ConfigSource("requirements", requirementsFile,
                requirements.source().isPresent() ? ConfigSource.APPLIED : ConfigSource.MISSING));
        requirements.prefixRules().ifPresent(array -> rules.add(new RuleSource("requirements", requirementsFile,
                Optional.of(array), false)));

        List<Layer> layers = new ArrayList<>();
        layers.add(new Layer("default", Optional.empty(), defaults(trusted)));
        Path userConfig = request.wardenHome().resolve("config.toml");
        readLayer("system", "system config", request.systemDir().resolve("config.toml"), layers, sources, rules);
        readLayer("user", "user config", userConfig, layers, sources, rules);
        rules.addAll(rulesFiles("user", request.wardenHome().resolve("rules")));
        for (Path file : projectConfigs(projectRoot, cwd)) {
            if (sameFile(file, userConfig)) {
                continue; // $WARDEN_HOME inside the project walk: already loaded as the user layer
            }
            if (trusted) {
                readLayer("project", "project config", file, layers, sources, rules);
            } else if (Files.exists(file)) {
                sources.add(new ConfigSource("project", file, ConfigSource.untrusted(projectRoot)));
            } else {
                sources.add(new ConfigSource("project", file, ConfigSource.MISSING));
            }
        }
        if (trusted) {
            rules.addAll(rulesFiles("project", projectRoot.resolve(".warden").resolve("rules")));
        }
        ConfigNode.Table cli = CommandLineOverrides.parse(request.overrides());
        ConfigSchema.validate(cli);

        ConfigNode.Table merged = layers.getFirst().tree();
        for (Layer layer : layers.subList(1, layers.size())) {
            merged = merged.merge(layer.tree());
        }
        if (request.profile().isPresent()) {
            String name = request.profile().get();
            ConfigNode.Table overlay = selectProfile(name, layers, cli, merged, sources, rules);
            merged = merged.merge(overlay);
        }
        merged = merged.merge(cli);
        cli.at(List.of("rules", "prefix")).ifPresent(node -> rules.add(new RuleSource("cli", Path.of("<command line>"),
                Optional.of((TomlArray) ((ConfigNode.Leaf) node).value()), true)));

        Map<String, ValueOrigin> notEnforced = ConfigSchema.unknownKeys(merged);
        Path home = Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")));
        Optional<Path> tmpdir = Optional.ofNullable(environment.get("TMPDIR")).filter(t -> !t.isBlank())
                .map(Path::of).filter(Path::isAbsolute);
        EffectiveConfigResolver.Host host = new EffectiveConfigResolver.Host(projectRoot, trusted, home, tmpdir,
                List.of(request.wardenHome(), request.systemDir()));
        EffectiveConfigResolver.Result result = EffectiveConfigResolver.resolve(merged, requirements, host);
        Map<String, ValueOrigin> origins = LayerOrigins.of(merged);
        origins.putAll(result.replacedOrigins());
        return new LoadedConfig(result.effective(), origins, sources, result.warnings(), notEnforced, requirements,
                rules, ConfigExplainer.digest(result.effective()));
    }

    /** One applied layer: its name, file and tree. */
    private record Layer(String name, Optional<Path> file, ConfigNode.Table tree) {}

    /**
     * The built-in defaults. The sandbox mode follows Codex: a trusted project gets {@code workspace-write}
     * (edits inside the workspace, on-request approvals), anything else {@code read-only} until the person
     * trusts it. Unlike Codex, secrets-looking variables are kept out of commands by default.
     */
    private static ConfigNode.Table defaults(boolean trusted) {
        String text = """
                approval_policy = "on-request"
                approvals_reviewer = "user"
                sandbox_mode = "%s"
                sandbox_backend = "auto"
                [auto_review]
                low = "allow"
                medium = "allow"
                high = "allow-if-authorized"
                critical = "deny"
                timeout_seconds = 90
                [approvals]
                timeout_seconds = 300
                [sandbox_workspace_write]
                network_access = false
                writable_roots = []
                exclude_tmpdir_env_var = false
                exclude_slash_tmp = false
                [shell_environment_policy]
                inherit = "all"
                exclude = []
                include_only = []
                ignore_default_excludes = false
                [network]
                mode = "off"
                allowed_domains = []
                denied_domains = []
                unknown = "ask"
                allow_local_binding = false
                [audit]
                retention_days = 30
                on_failure = "stop"
                """.formatted(trusted ? "workspace-write" : "read-only");
        TomlParseResult parsed = Toml.parse(text);
        return TomlSource.convert(parsed, Position.builtIn(), (table, key) -> Position.builtIn());
    }

    private static void readLayer(String name, String label, Path file, List<Layer> layers, List<ConfigSource> sources,
                                  List<RuleSource> rules) throws ConfigException {
        if (!Files.exists(file)) {
            sources.add(new ConfigSource(name, file, ConfigSource.MISSING));
            return;
        }
        ConfigNode.Table tree = TomlSource.read(file, name, label).tree();
        ConfigSchema.validate(tree);
        layers.add(new Layer(name, Optional.of(file), tree));
        sources.add(new ConfigSource(name, file, ConfigSource.APPLIED));
        tree.at(List.of("rules", "prefix")).ifPresent(node -> rules.add(new RuleSource(name, file,
                Optional.of((TomlArray) ((ConfigNode.Leaf) node).value()), true)));
    }

    private static ConfigNode.Table selectProfile(String name, List<Layer> layers, ConfigNode.Table cli,
                                                  ConfigNode.Table merged, List<ConfigSource> sources,
                                                  List<RuleSource> rules) throws ConfigException {
        String layerName = "profile:" + name;
        ConfigNode.Table overlay = ConfigNode.Table.empty(new Position(layerName, "profile " + name, Optional.empty(), 0, 0));
        boolean found = false;
        List<ConfigNode.Table> parts = new ArrayList<>();
        List<Optional<Path>> files = new ArrayList<>();
        for (Layer layer : layers) {
            parts.add(layer.tree());
            files.add(layer.file());
        }
        parts.add(cli);
        files.add(Optional.empty());
        for (int i = 0; i < parts.size(); i++) {
            Optional<ConfigNode> profile = parts.get(i).at(List.of("profiles", name));
            if (profile.isEmpty()) {
                continue;
            }
            found = true;
            ConfigNode.Table table = ((ConfigNode.Table) profile.get()).relabel(p -> p.asProfile(name));
            overlay = overlay.merge(table);
            Optional<Path> file = files.get(i);
            file.ifPresent(f -> sources.add(new ConfigSource(layerName, f, ConfigSource.APPLIED)));
            table.at(List.of("rules", "prefix")).ifPresent(node -> rules.add(new RuleSource(layerName,
                    file.orElse(Path.of("<command line>")), Optional.of((TomlArray) ((ConfigNode.Leaf) node).value()), true)));
        }
        if (!found) {
            TreeSet<String> known = new TreeSet<>();
            merged.merge(cli).table("profiles").ifPresent(t -> known.addAll(t.entries().keySet()));
            throw new ConfigException("profile `" + name + "` not found; " + (known.isEmpty()
                    ? "no profiles are defined (add [profiles." + KeyPath.segment(name) + "] to a config file)"
                    : "known profiles: " + String.join(", ", known)));
        }
        return overlay;
    }

    /** {@code .warden/config.toml} in every directory from the project root down to the working directory. */
    private static List<Path> projectConfigs(Path projectRoot, Path cwd) {
        List<Path> dirs = new ArrayList<>();
        for (Path dir = cwd; dir != null && dir.startsWith(projectRoot); dir = dir.getParent()) {
            dirs.addFirst(dir);
        }
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            Path file = dir.resolve(".warden").resolve("config.toml");
            if (dir.equals(projectRoot) || Files.exists(file)) {
                files.add(file); // the root's file is always listed so "missing" shows where it would go
            }
        }
        return files;
    }

    /** Every {@code *.rules} file in {@code dir}, sorted by name. */
    private static List<RuleSource> rulesFiles(String layer, Path dir) throws ConfigException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        TreeSet<Path> files = new TreeSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.rules")) {
            for (Path file : stream) {
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            throw new ConfigException(dir + ": cannot list rules files (" + e.getMessage() + ")", e);
        }
        return files.stream().map(f -> new RuleSource(layer, f, Optional.empty(), true)).toList();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
