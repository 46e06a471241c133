package dev.warden.approvals.terminal;

import java.io.IOException;

/**
 * Whoever is copying the person's terminal to an agent ({@code warden run}'s pass-through). While a prompt is up
 * the owner must stop handing keys to the agent (or the agent would read the answer, and could race the person
 * to it) and stop drawing the agent's output over the question; {@link PromptTerminal#close()} resumes both.
 */
public interface TerminalOwner {

    /** Pauses the pass-through and lends the terminal to one prompt; blocks while another prompt holds it. */
    PromptTerminal borrow() throws IOException;
}
