/** JMH benchmarks of Warden's hot paths (policy decisions, sandbox spawn), run on demand by the scripts in bench/. */
package dev.warden.bench;
