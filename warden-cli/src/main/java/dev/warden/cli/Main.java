package dev.warden.cli;

import dev.warden.audit.AuditException;
import dev.warden.cli.line.ArgumentParser;
import dev.warden.cli.line.UsageError;
import java.io.PrintStream;
import java.util.Arrays;

/** Entry point: runs the command, and turns every failure into a one-line message and a documented exit code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        PrintStream err = System.err;
        try {
            return ArgumentParser.parse(WardenCommand.spec(), Arrays.asList(args)).perform(System.out);
        } catch (UsageError e) {
            err.println("warden: " + e.getMessage());
            err.println("see '" + e.command() + " --help'");
            return ExitCodes.USAGE;
        } catch (AuditException e) {
            // [audit] on_failure = "stop": without a record, nothing more runs (the alarm said why already).
            err.println("warden: audit: " + e.getMessage() + "; stopped ([audit] on_failure = \"stop\")");
            trace(debug, e, err);
            return ExitCodes.AUDIT_FAILED;
        } catch (UserError e) {
            err.println("warden: " + e.getMessage());
            trace(debug, e, err);
            return ExitCodes.USAGE;
        } catch (Exception e) {
            err.println("warden: internal error: " + e + (debug ? "" : " (run again with --debug for details)"));
            trace(debug, e, err);
            return ExitCodes.INTERNAL;
        }
    }

    private static void trace(boolean debug, Exception e, PrintStream err) {
        if (debug) {
            e.printStackTrace(err);
        }
    }
}
