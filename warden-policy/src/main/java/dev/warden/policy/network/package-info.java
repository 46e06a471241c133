/** The egress domain policy as pure values: canonical host names, domain and address patterns, and the allow/deny/ask decision for a host and port. */
package dev.warden.policy.network;
