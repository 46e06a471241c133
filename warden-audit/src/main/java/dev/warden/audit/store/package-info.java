/** The SQLite event store: append-only tables, the SHA-256 hash chain, Ed25519-signed checkpoints, group commit, verification and retention. */
package dev.warden.audit.store;
