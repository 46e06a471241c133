/** The {@code warden} command: parses what the person typed, calls down the one decision path, prints for people or machines. */
package dev.warden.cli;
