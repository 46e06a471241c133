package dev.warden.agents.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.sandbox.spawn.Signals;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real signals to this JVM. SIGWINCH is used because its default action is to do nothing: if catching
 * failed, the test fails instead of killing the test runner.
 */
class SignalForwardingTest {

    @Test
    void aSignalBeforeTheTargetExistsIsHeldThenDelivered() throws Exception {
        LinkedBlockingQueue<Integer> delivered = new LinkedBlockingQueue<>();
        try (SignalForwarding forwarding = SignalForwarding.install(List.of("WINCH"))) {
            assertThat(forwarding.unavailable()).isEmpty();
            assertThat(Signals.send(ProcessHandle.current().pid(), Signals.SIGWINCH)).isTrue();
            Thread.sleep(300);
            assertThat(delivered).isEmpty();
            forwarding.forwardTo(delivered::add);
            assertThat(delivered.poll(5, TimeUnit.SECONDS)).isEqualTo(Signals.SIGWINCH);
            Signals.send(ProcessHandle.current().pid(), Signals.SIGWINCH);
            assertThat(delivered.poll(5, TimeUnit.SECONDS)).isEqualTo(Signals.SIGWINCH);
        }
    }

    @Test
    void theJvmKeepsSigquitAndSaysSo() {
        try (SignalForwarding forwarding = SignalForwarding.install(List.of("QUIT"))) {
            assertThat(forwarding.unavailable()).containsExactly("QUIT");
        }
    }
}
