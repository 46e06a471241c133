/** Claude Code's hook protocol: a documented payload in, Warden's decision out in the documented answer, failing closed. */
package dev.warden.agents.hook;
