/** What a single command is, judged from its words alone: known to be read-only, or dangerous and why. */
package dev.warden.policy.command;
