/** Automatic reviewers of {@code ask} verdicts: the deterministic thresholds, an optional model, and the circuit breaker that hands control back to a person. */
package dev.warden.approvals.review;
