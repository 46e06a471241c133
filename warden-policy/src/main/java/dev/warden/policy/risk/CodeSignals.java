package dev.warden.policy.risk;

import dev.warden.policy.command.ProgramKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Inline programs in a command's arguments ({@code python -c}, {@code perl -e}, {@code node -e}, {@code awk}
 * programs, {@code php -r}, debugger and editor scripts): sockets opened from code, files read and sent, shells
 * wired to a connection, files written, the whole environment printed. Read as text, by the marks each language
 * leaves; the code itself is never run.
 */
final class CodeSignals {
    private CodeSignals() {
    }

    private static final Set<String> CODE_RUNNERS = Set.of("awk", "gawk", "mawk", "nawk", "jrunscript", "jjs", "julia",
            "rscript", "r", "octave", "octave-cli", "gdb", "lua", "tclsh", "expect", "php", "perl", "ruby", "node",
            "nodejs", "deno", "bun", "pwsh", "powershell", "osascript", "vim", "vi", "nvim", "emacs", "ghc", "guile",
            "clisp", "sbcl", "slsh", "bpftrace", "dotnet", "groovy", "kotlin", "scala", "swift", "crystal", "elixir",
            "erl", "racket");
    private static final String[] NETWORK = {"socket", "fsockopen", "/inet/tcp", "/inet/udp", "tcpsocket", "net.connect",
            "require(\"net\")", "require('net')", "require(\"http\")", "require('http')", "require(\"https\")",
            "http.request", "https.request", "urlopen", "urllib", "requests.post", "requests.put", "http.client",
            "httplib", "io::socket", "net::http", "lwp::", "java.net", "connect(\"", "connect('", "using sockets",
            "websocket", "fetch(\"http", "fetch('http", "curl_exec", "socket.tcp", "s.tcp()", "http.post", "invoke-webrequest",
            "net.webclient", "tcpclient"};
    private static final String[] REMOTE_CONTROL = {"dup2", "pty.spawn", "/bin/sh", "/bin/bash", "sh -i", "bash -i",
            "exec(", "popen", "subprocess", "child_process", "processbuilder", "system(", "spawn(", "exec \"", "exec '",
            "eval $", "exec $", "io.popen", "run(pipeline", "proc_open", "shell_exec", "passthru", "runtime.getruntime"};
    private static final String[] READS = {"open(", "readfile", "createreadstream", "io.open", "file.read", "fread",
            "file_get_contents", "<$", "read()", "readlines", "getline", "slurp", "file.open", "readallbytes",
            "get-content"};
    private static final String[] SERVES = {"serve_forever", "createserver", "httpserver", "tcpserver", ".listen(",
            "socketserver", "bind((", "listen("};
    private static final String[] ARCHIVES = {"gzip.", "bz2.", "zipfile", "tarfile", "lzma.", "zlib.compress",
            "make_archive", "archive::", "io::compress", "zlib.gzip", "creategzip"};
    private static final String[] WRITES = {"writefilesync", "file_put_contents", "filewriter", "fopen(", "io.open(",
            "file.open(", "open(", ".write(", "print >", "printf >", "fputs", "out-file", "set-content", "writefile",
            "/save ", "dump value", "openout", "> \"", ">\"", "$(file >", "file {", ".output ", ".once ", "config set dir",
            "open(f->"};

    /** Judges text typed into an interactive program as that program's code. */
    static void judgeText(String text, Invocation context, Evidence ev) {
        judge(text, context, ev);
    }

    static void check(Invocation inv, Evidence ev) {
        String name = inv.name().toLowerCase(Locale.ROOT);
        boolean writesProgram = (name.equals("echo") || name.equals("printf")) && !inv.writes().isEmpty();
        if (!CODE_RUNNERS.contains(name) && !ProgramKinds.isInterpreter(name) && !name.startsWith("python")
                && !writesProgram && !name.equals("sqlite3") && !name.equals("make") && !name.equals("puppet")
                && !name.equals("redis-cli")) {
            return;
        }
        for (String word : inv.args()) {
            if (word.length() < 6 || word.indexOf('(') < 0 && word.indexOf(' ') < 0 && word.indexOf(';') < 0
                    && word.indexOf('"') < 0) {
                continue;
            }
            judge(word, inv, ev);
        }
    }

    private static void judge(String code, Invocation inv, Evidence ev) {
        String l = code.toLowerCase(Locale.ROOT);
        boolean network = ShellEscapes.marker(l, NETWORK);
        String evidence = inv.name() + " " + code;
        if (network && ShellEscapes.marker(l, REMOTE_CONTROL)) {
            ev.exfiltration(RiskLevel.CRITICAL, "connects out and wires a shell or command runner to the connection",
                    evidence);
            ev.weakening(RiskLevel.HIGH, "gives whoever is on the other end control of this machine", evidence);
            ev.dataSent = code;
        } else if (network && ShellEscapes.marker(l, SERVES)) {
            ev.exfiltration(RiskLevel.MEDIUM, "serves local files or a service to the network", evidence);
        } else if (network && ShellEscapes.marker(l, READS)) {
            ev.exfiltration(RiskLevel.HIGH, "reads local files and sends them over the network", evidence);
            ev.dataSent = code;
        } else if (network) {
            ev.exfiltration(RiskLevel.MEDIUM, "opens network connections from inline code", evidence);
            ev.dataSent = code;
        }
        if (ShellEscapes.marker(l, ARCHIVES) && quotedPaths(code).stream().anyMatch(p -> SensitivePaths.outsideWorkspace(p, inv.context())
                && !SensitivePaths.scratch(p, inv.context()))) {
            ev.exfiltration(RiskLevel.MEDIUM, "packs data from outside the workspace", evidence);
        }
        if (ShellEscapes.marker(l, WRITES)) {
            for (String path : quotedPaths(code)) {
                FileTargets.judgeWrite(path, inv.context(), inv.name(), ev);
            }
        }
        if (l.contains("os.environ") && !l.contains("os.environ[") && !l.contains("os.environ.get")
                || l.contains("process.env") && !l.contains("process.env.") && !l.contains("process.env[")
                || l.contains("%env") || l.contains("env.each") || l.contains("getenv()")) {
            ev.credential(RiskLevel.MEDIUM, "prints every environment variable, tokens included", evidence);
            ev.tracesRead = code;
        }
    }

    /** Absolute paths inside code, quoted or not: open("/etc/x", "w") and dump value /tmp/x give /etc/x and /tmp/x. */
    private static List<String> quotedPaths(String code) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < code.length(); i++) {
            char q = code.charAt(i);
            boolean quoted = q == '"' || q == '\'';
            boolean bare = " (,>=".indexOf(q) >= 0;
            if ((quoted || bare) && (code.charAt(i + 1) == '/' || code.charAt(i + 1) == '~') && (i + 2 < code.length())
                    && code.charAt(i + 2) != '/' && code.charAt(i + 2) != '*') {
                int end = i + 1;
                while (end < code.length() && (quoted ? code.charAt(end) != q : " ,;)'\"\n".indexOf(code.charAt(end)) < 0)) {
                    end++;
                }
                if (end > i + 2 && end <= code.length()) {
                    out.add(code.substring(i + 1, end));
                    i = end;
                }
            }
        }
        return out;
    }
}
