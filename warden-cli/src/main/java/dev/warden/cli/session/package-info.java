/** Runs an allowed command or agent for the CLI: picks the sandbox, starts it, forwards signals, passes a terminal through. */
package dev.warden.cli.session;
