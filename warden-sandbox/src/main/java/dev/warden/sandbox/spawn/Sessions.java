package dev.warden.sandbox.spawn;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which processes belong to a session, from {@code /proc/PID/stat} (field 6). */
public final class Sessions {
    private Sessions() {}

    /** The pids whose session id is {@code sid}; a process that exits meanwhile is simply missed. */
    public static List<Long> members(long sid) {
        List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : proc) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (sessionOf(pid) == sid) {
                    members.add(pid);
                }
            }
        } catch (IOException e) {
            // No /proc: only the process group could be reached.
        }
        return members;
    }

    /** The session id of {@code pid}, or -1 when it is gone. */
    public static long sessionOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(rest[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
