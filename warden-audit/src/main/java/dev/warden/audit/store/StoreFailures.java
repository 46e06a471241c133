package dev.warden.audit.store;

import dev.warden.audit.AuditException;
import java.nio.file.Path;
import java.sql.SQLException;

/** Turns SQLite's result codes into one line a person can act on: what failed, which file, what to do. */
final class StoreFailures {
    private StoreFailures() {}

    static AuditException of(SQLException e, Path database, String doing) {
        int code = e.getErrorCode() & 0xff; // extended result codes keep the primary code in the low byte
        String where = "audit store " + database;
        String message = switch (code) {
            case 13 -> where + ": disk full while " + doing + "; free space, or set [audit] path to another disk";
            case 8 -> where + " is read-only (" + doing + "); make the file and its directory writable by "
                    + System.getProperty("user.name") + ", or set [audit] path to a writable place";
            case 14 -> "cannot open " + where + " (" + doing + "); check that its directory exists and is writable,"
                    + " or set [audit] path";
            case 5, 6 -> where + " stayed locked by another process while " + doing
                    + "; find the process holding it (fuser " + database + ") or retry";
            case 11, 26 -> where + " is damaged or not an audit store (" + doing
                    + "); move it aside and run 'warden audit verify --path <moved file>' to see what is left";
            case 3, 23 -> where + ": permission denied while " + doing + "; fix the file's permissions";
            case 10 -> where + ": I/O error while " + doing + " (" + firstLine(e) + "); check the disk, free space";
            default -> where + ": " + firstLine(e) + " while " + doing;
        };
        return new AuditException(message, e);
    }

    /** What went wrong with a file, in words: no exception class names, the path that was at fault. */
    static String of(java.io.IOException e) {
        return switch (e) {
            case java.nio.file.FileAlreadyExistsException x -> x.getFile() + " exists and is not a directory";
            case java.nio.file.NoSuchFileException x -> x.getFile() + " does not exist";
            case java.nio.file.AccessDeniedException x -> "permission denied on " + x.getFile();
            case java.nio.file.NotDirectoryException x -> x.getFile() + " is not a directory";
            case java.nio.file.FileSystemException x when x.getReason() != null -> x.getFile() + ": " + x.getReason();
            default -> String.valueOf(e.getMessage());
        };
    }

    private static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
