package io.cvatqueue.account;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Passwords as NIST SP 800-63B asks: at least 8 characters, long ones welcome (up to what bcrypt keeps, 72 bytes),
 * no rules about character classes, but not a password from the lists attackers try first, not one character
 * repeated or a plain sequence, and not the username or the app's name.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    /** bcrypt only looks at the first 72 bytes; longer passwords would be cut silently, so they are refused. */
    static final int MAX_BYTES = 72;
    private static final Set<String> COMMON = load();
    private static final Set<String> APP_WORDS = Set.of("cvat", "cvatqueue", "cvat-queue", "queuemanager",
            "cvatqueuemanager", "cvat queue manager", "reviewqueue", "annotation");
    private static final String SEQUENCES = "abcdefghijklmnopqrstuvwxyz 0123456789 qwertyuiop asdfghjkl zxcvbnm";

    private PasswordPolicy() {
    }

    /** @throws AccountException saying what to change */
    static void check(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new AccountException("Password: at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new AccountException("Password: at most " + MAX_BYTES + " bytes, that is 72 letters without "
                    + "accents, fewer with accents or emoji. A few unrelated words are long enough.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (isCommon(lower) || repeated(lower) || sequential(lower)
                || (username != null && lower.contains(username.strip().toLowerCase(Locale.ROOT))
                && username.strip().length() >= 3)
                || APP_WORDS.contains(lower.replaceAll("[^a-z ]", ""))) {
            throw new AccountException("This password is too easy to guess: it is a common password, a pattern "
                    + "or contains your username. Choose another; a few unrelated words work well.");
        }
    }

    private static boolean isCommon(String lower) {
        // "password2024!" is as common as "password": compare without trailing digits and symbols as well
        String stem = lower.replaceAll("[\\d\\p{Punct}\\s]+$", "");
        return COMMON.contains(lower) || COMMON.contains(stem);
    }

    private static boolean repeated(String lower) {
        return lower.codePoints().distinct().count() <= 2;
    }

    private static boolean sequential(String lower) {
        String reversed = new StringBuilder(SEQUENCES).reverse().toString();
        return SEQUENCES.contains(lower) || reversed.contains(lower);
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/account/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("account/common-passwords.txt is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
