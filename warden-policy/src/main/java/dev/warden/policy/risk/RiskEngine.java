package dev.warden.policy.risk;

import dev.warden.core.Action;
import dev.warden.policy.command.DangerContext;
import dev.warden.policy.command.DangerousCommands;
import dev.warden.policy.command.DirectoryChanges;
import dev.warden.policy.command.Options;
import dev.warden.policy.command.ProgramKinds;
import dev.warden.policy.command.ProgramVariables;
import dev.warden.policy.command.RawScript;
import dev.warden.policy.command.SecretLocations;
import dev.warden.policy.command.ShellVariables;
import dev.warden.policy.shell.ParsedScript;
import dev.warden.policy.shell.ShellSplitter;
import dev.warden.policy.shell.SimpleCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The deterministic risk engine of the automatic reviewer: rates an action {@code low} to {@code critical} in four
 * categories (data exfiltration, credential probing, persistent security weakening, destructive action) with a
 * rationale citing the evidence. Pure: no I/O, no clock, no state; fast enough for every verdict.
 *
 * <p>A shell script is judged command by command on the segments the splitter found; a script the splitter could
 * not make plain is re-read forgivingly (commands inside substitutions, bodies and functions, redirections, pipes,
 * assignments) and its raw text checked for shapes no single command shows. Scripts handed to other programs
 * ({@code sh -c}, {@code su -c}, {@code ssh host CMD}, {@code eval}, {@code trap}) are judged too, a few levels deep.
 * Facts that only matter together (credentials read and data sent by one action) raise the level at the end.
 */
public final class RiskEngine {
    private RiskEngine() {
    }

    /** Nested scripts deeper than this are not real command lines; what was found so far stands. */
    private static final int MAX_DEPTH = 4;

    /** Assesses any action; exec actions are split with the shell splitter. */
    public static RiskAssessment assess(Action action, DangerContext context) {
        return switch (action) {
            case Action.Exec exec -> assess(exec, ShellSplitter.parseInvocation(exec.argv()), context);
            case Action.FileRead read -> fileRead(read.path());
            case Action.FileWrite write -> {
                Evidence ev = new Evidence();
                FileTargets.judgeWrite(write.path().toString(), context, "write", ev);
                yield ev.assessment();
            }
            case Action.NetworkConnect connect -> network(connect);
            case Action.McpCall call -> mcp(call);
        };
    }

    /**
     * Assesses an exec action whose script the policy engine already split ({@code script} is the parse of
     * {@code bash -c SCRIPT}, or empty when the argv is not a shell invocation).
     */
    public static RiskAssessment assess(Action.Exec exec, Optional<ParsedScript> script, DangerContext context) {
        Evidence ev = new Evidence();
        // Variables the action asks for (LD_PRELOAD, HISTFILE, PAGER...) change what runs just as an assignment does;
        // Warden's own variables are set by Warden, not the agent, so they are not evidence here.
        exec.env().forEach((name, value) -> {
            if (!name.startsWith("WARDEN_")) {
                ShellEscapes.variable(name + "=" + value, ev);
            }
        });
        if (script.isPresent()) {
            script(script.get(), context, false, ev, 0);
        } else {
            List<Invocation> one = List.of(Invocation.of(exec.argv(), context, false, List.of(), List.of(), List.of(),
                    List.of(), List.of(), false));
            judge(one, ev, 0);
        }
        combine(ev);
        return ev.assessment();
    }

