/** Resolves {@code ask} verdicts into allow or deny: session grants, persisted rules, the automatic reviewer, then a human channel. */
package dev.warden.approvals;
