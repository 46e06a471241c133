package dev.warden.policy.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/** Reads one TOML file into a {@link ConfigNode.Table} with positions, or fails with {@code FILE:LINE:COL: message}. */
final class TomlSource {
    /** Configuration is hand-written; anything this large is a mistake, not a config. */
    private static final long MAX_BYTES = 4L * 1024 * 1024;

    private TomlSource() {}

    /** A parsed file: the tree with positions, and the raw tomlj table (rule arrays are handed on as-is). */
    record Parsed(ConfigNode.Table tree, TomlTable raw) {}

    static Parsed read(Path file, String layer, String label) throws ConfigException {
        String source = readText(file);
        InlineTableJoiner joined = InlineTableJoiner.rewrite(source);
        TomlParseResult result = Toml.parse(joined.text());
        if (result.hasErrors()) {
            TomlParseError first = result.errors().getFirst();
            TomlPosition at = first.position();
            String more = result.errors().size() > 1 ? " (and " + (result.errors().size() - 1) + " more)" : "";
            int line = at == null ? 0 : joined.originalLine(at.line(), at.column());
            int column = at == null ? 0 : joined.originalColumn(at.line(), at.column());
            throw new ConfigException(file + ":" + line + ":" + column + ": " + first.getMessage() + more);
        }
        Positions positions = (table, key) -> {
            TomlPosition at = table.inputPositionOf(List.of(key));
            if (at == null) {
                return new Position(layer, label, Optional.of(file), 0, 0);
            }
            return new Position(layer, label, Optional.of(file),
                    joined.originalLine(at.line(), at.column()), joined.originalColumn(at.line(), at.column()));
        };
        Position top = new Position(layer, label, Optional.of(file), 0, 0);
        return new Parsed(convert(result, top, positions), result);
    }

    /** How to find where a key of a tomlj table was written. */
    interface Positions {
        Position of(TomlTable table, String key);
    }

    static ConfigNode.Table convert(TomlTable table, Position tablePosition, Positions positions) {
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        for (String key : table.keySet()) {
            Object value = table.get(List.of(key));
            Position at = positions.of(table, key);
            if (value instanceof TomlTable child) {
                entries.put(key, convert(child, at, positions));
            } else if (value != null) {
                entries.put(key, new ConfigNode.Leaf(value, at));
            }
        }
        return new ConfigNode.Table(entries, tablePosition);
    }

    private static String readText(Path file) throws ConfigException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(file + ": larger than " + MAX_BYTES / (1024 * 1024) + " MiB; this is not a config file");
            }
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not valid UTF-8; TOML files must be UTF-8");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