    private static void script(ParsedScript parsed, DangerContext given, boolean privileged, Evidence ev, int depth) {
        List<Invocation> invocations = new ArrayList<>();
        DangerContext context = ShellVariables.contextFor(parsed.source(), given);
        boolean cdpath = ShellVariables.mayAssign(parsed.source(), "CDPATH");
        DangerContext ctx = context;
        if (!parsed.isComplex()) {
            Invocation previous = null;
            String operator = "";
            for (SimpleCommand command : parsed.commands()) {
                List<Invocation> upstream = new ArrayList<>();
                if (previous != null && operator.equals("|")) {
                    upstream.addAll(previous.upstream());
                    upstream.add(previous);
                }
                Invocation inv = Invocation.of(command.words(), ctx, privileged, List.of(), List.of(), List.of(), List.of(),
                        upstream, command.operatorAfter().equals("|"));
                invocations.add(inv);
                ctx = afterCd(command.words(), ctx, cdpath);
                previous = inv;
                operator = command.operatorAfter();
            }
        } else {
            RawScript.Scan scan = RawScript.scan(parsed.source());
            Map<List<String>, List<String>> producers = new IdentityHashMap<>();
            Map<List<String>, Boolean> feeding = new IdentityHashMap<>();
            for (RawScript.Pipe pipe : scan.pipes()) {
                producers.put(pipe.consumer(), pipe.producer());
                feeding.put(pipe.producer(), true);
            }
            Map<List<String>, Invocation> built = new IdentityHashMap<>();
            for (int i = 0; i < scan.commands().size(); i++) {
                List<String> words = scan.commands().get(i);
                List<String> resolved = ProgramVariables.resolve(words, parsed.source(), scan.assignments());
                List<String> reads = new ArrayList<>();
                List<String> writes = new ArrayList<>();
                List<String> appends = new ArrayList<>();
                for (RawScript.Redirect r : scan.redirects()) {
                    if (r.command() == i) {
                        (r.input() ? reads : writes).add(r.target());
                        if (r.append()) {
                            appends.add(r.target());
                        }
                    }
                }
                List<Invocation> upstream = new ArrayList<>();
                Invocation producer = built.get(producers.get(words));
                if (producer != null) {
                    upstream.addAll(producer.upstream());
                    upstream.add(producer);
                }
                Invocation inv = Invocation.of(resolved, ctx, privileged, List.of(), reads, writes, appends, upstream,
                        feeding.containsKey(words));
                built.put(words, inv);
                invocations.add(inv);
                ctx = afterCd(words, ctx, cdpath);
            }
            for (RawScript.Redirect r : scan.redirects()) {
                if (r.command() < 0 && !r.input()) {
                    FileTargets.judgeWrite(r.target(), context, "redirection", ev);
                }
            }
            for (String assignment : scan.assignments()) {
                ShellEscapes.variable(assignment, ev);
            }
            ScriptText.check(parsed.source(), ev);
        }
        judge(invocations, ev, depth);
    }

    private static void judge(List<Invocation> invocations, Evidence ev, int depth) {
        boolean fileSession = false;
        boolean session = false;
        StringBuilder typed = new StringBuilder();
        for (Invocation inv : invocations) {
            if (session) {
                typed.append(String.join(" ", inv.words())).append('\n');
            }
            nested(inv, ev, depth);
            DestructionSignals.check(inv, ev);
            CredentialSignals.check(inv, ev);
            ExfiltrationSignals.check(inv, ev);
            WeakeningSignals.check(inv, ev);
            session |= ShellEscapes.check(inv, ev);
            CodeSignals.check(inv, ev);
            FileTargets.check(inv, ev);
            if (!inv.upstream().isEmpty()) {
                Invocation producer = inv.upstream().getLast();
                DangerousCommands.pipelineDanger(producer.words(), inv.words())
                        .ifPresent(r -> ev.weakening(RiskLevel.HIGH, r, producer.line() + " | " + inv.line()));
            }
            // "ftp host" then "put file": the upload is a command of its own in the session's script.
            if (fileSession && (inv.name().equals("put") || inv.name().equals("mput")) && !inv.args().isEmpty()) {
                boolean secret = SecretLocations.store(inv.args().getFirst()) != null;
                ev.exfiltration(secret ? RiskLevel.CRITICAL : RiskLevel.HIGH, "uploads a local file in a file-transfer session",
                        inv.line());
                ev.dataSent = inv.line();
            }
            fileSession |= NetworkClients.isFileSession(inv.name());
        }
        if (!typed.isEmpty() && !invocations.isEmpty()) {
            // Lines after an interactive program are what a person would type into it (GTFOBins writes them so).
            CodeSignals.judgeText(typed.toString(), invocations.getFirst(), ev);
        }
    }

