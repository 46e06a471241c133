package dev.warden.policy.risk;

import dev.warden.policy.command.DangerousCommands;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What only the raw text of a complex script shows: whole-script shapes (fork bombs, eval of a download), reverse
 * shells over bash's and zsh's built-in sockets, loops that never rest, and Warden being killed by a process id
 * looked up at run time.
 */
final class ScriptText {
    private ScriptText() {
    }

    /** kill ... $(pgrep warden), pkill -f warden, killall warden-daemon. */
    private static final Pattern KILLS_WARDEN = Pattern.compile("\\b(?:kill|pkill|killall)\\b[^\\n;|&]*warden",
            Pattern.CASE_INSENSITIVE);
    /** while true / while : / while [ 1 ] / for (( ; ; )) at the head of a loop. */
    private static final Pattern ENDLESS = Pattern.compile("\\bwhile\\s+(?:true|:|\\[\\s*1\\s*\\])\\s*;?\\s*do\\b|\\bfor\\s*\\(\\(\\s*;\\s*;\\s*\\)\\)");

    static void check(String source, Evidence ev) {
        DangerousCommands.scriptPattern(source).ifPresent(d -> {
            switch (d.kind()) {
                case FORK_BOMB -> ev.destruction(RiskLevel.CRITICAL, d.reason(), source);
                default -> ev.weakening(RiskLevel.HIGH, d.reason(), source);
            }
        });
        String lower = source.toLowerCase(Locale.ROOT);
        boolean rawSocket = lower.contains("/dev/tcp/") || lower.contains("/dev/udp/") || lower.contains("ztcp ");
        if (rawSocket && (lower.contains(" -i") || lower.contains("exec ") || lower.contains("<&") || lower.contains("0>&")
                || lower.contains(">&$reply") || lower.contains("2>&1") && lower.contains("sh"))) {
            ev.exfiltration(RiskLevel.CRITICAL, "wires a shell to a raw network connection: a reverse shell", source);
            ev.weakening(RiskLevel.HIGH, "gives whoever is on the other end control of this machine", source);
            ev.dataSent = source;
        } else if (rawSocket) {
            ev.exfiltration(RiskLevel.HIGH, "sends data over a raw network connection opened by the shell", source);
            ev.dataSent = source;
        }
        if (lower.contains("warden") && KILLS_WARDEN.matcher(source).find()) {
            ev.weakening(RiskLevel.CRITICAL, "stops Warden, turning the reviewer off", source);
        }
        if (ENDLESS.matcher(source).find() && !lower.contains("sleep") && !lower.contains("read ")
                && !lower.contains("break")) {
            ev.destruction(RiskLevel.MEDIUM, "loops without end or rest, burning a CPU", source);
        }
    }
}
