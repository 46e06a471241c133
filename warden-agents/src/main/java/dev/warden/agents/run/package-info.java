/**
 * What {@code warden run} adds for an agent it knows: Claude Code's hooks, passed on its command line and answered
 * by the {@code warden run} process itself over a unix socket bound read-only into the sandbox.
 */
package dev.warden.agents.run;
