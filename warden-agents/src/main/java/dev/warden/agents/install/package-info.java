/** Puts Warden's hooks into an agent's own settings files and takes them out again, touching nothing else. */
package dev.warden.agents.install;
