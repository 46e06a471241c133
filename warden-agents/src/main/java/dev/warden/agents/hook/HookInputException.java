package dev.warden.agents.hook;

/** The payload is not what Claude Code's hook documentation specifies; the hook fails closed with this message. */
public final class HookInputException extends Exception {
    public HookInputException(String message) {
        super(message, null, false, false);
    }
}
