package dev.warden.cli.line;

import java.io.PrintStream;
import java.util.List;

/**
 * What the arguments ask for: run a command, show a command's help, or show the version. Each knows how to carry
 * itself out ({@link #perform}): a plain virtual call, where a pattern {@code switch} over these three would spin a
 * type-switch class at run time that the AOT cache does not keep (about 10 ms of every start).
 */
public sealed interface Parsed {
    /** Carries out the request, printing help or version to {@code out}; returns the exit status. */
    int perform(PrintStream out) throws Exception;

    /** Run the last command of the line with what was parsed. */
    record Run(ParsedLine line) implements Parsed {
        @Override
        public int perform(PrintStream out) throws Exception {
            return line.command().action().run(line);
        }
    }

    /** {@code -h/--help}: the help of the last command in {@code chain} (root first). */
    record Help(List<CommandSpec> chain) implements Parsed {
        public Help {
            chain = List.copyOf(chain);
        }

        public String text() {
            return HelpText.render(chain);
        }

        @Override
        public int perform(PrintStream out) {
            out.print(text());
            out.flush();
            return 0;
        }
    }

    /** {@code -V/--version}. */
    record Version(String text) implements Parsed {
        @Override
        public int perform(PrintStream out) {
            out.println(text);
            out.flush();
            return 0;
        }
    }
}
