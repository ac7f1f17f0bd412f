package org.transformerguide.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.transformerguide.GuideApplicationTest;

@GuideApplicationTest
class PagesTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void theLandingPageShowsTheLearningPaths() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Path 1: Complete beginner")))
                .andExpect(content().string(containsString("class=\"task-checkbox\"")))
                .andExpect(content().string(matchesPattern("(?s).*src=\"/webjars/katex/0\\.18\\.11/dist/katex\\.min\\.js\".*")));
    }

    @Test
    void aGuidePageHasItsTableOfContentsAndNoCdn() throws Exception {
        mvc.perform(get("/guide/glossary"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("On this page")))
                .andExpect(content().string(not(containsString("cdn."))))
                .andExpect(content().string(not(containsString("https://cdn"))));
    }

    @Test
    void anUnknownDocumentGetsA404Page() throws Exception {
        mvc.perform(get("/guide/no-such-document").accept("text/html"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Page not found")));
        mvc.perform(get("/nowhere").accept("text/html"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Page not found")));
    }

    @Test
    void theReadmeSlugRedirectsToTheLandingPage() throws Exception {
        mvc.perform(get("/guide/README")).andExpect(status().is3xxRedirection()).andExpect(header().string("Location", "/"));
    }

    @Test
    void katexIsServedFromTheJar() throws Exception {
        mvc.perform(get("/webjars/katex/dist/katex.min.js")).andExpect(status().isOk());
        mvc.perform(get("/webjars/highlightjs/highlight.min.js")).andExpect(status().isOk());
    }

    @Test
    void staticFilesAreVersionedAndCachedForAYear() throws Exception {
        String page = mvc.perform(get("/guide/glossary")).andReturn().getResponse().getContentAsString();
        java.util.regex.Matcher css = java.util.regex.Pattern.compile("href=\"(/v[^\"]+/css/guide\\.css)\"").matcher(page);
        org.assertj.core.api.Assertions.assertThat(css.find()).as("a versioned stylesheet link").isTrue();
        mvc.perform(get(css.group(1))).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("max-age=31536000")));
        java.util.regex.Matcher js = java.util.regex.Pattern.compile("src=\"(/v[^\"]+)/js/main\\.js\"").matcher(page);
        org.assertj.core.api.Assertions.assertThat(js.find()).isTrue();
        // an ES module's relative import resolves under the same version prefix
        mvc.perform(get(js.group(1) + "/js/math.js")).andExpect(status().isOk());
        mvc.perform(get("/webjars/katex/0.18.11/dist/fonts/KaTeX_Main-Regular.woff2")).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("max-age=31536000")));
    }

    @Test
    void healthIsUp() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(content().string(containsString("UP")));
    }

    @Test
    void aPageThatDidNotChangeIsAnswered304() throws Exception {
        var first = mvc.perform(get("/guide/glossary")).andExpect(status().isOk()).andReturn();
        String etag = first.getResponse().getHeader("ETag");
        org.assertj.core.api.Assertions.assertThat(etag).isNotBlank();
        // any reader asks again: a page is the same bytes for everyone
        mvc.perform(get("/guide/glossary").header("If-None-Match", etag))
                .andExpect(status().isNotModified())
                .andExpect(content().bytes(new byte[0]));
        org.assertj.core.api.Assertions.assertThat(first.getResponse().getHeader("Cache-Control"))
                .contains("no-cache").doesNotContain("no-store");
    }

    @Test
    void theGlossaryApiGivesEveryTermWithItsShortDefinition() throws Exception {
        mvc.perform(get("/api/glossary"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$[?(@.id == 'softmax')].definition")
                        .value(org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyString()))))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.length()")
                        .value(org.hamcrest.Matchers.greaterThanOrEqualTo(60)));
    }
}
