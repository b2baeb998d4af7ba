package io.cvatqueue.crypto;

import io.cvatqueue.config.DataDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCipherTest {

    private static final String TOKEN = "Token 0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dataDir;

    private TokenCipher cipher(String secretKey) {
        return new TokenCipher(secretKey, new DataDirectories(dataDir.toString(), dataDir.resolve("backups").toString()));
    }

    @Test
    void tokenSurvivesEncryptionRoundTripWithConfiguredSecret() {
        TokenCipher cipher = cipher("a configured secret");

        String sealed = cipher.encrypt(TOKEN);

        assertThat(sealed).startsWith("v1:").doesNotContain("0123456789abcdef");
        assertThat(cipher.decrypt(sealed)).isEqualTo(TOKEN);
        // APP_SECRET_KEY set: no key file is needed, so none is written
        assertThat(dataDir.resolve("secret.key")).doesNotExist();
    }

    @Test
    void sameTokenEncryptsDifferentlyEachTime() {
        TokenCipher cipher = cipher("a configured secret");

        // a fresh IV per encryption: equal tokens must not be recognisable as equal in the database
        assertThat(cipher.encrypt(TOKEN)).isNotEqualTo(cipher.encrypt(TOKEN));
    }

    @Test
    void sameSecretDecryptsAfterRestart() {
        String sealed = cipher("a configured secret").encrypt(TOKEN);

        assertThat(cipher("a configured secret").decrypt(sealed)).isEqualTo(TOKEN);
    }

    @Test
    void withoutSecretAKeyFileIsGeneratedInDataDirAndReusedAfterRestart() throws Exception {
        String sealed = cipher("").encrypt(TOKEN);

        Path keyFile = dataDir.resolve("secret.key");
        assertThat(keyFile).exists();
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(cipher(null).decrypt(sealed)).isEqualTo(TOKEN);
    }

    @Test
    void tokenEncryptedWithAnotherKeyIsRefused() {
        String sealed = cipher("the old secret").encrypt(TOKEN);

        assertThatThrownBy(() -> cipher("a new secret").decrypt(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void tamperedCiphertextIsRefused() {
        TokenCipher cipher = cipher("a configured secret");
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt(TOKEN).substring(3));
        raw[raw.length - 20] ^= 0x01;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        // GCM's tag detects the flipped bit instead of yielding a different token
        assertThatThrownBy(() -> cipher.decrypt(tampered))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void valuesNotWrittenByTheCipherAreRefused() {
        TokenCipher cipher = cipher("a configured secret");

        assertThatThrownBy(() -> cipher.decrypt(TOKEN)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt("v1:not base64!")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keyFileOfWrongLengthIsRefusedAtStart() throws Exception {
        Files.writeString(dataDir.resolve("secret.key"), Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> cipher(""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("256-bit");
    }
}
