package dev.warden.policy.command;

import dev.warden.core.Words;
import dev.warden.policy.shell.NameSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code xargs} runs when the command before the pipe says what it prints: {@code echo /usr | xargs rm -rf}
 * runs {@code rm -rf /usr}. xargs appends what it reads, or substitutes it for {@code -I}'s string.
 */
public final class XargsInput {
    private XargsInput() {
    }

    /**
     * The commands {@code xargs} runs in {@code producer | consumer}, with what the producer prints, when that can
     * be read from its words (see {@link DangerousCommands#xargsDanger}), or null. Judging them judges the
     * consumer: its own words hold a subset of their operands.
     */
    public static Fed fedByPipe(List<String> producer, List<String> consumer, DangerContext context) {
        int xargs = -1;
        for (int i = 0; i < Math.min(consumer.size(), 4) && xargs < 0; i++) {
            String word = consumer.get(i);
            if (word.endsWith("xargs") && Options.basename(word).equals("xargs")) {
                xargs = i;
            }
        }
        CommandWrappers.Unwrapped from = xargs < 0 ? null : CommandWrappers.unwrap(producer, context);
        CommandWrappers.Unwrapped to = from == null ? null : CommandWrappers.unwrap(consumer.subList(xargs, consumer.size()), context);
        if (to == null) {
            return null;
        }
        List<String> printed = printedWords(from.argv());
        if (printed.isEmpty()) {
            return null;
        }
        String replace = xargsReplaceString(consumer.subList(xargs + 1, consumer.size()));
        List<List<String>> commands = new ArrayList<>();
        if (replace == null) {
            String[] command = new String[to.argv().size() + printed.size()];
            for (int k = 0; k < command.length; k++) {
                command[k] = k < to.argv().size() ? to.argv().get(k) : printed.get(k - to.argv().size());
            }
            commands.add(Words.of(command));
        } else {
            // xargs -I R runs the command once per item, with R replaced by it.
            for (String item : printed) {
                commands.add(Words.of(to.argv().stream().map(w -> w.replace(replace, item)).toArray(String[]::new)));
            }
        }
        return new Fed(commands, to.context(), Options.basename(from.argv().getFirst()));
    }

    /** What xargs runs with a producer's output: the commands, where, and the producer's name for the reason. */
    public record Fed(List<List<String>> commands, DangerContext context, String producer) {
        /** The first of the commands that is dangerous, worded as what xargs runs. */
        public Optional<Danger> danger() {
            for (List<String> command : commands) {
                Optional<Danger> danger = DangerousCommands.reason(command, context, 1);
                if (danger.isPresent()) {
                    return Optional.of(new Danger(danger.get().kind(), "xargs runs, with what " + producer + " prints: "
                            + danger.get().reason()));
                }
            }
            return Optional.empty();
        }
    }

    /** xargs's short options written apart from their value ({@code -I} is read separately). */
    private static final NameSet VALUE_OPTIONS = NameSet.of("-a", "-d", "-E", "-L", "-n", "-P", "-s");

    /** xargs's replace string ({@code -I R}, {@code -i}, {@code --replace}) from its options, or null when it appends. */
    private static String xargsReplaceString(List<String> options) {
        for (int i = 0; i < options.size() && options.get(i).startsWith("-") && !options.get(i).equals("--"); i++) {
            String o = options.get(i);
            if (VALUE_OPTIONS.contains(o)) {
                i++; // -n 1, -P 4, ...: the value is not the command
                continue;
            }
            if (o.equals("-I")) {
                return i + 1 < options.size() ? options.get(i + 1) : null;
            }
            if (o.startsWith("-I")) {
                return o.substring(2);
            }
            if (o.equals("-i") || o.equals("--replace")) {
                return "{}";
            }
            if (o.startsWith("-i") || o.startsWith("--replace=")) {
                return o.substring(o.startsWith("-i") ? 2 : 10);
            }
        }
        return null;
    }

    /** What {@code argv} prints, as words, when its words say: echo's and printf's operands, find's start points. */
    private static List<String> printedWords(List<String> argv) {
        String name = Options.basename(argv.getFirst());
        List<String> words = new ArrayList<>();
        switch (name) {
            case "echo" -> {
                int i = 1;
                while (i < argv.size() && Options.isShortCluster(argv.get(i))
                        && argv.get(i).chars().skip(1).allMatch(c -> c == 'n' || c == 'e' || c == 'E')) {
                    i++;
                }
                for (String word : argv.subList(i, argv.size())) {
                    splitOnBlanks(word, words);
                }
            }
            case "printf" -> {
                int i = 1;
                if (i < argv.size() && argv.get(i).equals("--")) {
                    i++;
                }
                for (String word : argv.subList(Math.min(i + 1, argv.size()), argv.size())) {
                    splitOnBlanks(word, words);
                }
            }
            case "find" -> {
                List<String> starts = FindDanger.starts(argv);
                boolean filtered = FindDanger.filtered(argv);
                for (String start : starts) {
                    words.add(filtered ? (start.endsWith("/") ? start : start + "/") + "{}" : start);
                }
            }
            default -> {
            }
        }
        return words;
    }

    /** xargs splits what it reads at blanks and newlines. */
    private static void splitOnBlanks(String text, List<String> out) {
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean blank = i == text.length() || Character.isWhitespace(text.charAt(i));
            if (blank && start >= 0) {
                out.add(text.substring(start, i));
                start = -1;
            } else if (!blank && start < 0) {
                start = i;
            }
        }
    }
}
