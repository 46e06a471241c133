/** The long-lived per-user daemon: policy held loaded and reloaded on change, hook answers over a unix socket and loopback HTTP. */
package dev.warden.agents.daemon;
