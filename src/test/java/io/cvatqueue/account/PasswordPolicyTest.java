package io.cvatqueue.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NIST SP 800-63B: length and a blocklist, no composition rules. */
class PasswordPolicyTest {

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        for (String common : new String[]{"12345678", "password", "Password1", "QWERTYUIOP", "iloveyou", "1q2w3e4r"}) {
            assertThatThrownBy(() -> PasswordPolicy.check(common, "rita")).as(common)
                    .isInstanceOf(AccountException.class).hasMessageContaining("too easy to guess");
        }
    }

    @Test
    void commonPasswordsWithDigitsOrSymbolsAppendedAreRefused() {
        assertThatThrownBy(() -> PasswordPolicy.check("password2024!", "rita")).isInstanceOf(AccountException.class);
        assertThatThrownBy(() -> PasswordPolicy.check("Sunshine123", "rita")).isInstanceOf(AccountException.class);
    }

    @Test
    void repeatedAndSequentialCharactersAreRefused() {
        assertThatThrownBy(() -> PasswordPolicy.check("aaaaaaaaaa", "rita")).isInstanceOf(AccountException.class);
        assertThatThrownBy(() -> PasswordPolicy.check("abababababab", "rita")).isInstanceOf(AccountException.class);
        assertThatThrownBy(() -> PasswordPolicy.check("abcdefghij", "rita")).isInstanceOf(AccountException.class);
        assertThatThrownBy(() -> PasswordPolicy.check("9876543210", "rita")).isInstanceOf(AccountException.class);
    }

    @Test
    void theUsernameAndTheAppsNameAreRefused() {
        assertThatThrownBy(() -> PasswordPolicy.check("rita.reviewer", "rita.reviewer")).isInstanceOf(AccountException.class);
        assertThatThrownBy(() -> PasswordPolicy.check("my-rita.reviewer-pw", "rita.reviewer")).isInstanceOf(AccountException.class);
        assertThatThrownBy(() -> PasswordPolicy.check("CVAT Queue Manager", "rita")).isInstanceOf(AccountException.class);
    }

    @Test
    void shortPasswordsAreRefusedCountingCharactersNotBytes() {
        assertThatThrownBy(() -> PasswordPolicy.check("kurz12!", "rita")).hasMessage("Password: at least 8 characters");
        assertThatCode(() -> PasswordPolicy.check("grüße✓ok", "rita")).doesNotThrowAnyException();
    }

    @Test
    void passwordsBeyondBcryptsSeventyTwoBytesGetAReadableMessage() {
        assertThatThrownBy(() -> PasswordPolicy.check("correct horse battery staple ".repeat(3), "rita"))
                .isInstanceOf(AccountException.class)
                .hasMessageStartingWith("Password: at most 72 bytes")
                .hasMessageNotContaining("cannot be more than");
        // 36 letters with umlauts are 72 bytes in UTF-8
        assertThatCode(() -> PasswordPolicy.check("äöü".repeat(12), "rita")).doesNotThrowAnyException();
        assertThatThrownBy(() -> PasswordPolicy.check("äöü".repeat(12) + "x", "rita"))
                .hasMessageStartingWith("Password: at most");
    }

    @Test
    void anyLongEnoughUncommonPasswordIsFineWithoutCharacterClassRules() {
        assertThatCode(() -> PasswordPolicy.check("correct horse battery", "rita")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("lowercaseonlybutlong", "rita")).doesNotThrowAnyException();
    }
}
