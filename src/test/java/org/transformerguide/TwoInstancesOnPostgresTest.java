package org.transformerguide;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.transformerguide.testing.SelfContained;

/**
 * Two instances of the application on one PostgreSQL database, as behind the proxy of
 * docker/compose.postgres.yaml: a sign-in made on one is valid on the other (sessions in the database),
 * and a tick written through one is read through the other.
 */
@SelfContained
class TwoInstancesOnPostgresTest {

    private static final TestPostgres POSTGRES = new TestPostgres();
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(POSTGRES.available(), TestPostgres.WHY_SKIPPED);
        first = instance();
        second = instance();
    }

    private static ConfigurableApplicationContext instance() {
        return new SpringApplicationBuilder(TransformerGuideApplication.class)
                .profiles("test", "postgres")
                // as command-line arguments: they must win over the profile's own settings
                .run("--server.port=0", "--spring.datasource.url=" + POSTGRES.url(),
                        "--spring.datasource.username=" + TestPostgres.USER, "--spring.datasource.password=" + TestPostgres.PASSWORD);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null) {
                context.close();
            }
        }
        POSTGRES.drop();
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    private static String field(String json, String name) {
        return json.replaceAll("(?s).*\"" + name + "\"\\s*:\\s*\"([^\"]*)\".*", "$1");
    }

    @Test
    void aSignInOnOneInstanceIsValidOnTheOtherAndSoAreTheTicks() throws Exception {
        // One browser: one cookie jar for both (cookies do not depend on the port).
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String csrf = browser.send(HttpRequest.newBuilder(URI.create(base(first) + "/api/csrf")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String name = "twin" + (System.nanoTime() % 1_000_000);
        String form = "username=" + name + "&password=" + URLEncoder.encode("a good password", StandardCharsets.UTF_8)
                + "&confirm=" + URLEncoder.encode("a good password", StandardCharsets.UTF_8) + "&_csrf=" + field(csrf, "token");
        HttpResponse<String> signUp = browser.send(HttpRequest.newBuilder(URI.create(base(first) + "/signup"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signUp.statusCode()).isEqualTo(302);

        // The other instance knows the session: the learner is signed in there.
        HttpResponse<String> onSecond = browser.send(HttpRequest.newBuilder(URI.create(base(second) + "/api/progress")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onSecond.statusCode()).isEqualTo(200);

        String token = browser.send(HttpRequest.newBuilder(URI.create(base(second) + "/api/csrf")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> tick = browser.send(HttpRequest.newBuilder(URI.create(base(second) + "/api/progress/items/nn-xor"))
                .header("Content-Type", "application/json").header(field(token, "headerName"), field(token, "token"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"checked\": true}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tick.statusCode()).isEqualTo(200);

        String onFirst = browser.send(HttpRequest.newBuilder(URI.create(base(first) + "/api/progress")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(onFirst).contains("\"nn-xor\"");

        // Without that session cookie nobody is signed in: the answers above came from the shared session.
        HttpClient stranger = HttpClient.newHttpClient();
        assertThat(stranger.send(HttpRequest.newBuilder(URI.create(base(first) + "/api/progress")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }
}
