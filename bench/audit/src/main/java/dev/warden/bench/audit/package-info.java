/** JMH benchmarks of the audit store against plain SQLite: what tamper evidence costs, as ratios measured in one run. */
package dev.warden.bench.audit;
