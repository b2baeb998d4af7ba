package io.cvatqueue.crypto;

import io.cvatqueue.config.DataDirectories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Encrypts CVAT tokens at rest with AES-256-GCM. The key comes from {@code APP_SECRET_KEY} (any string,
 * hashed to 256 bits) or from {@code DATA_DIR/secret.key}, generated on first start. Losing the key file
 * means users must re-enter their CVAT tokens: back it up with the database.
 */
@Component
public class TokenCipher {

    private static final Logger log = LoggerFactory.getLogger(TokenCipher.class);
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public TokenCipher(@Value("${app.secret-key:}") String secretKey, DataDirectories directories) {
        this.key = new SecretKeySpec(keyBytes(secretKey, directories.dataDir().resolve("secret.key")), "AES");
    }

    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt token", e);
        }
    }

    public String decrypt(String encrypted) {
        if (encrypted == null || !encrypted.startsWith(PREFIX)) {
            throw new IllegalStateException("Stored token has an unknown format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(encrypted.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Stored CVAT token cannot be decrypted: was APP_SECRET_KEY or "
                    + "secret.key changed? Ask the user to enter the token again.", e);
        }
    }

    private static byte[] keyBytes(String secretKey, Path keyFile) {
        if (secretKey != null && !secretKey.isBlank()) {
            return sha256(secretKey);
        }
        try {
            if (Files.exists(keyFile)) {
                byte[] key = Base64.getDecoder().decode(Files.readString(keyFile).strip());
                if (key.length != 32) {
                    throw new IllegalStateException(keyFile + " does not hold a 256-bit key");
                }
                return key;
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(keyFile, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's permissions have to protect it
            }
            log.info("Generated a new token encryption key at {}", keyFile);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + keyFile, e);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
