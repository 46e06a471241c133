package dev.warden.audit.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The chain: {@code hash = SHA-256(prev_hash || record)}, the first record chained to 32 zero bytes.
 * Changing, removing, adding or moving any record changes every hash after it, so a signed head hash
 * (a checkpoint) vouches for everything before it. Not thread-safe: one per thread.
 */
final class ChainHash {
    static final byte[] GENESIS = new byte[32];

    private final MessageDigest sha256;

    ChainHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    byte[] next(byte[] previous, byte[] record) {
        sha256.update(previous);
        sha256.update(record);
        return sha256.digest();
    }
}
