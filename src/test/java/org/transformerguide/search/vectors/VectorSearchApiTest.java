package org.transformerguide.search.vectors;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.transformerguide.GuideApplicationTest;

/** {@code GET /api/search/vectors}: both searches side by side, and 400 problem details for bad bounds. */
@GuideApplicationTest
class VectorSearchApiTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void aQueryGetsHnswAndExactResultsWithRecallAndLatency() throws Exception {
        mvc.perform(get("/api/search/vectors").param("q", "HNSW graph layers").param("k", "4").param("candidates", "200"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.query").value("HNSW graph layers"))
                .andExpect(jsonPath("$.k").value(4))
                .andExpect(jsonPath("$.candidates").value(200))
                .andExpect(jsonPath("$.words").value(org.hamcrest.Matchers.contains("hnsw", "graph", "layer")))
                .andExpect(jsonPath("$.embedding.method", containsString("not a neural encoder")))
                .andExpect(jsonPath("$.embedding.dimensions").value(64))
                .andExpect(jsonPath("$.embedding.chunks", greaterThan(500)))
                .andExpect(jsonPath("$.index.m").value(16))
                .andExpect(jsonPath("$.index.beamWidth").value(100))
                .andExpect(jsonPath("$.hnsw.results.length()").value(4))
                .andExpect(jsonPath("$.exact.results.length()").value(4))
                .andExpect(jsonPath("$.exact.visited", greaterThan(500)))
                .andExpect(jsonPath("$.hnsw.micros", greaterThan(0.0)))
                .andExpect(jsonPath("$.exact.micros", greaterThan(0.0)))
                .andExpect(jsonPath("$.recall").value(1.0))
                .andExpect(jsonPath("$.exact.results[*].shared").value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is(true))))
                .andExpect(jsonPath("$.exact.results[0].url", startsWith("/guide/")))
                .andExpect(jsonPath("$.exact.results[*].document", hasItem("knowledge_store")))
                .andExpect(jsonPath("$.exact.results[0].score", lessThanOrEqualTo(1.0)))
                .andExpect(jsonPath("$.exact.results[0].snippet").isNotEmpty());
    }

    @Test
    void kAndCandidatesHaveDefaults() throws Exception {
        mvc.perform(get("/api/search/vectors").param("q", "softmax temperature"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.k").value(VectorSearchService.DEFAULT_K))
                .andExpect(jsonPath("$.candidates").value(VectorSearchService.DEFAULT_CANDIDATES))
                .andExpect(jsonPath("$.recall", greaterThanOrEqualTo(0.0)));
    }

    @Test
    void aQueryWithNoWordOfTheGuideHasNoVectorAndNoResults() throws Exception {
        mvc.perform(get("/api/search/vectors").param("q", "zzqx"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.words.length()").value(0))
                .andExpect(jsonPath("$.hnsw.results.length()").value(0))
                .andExpect(jsonPath("$.exact.results.length()").value(0))
                .andExpect(jsonPath("$.recall").doesNotExist());
    }

    @ParameterizedTest
    @CsvSource({
        "'', 5, 10, Type something to search for.",
        "attention, 0, 10, k must be between 1 and 20.",
        "attention, 21, 30, k must be between 1 and 20.",
        "attention, 10, 5, candidates must be between k (10) and 500.",
        "attention, 5, 501, candidates must be between k (5) and 500."})
    void parametersOutOfBoundsAreBadRequests(String q, String k, String candidates, String detail) throws Exception {
        mvc.perform(get("/api/search/vectors").param("q", q).param("k", k).param("candidates", candidates))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(detail));
    }

    @Test
    void aNumberThatIsNotANumberIsABadRequest() throws Exception {
        mvc.perform(get("/api/search/vectors").param("q", "attention").param("k", "many"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/search/vectors").param("q", "a".repeat(201))).andExpect(status().isBadRequest());
    }
}
