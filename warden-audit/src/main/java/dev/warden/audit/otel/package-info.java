/** A copy of the audit trail for the security team's systems: events as OpenTelemetry log records and sessions as traces, over OTLP. */
package dev.warden.audit.otel;
