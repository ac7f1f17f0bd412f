package org.transformerguide.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One learner's browser, reduced to the HTTP calls that matter here: sign up or in, tick, read progress. */
final class Learner {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final String password;
    private final HttpClient http;
    private PackagedApp app;
    private String csrfHeader;
    private String csrfToken;

    Learner(String name, String password) {
        this.name = name;
        this.password = password;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    void signUp(PackagedApp app) throws IOException, InterruptedException {
        this.app = app;
        fetchCsrf();
        postForm("/signup", "username", name, "password", password, "confirm", password);
        fetchCsrf();
    }

    /** After a restart the session is gone: a fresh sign-in, as a learner would do. */
    void signIn(PackagedApp app) throws IOException, InterruptedException {
        this.app = app;
        fetchCsrf();
        postForm("/signin", "username", name, "password", password);
        fetchCsrf(); // sign-in issues a new token
    }

    /** Ids of every checklist item of the guide, in the order of the progress API. */
    List<String> checklistItems() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (JsonNode document : progress().get("documents")) {
            document.get("itemIds").forEach(id -> ids.add(id.asText()));
        }
        return ids;
    }

    Set<String> checkedItems() throws IOException, InterruptedException {
        Set<String> checked = new HashSet<>();
        progress().get("checkedItems").forEach(id -> checked.add(id.asText()));
        return checked;
    }

    /** Returns normally only when the server acknowledged the tick with a 2xx. */
    void tick(String itemId, boolean checked) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(app.uri("/api/progress/items/" + itemId))
                .header("Content-Type", "application/json").header(csrfHeader, csrfToken)
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"checked\":" + checked + "}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("tick " + itemId + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private JsonNode progress() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(app.uri("/api/progress")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("progress of " + name + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private void fetchCsrf() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(app.uri("/api/csrf")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode token = JSON.readTree(response.body());
        csrfHeader = token.get("headerName").asText();
        csrfToken = token.get("token").asText();
    }

    private void postForm(String path, String... fields) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("_csrf=").append(URLEncoder.encode(csrfToken, StandardCharsets.UTF_8));
        for (int i = 0; i < fields.length; i += 2) {
            body.append('&').append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(app.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || location.contains("error")) {
            throw new IOException(path + " for " + name + " answered " + response.statusCode() + " " + location);
        }
    }
}
