/** Runs a command inside a kernel-enforced sandbox built from a concrete filesystem and network policy. */
package dev.warden.sandbox;
