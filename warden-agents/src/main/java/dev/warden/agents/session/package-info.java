/** Runs an allowed command or agent for a front door: picks the sandbox, starts it, forwards signals, passes a terminal through. */
package dev.warden.agents.session;
