package dev.warden.policy.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Flattens a merged tree into dotted key → origin for every value (profile definitions excluded: they are not in force). */
final class LayerOrigins {
    private LayerOrigins() {}

    static Map<String, ValueOrigin> of(ConfigNode.Table merged) {
        Map<String, ValueOrigin> out = new TreeMap<>();
        collect(merged.without("profiles"), List.of(), out);
        return out;
    }

    private static void collect(ConfigNode.Table table, List<String> path, Map<String, ValueOrigin> out) {
        for (Map.Entry<String, ConfigNode> entry : table.entries().entrySet()) {
            List<String> child = KeyPath.append(path, entry.getKey());
            switch (entry.getValue()) {
                case ConfigNode.Table nested -> collect(nested, child, out);
                case ConfigNode.Leaf leaf -> out.put(KeyPath.join(child), leaf.position().origin());
            }
        }
    }
}
