package dev.warden.policy.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * {@code -c key=value}: the key is a TOML dotted key path, the value a TOML value; a value that does not
 * parse as exactly one TOML value is taken as a bare string, so {@code -c sandbox_mode=read-only} works
 * without shell-quoted TOML quotes (Codex behaves the same).
 */
final class CommandLineOverrides {
    private CommandLineOverrides() {}

    static ConfigNode.Table parse(List<String> overrides) throws ConfigException {
        ConfigNode.Table result = ConfigNode.Table.empty(new Position("cli", "command line", Optional.empty(), 0, 0));
        for (int i = 0; i < overrides.size(); i++) {
            String argument = overrides.get(i);
            int equals = argument.indexOf('=');
            if (equals < 0) {
                throw new ConfigException("-c " + argument + ": expected key=value, e.g. -c sandbox_mode=read-only");
            }
            String keyText = argument.substring(0, equals).strip();
            String valueText = argument.substring(equals + 1).strip();
            List<String> path;
            try {
                path = Toml.parseDottedKey(keyText);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("-c " + argument + ": `" + keyText
                        + "` is not a key path; write dotted keys like sandbox_workspace_write.network_access");
            }
            if (path.isEmpty()) {
                throw new ConfigException("-c " + argument + ": the key is empty; write -c key=value");
            }
            Position at = new Position("cli", "command line -c " + argument, Optional.empty(), i + 1, 0);
            ConfigNode node = value(valueText, at);
            for (int k = path.size() - 1; k >= 0; k--) {
                node = new ConfigNode.Table(Map.of(path.get(k), node), at);
            }
            result = result.merge((ConfigNode.Table) node);
        }
        return result;
    }

    private static ConfigNode value(String text, Position at) {
        TomlParseResult parsed = Toml.parse("v = " + text);
        if (!parsed.hasErrors() && parsed.keySet().equals(java.util.Set.of("v"))) {
            Object value = parsed.get(List.of("v"));
            if (value instanceof TomlTable table) {
                return TomlSource.convert(table, at, (t, key) -> at);
            }
            if (value != null) {
                return new ConfigNode.Leaf(value, at);
            }
        }
        return new ConfigNode.Leaf(text, at);
    }
}
