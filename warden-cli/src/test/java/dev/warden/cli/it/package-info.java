/** Integration tests: the packaged warden command run as a real process against real sandboxes and terminals. */
package dev.warden.cli.it;
