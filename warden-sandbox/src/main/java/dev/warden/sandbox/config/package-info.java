/** Turns Warden's effective configuration into a sandbox: the concrete policy, and which backend may enforce it here. */
package dev.warden.sandbox.config;
