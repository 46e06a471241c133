package dev.warden.cli;

/** Exit codes every warden command shares; documented in {@code warden --help}. */
final class ExitCodes {
    static final int OK = 0;
    /** The action was refused (denied by policy, or approval needed and not given). */
    static final int REFUSED = 1;
    /** Usage or configuration error: bad options, broken TOML, a requirement that cannot be met. */
    static final int USAGE = 2;
    /** The audit trail could not be written and {@code [audit] on_failure = "stop"}: nothing more ran. */
    static final int AUDIT_FAILED = 3;
    /** A bug in Warden; run with --debug for the stack trace. */
    static final int INTERNAL = 70;

    static final String HELP = """
            Exit codes:
              0   success
              1   refused: the action was denied, or needed an approval that was not given
              2   usage or configuration error (the message says where and what to do)
              3   the audit trail could not be written, and [audit] on_failure = "stop" stopped the command
              70  internal error (run again with --debug for details)
            Commands that run something (exec, run) otherwise exit with that command's status.""";

    private ExitCodes() {}
}
