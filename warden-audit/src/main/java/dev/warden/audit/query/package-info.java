/** Reading the audit store: filtered queries, per-session summaries, following the tail, and one-line descriptions of events. */
package dev.warden.audit.query;
