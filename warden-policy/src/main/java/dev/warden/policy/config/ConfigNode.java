package dev.warden.policy.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A configuration tree whose every value remembers where it was written. Leaves hold tomlj values as
 * parsed ({@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code TomlArray}, dates);
 * tables are {@link Table}s so that layers can be merged key by key.
 */
sealed interface ConfigNode permits ConfigNode.Leaf, ConfigNode.Table {

    Position position();

    /** A scalar or an array: a higher layer replaces it whole. */
    record Leaf(Object value, Position position) implements ConfigNode {
        public Leaf {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(position, "position");
        }
    }

    /** A table: a higher layer's table merges into it key by key. */
    record Table(Map<String, ConfigNode> entries, Position position) implements ConfigNode {
        public Table {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            Objects.requireNonNull(position, "position");
        }

        static Table empty(Position position) {
            return new Table(Map.of(), position);
        }

        Optional<ConfigNode> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        Optional<ConfigNode> at(List<String> path) {
            ConfigNode node = this;
            for (String key : path) {
                if (!(node instanceof Table table) || !table.entries.containsKey(key)) {
                    return Optional.empty();
                }
                node = table.entries.get(key);
            }
            return Optional.of(node);
        }

        Optional<Table> table(String key) {
            return get(key).filter(Table.class::isInstance).map(Table.class::cast);
        }

        /** Deep merge: tables merge, anything else from {@code higher} replaces. */
        Table merge(Table higher) {
            Map<String, ConfigNode> merged = new LinkedHashMap<>(entries);
            for (Map.Entry<String, ConfigNode> entry : higher.entries.entrySet()) {
                ConfigNode mine = merged.get(entry.getKey());
                if (mine instanceof Table low && entry.getValue() instanceof Table high) {
                    merged.put(entry.getKey(), low.merge(high));
                } else {
                    merged.put(entry.getKey(), entry.getValue());
                }
            }
            return new Table(merged, higher.entries.isEmpty() ? position : higher.position);
        }

        Table with(String key, ConfigNode value) {
            Map<String, ConfigNode> copy = new LinkedHashMap<>(entries);
            copy.put(key, value);
            return new Table(copy, position);
        }

        Table without(String key) {
            Map<String, ConfigNode> copy = new LinkedHashMap<>(entries);
            copy.remove(key);
            return new Table(copy, position);
        }

        /** The same tree with every position rewritten (used to show profile values as the profile layer). */
        Table relabel(UnaryOperator<Position> relabel) {
            Map<String, ConfigNode> copy = new LinkedHashMap<>();
            for (Map.Entry<String, ConfigNode> entry : entries.entrySet()) {
                copy.put(entry.getKey(), switch (entry.getValue()) {
                    case Leaf leaf -> new Leaf(leaf.value(), relabel.apply(leaf.position()));
                    case Table table -> table.relabel(relabel);
                });
            }
            return new Table(copy, relabel.apply(position));
        }
    }
}
