/** Layered TOML configuration (defaults, system, user, trusted project, profile, command line) bounded by administrator requirements, resolved into one effective configuration that says where every value came from. */
package dev.warden.policy.config;
