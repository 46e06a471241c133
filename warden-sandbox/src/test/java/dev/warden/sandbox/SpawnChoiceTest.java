package dev.warden.sandbox;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Which way a bwrap sandbox is started: the rule {@link BwrapBackend.Spawn} documents. */
class SpawnChoiceTest {
    @Test
    void autoTakesTheShellForTheFirstSandboxOfTheJvmOnly() {
        AtomicBoolean launched = new AtomicBoolean();
        assertThat(BwrapBackend.throughShell(BwrapBackend.Spawn.AUTO, false, true, launched)).isTrue();
        assertThat(BwrapBackend.throughShell(BwrapBackend.Spawn.AUTO, false, true, launched)).isFalse();
        assertThat(BwrapBackend.throughShell(BwrapBackend.Spawn.AUTO, false, true, launched)).isFalse();
    }

    @Test
    void aTerminalSessionCountsAsTheFirstAndNeverUsesTheShell() {
        AtomicBoolean launched = new AtomicBoolean();
        assertThat(BwrapBackend.throughShell(BwrapBackend.Spawn.AUTO, true, true, launched)).isFalse();
        assertThat(BwrapBackend.throughShell(BwrapBackend.Spawn.SHELL, true, true, launched)).isFalse();
        assertThat(BwrapBackend.throughShell(BwrapBackend.Spawn.AUTO, false, true, launched)).as("not the first").isFalse();
    }

    @Test
    void fixedChoicesHoldWhenTheShellIsThere() {
        AtomicBoolean launched = new AtomicBoolean(true);
        assertThat(BwrapBackend.throughShell(BwrapBackend.Spawn.SHELL, false, true, launched)).isTrue();
        assertThat(BwrapBackend.throughShell(BwrapBackend.Spawn.NATIVE, false, true, new AtomicBoolean())).isFalse();
        assertThat(BwrapBackend.throughShell(BwrapBackend.Spawn.SHELL, false, false, launched))
                .as("no /bin/sh or setsid on the host").isFalse();
    }
}
