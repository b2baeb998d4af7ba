package io.cvatqueue.account;

import io.cvatqueue.CvatFake;
import io.cvatqueue.RunningAppTest;
import io.cvatqueue.TestAccounts;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.security.TokenCipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static io.cvatqueue.TestAccounts.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registration checks the CVAT token with CVAT itself ({@code GET /api/users/self}) before anything is saved. */
@RunningAppTest
@ExtendWith(OutputCaptureExtension.class)
class RegistrationTest {

    private static final String RITA_KEY = "3f1c9a2b7d4e4f0a9b8c7d6e5f4a3b2c1d0e9f8a";
    private static final String RAVI_PAT = "pat_5Yq2rKx8Lw3Nv7Tz1Hb4Jm6Pc9Sd0Fg";
    private static final CvatFake cvat = new CvatFake()
            .acceptsToken("Token " + RITA_KEY, 7, "rita.cvat")
            .acceptsToken("Bearer " + RAVI_PAT, 8, "ravi.cvat")
            .servesHtmlAt("/html/api/users/self");

    @Autowired
    AccountService accounts;
    @Autowired
    AppUserRepository users;
    @Autowired
    CvatInstanceRepository instances;
    @Autowired
    TokenCipher cipher;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void startWithoutAccounts() {
        TestAccounts.deleteAllAccountsAndInstances(jdbc);
    }

    @AfterAll
    static void stopCvat() {
        cvat.close();
    }

    @Test
    void validTokenCreatesAccountAndInstanceWithTokenEncrypted() {
        AppUser rita = accounts.register(new Registration("rita", PASSWORD, cvat.baseUrl() + "/api/", RITA_KEY));

        AppUser saved = users.findByUsername("rita").orElseThrow();
        assertThat(saved.id()).isEqualTo(rita.id());
        assertThat(saved.cvatUserId()).isEqualTo(7L);
        assertThat(saved.cvatUsername()).isEqualTo("rita.cvat");
        assertThat(passwordEncoder.matches(PASSWORD, saved.passwordHash())).isTrue();
        assertThat(saved.passwordHash()).doesNotContain(PASSWORD);
        assertThat(saved.cvatTokenEnc()).doesNotContain(RITA_KEY);
        // a bare key is what CVAT's login returns; it is stored as the header value CVAT expects
        assertThat(cipher.decrypt(saved.cvatTokenEnc())).isEqualTo("Token " + RITA_KEY);

        CvatInstance instance = instances.findById(saved.instanceId()).orElseThrow();
        // trailing "/api/" is what people paste from CVAT's API docs; the instance is keyed by the normalised URL
        assertThat(instance.baseUrl()).isEqualTo(cvat.baseUrl());
        assertThat(instance.name()).isEqualTo("localhost");
        assertThat(instance.serviceTokenEnc()).doesNotContain(RITA_KEY);
        assertThat(cipher.decrypt(instance.serviceTokenEnc())).isEqualTo("Token " + RITA_KEY);
    }

    @Test
    void firstAccountIsAdminAndLaterOnesAreReviewersOfTheSameInstance() {
        AppUser first = accounts.register(new Registration("rita", PASSWORD, cvat.baseUrl(), "Token " + RITA_KEY));
        AppUser second = accounts.register(new Registration("ravi", PASSWORD, cvat.baseUrl(), "Bearer " + RAVI_PAT));

        assertThat(first.role()).isEqualTo(Role.ADMIN);
        assertThat(second.role()).isEqualTo(Role.REVIEWER);
        assertThat(second.instanceId()).isEqualTo(first.instanceId());
        assertThat(cipher.decrypt(second.cvatTokenEnc())).isEqualTo("Bearer " + RAVI_PAT);
        assertThat(instances.count()).isEqualTo(1);
    }

    @Test
    void usernamesAreUniqueAcrossInstances() {
        accounts.register(new Registration("rita", PASSWORD, cvat.baseUrl(), RITA_KEY));
        // same fake, different address: to the app a second CVAT instance
        String otherInstance = cvat.baseUrl().replace("localhost", "127.0.0.1");

        assertThatThrownBy(() -> accounts.register(new Registration("rita", PASSWORD, otherInstance, RAVI_PAT)))
                .isInstanceOf(AccountException.class)
                .hasMessage("The username 'rita' is taken");
        assertThat(users.count()).isEqualTo(1);
        assertThat(instances.count()).isEqualTo(1);
    }

