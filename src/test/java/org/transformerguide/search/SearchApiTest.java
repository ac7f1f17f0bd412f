package org.transformerguide.search;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.transformerguide.content.ContentProperties;
import org.transformerguide.content.GuideContent;

/**
 * {@code GET /api/search}: the JSON a client gets, and a 400 problem detail for anything it cannot search.
 * A web slice: the controller, the shared web layer's error mapping and the real search over the real
 * guide, without the rest of the platform (security has its own tests, so its filters are left out).
 */
@WebMvcTest(controllers = SearchApiController.class, excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = "org\\.transformerguide\\.(account|cohort|operations|pages|pathchooser|playground|progress)\\..*"))
@AutoConfigureMockMvc(addFilters = false)
@ActiveProfiles("test")
@Import(SearchApiTest.Guide.class)
class SearchApiTest {

    /** The guide as every search test reads it, and its search, built once per run (TestGuide). */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ContentProperties.class)
    static class Guide {

        @Bean
        GuideContent guideContent() {
            return TestGuide.catalog();
        }

        @Bean
        SearchService searchService() {
            return TestGuide.search();
        }
    }

    @Autowired
    private MockMvc mvc;

    @Test
    void aQueryGetsTheBestSectionsAsJson() throws Exception {
        mvc.perform(get("/api/search").param("q", "  KV cache ").param("limit", "3"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.query").value("KV cache"))
                .andExpect(jsonPath("$.total", greaterThan(3)))
                .andExpect(jsonPath("$.results.length()").value(3))
                .andExpect(jsonPath("$.results[0].document").value("glossary"))
                .andExpect(jsonPath("$.results[0].documentTitle").value("Glossary"))
                .andExpect(jsonPath("$.results[0].section").value("kv-cache"))
                .andExpect(jsonPath("$.results[0].sectionTitle").value("KV cache"))
                .andExpect(jsonPath("$.results[0].url").value("/guide/glossary#kv-cache"))
                .andExpect(jsonPath("$.results[1].snippet", containsString("<mark>")));
    }

    @Test
    void theLimitDefaultsToTenAndGoesUpToFifty() throws Exception {
        mvc.perform(get("/api/search").param("q", "attention")).andExpect(jsonPath("$.results.length()").value(10));
        mvc.perform(get("/api/search").param("q", "attention").param("limit", "50")).andExpect(jsonPath("$.results.length()").value(50));
        mvc.perform(get("/api/search").param("q", "a".repeat(200))).andExpect(status().isOk());
    }

    @Test
    void noQueryIsABadRequest() throws Exception {
        mvc.perform(get("/api/search"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value("Type something to search for."));
    }

    @ParameterizedTest(name = "q=\"{0}\"")
    @ValueSource(strings = {"", " ", "   \t  ", "\u0000", "\u0001\u001f"})
    void anEmptyQueryIsABadRequest(String q) throws Exception {
        mvc.perform(get("/api/search").param("q", q))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Invalid search"))
                .andExpect(jsonPath("$.detail").value("Type something to search for."));
    }

    @Test
    void aQueryOverTwoHundredCharactersIsABadRequest() throws Exception {
        for (String q : new String[] {"a".repeat(201), "attention ".repeat(1_000)}) {
            mvc.perform(get("/api/search").param("q", q))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value("A search can be at most 200 characters long."));
        }
        // the limit is on the trimmed query
        mvc.perform(get("/api/search").param("q", "  " + "b".repeat(200) + "  ")).andExpect(status().isOk());
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"0", "51", "-1", "abc", "1.5", "99999999999"})
    void aLimitOutsideOneToFiftyIsABadRequest(String limit) throws Exception {
        mvc.perform(get("/api/search").param("q", "attention").param("limit", limit))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400));
    }

    @ParameterizedTest(name = "q=\"{0}\"")
    @ValueSource(strings = {"*", "\"", "(", ")", "AND", "\\", ":", "*:*", "title:(a OR b)", "attention~2", "soft*", "[a TO z]",
            "{!lucene}x", "a\u0000b", "\u200b", "<script>alert(1)</script>", "%", "%00", "😀", "\ud800", "nn.Linear(", "x^2"})
    void oddInputIsNeverAServerError(String q) throws Exception {
        mvc.perform(get("/api/search").param("q", q))
                .andExpect(status().is(lessThan(500)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results").isArray());
    }
}
