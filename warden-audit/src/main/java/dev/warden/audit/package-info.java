/** Warden's audit trail: the front doors' entry point ({@link dev.warden.audit.AuditLog}) to a tamper-evident local event store. */
package dev.warden.audit;
