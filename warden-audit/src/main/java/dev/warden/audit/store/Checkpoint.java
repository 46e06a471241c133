package dev.warden.audit.store;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A signed statement "the chain's hash at record {@code seq} is {@code headHash}, as of {@code createdAt}".
 * What is signed is a fixed text naming all three, so no field can be moved between checkpoints.
 */
public record Checkpoint(long seq, byte[] headHash, String createdAt, String keyId, byte[] signature) {
    public Checkpoint {
        Objects.requireNonNull(headHash, "headHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
    }

    static byte[] signedBytes(long seq, byte[] headHash, String createdAt, String keyId) {
        return ("warden-audit-checkpoint/1\n" + seq + "\n" + HexFormat.of().formatHex(headHash) + "\n" + createdAt
                + "\n" + keyId + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static Checkpoint sign(AuditKey key, long seq, byte[] headHash, String createdAt) {
        byte[] signature = key.sign(signedBytes(seq, headHash, createdAt, key.id()));
        return new Checkpoint(seq, headHash.clone(), createdAt, key.id(), signature);
    }

    /** Whether {@code key} signed exactly this checkpoint. */
    boolean verifiedBy(AuditKey key) {
        return keyId.equals(key.id()) && key.verify(signedBytes(seq, headHash, createdAt, keyId), signature);
    }
}
