package org.transformerguide.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's OpenAPI description (/v3/api-docs, shown by Swagger UI at /swagger-ui.html, both served from
 * the jar). Controllers document their operations and parameters with the OpenAPI annotations; the
 * problem-detail error responses come from {@link ProblemResponses}, described once here.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    private static final String PROBLEM_SCHEMA = "#/components/schemas/ProblemDetail";

    private static final Map<Integer, String> MEANING = Map.of(
            400, "A parameter is missing, malformed or outside its bounds; the problem's detail says which.",
            401, "Not signed in.",
            403, "The CSRF token is missing or wrong (send the one from /api/csrf).",
            404, "Not found: no model, document or checklist item of that name.",
            413, "The upload is larger than the limit.",
            429, "Every inference worker is busy; try again after Retry-After seconds.",
            503, "The model is still training (the problem's `training` property has the progress) or has no usable "
                    + "checkpoint, or the request ran past its time limit; Retry-After says when to try again.");

    @Bean
    OpenAPI guideOpenApi(@Value("${spring.web.resources.chain.strategy.fixed.version:dev}") String build) {
        return new OpenAPI().info(new Info()
                .title("Transformer Guide API")
                .description("Search, glossary, learners' progress and the playground's small GPT (tokens, embeddings, "
                        + "next-token distributions, attention, streamed generation, training progress). Errors are RFC 9457 "
                        + "problem details (application/problem+json).")
                .version(build));
    }

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            ProblemResponses declared = handler.getMethodAnnotation(ProblemResponses.class);
            if (declared == null) {
                return operation;
            }
            ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
            for (int status : declared.value()) {
                String meaning = MEANING.get(status);
                if (meaning == null) {
                    throw new IllegalStateException(handler + " declares a problem status " + status + " with no description");
                }
                responses.addApiResponse(String.valueOf(status), new ApiResponse().description(meaning)
                        .content(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA)))));
            }
            operation.setResponses(responses);
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer problemDetailSchema() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas("ProblemDetail", new Schema<Map<String, Object>>()
                    .type("object")
                    .description("RFC 9457 problem detail")
                    .addProperty("type", new Schema<String>().type("string").format("uri"))
                    .addProperty("title", new Schema<String>().type("string"))
                    .addProperty("status", new Schema<Integer>().type("integer"))
                    .addProperty("detail", new Schema<String>().type("string"))
                    .addProperty("instance", new Schema<String>().type("string").format("uri")));
        };
    }
}
