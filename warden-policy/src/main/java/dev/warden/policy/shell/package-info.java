/**
 * Splits the script of a {@code bash|sh|zsh|dash -c SCRIPT} invocation into the simple commands the shell
 * would run, with bash's exact quoting rules, and names every construct outside that plain subset.
 */
package dev.warden.policy.shell;
