package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Bad input on every endpoint, one row per case, sent over a real socket to the real server (so that
 * Tomcat's own rejections are seen too): every answer is the expected status, no answer is a 5xx, API
 * answers are problem details, page answers are the site's pages, and text the client sent is never
 * reflected unescaped into a page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BadInputTest {

    enum Who { ANONYMOUS, LEARNER, LEARNER_WITHOUT_CSRF }

    /** What the answer must be: a problem detail, a page of the site, or anything (e.g. JSON or a stream). */
    enum Shape { PROBLEM, PAGE, ANY }

    record Row(String method, String path, String contentType, String body, Who who, int status, Shape shape, String mustNotContain) {

        @Override
        public String toString() {
            String shown = path.length() > 90 ? path.substring(0, 90) + "…(" + path.length() + ")" : path;
            String b = body == null ? "" : " " + (body.length() > 40 ? body.substring(0, 40) + "…(" + body.length() + ")" : body);
            return method + " " + shown + b + " [" + who + "] → " + status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ITEM = "nn-intro-compute-forward"; // replaced by a real item id at run time
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String J = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    private static String session;
    private static String csrf;
    private static String realItem;

    @LocalServerPort
    private int port;

    @BeforeEach
    void learner() throws IOException {
        if (session == null) {
            RawHttp.Response token = RawHttp.send(port, "GET", "/api/csrf", Map.of(), null);
            session = cookie(token);
            csrf = JSON.readTree(token.body()).get("token").asText();
            String form = "_csrf=" + enc(csrf) + "&username=bad-input-learner&password=learner-password&confirm=learner-password";
            RawHttp.Response signUp = RawHttp.send(port, "POST", "/signup", Map.of("Cookie", session, "Content-Type", FORM),
                    form.getBytes(StandardCharsets.UTF_8));
            assertThat(signUp.status()).isEqualTo(302);
            if (!cookie(signUp).isEmpty()) {
                session = cookie(signUp);
            }
            JsonNode progress = JSON.readTree(RawHttp.send(port, "GET", "/api/progress", Map.of("Cookie", session), null).body());
            realItem = progress.get("documents").findValues("itemIds").stream().filter(ids -> !ids.isEmpty())
                    .findFirst().orElseThrow().get(0).asText(); // the first document with a checklist
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("rows")
    void everyBadInputGetsAClearAnswerAndNone5xx(Row row) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (row.contentType() != null) {
            headers.put("Content-Type", row.contentType());
        }
        if (row.shape() == Shape.PAGE) {
            headers.put("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        }
        if (row.who() != Who.ANONYMOUS) {
            headers.put("Cookie", session);
        }
        if (row.who() == Who.LEARNER) {
            headers.put("X-CSRF-TOKEN", csrf);
        }
        String path = row.path().replace(ITEM, realItem);
        byte[] body = row.body() == null ? null : row.body().replace(ITEM, realItem).getBytes(StandardCharsets.UTF_8);
        RawHttp.Response answer = RawHttp.send(port, row.method(), path, headers, body);

        assertThat(answer.status()).as("%s answered %s", row, answer.body().length() > 300 ? answer.body().substring(0, 300) : answer.body())
                .isLessThan(500).isEqualTo(row.status());
        String shown = answer.header("Content-Type") + " " + (answer.body().length() > 400 ? answer.body().substring(0, 400) : answer.body());
        assertThat(answer.body()).as(shown).doesNotContain("Apache Tomcat").doesNotContain("Whitelabel").doesNotContain("java.")
                .doesNotContain("org.springframework").doesNotContain("Exception");
        if (row.shape() == Shape.PROBLEM) {
            assertThat(answer.header("Content-Type")).as(shown).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.get("status").asInt()).isEqualTo(row.status());
            assertThat(problem.hasNonNull("title")).isTrue();
            assertThat(answer.body().length()).as("echoes are capped").isLessThan(2_000);
        } else if (row.shape() == Shape.PAGE) {
            assertThat(answer.header("Content-Type")).as(shown).startsWith("text/html");
            assertThat(answer.body()).as(shown).contains("Transformer Guide");
        }
        if (row.mustNotContain() != null) {
            assertThat(answer.body()).as(shown).doesNotContain(row.mustNotContain());
        }
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        progressApi(rows);
        containerRejections(rows);
        searchApi(rows);
        playgroundApi(rows);
        pagesAndForms(rows);
        return rows.stream();
    }

    private static void progressApi(List<Row> rows) {
        String item = "/api/progress/items/" + ITEM;
        // strict JSON types: no coercion of 1, "true" or null into a tick
        for (String body : List.of("{\"checked\":1}", "{\"checked\":0}", "{\"checked\":\"true\"}", "{\"checked\":\"yes\"}",
                "{\"checked\":null}", "{}", "{\"checked\":[true]}", "{\"checked\":{}}", "{\"checked\":1.0}",
                "{\"checked\":NaN}", "{\"checked\":Infinity}", "{\"checked\":1e999}", "{\"checked\":true,}",
                "{\"checked\":tru}", "{'checked':true}", "[]", "true", "\"checked\"", "", "{\"checked\":true", "null",
                "{\"checked\":-1}", "{\"checked\":99999999999999999999999}", "[".repeat(5000) + "]".repeat(5000))) {
            rows.add(new Row("PUT", item, J, body, Who.LEARNER, 400, Shape.PROBLEM, null));
        }
        rows.add(new Row("PUT", item, J, "{\"checked\":true}", Who.LEARNER, 200, Shape.ANY, null));
        rows.add(new Row("PUT", item, J, "{\"checked\":false,\"extra\":1}", Who.LEARNER, 200, Shape.ANY, null));
        String doc = "/api/progress/documents/nn_intro";
        for (String body : List.of("{\"read\":1}", "{\"read\":\"true\"}", "{\"read\":null}", "{\"read\":[]}", "{\"read\":0.5}")) {
            rows.add(new Row("PUT", doc, J, body, Who.LEARNER, 400, Shape.PROBLEM, null));
        }
        rows.add(new Row("PUT", doc, J, "{\"read\":true}", Who.LEARNER, 200, Shape.ANY, null));
        // wrong content types
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/octet-stream", "text/html")) {
            rows.add(new Row("PUT", item, type, "{\"checked\":true}", Who.LEARNER, 415, Shape.PROBLEM, null));
        }
        rows.add(new Row("PUT", item, null, "{\"checked\":true}", Who.LEARNER, 415, Shape.PROBLEM, null));
        // unknown targets, traversal, odd characters: 404 and a short answer
        for (String id : List.of("no-such-item", "a".repeat(2000), "%F0%9F%98%80", "%C3%A9t%C3%A9",
                "%3Cscript%3Ealert(1)%3C%2Fscript%3E".replace("%2F", "-"), "x%20y", "%E2%80%AE", "%EF%BF%BF")) {
            rows.add(new Row("PUT", "/api/progress/items/" + id, J, "{\"checked\":true}", Who.LEARNER, 404, Shape.PROBLEM, "a".repeat(300)));
        }
        for (String slug : List.of("nope", "NN_INTRO", "nn_intro.md", "%20x", "glossary%3F")) {
            rows.add(new Row("PUT", "/api/progress/documents/" + slug, J, "{\"read\":true}", Who.LEARNER, 404, Shape.PROBLEM, null));
        }
        // dot segments and path parameters: refused by the firewall before any controller
        for (String path : List.of("items/..", "items/..%2e", "items/%2e%2e", "items/id;jsessionid=1", "documents/..", "items/.%2e/x")) {
            rows.add(new Row("PUT", "/api/progress/" + path, J, "{\"read\":true}", Who.LEARNER, 400, Shape.PROBLEM, null));
        }
        // merge: types, sizes, echoes
        rows.add(new Row("POST", "/api/progress/merge", J, "{\"checkedItems\":\"x\"}", Who.LEARNER, 400, Shape.PROBLEM, null));
        rows.add(new Row("POST", "/api/progress/merge", J, "{\"checkedItems\":[1,2]}", Who.LEARNER, 400, Shape.PROBLEM, null));
        rows.add(new Row("POST", "/api/progress/merge", J, "{\"readDocuments\":{}}", Who.LEARNER, 400, Shape.PROBLEM, null));
        rows.add(new Row("POST", "/api/progress/merge", J, "{\"checkedItems\":[" + "\"x\",".repeat(2001) + "\"x\"]}", Who.LEARNER, 400, Shape.PROBLEM, null));
        rows.add(new Row("POST", "/api/progress/merge", J, "{\"checkedItems\":[null,\"" + ITEM + "\"]}", Who.LEARNER, 200, Shape.ANY, null));
        rows.add(new Row("POST", "/api/progress/merge", J, "{\"checkedItems\":[\"" + "z".repeat(10_000) + "\"]}", Who.LEARNER, 200, Shape.ANY, "z".repeat(200)));
        rows.add(new Row("POST", "/api/progress/merge", J, "{\"checkedItems\":[" + ("\"" + "q".repeat(10_000) + "\",").repeat(199)
                + "\"q\"]}", Who.LEARNER, 413, Shape.PROBLEM, null));
        rows.add(new Row("POST", "/api/progress/merge", J, "{\"checkedItems\":[" + ("\"" + "w".repeat(100) + "\",").repeat(1000)
                + "\"w\"]}", Who.LEARNER, 200, Shape.ANY, "w".repeat(121)));
        // who may: signed out, no CSRF token, wrong methods
        rows.add(new Row("GET", "/api/progress", null, null, Who.ANONYMOUS, 401, Shape.PROBLEM, null));
        rows.add(new Row("PUT", item, J, "{\"checked\":true}", Who.ANONYMOUS, 403, Shape.PROBLEM, null));
        rows.add(new Row("PUT", item, J, "{\"checked\":true}", Who.LEARNER_WITHOUT_CSRF, 403, Shape.PROBLEM, null));
        rows.add(new Row("POST", "/api/progress/merge", J, "{}", Who.LEARNER_WITHOUT_CSRF, 403, Shape.PROBLEM, null));
        rows.add(new Row("GET", "/api/progress?account=1&user=admin", null, null, Who.LEARNER, 200, Shape.ANY, "\"admin\""));
        rows.add(new Row("DELETE", "/api/progress", null, null, Who.LEARNER, 405, Shape.PROBLEM, null));
        rows.add(new Row("PATCH", item, J, "{\"checked\":true}", Who.LEARNER, 405, Shape.PROBLEM, null));
        rows.add(new Row("GET", "/api/progress/merge", null, null, Who.LEARNER, 405, Shape.PROBLEM, null));
        rows.add(new Row("POST", item, J, "{\"checked\":true}", Who.LEARNER, 405, Shape.PROBLEM, null));
        rows.add(new Row("GET", item, null, null, Who.LEARNER, 405, Shape.PROBLEM, null));
    }

    /** Requests Tomcat itself refuses, or that reach no controller: still problem details under /api. */
    private static void containerRejections(List<Row> rows) {
        for (String path : List.of("/api/progress/items/..%2F..%2Fetc%2Fpasswd", "/api/search%2Fx", "/api/progress/items/%00",
                "/api/progress/items/a%00b", "/api/progress/items/%", "/api/progress/items/%zz", "/api/progress/items/%ED%A0%80",
                "/api/progress/items/%C0%AE%C0%AE", "/api/progress/items/a\\b", "/api/glossary/%5C..%5C")) {
            rows.add(new Row("PUT", path, J, "{\"checked\":true}", Who.LEARNER, 400, Shape.PROBLEM, null));
        }
        rows.add(new Row("GET", "/api/search?q=" + "a".repeat(10_000), null, null, Who.ANONYMOUS, 400, Shape.PROBLEM, null));
        rows.add(new Row("GET", "/api/" + "b".repeat(10_000), null, null, Who.ANONYMOUS, 400, Shape.PROBLEM, null));
        rows.add(new Row("GET", "/api/no-such-thing", null, null, Who.ANONYMOUS, 404, Shape.PROBLEM, null));
        rows.add(new Row("GET", "/api", null, null, Who.ANONYMOUS, 404, Shape.PROBLEM, null));
        rows.add(new Row("GET", "/api/playground/nothing/here", null, null, Who.ANONYMOUS, 404, Shape.PROBLEM, null));
        rows.add(new Row("DELETE", "/api/glossary", null, null, Who.LEARNER, 405, Shape.PROBLEM, null));
        rows.add(new Row("PUT", "/api/search?q=x", J, "{}", Who.LEARNER, 405, Shape.PROBLEM, null));
        rows.add(new Row("POST", "/api/csrf", J, "{}", Who.LEARNER, 405, Shape.PROBLEM, null));
        rows.add(new Row("PUT", "/api/progress/items/" + ITEM, J, "{\"checked\":true," + "\"pad\":\"" + "p".repeat(600_000) + "\"}",
                Who.LEARNER, 413, Shape.PROBLEM, null));
        rows.add(new Row("POST", "/api/playground/models", "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"corpus\"; filename=\"c.txt\"\r\n\r\n" + "c".repeat(1_000_000) + "\r\n--b--\r\n",
                Who.ANONYMOUS, 401, Shape.PROBLEM, null));
        rows.add(new Row("POST", "/api/playground/models", "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nmine\r\n--b--\r\n", Who.LEARNER, 403, Shape.PROBLEM, null));
        rows.add(new Row("DELETE", "/api/playground/models/default", null, null, Who.LEARNER, 403, Shape.PROBLEM, null));
        rows.add(new Row("DELETE", "/api/playground/models/default", null, null, Who.ANONYMOUS, 403, Shape.PROBLEM, null));
    }

    private static void searchApi(List<Row> rows) {
        for (String query : List.of("", "q=", "q=%00", "q=" + "x".repeat(201), "q=a&limit=0", "q=a&limit=51", "q=a&limit=abc", "q=a&limit=NaN",
                "q=a&limit=-1", "q=a&limit=1e3", "q=a&limit=99999999999999999999", "q=a&limit=1.5", "q=a&limit=%00",
                "q=%20%20%20")) {
            rows.add(new Row("GET", "/api/search?" + query, null, null, Who.ANONYMOUS, 400, Shape.PROBLEM, null));
        }
        for (String query : List.of("q=" + enc(SCRIPT), "q=%F0%9F%98%80", "q=%ED%A0%80", "q=a%0D%0ASet-Cookie:x=1", "q=%E2%80%AE")) {
            rows.add(new Row("GET", "/api/search?" + query, null, null, Who.ANONYMOUS, 200, Shape.ANY, null));
        }
        for (String query : List.of("q=attention&k=0", "q=attention&k=21", "q=attention&k=x", "q=attention&candidates=501",
                "q=attention&k=10&candidates=5", "q=" + "y".repeat(201), "q=attention&k=NaN", "q=attention&candidates=-3", "")) {
            rows.add(new Row("GET", "/api/search/vectors?" + query, null, null, Who.ANONYMOUS, 400, Shape.PROBLEM, null));
        }
    }

    private static void playgroundApi(List<Row> rows) {
        for (String query : List.of("prompt=a&temperature=NaN", "prompt=a&temperature=-1", "prompt=a&temperature=6",
                "prompt=a&temperature=Infinity", "prompt=a&temperature=abc", "prompt=a&topK=0", "prompt=a&topK=-5",
                "prompt=a&topP=0", "prompt=a&topP=1.5", "prompt=a&topP=NaN", "prompt=" + "p".repeat(1001))) {
            rows.add(new Row("GET", "/api/playground/next-token?" + query, null, null, Who.ANONYMOUS, 400, Shape.PROBLEM, null));
        }
        for (String query : List.of("prompt=a&maxTokens=0", "prompt=a&maxTokens=100000", "prompt=a&maxTokens=abc",
                "prompt=a&temperature=NaN", "prompt=a&seed=notanumber")) {
            rows.add(new Row("GET", "/api/playground/generate?" + query, null, null, Who.ANONYMOUS, 400, Shape.PROBLEM, null));
        }
        for (String model : List.of("nope", "..%2F..%2Fetc", "..", enc(SCRIPT), "DEFAULT", "a".repeat(500))) {
            rows.add(new Row("GET", "/api/playground/attention?prompt=a&model=" + model, null, null, Who.ANONYMOUS, 404, Shape.PROBLEM,
                    "a".repeat(200)));
        }
        for (String query : List.of("hidden=0", "hidden=17", "hidden=abc", "activation=foo", "learningRate=0", "learningRate=11",
                "learningRate=NaN", "epochs=0", "epochs=5001", "epochs=1e9", "seed=x", "hidden=Infinity")) {
            rows.add(new Row("GET", "/api/playground/xor/train?" + query, null, null, Who.ANONYMOUS, 400, Shape.PROBLEM, null));
        }
        rows.add(new Row("GET", "/api/playground/tokenize?text=" + "t".repeat(1001), null, null, Who.ANONYMOUS, 400, Shape.PROBLEM, null));
        for (String query : List.of("k=0", "k=51", "k=abc", "k=1e2", "token=")) { // checked before the model is looked up
            rows.add(new Row("GET", "/api/playground/embeddings?model=nope&" + query, null, null, Who.ANONYMOUS, 400, Shape.PROBLEM, null));
        }
        rows.add(new Row("GET", "/api/playground/embeddings?model=nope&token=" + enc(SCRIPT), null, null, Who.ANONYMOUS, 404, Shape.PROBLEM, null));
    }

    private static void pagesAndForms(List<Row> rows) {
        rows.add(new Row("GET", "/guide/no-such-document", null, null, Who.ANONYMOUS, 404, Shape.PAGE, null));
        rows.add(new Row("GET", "/guide/" + enc(SCRIPT).replace("%2F", ""), null, null, Who.ANONYMOUS, 404, Shape.PAGE, SCRIPT));
        for (String path : List.of("/guide/..%2F..%2Fetc%2Fpasswd", "/guide/%00", "/guide/%ED%A0%80", "/guide/%")) {
            rows.add(new Row("GET", path, null, null, Who.ANONYMOUS, 400, Shape.PAGE, null));
        }
        // a request line longer than Tomcat's header buffer: nothing of it is parsed, not even Accept, so
        // nothing says it is a page; the answer is the (short, plain) problem detail
        rows.add(new Row("GET", "/" + "g".repeat(10_000), null, null, Who.ANONYMOUS, 400, Shape.PROBLEM, null));
        rows.add(new Row("GET", "/error", null, null, Who.ANONYMOUS, 404, Shape.PAGE, null));
        rows.add(new Row("GET", "/no/such/page", null, null, Who.ANONYMOUS, 404, Shape.PAGE, null));
        rows.add(new Row("GET", "/search?q=" + enc(SCRIPT), null, null, Who.ANONYMOUS, 200, Shape.PAGE, SCRIPT));
        rows.add(new Row("GET", "/search?q=" + enc("\"><img src=x onerror=alert(1)>"), null, null, Who.ANONYMOUS, 200, Shape.PAGE, "<img src=x"));
        rows.add(new Row("GET", "/search?q=" + "s".repeat(5000), null, null, Who.ANONYMOUS, 400, Shape.PAGE, "s".repeat(300)));
        rows.add(new Row("GET", "/signin?next=" + enc("\"><script>alert(1)</script>"), null, null, Who.ANONYMOUS, 200, Shape.PAGE, SCRIPT));
        rows.add(new Row("GET", "/signin?next=javascript:alert(1)", null, null, Who.ANONYMOUS, 200, Shape.PAGE, "javascript:alert"));
        rows.add(new Row("GET", "/signin?locked=" + enc(SCRIPT), null, null, Who.ANONYMOUS, 200, Shape.PAGE, SCRIPT));
        rows.add(new Row("GET", "/signin?locked=99999999999999", null, null, Who.ANONYMOUS, 200, Shape.PAGE, null));
        rows.add(new Row("GET", "/signup?next=" + enc(SCRIPT), null, null, Who.ANONYMOUS, 200, Shape.PAGE, SCRIPT));
        rows.add(new Row("GET", "/playground?model=" + enc(SCRIPT), null, null, Who.ANONYMOUS, 200, Shape.PAGE, SCRIPT));
        rows.add(new Row("GET", "/progress?x=" + enc(SCRIPT), null, null, Who.ANONYMOUS, 200, Shape.PAGE, SCRIPT));
        String signUp = "/signup";
        rows.add(new Row("POST", signUp, FORM, "username=" + enc(SCRIPT) + "&password=long-enough&confirm=long-enough",
                Who.LEARNER, 200, Shape.PAGE, SCRIPT));
        rows.add(new Row("POST", signUp, FORM, "username=accents&password=" + enc("é".repeat(40)) + "&confirm=" + enc("é".repeat(40)),
                Who.LEARNER, 200, Shape.PAGE, null));
        rows.add(new Row("POST", signUp, FORM, "username=emoji&password=" + enc("😀".repeat(19)) + "&confirm=" + enc("😀".repeat(19)),
                Who.LEARNER, 200, Shape.PAGE, null));
        // the rejected name is shown back in the form, bounded by the form size limit
        rows.add(new Row("POST", signUp, FORM, "username=" + "n".repeat(5000) + "&password=x&confirm=x", Who.LEARNER, 200, Shape.PAGE, null));
        rows.add(new Row("POST", signUp, FORM, "username=nul%00name&password=long-enough&confirm=long-enough", Who.LEARNER, 200, Shape.PAGE, null));
        rows.add(new Row("POST", signUp, FORM, "username=" + "u".repeat(20_000), Who.LEARNER, 413, Shape.PAGE, null));
        rows.add(new Row("POST", signUp, FORM, "username=someone&password=long-enough&confirm=long-enough", Who.LEARNER_WITHOUT_CSRF,
                403, Shape.PAGE, null));
        rows.add(new Row("POST", "/signin", FORM, "username=x&password=y", Who.LEARNER_WITHOUT_CSRF, 403, Shape.PAGE, null));
        rows.add(new Row("POST", "/signin", FORM, "username=" + "v".repeat(20_000), Who.LEARNER, 413, Shape.PAGE, null));
        rows.add(new Row("DELETE", "/signin", null, null, Who.LEARNER, 405, Shape.PAGE, null));
        rows.add(new Row("PUT", "/guide/nn_intro", J, "{}", Who.LEARNER, 405, Shape.PAGE, null));
        rows.add(new Row("POST", "/search?q=x", FORM, "q=x", Who.LEARNER, 405, Shape.PAGE, null));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The session cookie an answer sets (it may set the signed-in cookie beside it), as name=value. */
    private static String cookie(RawHttp.Response response) {
        return response.header("Set-Cookie").lines().filter(c -> c.startsWith("JSESSIONID=")).map(c -> c.split(";")[0])
                .findFirst().orElse("");
    }
}
