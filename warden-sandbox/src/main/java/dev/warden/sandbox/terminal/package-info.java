/** Pseudo-terminals and the real terminal's modes, through FFM: what a sandboxed interactive agent runs on. */
package dev.warden.sandbox.terminal;
