/** Landlock rulesets, seccomp installation and capability dropping through Java's FFM API, for hosts without user namespaces. */
package dev.warden.sandbox.landlock;
