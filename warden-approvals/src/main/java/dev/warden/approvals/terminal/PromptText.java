package dev.warden.approvals.terminal;

import dev.warden.approvals.ApprovalRequest;
import dev.warden.core.Action;
import dev.warden.core.Decision;
import dev.warden.core.Reason;
import dev.warden.core.Risk;
import java.util.List;

/** The question a person sees on the terminal, with everything that could drive or disguise the terminal escaped. */
final class PromptText {
    private PromptText() {}

    static final String CHOICES = "[y] once  [s] this session  [a] always  [n] deny  [q] deny and stop the agent";

    static String question(ApprovalRequest request, List<String> prefix, String nl) {
        StringBuilder out = new StringBuilder();
        out.append(nl).append("warden: approval needed").append(nl);
        out.append("  ").append(label(request.action())).append(visible(subject(request.action()), 2000)).append(nl);
        for (Reason reason : request.verdict().reasons()) {
            if (reason.decision() == Decision.ASK) {
                out.append("  why:     ").append(visible(reason.message(), 300));
                reason.justification().ifPresent(j -> out.append(" (").append(visible(j, 200)).append(')'));
                out.append(nl);
            }
        }
        if (request.verdict().risk().isPresent()) {
            Risk risk = request.verdict().risk().get();
            out.append("  risk:    ").append(risk.level()).append(": ").append(visible(risk.rationale(), 400)).append(nl);
        }
        if (!request.context().isBlank()) {
            out.append("  context: ").append(visible(request.context(), 300)).append(" (as the agent says)").append(nl);
        }
        out.append("  prefix:  ").append(visible(String.join(" ", prefix), 400)).append(nl);
        out.append("  ").append(CHOICES).append(nl).append("  > ");
        return out.toString();
    }

    private static String label(Action action) {
        return switch (action) {
            case Action.Exec e -> "command: ";
            case Action.NetworkConnect n -> "connect: ";
            case Action.McpCall m -> "MCP:     ";
            case Action.FileRead r -> "read:    ";
            case Action.FileWrite w -> "write:   ";
        };
    }

    private static String subject(Action action) {
        return switch (action) {
            case Action.Exec e -> shellJoin(e.argv());
            case Action.NetworkConnect n -> n.host() + ":" + n.port() + " (" + n.protocol() + ")";
            case Action.McpCall m -> m.server() + "/" + m.tool() + " " + m.argumentsJson();
            case Action.FileRead r -> r.path().toString();
            case Action.FileWrite w -> w.path().toString();
        };
    }

    /** Words joined so a person can see where each begins and ends (quoted when they hold spaces or quotes). */
    static String shellJoin(List<String> words) {
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            boolean plain = !word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c)
                    || "-_./=:@%+,".indexOf(c) >= 0);
            out.append(plain ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return out.toString();
    }

    /**
     * The text with control characters (escape sequences, bells, carriage returns that overwrite a line) and the
     * invisible and bidirectional-override characters that make a command read differently from what it is shown
     * as escaped, and cut at {@code max} characters.
     */
    static String visible(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        int i = 0;
        for (; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            boolean hidden = c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || (c >= 0x200b && c <= 0x200f)
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069) || c == 0xfeff || c == 0x061c;
            out.append(hidden ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return i < text.length() ? out + "..." : out.toString();
    }
}
