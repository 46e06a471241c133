package dev.warden.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Finds the process group of the command inside a sandbox, from {@code /proc}. With bubblewrap the
 * process Warden started is bwrap's monitor outside the pid namespace; the command is pid 2 inside it
 * (bwrap's reaper is pid 1), and {@code NSpid} in {@code /proc/PID/status} says which host process that is.
 */
final class CommandGroup {
    private CommandGroup() {}

    /** The process group of the sandboxed command, or empty when it is not running (yet or any more). */
    static OptionalLong of(Process launched, boolean pidNamespace) {
        if (!pidNamespace) {
            return groupOf(launched.pid());
        }
        try {
            return launched.toHandle().descendants()
                    .filter(p -> isPidTwoOfItsNamespace(p.pid()))
                    .findFirst()
                    .map(p -> groupOf(p.pid()))
                    .orElse(OptionalLong.empty());
        } catch (IllegalStateException e) {
            return OptionalLong.empty(); // the launcher exited in the meantime
        }
    }

    private static boolean isPidTwoOfItsNamespace(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("NSpid:")) {
                    String[] ids = line.substring("NSpid:".length()).trim().split("\\s+");
                    return ids.length >= 2 && ids[ids.length - 1].equals("2");
                }
            }
        } catch (IOException | RuntimeException e) {
            // Gone between listing and reading: not the command any more.
        }
        return false;
    }

    /** Field 5 of {@code /proc/PID/stat} (after the parenthesised name, which may itself hold spaces). */
    static OptionalLong groupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(rest[2]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
