package dev.warden.policy.shell;

import java.util.ArrayList;
import java.util.List;

/** What one parse has found so far: the simple commands in order, and the reasons the script is complex. */
final class Findings {
    /** Bounds the work an adversarial script with thousands of distinct constructs can cause. */
    private static final int MAX_REASONS = 32;

    final List<SimpleCommand> commands = new ArrayList<>();
    /** Whether plain words may be taken as one substring ({@link WordScanner}); off only to test that shortcut. */
    final boolean plainWordShortcut;
    private List<String> reasons = List.of();
    /**
     * Set once a compound construct (if, case, subshell, group) was seen: the splitter does not parse those, so
     * what looks like a syntax error after one usually is not, and reporting it would only mislead.
     */
    private boolean compound;

    Findings(boolean plainWordShortcut) {
        this.plainWordShortcut = plainWordShortcut;
    }

    void complex(String reason) {
        if (reasons.isEmpty()) {
            reasons = new ArrayList<>(4);
        }
        if (reasons.size() < MAX_REASONS) {
            if (!reasons.contains(reason)) {
                reasons.add(reason);
            }
        } else if (reasons.size() == MAX_REASONS) {
            reasons.add("more constructs not listed");
        }
    }

    void compound(String reason) {
        complex(reason);
        compound = true;
    }

    /** True once a compound construct was reported; its closing words and case terminators need no reason. */
    boolean inCompound() {
        return compound;
    }

    void syntaxError(String what) {
        if (!compound) {
            complex("syntax error: " + what);
        }
    }

    /** Script text quoted in a reason: short, on one line, whatever the script holds. */
    static String excerpt(CharSequence text) {
        int shown = Math.min(text.length(), 24);
        StringBuilder out = new StringBuilder(shown + 3);
        for (int i = 0; i < shown; i++) {
            char ch = text.charAt(i);
            out.append(ch < 0x20 || ch == 0x7f || Character.isSurrogate(ch) ? '?' : ch);
        }
        return shown < text.length() ? out.append("...").toString() : out.toString();
    }

    List<String> reasons() {
        return reasons;
    }
}
