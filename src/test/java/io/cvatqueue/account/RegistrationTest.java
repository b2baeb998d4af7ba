package io.cvatqueue.account;

import io.cvatqueue.CvatFake;
import io.cvatqueue.RunningAppTest;
import io.cvatqueue.TestAccounts;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.crypto.TokenCipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import io.cvatqueue.cvat.CvatClientFactory;
import io.cvatqueue.cvat.CvatInstanceService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetailsService;
import java.time.Clock;
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
    @Autowired
    CvatInstanceService cvatInstances;
    @Autowired
    CvatClientFactory clientFactory;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    SecurityContextHolderStrategy securityContext;

    @BeforeEach
    void startWithoutAccounts() {
        TestAccounts.deleteAllAccountsAndInstances(jdbc);
        jdbc.update("delete from workflow_setting where setting_name = 'registration.newInstances'");
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
    void tokenRejectedByANewCvatIsRefusedAndNothingSaved() {
        assertRefused(new Registration("rita", PASSWORD, cvat.baseUrl(), "Token not-a-valid-key"),
                notVerified(cvat.baseUrl()));
    }

    @Test
    void tokenRejectedByAnInstanceTheAppServesSaysSo() {
        accounts.register(new Registration("rita", PASSWORD, cvat.baseUrl(), RITA_KEY));

        assertThatThrownBy(() -> accounts.register(new Registration("ravi", PASSWORD, cvat.baseUrl(), "Token wrong")))
                .isInstanceOf(AccountException.class)
                .hasMessageContaining("CVAT at " + cvat.baseUrl() + " rejected this token");
        assertThat(users.count()).isEqualTo(1);
    }

    @Test
    void everyWayOfNotBeingCvatGetsTheSameMessageSoTheFormCannotMapTheNetwork() {
        String nowhere = CvatFake.unreachableUrl();

        // no CVAT API (404), HTML instead of JSON, nothing listening, a token refused: indistinguishable
        assertRefused(new Registration("rita", PASSWORD, cvat.baseUrl() + "/not-cvat", RITA_KEY),
                notVerified(cvat.baseUrl() + "/not-cvat"));
        assertRefused(new Registration("rita", PASSWORD, cvat.baseUrl() + "/html", RITA_KEY),
                notVerified(cvat.baseUrl() + "/html"));
        assertRefused(new Registration("rita", PASSWORD, nowhere, RITA_KEY), notVerified(nowhere));
        assertRefused(new Registration("rita", PASSWORD, cvat.baseUrl(), "Token wrong"), notVerified(cvat.baseUrl()));
    }

    @Test
    void onceAnInstanceExistsANewAddressIsRefusedWithoutContactingIt() {
        accounts.register(new Registration("rita", PASSWORD, cvat.baseUrl(), RITA_KEY));
        cvat.reset();
        String otherAddress = cvat.baseUrl().replace("localhost", "127.0.0.1");

        assertThatThrownBy(() -> accounts.register(new Registration("ravi", PASSWORD, otherAddress, RAVI_PAT)))
                .isInstanceOf(AccountException.class)
                .hasMessage("This app does not take registrations for " + otherAddress
                        + ". Check the address, or ask an admin which CVAT address to use.");
        assertThat(cvat.requestCount()).isZero();
        assertThat(instances.count()).isEqualTo(1);
    }

    @Test
    void anAdminCanLetRegistrationAddNewInstances() {
        accounts.register(new Registration("rita", PASSWORD, cvat.baseUrl(), RITA_KEY));
        asAdmin("rita", () -> cvatInstances.setRegistrationMayAddInstances(true));
        String otherAddress = cvat.baseUrl().replace("localhost", "127.0.0.1");

        AppUser ravi = accounts.register(new Registration("ravi", PASSWORD, otherAddress, "Bearer " + RAVI_PAT));

        assertThat(instances.count()).isEqualTo(2);
        assertThat(instances.findById(ravi.instanceId()).orElseThrow().baseUrl()).isEqualTo(otherAddress);
    }

    @Test
    void anAllowListOfCvatAddressesLimitsRegistrationToThem() {
        CvatInstanceService lockedDown = new CvatInstanceService(instances, clientFactory, cipher, Clock.systemUTC(),
                jdbc, "https://cvat.example.com/api/, " + cvat.baseUrl());

        assertThat(lockedDown.allowedBaseUrls()).containsExactly("https://cvat.example.com", cvat.baseUrl());
        assertThat(lockedDown.acceptsRegistrationsFor("https://cvat.example.com")).isTrue();
        assertThat(lockedDown.acceptsRegistrationsFor("http://10.0.0.1:8080")).isFalse();
    }

    @Test
    void registrationAttemptsThatContactCvatAreLimitedPerClient() {
        accounts.register(new Registration("admin", PASSWORD, cvat.baseUrl(), RITA_KEY));
        for (int i = 0; i < 10; i++) {
            int attempt = i;
            assertThatThrownBy(() -> accounts.register(
                    new Registration("ravi", PASSWORD, cvat.baseUrl(), "Token wrong" + attempt), "198.51.100.9"))
                    .hasMessageContaining("rejected this token");
        }

        assertThatThrownBy(() -> accounts.register(
                new Registration("ravi", PASSWORD, cvat.baseUrl(), "Bearer " + RAVI_PAT), "198.51.100.9"))
                .isInstanceOf(AccountException.class)
                .hasMessageStartingWith("Too many registration attempts from your address. Try again in ");
        assertThat(accounts.register(new Registration("ravi", PASSWORD, cvat.baseUrl(), "Bearer " + RAVI_PAT),
                "198.51.100.10").username()).isEqualTo("ravi");
    }

    @Test
    void aCommonPasswordIsRefusedBeforeCallingCvat() {
        cvat.reset();

        assertRefused(new Registration("rita", "12345678", cvat.baseUrl(), RITA_KEY), "too easy to guess");
        assertThat(cvat.requestCount()).isZero();
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

    private static String notVerified(String baseUrl) {
        return "Could not verify this token with a CVAT at " + baseUrl + ". Check the address (the one you open "
                + "CVAT at, e.g. https://cvat.example.com) and copy the token again from CVAT.";
    }

    private void asAdmin(String username, Runnable action) {
        var admin = userDetails.loadUserByUsername(username);
        securityContext.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(admin, null, admin.getAuthorities()));
        try {
            action.run();
        } finally {
            securityContext.clearContext();
        }
    }

    private void assertRefused(Registration registration, String expectedMessage) {
        assertThatThrownBy(() -> accounts.register(registration))
                .isInstanceOf(AccountException.class)
                .hasMessageContaining(expectedMessage);
        assertThat(users.count()).isZero();
        assertThat(instances.count()).isZero();
    }
}
