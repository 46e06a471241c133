/**
 * Warden's command-line layer: commands declare their options, positionals and subcommands as plain data, the
 * parser turns arguments into a typed {@link dev.warden.cli.line.ParsedLine}, and help is rendered from the same data
 * (no annotations, no reflection, and only the invoked command's spec is built, so a start stays cheap).
 */
package dev.warden.cli.line;
