package dev.warden.cli;

import dev.warden.audit.AuditException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/** Entry point: runs the command, and turns every failure into a one-line message and a documented exit code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cli = new CommandLine(new WardenCommand());
        // `warden exec make -j4`: everything from the command's name on belongs to the command, not to Warden.
        for (String name : new String[] {"exec", "run", "check"}) {
            cli.getSubcommands().get(name).setStopAtPositional(true);
        }
        cli.setParameterExceptionHandler((ex, argv) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("warden: " + ex.getMessage());
            err.println("see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof AuditException) {
                // [audit] on_failure = "stop": without a record, nothing more runs (the alarm said why already).
                err.println("warden: audit: " + ex.getMessage() + "; stopped ([audit] on_failure = \"stop\")");
                if (debug) {
                    ex.printStackTrace(err);
                }
                return ExitCodes.AUDIT_FAILED;
            }
            if (ex instanceof UserError) {
                err.println("warden: " + ex.getMessage());
                if (debug) {
                    ex.printStackTrace(err);
                }
                return ExitCodes.USAGE;
            }
            err.println("warden: internal error: " + ex + (debug ? "" : " (run again with --debug for details)"));
            if (debug) {
                ex.printStackTrace(err);
            }
            return ExitCodes.INTERNAL;
        });
        return cli.execute(args);
    }
}