    /** Scripts and commands handed to other programs: sh -c, su -c, eval, trap, ssh host CMD, -o ProxyCommand=CMD. */
    private static void nested(Invocation inv, Evidence ev, int depth) {
        if (depth >= MAX_DEPTH) {
            return;
        }
        List<String> argv = inv.argv();
        List<String> scripts = new ArrayList<>();
        String shellScript = ProgramKinds.isShell(inv.name()) ? ProgramKinds.shellScript(argv) : null;
        if (shellScript != null) {
            scripts.add(shellScript);
        }
        for (int i = 1; i < argv.size(); i++) {
            String w = argv.get(i);
            if (i + 2 < argv.size() && ProgramKinds.isShell(Options.basename(w)) && Options.isShortCluster(argv.get(i + 1))
                    && argv.get(i + 1).indexOf('c') > 0) {
                scripts.add(argv.get(i + 2));
            }
            String l = w.toLowerCase(Locale.ROOT);
            for (String option : new String[] {"proxycommand=", "localcommand=", "--rsh=", "--rsh-command=",
                    "checkpoint-action=exec=", "--to-command=", "--command=", "--exec="}) {
                int at = l.indexOf(option);
                if (at >= 0) {
                    scripts.add(w.substring(at + option.length()));
                }
            }
        }
        switch (inv.name()) {
            case "su", "runuser", "ksu" -> {
                String command = inv.value("-c", "--command");
                if (command != null) {
                    scripts.add(command);
                }
            }
            case "eval" -> scripts.add(String.join(" ", inv.args()));
            case "trap" -> {
                if (!inv.args().isEmpty()) {
                    scripts.add(inv.args().getFirst());
                }
            }
            case "watch" -> {
                List<String> operands = inv.operands();
                if (!operands.isEmpty()) {
                    scripts.add(String.join(" ", operands));
                }
            }
            case "ssh" -> {
                List<String> operands = remoteCommand(inv);
                if (!operands.isEmpty()) {
                    scripts.add(String.join(" ", operands));
                }
            }
            default -> { }
        }
        boolean privileged = inv.privileged() || inv.name().equals("su") || inv.name().equals("runuser");
        if (inv.name().equals("find")) {
            List<Invocation> found = new ArrayList<>();
            for (List<String> command : findCommands(argv)) {
                found.add(Invocation.of(command, inv.context(), privileged, List.of(), List.of(), List.of(), List.of(),
                        List.of(), false));
            }
            judge(found, ev, depth + 1);
        }
        for (String s : scripts) {
            if (!s.isBlank()) {
                script(ShellSplitter.parse(s), inv.context(), privileged, ev, depth + 1);
            }
        }
    }

    /**
     * The commands of find's -exec, -execdir, -ok and -okdir, with {} standing for what find hands them: the start
     * point and, when given, the -name pattern ({@code find /etc -name shadow -exec cat {}} reads /etc/shadow).
     */
    private static List<List<String>> findCommands(List<String> argv) {
        List<List<String>> out = new ArrayList<>();
        String start = argv.size() > 1 && !argv.get(1).startsWith("-") ? argv.get(1) : ".";
        int name = argv.indexOf("-name");
        boolean filtered = false;
        for (String w : argv) {
            filtered |= w.startsWith("-") && w.length() > 2 && !w.startsWith("-exec") && !w.startsWith("-ok")
                    && !w.equals("-print") && !w.equals("-print0") && !w.equals("-depth") && !w.equals("-maxdepth")
                    && !w.equals("-mindepth");
        }
        String below = (start.endsWith("/") ? start : start + "/");
        String found = name > 0 && name + 1 < argv.size() ? below + argv.get(name + 1) : filtered ? below + "{}" : start;
        for (int i = 1; i < argv.size(); i++) {
            String w = argv.get(i);
            if (w.equals("-exec") || w.equals("-execdir") || w.equals("-ok") || w.equals("-okdir")) {
                List<String> command = new ArrayList<>();
                for (i++; i < argv.size() && !argv.get(i).equals(";") && !argv.get(i).equals("+"); i++) {
                    command.add(argv.get(i).replace("{}", found));
                }
                if (!command.isEmpty()) {
                    out.add(command);
                }
            }
        }
        return out;
    }

