package dev.warden.agents.mcp;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code apply_patch} format (the one Codex's models are trained on): a patch between {@code *** Begin Patch}
 * and {@code *** End Patch} made of file operations. Pure: parsing and applying to text, no files.
 *
 * <pre>
 * *** Add File: PATH        followed by lines starting with "+"
 * *** Delete File: PATH
 * *** Update File: PATH     followed by chunks, each optionally opened by an "@@" line, of
 *                           " context", "-removed" and "+added" lines
 * </pre>
 */
final class PatchText {
    sealed interface Operation {
        String path();
    }

    record Add(String path, String content) implements Operation {}

    record Delete(String path) implements Operation {}

    record Update(String path, List<Chunk> chunks) implements Operation {}

    /** Lines as they are before and after, in order (context lines are in both). */
    record Chunk(List<String> before, List<String> after) {}

    private PatchText() {}

    static List<Operation> parse(String patch) {
        List<String> lines = new ArrayList<>(List.of(patch.strip().split("\r?\n", -1)));
        if (lines.isEmpty() || !lines.getFirst().strip().equals("*** Begin Patch")) {
            throw new IllegalArgumentException("a patch starts with \"*** Begin Patch\"");
        }
        if (!lines.getLast().strip().equals("*** End Patch")) {
            throw new IllegalArgumentException("a patch ends with \"*** End Patch\"");
        }
        List<Operation> operations = new ArrayList<>();
        int i = 1;
        while (i < lines.size() - 1) {
            String line = lines.get(i);
            if (line.startsWith("*** Add File: ")) {
                String path = path(line, "*** Add File: ");
                StringBuilder content = new StringBuilder();
                i++;
                while (i < lines.size() - 1 && !lines.get(i).startsWith("*** ")) {
                    if (!lines.get(i).startsWith("+")) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": every line of an added file starts with \"+\"");
                    }
                    content.append(lines.get(i), 1, lines.get(i).length()).append('\n');
                    i++;
                }
                operations.add(new Add(path, content.toString()));
            } else if (line.startsWith("*** Delete File: ")) {
                operations.add(new Delete(path(line, "*** Delete File: ")));
                i++;
            } else if (line.startsWith("*** Update File: ")) {
                String path = path(line, "*** Update File: ");
                List<Chunk> chunks = new ArrayList<>();
                List<String> before = new ArrayList<>();
                List<String> after = new ArrayList<>();
                i++;
                while (i < lines.size() - 1 && !lines.get(i).startsWith("*** ")) {
                    String body = lines.get(i);
                    if (body.startsWith("@@")) {
                        flush(chunks, before, after);
                    } else if (body.startsWith("-")) {
                        before.add(body.substring(1));
                    } else if (body.startsWith("+")) {
                        after.add(body.substring(1));
                    } else if (body.startsWith(" ") || body.isEmpty()) {
                        String context = body.isEmpty() ? "" : body.substring(1);
                        before.add(context);
                        after.add(context);
                    } else {
                        throw new IllegalArgumentException("line " + (i + 1) + ": an update line starts with \" \", \"-\", \"+\" or \"@@\"");
                    }
                    i++;
                }
                flush(chunks, before, after);
                if (chunks.isEmpty()) {
                    throw new IllegalArgumentException("*** Update File: " + path + " has no changes");
                }
                operations.add(new Update(path, chunks));
            } else {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected \"*** Add File:\", \"*** Delete File:\" or \"*** Update File:\"");
            }
        }
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("the patch changes nothing");
        }
        return operations;
    }

    /** {@code original} with every chunk applied in order; each chunk's "before" lines must appear after the previous chunk. */
    static String apply(String original, List<Chunk> chunks, String path) {
        boolean finalNewline = original.endsWith("\n");
        List<String> lines = new ArrayList<>(List.of(original.split("\n", -1)));
        if (finalNewline) {
            lines.removeLast();
        }
        int from = 0;
        for (Chunk chunk : chunks) {
            int at = find(lines, chunk.before(), from);
            if (at < 0) {
                throw new IllegalArgumentException(path + ": the lines to change were not found: "
                        + String.join("\\n", chunk.before()));
            }
            for (int k = 0; k < chunk.before().size(); k++) {
                lines.remove(at);
            }
            lines.addAll(at, chunk.after());
            from = at + chunk.after().size();
        }
        String joined = String.join("\n", lines);
        return finalNewline || original.isEmpty() ? joined + "\n" : joined;
    }

    private static int find(List<String> lines, List<String> block, int from) {
        if (block.isEmpty()) {
            return lines.size();
        }
        for (int start = from; start + block.size() <= lines.size(); start++) {
            if (lines.subList(start, start + block.size()).equals(block)) {
                return start;
            }
        }
        return -1;
    }

    private static void flush(List<Chunk> chunks, List<String> before, List<String> after) {
        if (!before.isEmpty() || !after.isEmpty()) {
            chunks.add(new Chunk(List.copyOf(before), List.copyOf(after)));
        }
        before.clear();
        after.clear();
    }

    private static String path(String line, String prefix) {
        String path = line.substring(prefix.length()).strip();
        if (path.isEmpty()) {
            throw new IllegalArgumentException("\"" + prefix.strip() + "\" needs a path");
        }
        return path;
    }
}
