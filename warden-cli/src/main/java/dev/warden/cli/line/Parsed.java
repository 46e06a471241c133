package dev.warden.cli.line;

import java.util.List;

/** What the arguments ask for: run a command, show a command's help, or show the version. */
public sealed interface Parsed {
    /** Run the last command of the line with what was parsed. */
    record Run(ParsedLine line) implements Parsed {}

    /** {@code -h/--help}: the help of the last command in {@code chain} (root first). */
    record Help(List<CommandSpec> chain) implements Parsed {
        public Help {
            chain = List.copyOf(chain);
        }

        public String text() {
            return HelpText.render(chain);
        }
    }

    /** {@code -V/--version}. */
    record Version(String text) implements Parsed {}
}
