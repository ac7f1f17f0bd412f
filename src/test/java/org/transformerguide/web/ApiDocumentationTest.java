package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.transformerguide.GuideApplicationTest;

/** The OpenAPI description at /v3/api-docs and Swagger UI, served from the jar to anyone. */
@GuideApplicationTest
class ApiDocumentationTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ObjectMapper json;

    private JsonNode apiDocs() throws Exception {
        return json.readTree(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static List<String> parameters(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation.path("parameters").forEach(p -> {
            names.add(p.get("name").asText());
            assertThat(p.path("description").asText()).as("description of %s", p.get("name")).isNotBlank();
        });
        return names;
    }

    @Test
    void everyPlaygroundOperationIsDescribedWithItsParametersAndProblemResponses() throws Exception {
        JsonNode paths = apiDocs().get("paths");
        Map<String, List<String>> expected = Map.of(
                "/api/playground/next-token", List.of("prompt", "temperature", "topK", "topP", "model"),
                "/api/playground/attention", List.of("prompt", "model"),
                "/api/playground/generate", List.of("prompt", "maxTokens", "temperature", "topK", "topP", "seed", "model"),
                "/api/playground/tokenize", List.of("text", "model"),
                "/api/playground/embeddings", List.of("model", "token", "k"));
        expected.forEach((path, names) -> {
            JsonNode operation = paths.path(path).path("get");
            assertThat(operation.path("summary").asText()).as(path).isNotBlank();
            assertThat(parameters(operation)).as(path).containsExactlyInAnyOrderElementsOf(names);
            for (String status : List.of("400", "404", "429", "503")) {
                assertThat(operation.path("responses").path(status).path("content").has("application/problem+json"))
                        .as("%s answers %s as a problem detail", path, status).isTrue();
            }
        });
        assertThat(paths.path("/api/playground/embeddings").path("get").path("parameters").toString()).contains("1 to 50");
        assertThat(paths.path("/api/playground/next-token").path("get").path("parameters").toString()).contains("0 to 5");
        assertThat(paths.path("/api/playground/generate").path("get").path("responses").path("200").path("content").has("text/event-stream")).isTrue();
        for (String path : List.of("/api/playground/models", "/api/playground/training", "/api/playground/training/stream",
                "/api/search", "/api/glossary", "/api/csrf", "/api/progress", "/api/progress/items/{id}",
                "/api/progress/documents/{slug}", "/api/progress/merge")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        paths.fieldNames().forEachRemaining(path -> assertThat(path).startsWith("/api/"));
        assertThat(paths.path("/api/csrf").path("get").has("parameters")).as("the CSRF token is not a parameter").isFalse();
    }

    @Test
    void swaggerUiIsServedFromTheJarToAnonymousReaders() throws Exception {
        String location = mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection()).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(location).endsWith("/swagger-ui/index.html");
        String page = mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("swagger-ui-bundle.js").doesNotContain("https://");
        String initializer = mvc.perform(get("/swagger-ui/swagger-initializer.js")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(initializer).contains("/v3/api-docs");
        mvc.perform(get("/swagger-ui/swagger-ui-bundle.js")).andExpect(status().isOk());
    }
}
