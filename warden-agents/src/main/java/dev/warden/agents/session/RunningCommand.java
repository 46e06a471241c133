package dev.warden.agents.session;

import dev.warden.sandbox.SandboxedProcess;
import dev.warden.sandbox.spawn.Signals;
import dev.warden.sandbox.spawn.SpawnedProcess;
import java.util.function.IntPredicate;

/** A command Warden started, sandboxed or not: wait for it, signal it, and end what it left behind. */
public final class RunningCommand {
    private final Process process;
    private final IntPredicate signaller;
    private final boolean unconfined;
    private final ProxiedNetwork proxied;

    private RunningCommand(Process process, IntPredicate signaller, boolean unconfined, ProxiedNetwork proxied) {
        this.process = process;
        this.signaller = signaller;
        this.unconfined = unconfined;
        this.proxied = proxied;
        if (proxied != null) {
            // The proxy lives exactly as long as the command: once it has exited nothing may use its way out.
            process.onExit().thenRun(proxied::close);
        }
    }

    /** @param proxied the command's egress proxy, or null when its network is not proxied */
    static RunningCommand sandboxed(SandboxedProcess sandboxed, ProxiedNetwork proxied) {
        return new RunningCommand(sandboxed.process(), sandboxed::signal, false, proxied);
    }

    /** Started with its own session, so its process group is its pid. */
    static RunningCommand unconfined(Process process) {
        return new RunningCommand(process, signal -> process.isAlive() && Signals.sendToGroup(process.pid(), signal),
                true, null);
    }

    /** The process itself: its pipes, when the command was started with {@code Stdio.pipes()}. */
    public Process process() {
        return process;
    }

    /** The exit status; 128+N when a signal N ended it. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Delivers {@code signal} to the command's process group; false when nothing was left to signal. */
    public boolean signal(int signal) {
        return signaller.test(signal);
    }

    /**
     * Kills what the command left running in its session. Sandboxes do it themselves (bwrap's pid
     * namespace dies with it, Landlock kills the session); an unconfined command's session is ended here.
     */
    public void endLeftovers() {
        if (unconfined && process instanceof SpawnedProcess spawned) {
            spawned.killSession();
        }
        if (proxied != null && !process.isAlive()) {
            proxied.close();
        }
    }
}
