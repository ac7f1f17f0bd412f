package org.transformerguide.search;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.transformerguide.GuideApplicationTest;

/** The {@code /search} page and the search box in every page's header, without a browser. */
@GuideApplicationTest
class SearchPageTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void withoutAQueryThePageShowsJustTheForm() throws Exception {
        for (String q : new String[] {null, "", "   "}) {
            mvc.perform(q == null ? get("/search") : get("/search").param("q", q))
                    .andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("<h1 id=\"search-title\">Search</h1>"),
                            containsString("id=\"search-page-q\""), not(containsString("class=\"search-results\"")),
                            not(containsString("class=\"search-problem\"")))));
        }
    }

    @Test
    void aQueryListsTheSectionsWithHighlightedSnippets() throws Exception {
        mvc.perform(get("/search").param("q", "causal mask"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("sections match <q>causal mask</q>"),
                        containsString("href=\"/guide/glossary#causal-mask\""),
                        containsString("<mark>causal</mark>"),
                        containsString("value=\"causal mask\""),
                        containsString("<title>Search · Transformer Guide</title>"))));
    }

    @Test
    void noResultsSaysSo() throws Exception {
        mvc.perform(get("/search").param("q", "zzqqxxyy"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("No section matches <q>zzqqxxyy</q>"),
                        containsString("Try fewer words"))));
    }

    @Test
    void anOversizedQueryIsExplainedOnThePage() throws Exception {
        mvc.perform(get("/search").param("q", "x".repeat(201)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("A search can be at most 200 characters long."),
                        containsString("role=\"alert\""))));
    }

    @Test
    void theQueryIsEscapedOnThePage() throws Exception {
        mvc.perform(get("/search").param("q", "<script>alert(1)</script> softmax"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString("<script>alert")),
                        containsString("&lt;script&gt;alert(1)&lt;/script&gt; softmax"))));
    }

    @Test
    void everyPageHasTheSearchBoxInItsHeader() throws Exception {
        for (String url : new String[] {"/", "/guide/glossary", "/search", "/progress", "/signin"}) {
            mvc.perform(get(url))
                    .andExpect(content().string(allOf(
                            containsString("<form class=\"site-search\" role=\"search\" action=\"/search\""),
                            containsString("<label for=\"site-search\""),
                            containsString("id=\"site-search\""),
                            containsString("autocomplete=\"off\""),
                            containsString("role=\"listbox\""),
                            matchesPattern("(?s).*<link rel=\"stylesheet\" href=\"/v[^\"]+/css/search\\.css\">.*"))));
        }
        mvc.perform(get("/js/search-box.js")).andExpect(status().isOk());
        mvc.perform(get("/js/main.js")).andExpect(content().string(containsString("import './search-box.js';")));
    }
}