    /** The words after ssh's destination: the command it runs there. */
    private static List<String> remoteCommand(Invocation inv) {
        List<String> a = inv.args();
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if (Options.isShortCluster(w)) {
                if (w.length() == 2 && "bcDEeFIiJLlmOopQRSWwB".indexOf(w.charAt(1)) >= 0) {
                    i++;
                }
            } else {
                return a.subList(i + 1, a.size());
            }
        }
        return List.of();
    }

    /** Credentials read and data sent by the same action: the two halves of exfiltration together. */
    private static void combine(Evidence ev) {
        if (ev.dataSent == null) {
            return;
        }
        if (ev.secretsRead != null) {
            ev.exfiltration(RiskLevel.CRITICAL, "reads credentials and sends data out in the same action",
                    ev.secretsRead + " … " + ev.dataSent);
        } else if (ev.tracesRead != null) {
            ev.exfiltration(RiskLevel.HIGH, "reads what leads to credentials and sends data out in the same action",
                    ev.tracesRead + " … " + ev.dataSent);
        }
        if (ev.dataEncoded != null) {
            ev.exfiltration(RiskLevel.HIGH, "encodes data and sends data out in the same action",
                    ev.dataEncoded + " … " + ev.dataSent);
        }
    }

    /** Where later commands run after a cd, pushd or popd ({@link DirectoryChanges}); one known only at run time counts as the root. */
    private static DangerContext afterCd(List<String> words, DangerContext ctx, boolean cdpath) {
        if (!DirectoryChanges.changesDirectory(words)) {
            return ctx;
        }
        Path path = DirectoryChanges.target(words, ctx, cdpath);
        return new DangerContext(path == null ? Path.of("/") : path, ctx.workspaceRoots(), ctx.home(),
                ctx.homeAndPwdKnown());
    }

    private static RiskAssessment fileRead(Path path) {
        Evidence ev = new Evidence();
        String p = path.toString();
        if (SecretLocations.store(p) != null) {
            ev.credential(RiskLevel.HIGH, "reads a credential store", p);
        } else if (SecretLocations.trace(p) != null || p.equals("/etc/passwd")) {
            ev.credential(RiskLevel.MEDIUM, "reads a place that leads to credentials", p);
        }
        return ev.assessment();
    }

    private static RiskAssessment network(Action.NetworkConnect connect) {
        Evidence ev = new Evidence();
        String host = connect.host();
        String smuggling = Hosts.smuggling(host);
        if (host.equals("169.254.169.254") || host.equals("metadata.google.internal") || host.equals("169.254.170.2")
                || host.equals("fd00:ec2::254") || host.equals("100.100.100.200")) {
            ev.credential(RiskLevel.HIGH, "connects to the cloud metadata service, which hands out credentials", host);
        } else if (smuggling != null) {
            ev.exfiltration(RiskLevel.HIGH, "connects to " + smuggling + ", a way to smuggle data out through DNS", host);
        }
        return ev.assessment();
    }

    private static RiskAssessment mcp(Action.McpCall call) {
        Evidence ev = new Evidence();
        String store = SecretLocations.store(call.argumentsJson());
        if (store != null) {
            ev.credential(RiskLevel.MEDIUM, "passes a credential location to an MCP tool", call.server() + "/" + call.tool()
                    + " " + store);
        }
        return ev.assessment();
    }
}
