/** Builds bubblewrap command lines from a resolved policy and launches them with Warden's seccomp filter. */
package dev.warden.sandbox.bwrap;
