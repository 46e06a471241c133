/** Command rules in the style of Codex's execpolicy: prefix and network rules, loaded from {@code .rules} files or TOML, verified at load time. */
package dev.warden.policy.rules;
