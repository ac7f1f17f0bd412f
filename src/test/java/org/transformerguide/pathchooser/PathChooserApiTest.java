package org.transformerguide.pathchooser;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.transformerguide.account.AccountService;
import org.transformerguide.GuideApplicationTest;

/** The chooser's API against the real guide and a real (in-memory) H2 database. */
@GuideApplicationTest
class PathChooserApiTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private AccountService accounts;

    private static final String RESEARCHER = "{\"programming\": \"none\", \"math\": \"fluent\", \"time\": \"weeks\", \"style\": \"deriving\"}";
    private static final String BROWSER = "{\"programming\": \"regular\", \"math\": \"calculus\", \"time\": \"minutes\", \"style\": \"doing\"}";

    @Test
    void theQuestionsListFourQuestionsWithTheirAnswers() throws Exception {
        mvc.perform(get("/api/path-chooser/questions"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(4))
                .andExpect(jsonPath("$[0].id").value("programming"))
                .andExpect(jsonPath("$[0].answers[0].id").value("none"))
                .andExpect(jsonPath("$[3].answers.length()").value(3));
    }

    @Test
    void answersGiveAPathAFirstStopWithTheGuidesOwnTitlesAndAReason() throws Exception {
        mvc.perform(get("/api/path-chooser").param("programming", "some").param("math", "calculus")
                        .param("time", "hours").param("style", "doing"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.route").value("practitioner"))
                .andExpect(jsonPath("$.path.url").value("/#path-2-ml-practitioner"))
                .andExpect(jsonPath("$.path.title").value("Path 2: ML practitioner"))
                .andExpect(jsonPath("$.firstStop.url").value("/guide/pytorch_ref#6-attention-in-pytorch"))
                .andExpect(jsonPath("$.firstStop.title").value("6. Attention in PyTorch (PyTorch reference: from MLPs to transformers)"))
                .andExpect(jsonPath("$.why").isNotEmpty());
    }

    @Test
    void anUnknownAnswerIsAProblem() throws Exception {
        mvc.perform(get("/api/path-chooser").param("programming", "lots").param("math", "calculus")
                        .param("time", "hours").param("style", "doing"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("'lots' is not an answer to 'programming'")));
    }

    @Test
    void aSignedInLearnersAnswersAreSavedReplacedAndKeptApartFromOthers() throws Exception {
        long n = System.nanoTime() % 1_000_000;
        String ada = "ada" + n;
        String bob = "bob" + n;
        accounts.signUp(ada, "correct horse");
        accounts.signUp(bob, "battery staple");

        mvc.perform(get("/api/progress/path-choice").with(user(ada).roles("LEARNER"))).andExpect(status().isNoContent());
        mvc.perform(put("/api/progress/path-choice").with(user(ada).roles("LEARNER")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(RESEARCHER))
                .andExpect(status().isOk()).andExpect(jsonPath("$.route").value("research"));
        mvc.perform(get("/api/progress/path-choice").with(user(ada).roles("LEARNER")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.answers.math").value("fluent"))
                .andExpect(jsonPath("$.firstStop.url").value("/guide/transformers_math#1-linear-algebra"));

        mvc.perform(put("/api/progress/path-choice").with(user(ada).roles("LEARNER")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(BROWSER))
                .andExpect(status().isOk());
        mvc.perform(get("/api/progress/path-choice").with(user(ada).roles("LEARNER")))
                .andExpect(jsonPath("$.route").value("quick"))
                .andExpect(jsonPath("$.path.url").value("/#quick-overview-ten-minutes"));
        mvc.perform(get("/api/progress/path-choice").with(user(bob).roles("LEARNER"))).andExpect(status().isNoContent());
    }

    @Test
    void savingNeedsAnAccountACsrfTokenAndKnownAnswers() throws Exception {
        mvc.perform(get("/api/progress/path-choice")).andExpect(status().isUnauthorized());
        String name = "cy" + System.nanoTime() % 1_000_000;
        accounts.signUp(name, "a long password");
        mvc.perform(put("/api/progress/path-choice").with(user(name).roles("LEARNER"))
                        .contentType(MediaType.APPLICATION_JSON).content(RESEARCHER))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/progress/path-choice").with(user(name).roles("LEARNER")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(RESEARCHER.replace("weeks", "years")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/progress/path-choice").with(user(name).roles("LEARNER"))).andExpect(status().isNoContent());
    }
}
