package dev.warden.agents.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Catches signals sent to Warden and hands them on. The sandboxed command runs in a session of its
 * own (so it cannot push keystrokes into the user's terminal), which means the terminal's ^C and a
 * {@code kill} aimed at Warden reach only Warden; without forwarding, the command would die by SIGKILL
 * with the sandbox instead of getting the signal it was meant to get.
 *
 * <p>A signal that arrives before the target is set is held and delivered when it is. The JVM keeps
 * SIGQUIT for thread dumps and refuses to hand it over, so it cannot be forwarded from here; under
 * {@code warden run} on a terminal, ^\ reaches the agent through its own pty instead.
 */
public final class SignalForwarding implements AutoCloseable {
    /** The signals a terminal or a supervisor sends to end or interrupt a program. */
    public static final List<String> TERMINATING = List.of("INT", "TERM", "HUP", "QUIT");

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private final List<Integer> pending = new ArrayList<>();
    private final List<String> unavailable = new ArrayList<>();
    private IntConsumer target;

    private SignalForwarding() {}

    /** Starts catching {@code names} (e.g. {@code "INT"}); forwarding begins once {@link #forwardTo} is called. */
    public static SignalForwarding install(List<String> names) {
        SignalForwarding forwarding = new SignalForwarding();
        for (String name : names) {
            Signal signal = new Signal(name);
            try {
                forwarding.previous.put(signal, Signal.handle(signal, caught -> forwarding.deliver(caught.getNumber())));
            } catch (IllegalArgumentException e) {
                // Reserved by the JVM (SIGQUIT) or ignored at startup: leave it as it is.
                forwarding.unavailable.add(name);
            }
        }
        return forwarding;
    }

    /** Where signals go from now on; any held signal is delivered first. */
    public void forwardTo(IntConsumer newTarget) {
        List<Integer> held;
        synchronized (this) {
            target = newTarget;
            held = List.copyOf(pending);
            pending.clear();
        }
        held.forEach(newTarget::accept);
    }

    /** Signals that could not be caught, for --debug. */
    public List<String> unavailable() {
        return List.copyOf(unavailable);
    }

    private void deliver(int signal) {
        IntConsumer current;
        synchronized (this) {
            current = target;
            if (current == null) {
                pending.add(signal);
                return;
            }
        }
        try {
            current.accept(signal);
        } catch (RuntimeException e) {
            // The command ended while the signal was on its way: nothing left to forward to.
        }
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
