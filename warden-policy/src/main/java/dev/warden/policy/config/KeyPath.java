package dev.warden.policy.config;

import java.util.ArrayList;
import java.util.List;

/** Dotted key paths as TOML writes them: bare segments plain, anything else quoted ({@code a.":root"."**}{@code /*.env"}). */
final class KeyPath {
    private KeyPath() {}

    static String join(List<String> path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(segment(segment));
        }
        return out.toString();
    }

    static List<String> append(List<String> path, String key) {
        List<String> copy = new ArrayList<>(path.size() + 1);
        copy.addAll(path);
        copy.add(key);
        return copy;
    }

    static String segment(String key) {
        if (!key.isEmpty() && key.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
            return key;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : key.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04X", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
