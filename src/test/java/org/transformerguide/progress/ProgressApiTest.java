package org.transformerguide.progress;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.transformerguide.account.AccountService;
import org.transformerguide.content.GuideContent;
import org.transformerguide.GuideApplicationTest;

/** The progress API against the real guide and a real (in-memory) H2 database. */
@GuideApplicationTest
class ProgressApiTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private AccountService accounts;
    @Autowired
    private GuideContent content;

    private String itemA;
    private String itemB;
    private String ada;
    private String bob;

    @BeforeEach
    void learners() {
        var items = content.documents().stream().flatMap(d -> d.checklist().stream()).toList();
        itemA = items.get(0).id();
        itemB = items.get(1).id();
        long n = System.nanoTime() % 1_000_000;
        ada = "ada" + n;
        bob = "bob" + n;
        accounts.signUp(ada, "correct horse");
        accounts.signUp(bob, "battery staple");
    }

    private static RequestPostProcessor as(String name) {
        return user(name).roles("LEARNER");
    }

    private static String checked(boolean value) {
        return "{\"checked\": " + value + "}";
    }

    @Test
    void aTickIsSavedAndReadBack() throws Exception {
        mvc.perform(put("/api/progress/items/" + itemA).with(as(ada)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(checked(true)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/progress").with(as(ada)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.checkedItems", hasItem(itemA)))
                .andExpect(jsonPath("$.paths.length()").value(3));
        mvc.perform(put("/api/progress/items/" + itemA).with(as(ada)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(checked(false)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/progress").with(as(ada))).andExpect(jsonPath("$.checkedItems", not(hasItem(itemA))));
    }

    @Test
    void oneLearnerCanNeitherSeeNorChangeAnothersProgress() throws Exception {
        mvc.perform(put("/api/progress/items/" + itemA).with(as(ada)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(checked(true))).andExpect(status().isOk());
        mvc.perform(get("/api/progress").with(as(bob)))
                .andExpect(jsonPath("$.checkedItems", not(hasItem(itemA))));
        mvc.perform(put("/api/progress/items/" + itemA).with(as(bob)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(checked(false))).andExpect(status().isOk());
        mvc.perform(get("/api/progress").with(as(ada)))
                .andExpect(jsonPath("$.checkedItems", hasItem(itemA)));
    }

    @Test
    void withoutSignInTheApiAnswers401AsAProblemDetail() throws Exception {
        mvc.perform(get("/api/progress"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").exists());
    }

    @Test
    void withoutCsrfTokenAWriteIsRefusedAsAProblemDetail() throws Exception {
        mvc.perform(put("/api/progress/items/" + itemA).with(as(ada))
                        .contentType(MediaType.APPLICATION_JSON).content(checked(true)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("CSRF")));
    }

    @Test
    void anUnknownItemIs404() throws Exception {
        mvc.perform(put("/api/progress/items/no-such-item").with(as(ada)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(checked(true)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value("There is no checklist item 'no-such-item' in the guide."));
        mvc.perform(put("/api/progress/documents/no-such-doc").with(as(ada)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"read\": true}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void malformedJsonIs400AsAProblemDetailWithoutAStackTrace() throws Exception {
        mvc.perform(put("/api/progress/items/" + itemA).with(as(ada)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"checked\": tru"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.trace").doesNotExist());
        mvc.perform(put("/api/progress/items/" + itemA).with(as(ada)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anUnknownApiPathIs404AsAProblemDetail() throws Exception {
        mvc.perform(get("/api/nothing-here").with(as(ada)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void mergeAddsBrowserTicksAndReportsUnknownIds() throws Exception {
        mvc.perform(post("/api/progress/merge").with(as(bob)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"checkedItems\": [\"" + itemA + "\", \"" + itemB + "\", \"gone-item\"], \"readDocuments\": [\"glossary\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.skipped", containsInAnyOrder("gone-item")))
                .andExpect(jsonPath("$.progress.checkedItems", containsInAnyOrder(itemA, itemB)))
                .andExpect(jsonPath("$.progress.readDocuments", containsInAnyOrder("glossary")));
    }

    @Test
    void markingADocumentReadShowsOnTheProgressPage() throws Exception {
        mvc.perform(put("/api/progress/documents/glossary").with(as(ada)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"read\": true}"))
                .andExpect(status().isOk());
        mvc.perform(get("/progress").with(as(ada)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("data-slug=\"glossary\"")));
    }

    @Test
    void aTickOfARetiredPathItemKeptInTheBrowserGoesToTheItemItStoodFor() throws Exception {
        mvc.perform(post("/api/progress/merge").with(as(bob)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"checkedItems\": [\"path-beginner-xor\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.skipped").isEmpty())
                .andExpect(jsonPath("$.progress.checkedItems", containsInAnyOrder("nn-xor")));
    }

    @Test
    void theProgressPageListsDocumentsButNotTheLandingPage() throws Exception {
        mvc.perform(get("/progress").with(as(ada)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("data-slug=\"nn_intro\"")))
                .andExpect(content().string(not(org.hamcrest.Matchers.containsString("data-slug=\"README\""))));
    }
}
