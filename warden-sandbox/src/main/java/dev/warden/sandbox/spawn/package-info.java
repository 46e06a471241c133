/** Starts processes with posix_spawn through FFM: exact file descriptors, no JDK helper threads in the caller's context. */
package dev.warden.sandbox.spawn;
