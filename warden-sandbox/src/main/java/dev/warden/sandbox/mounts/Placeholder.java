package dev.warden.sandbox.mounts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A mount point Warden created on the host, as the ledger remembers it: the directory and the
 * identities (device and inode) of it and of its parent at creation. The identities are what make a
 * sweep safe: only that very directory, still in that very parent, is ever removed — not whatever
 * carries the name later (the user's own empty directory, a path redirected through a symlink).
 *
 * @param path      canonical path of the directory created
 * @param key       the directory's identity: file key ({@code (dev=…,ino=…)}) and its modification and birth times
 * @param parentKey its parent's file key
 */
record Placeholder(Path path, String key, String parentKey) {
    Placeholder {
        if (!path.isAbsolute() || path.getParent() == null || path.getFileName() == null) {
            throw new IllegalArgumentException("a placeholder must be an absolute path below /: " + path);
        }
    }

    /** One record: three NUL-terminated fields (a path can hold any byte but NUL). */
    byte[] toBytes() {
        return (key + '\0' + parentKey + '\0' + path + '\0').getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The complete records in a ledger file. A trailing partial record (a process killed mid-write)
     * and malformed ones are dropped: forgetting a placeholder leaves an empty directory behind, which
     * is the old behaviour, never a removal.
     */
    static List<Placeholder> parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] fields = text.split("\0", -1);
        List<Placeholder> out = new ArrayList<>();
        // split leaves one trailing field after the last NUL: only complete triples count.
        for (int i = 0; i + 3 < fields.length; i += 3) {
            try {
                Path path = Path.of(fields[i + 2]);
                if (path.isAbsolute() && path.equals(path.normalize())) {
                    out.add(new Placeholder(path, fields[i], fields[i + 1]));
                }
            } catch (IllegalArgumentException e) {
                // java.nio.file.InvalidPathException is one: a damaged record is forgotten
            }
        }
        return out;
    }
}
