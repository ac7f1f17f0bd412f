package org.transformerguide.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.transformerguide.account.AccountService;
import org.transformerguide.progress.ProgressService;
import org.transformerguide.GuideApplicationTest;

/** Join codes expire and can be revoked; instructors see their own cohorts only, admins all; the CSV. */
@GuideApplicationTest
class CohortAccessTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private AccountService accounts;
    @Autowired
    private CohortService cohorts;
    @Autowired
    private CohortRepository repository;
    @Autowired
    private ProgressService progress;

    private String ines;
    private String ivan;
    private String lena;

    @BeforeEach
    void people() {
        long n = System.nanoTime() % 1_000_000;
        ines = "ines" + n;
        ivan = "ivan" + n;
        lena = "lena" + n;
        accounts.signUp(ines, "a good password");
        accounts.signUp(ivan, "a good password");
        accounts.signUp(lena, "a good password");
    }

    private static RequestPostProcessor instructor(String name) {
        return user(name).roles("LEARNER", "INSTRUCTOR");
    }

    @Test
    void aRevokedCodeAndAnExpiredCodeNoLongerLetAnyoneJoin() throws Exception {
        Cohort cohort = cohorts.create(ines, "Room", null);
        String code = cohort.joinCode();
        mvc.perform(get("/join/" + code).with(user(lena))).andExpect(status().isOk());
        cohorts.revokeJoinCode(cohort);
        mvc.perform(get("/join/" + code).with(user(lena))).andExpect(status().isGone());
        mvc.perform(post("/join/" + code).with(user(lena)).with(csrf())).andExpect(status().isGone());

        Cohort renewed = cohorts.newJoinCode(cohort, Duration.ofSeconds(-1)); // already expired
        mvc.perform(post("/join/" + renewed.joinCode()).with(user(lena)).with(csrf())).andExpect(status().isGone());
        assertThat(cohorts.joinedBy(lena)).isEmpty();

        Cohort live = cohorts.newJoinCode(cohort, Duration.ofHours(1));
        assertThat(live.joinCode()).isNotEqualTo(renewed.joinCode());
        mvc.perform(post("/join/" + live.joinCode()).with(user(lena)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(cohorts.joinedBy(lena)).extracting(Cohort::id).containsExactly(cohort.id());
        mvc.perform(post("/my/cohorts/" + cohort.id() + "/leave").with(user(lena)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(cohorts.joinedBy(lena)).isEmpty();
    }

    @Test
    void aCodeNeverOutlivesTheCohortsLastDay() {
        Cohort cohort = cohorts.create(ines, "Ended", java.time.LocalDate.now().minusDays(2));
        assertThat(cohort.joinCodeLive(java.time.Instant.now())).isFalse();
    }

    @Test
    void anInstructorSeesOnlyTheirOwnCohortsAndAnAdminSeesAll() throws Exception {
        Cohort mine = cohorts.create(ines, "Ines's room", null);
        mvc.perform(get("/cohorts/" + mine.id()).with(instructor(ines))).andExpect(status().isOk());
        mvc.perform(get("/cohorts/" + mine.id()).with(instructor(ivan))).andExpect(status().isForbidden());
        mvc.perform(get("/api/cohorts/" + mine.id() + "/grid").with(instructor(ivan))).andExpect(status().isForbidden());
        mvc.perform(post("/cohorts/" + mine.id() + "/code/revoke").with(instructor(ivan)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/cohorts/" + mine.id()).with(user(ivan).roles("LEARNER", "INSTRUCTOR", "ADMIN"))).andExpect(status().isOk());
        mvc.perform(get("/cohorts/" + mine.id()).with(user(lena).roles("LEARNER"))).andExpect(status().isForbidden());
        assertThat(cohorts.visibleTo(ivan, false)).extracting(Cohort::id).doesNotContain(mine.id());
        assertThat(cohorts.visibleTo(ivan, true)).extracting(Cohort::id).contains(mine.id());
    }

    @Test
    void theCsvHasOneRowPerLearnerWithTickTimes() throws Exception {
        Cohort cohort = cohorts.create(ines, "CSV room", null);
        cohorts.join(cohort.joinCode(), lena);
        cohorts.join(cohort.joinCode(), ivan);
        progress.setItem(lena, "nn-xor", true);
        String csv = mvc.perform(get("/cohorts/" + cohort.id() + "/export.csv").with(instructor(ines)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var rows = csv.lines().toList();
        assertThat(rows).hasSize(3);
        var header = java.util.List.of(rows.get(0).split(",", -1));
        int xor = header.indexOf("nn-xor");
        assertThat(rows.get(1)).startsWith(ivan + ",");
        assertThat(rows.get(1).split(",", -1)[xor]).isEmpty();
        assertThat(rows.get(2)).startsWith(lena + ",");
        assertThat(rows.get(2).split(",", -1)[xor]).endsWith("Z");
        assertThat(repository.members(cohort.id())).hasSize(2);
    }

    @Test
    void csvCellsAreQuotedAndFormulasDefused() {
        assertThat(CohortGrid.cell("plain")).isEqualTo("plain");
        assertThat(CohortGrid.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CohortGrid.cell("=1+1")).isEqualTo("'=1+1");
    }
}
