package org.transformerguide.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PagesTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void theLandingPageShowsTheLearningPaths() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Path 1: Complete beginner")))
                .andExpect(content().string(containsString("class=\"task-checkbox\"")))
                .andExpect(content().string(containsString("/webjars/katex/dist/katex.min.js")));
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
    void healthIsUp() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(content().string(containsString("UP")));
    }
}
