/** The terminal as an approval channel: a prompt on {@code /dev/tty}, never on the agent's own stdin or stdout. */
package dev.warden.approvals.terminal;