    @Test
    void tokenRejectedByCvatIsRefusedAndNothingSaved() {
        assertRefused(new Registration("rita", PASSWORD, cvat.baseUrl(), "Token not-a-valid-key"),
                "CVAT at " + cvat.baseUrl() + " rejected this token");
    }

    @Test
    void addressWithoutCvatApiIsRefusedAndNothingSaved() {
        // a web server that answers 404 for /api/users/self is not CVAT, or the address lacks CVAT's path
        assertRefused(new Registration("rita", PASSWORD, cvat.baseUrl() + "/not-cvat", RITA_KEY),
                cvat.baseUrl() + "/not-cvat has no CVAT API (/api/users/self not found). Check the address.");
    }

    @Test
    void addressAnsweringHtmlIsRefusedAndNothingSaved() {
        assertRefused(new Registration("rita", PASSWORD, cvat.baseUrl() + "/html", RITA_KEY),
                cvat.baseUrl() + "/html did not answer like CVAT");
    }

    @Test
    void unreachableHostIsRefusedAndNothingSaved() {
        String nowhere = CvatFake.unreachableUrl();

        assertRefused(new Registration("rita", PASSWORD, nowhere, RITA_KEY),
                "Could not reach CVAT at " + nowhere);
    }

    @Test
    void malformedAddressesAreRefusedBeforeCallingAnything() {
        cvat.reset();

        assertRefused(new Registration("rita", PASSWORD, "cvat.example.com", RITA_KEY), "must start with http://");
        assertRefused(new Registration("rita", PASSWORD, "ftp://cvat.example.com", RITA_KEY), "must start with http://");
        assertRefused(new Registration("rita", PASSWORD, "http://cvat example.com", RITA_KEY), "is not a valid URL");
        assertRefused(new Registration("rita", PASSWORD, "https://cvat.example.com/?x=1", RITA_KEY), "'?' or '#'");
        assertRefused(new Registration("rita", PASSWORD, " ", RITA_KEY), "Enter the CVAT address");
        assertThat(cvat.requestCount()).isZero();
    }

    @Test
    void malformedInputIsRefusedBeforeCallingCvat() {
        cvat.reset();

        assertRefused(new Registration("r", PASSWORD, cvat.baseUrl(), RITA_KEY), "Username: 3 to 64");
        assertRefused(new Registration("rita ann", PASSWORD, cvat.baseUrl(), RITA_KEY), "Username: 3 to 64");
        assertRefused(new Registration("rita", "short", cvat.baseUrl(), RITA_KEY), "Password: at least 8");
        assertRefused(new Registration("rita", PASSWORD, cvat.baseUrl(), ""), "Enter your CVAT token");
        assertRefused(new Registration("rita", PASSWORD, cvat.baseUrl(), "Token two words"), "must be one word");
        assertThat(cvat.requestCount()).isZero();
    }

    @Test
    void tokensNeverAppearInTheLog(CapturedOutput output) {
        accounts.register(new Registration("rita", PASSWORD, cvat.baseUrl(), RITA_KEY));
        assertThatThrownBy(() -> accounts.register(new Registration("ravi", PASSWORD, cvat.baseUrl(), "wrong-" + RAVI_PAT)))
                .isInstanceOf(AccountException.class);

        // the registration is logged (so the capture works) but without the token
        assertThat(output.getAll()).contains("Registered rita as ADMIN");
        assertThat(output.getAll()).doesNotContain(RITA_KEY).doesNotContain(RAVI_PAT);
    }

    private void assertRefused(Registration registration, String expectedMessage) {
        assertThatThrownBy(() -> accounts.register(registration))
                .isInstanceOf(AccountException.class)
                .hasMessageContaining(expectedMessage);
        assertThat(users.count()).isZero();
        assertThat(instances.count()).isZero();
    }
}
