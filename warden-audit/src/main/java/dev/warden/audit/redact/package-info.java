/** Masks secrets (keys, tokens, passwords, auth headers) in everything the audit trail stores or exports. */
package dev.warden.audit.redact;
