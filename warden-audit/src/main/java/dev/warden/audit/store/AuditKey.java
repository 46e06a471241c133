package dev.warden.audit.store;

import dev.warden.audit.AuditException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The Ed25519 key that signs checkpoints, created on first use under {@code $WARDEN_HOME/keys}: the
 * directory 0700, the private key 0600 (PKCS#8, DER), the public key beside it (X.509, DER). A private
 * key that others can read is refused: anyone who can read it can forge checkpoints.
 */
public final class AuditKey {
    static final String PRIVATE_FILE = "audit-signing.key";
    static final String PUBLIC_FILE = "audit-signing.pub";

    private final PublicKey publicKey;
    private final Optional<PrivateKey> privateKey;
    private final String id;

    private AuditKey(PublicKey publicKey, Optional<PrivateKey> privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            this.id = HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signing key, created (under a file lock, so concurrent first runs agree on one key) if absent. */
    public static synchronized AuditKey loadOrCreate(Path directory) { // file locks do not exclude threads
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory.getParent());
                try {
                    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another Warden made it first
                }
            }
            try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!Files.exists(directory.resolve(PRIVATE_FILE))) {
                    create(directory);
                }
                return load(directory, true);
            }
        } catch (IOException e) {
            throw new AuditException("cannot create the audit signing key in " + directory + ": " + StoreFailures.of(e)
                    + "; make the directory writable or set WARDEN_HOME", e);
        }
    }

    /** The public half only, for verification; a missing key is an error (nothing could be verified). */
    public static AuditKey loadPublic(Path directory) {
        if (!Files.exists(directory.resolve(PUBLIC_FILE))) {
            throw new AuditException("no audit signing key at " + directory.resolve(PUBLIC_FILE)
                    + "; checkpoints cannot be checked without it (set WARDEN_HOME, or pass --key)");
        }
        try {
            return load(directory, false);
        } catch (IOException e) {
            throw new AuditException("cannot read " + directory.resolve(PUBLIC_FILE) + ": " + e.getMessage(), e);
        }
    }

    /** A public key from a file, for verifying a store copied off its machine. */
    public static AuditKey publicKeyFile(Path file) {
        try {
            return new AuditKey(publicKey(Files.readAllBytes(file), file), Optional.empty());
        } catch (IOException e) {
            throw new AuditException("cannot read the public key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path directory) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 15+ platform", e);
        }
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Path tmp = Files.createTempFile(directory, ".key", ".tmp", PosixFilePermissions.asFileAttribute(ownerOnly));
        Files.write(tmp, pair.getPrivate().getEncoded());
        Path pubTmp = Files.createTempFile(directory, ".pub", ".tmp");
        Files.write(pubTmp, pair.getPublic().getEncoded());
        Files.setPosixFilePermissions(pubTmp, PosixFilePermissions.fromString("rw-r--r--"));
        // The public key lands first: a crash between the moves leaves no private key without its public half.
        Files.move(pubTmp, directory.resolve(PUBLIC_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, directory.resolve(PRIVATE_FILE), StandardCopyOption.ATOMIC_MOVE);
    }

    private static AuditKey load(Path directory, boolean withPrivate) throws IOException {
        Path pubFile = directory.resolve(PUBLIC_FILE);
        PublicKey pub = publicKey(Files.readAllBytes(pubFile), pubFile);
        if (!withPrivate) {
            return new AuditKey(pub, Optional.empty());
        }
        Path keyFile = directory.resolve(PRIVATE_FILE);
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
        if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            throw new AuditException(keyFile + " is readable by others (" + PosixFilePermissions.toString(perms)
                    + "); anyone who can read it can forge audit checkpoints: chmod 600 " + keyFile);
        }
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(keyFile)));
            return new AuditKey(pub, Optional.of(key));
        } catch (GeneralSecurityException e) {
            throw new AuditException(keyFile + " is not an Ed25519 private key (" + e.getMessage()
                    + "); restore it from backup, or move it aside to start a new key (old checkpoints then fail to verify)", e);
        }
    }

    private static PublicKey publicKey(byte[] encoded, Path file) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new AuditException(file + " is not an Ed25519 public key (" + e.getMessage() + ")", e);
        }
    }

    /** The first 8 bytes (hex) of the SHA-256 of the public key: which key signed a checkpoint. */
    public String id() {
        return id;
    }

    byte[] sign(byte[] message) {
        PrivateKey key = privateKey.orElseThrow(() -> new IllegalStateException("this key was loaded for verification only"));
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    boolean verify(byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a malformed signature is a bad signature
        }
    }
}
