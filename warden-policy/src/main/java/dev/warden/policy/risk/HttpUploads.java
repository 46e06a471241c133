package dev.warden.policy.risk;

import dev.warden.policy.risk.NetworkUse.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What curl and wget send, read the way they read their options: {@code -d @file}, {@code -T file},
 * {@code -F k=@file} and {@code --post-file} send a file, {@code -d x=1} and {@code --post-data} send data,
 * {@code -X POST} and the raw-protocol schemes (gopher, dict, telnet) send a request that changes something.
 */
final class HttpUploads {
    private HttpUploads() {
    }

    /** curl options whose value is sent as the request body (with @file it is a file). */
    private static final Set<String> CURL_DATA = Set.of("-d", "--data", "--data-ascii", "--data-binary", "--data-raw",
            "--data-urlencode", "--json");
    private static final Set<String> CURL_VALUE_OPTIONS = Set.of("-H", "--header", "-o", "--output", "-u", "--user",
            "-A", "--user-agent", "-e", "--referer", "-b", "--cookie", "-c", "--cookie-jar", "-K", "--config", "-x",
            "--proxy", "-r", "--range", "-m", "--max-time", "-w", "--write-out", "-E", "--cert", "--key", "--cacert",
            "-U", "--proxy-user", "--connect-timeout", "--retry", "--resolve", "--limit-rate", "-Y", "-y", "-z", "-C",
            "--interface", "--local-port", "-Q", "--quote", "--mail-from", "--mail-rcpt", "-F", "--form", "-T",
            "--upload-file", "-X", "--request", "--data", "-d", "--data-binary", "--data-raw", "--data-ascii",
            "--data-urlencode", "--json", "--form-string", "-t", "--telnet-option");

    static void curl(Invocation inv, List<NetworkUse> out) {
        List<String> a = inv.args();
        String remote = "";
        List<NetworkUse> sends = new ArrayList<>();
        boolean state = false;
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            String option = w;
            String value = null;
            if (w.startsWith("--") && w.indexOf('=') > 0) {
                option = w.substring(0, w.indexOf('='));
                value = w.substring(w.indexOf('=') + 1);
            } else if (w.length() > 2 && w.charAt(0) == '-' && w.charAt(1) != '-' && "dFTX".indexOf(w.charAt(1)) >= 0) {
                option = w.substring(0, 2); // -d@file, -XPOST, -T./x
                value = w.substring(2);
            } else if (CURL_VALUE_OPTIONS.contains(w)) {
                value = i + 1 < a.size() ? a.get(++i) : "";
            } else if (!w.startsWith("-")) {
                if (remote.isEmpty() && !w.startsWith("file:")) {
                    remote = w;
                }
                continue;
            } else {
                continue;
            }
            String evidence = option + " " + value;
            if (option.equals("-T") || option.equals("--upload-file")) {
                sends.add(value.equals("-") || value.equals(".") ? NetworkUse.of(Payload.STDIN, "", evidence)
                        : NetworkUse.file("", value, evidence));
            } else if (CURL_DATA.contains(option)) {
                int at = value.indexOf('@');
                boolean file = !option.equals("--data-raw") && (at == 0 || (option.equals("--data-urlencode") && at > 0));
                String path = file ? value.substring(at + 1) : "";
                sends.add(!file ? NetworkUse.of(Payload.DATA, "", evidence)
                        : path.equals("-") ? NetworkUse.of(Payload.STDIN, "", evidence) : NetworkUse.file("", path, evidence));
            } else if (option.equals("-F") || option.equals("--form")) {
                int eq = value.indexOf('=');
                boolean file = eq >= 0 && eq + 1 < value.length() && (value.charAt(eq + 1) == '@' || value.charAt(eq + 1) == '<');
                String path = file ? value.substring(eq + 2).split(";")[0] : "";
                sends.add(file ? NetworkUse.file("", path, evidence) : NetworkUse.of(Payload.DATA, "", evidence));
            } else if (option.equals("--form-string") || option.equals("--mail-rcpt")) {
                sends.add(NetworkUse.of(Payload.DATA, "", evidence));
            } else if (option.equals("-X") || option.equals("--request")) {
                String method = value.toUpperCase(Locale.ROOT);
                state |= method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
            }
        }
        String lower = remote.toLowerCase(Locale.ROOT);
        if (sends.isEmpty() && (state || lower.startsWith("gopher://") || lower.startsWith("dict://")
                || lower.startsWith("telnet://"))) {
            sends.add(NetworkUse.of(Payload.DATA, "", state ? "curl -X " + inv.value("-X", "--request") : remote));
        }
        if (sends.isEmpty()) {
            out.add(NetworkUse.of(Payload.NOTHING, remote, "curl " + remote));
        }
        for (NetworkUse send : sends) {
            out.add(new NetworkUse(send.payload(), remote, send.file(), "curl " + send.evidence() + " " + remote));
        }
    }

    static void wget(Invocation inv, List<NetworkUse> out) {
        String url = inv.operands().stream().filter(w -> w.contains("://") || w.indexOf('.') > 0).findFirst().orElse("");
        String file = inv.value("--post-file", "--body-file");
        String data = inv.value("--post-data", "--body-data");
        String method = inv.value("--method");
        if (file != null) {
            out.add(NetworkUse.file(url, file, "wget --post-file " + file + " " + url));
        } else if (data != null) {
            out.add(NetworkUse.of(Payload.DATA, url, "wget --post-data " + data + " " + url));
        } else if (method != null && !method.equalsIgnoreCase("GET") && !method.equalsIgnoreCase("HEAD")) {
            out.add(NetworkUse.of(Payload.DATA, url, "wget --method=" + method + " " + url));
        } else {
            out.add(NetworkUse.of(Payload.NOTHING, url, "wget " + url));
        }
    }
}
