package org.transformerguide;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.transformerguide.account.AccountRoles;
import org.transformerguide.account.AccountService;
import org.transformerguide.account.OneTimeLinks;
import org.transformerguide.account.RoomAccounts;
import org.transformerguide.cohort.Cohort;
import org.transformerguide.cohort.CohortGrid;
import org.transformerguide.cohort.CohortService;
import org.transformerguide.progress.MergeRequest;
import org.transformerguide.progress.ProgressService;

/**
 * What the platform stores, through its own services, against a real database: the same tests run on
 * H2 ({@code H2DataLayerTest}) and on PostgreSQL ({@code PostgresDataLayerTest}).
 */
public abstract class DataLayerContract {

    @Autowired
    protected AccountService accounts;
    @Autowired
    protected AccountRoles roles;
    @Autowired
    protected RoomAccounts room;
    @Autowired
    protected OneTimeLinks links;
    @Autowired
    protected ProgressService progress;
    @Autowired
    protected CohortService cohorts;
    @Autowired
    protected CohortGrid grids;

    private static String unique(String prefix) {
        return prefix + (System.nanoTime() % 1_000_000);
    }

    @Test
    void ticksAreIdempotentAndUntickingRemovesThem() {
        String ada = unique("ada");
        accounts.signUp(ada, "a good password");
        progress.setItem(ada, "nn-xor", true);
        progress.setItem(ada, "nn-xor", true);
        progress.setItem(ada, "nn-neuron", true);
        progress.setItem(ada, "nn-neuron", false);
        progress.setRead(ada, "nn_intro", true);
        assertThat(progress.progressOf(ada).checkedItems()).containsExactly("nn-xor");
        assertThat(progress.progressOf(ada).readDocuments()).containsExactly("nn_intro");
        assertThat(progress.merge(ada, new MergeRequest(List.of("path-beginner-neuron", "gone"), List.of())))
                .containsExactly("gone"); // a retired path item is mapped through the table V2 left
        assertThat(progress.progressOf(ada).checkedItems()).containsExactlyInAnyOrder("nn-xor", "nn-neuron");
    }

    @Test
    void cohortsMembersAndTheGrid() {
        String lead = unique("lead"), bo = unique("bo");
        accounts.signUp(lead, "a good password");
        accounts.signUp(bo, "a good password");
        Cohort cohort = cohorts.create(lead, "Room", java.time.LocalDate.now().plusDays(3));
        assertThat(cohort.id()).isPositive();
        assertThat(cohort.joinCodeLive(java.time.Instant.now())).isTrue();
        cohorts.join(cohort.joinCode(), bo);
        cohorts.join(cohort.joinCode(), bo); // twice is once
        progress.setItem(bo, "mlp-softmax", true);
        CohortGrid.GridView grid = grids.grid(cohort);
        assertThat(grid.learners()).singleElement().satisfies(row -> {
            assertThat(row.username()).isEqualTo(bo);
            assertThat(row.ticks()).containsOnlyKeys("mlp-softmax");
            assertThat(row.stuck()).isFalse();
        });
        assertThat(grid.completion().get("mlp-softmax")).isEqualTo(1);
        assertThat(cohorts.visibleTo(lead, false)).extracting(Cohort::id).containsExactly(cohort.id());
        cohorts.leave(cohort.id(), bo);
        assertThat(grids.grid(cohort).learners()).isEmpty();
    }

    @Test
    void roomAccountsRolesAndOneTimeLinks() {
        String cy = unique("cy");
        List<RoomAccounts.Created> created = room.createForRoom(cy + "\n" + cy.toUpperCase(), RoomAccounts.Handout.LINKS);
        assertThat(created).hasSize(2);
        assertThat(created.get(1).problem()).contains("taken"); // the same name in another case
        long id = accounts.idOf(cy);
        assertThat(room.find(id).orElseThrow().mustChangePassword()).isTrue();
        roles.setRoles(id, java.util.Set.of("INSTRUCTOR"));
        assertThat(roles.rolesOf(id)).containsExactly("LEARNER", "INSTRUCTOR");
        assertThat(room.setPasswordFromLink(created.get(0).linkToken(), "cy's own password")).contains(cy);
        assertThat(room.setPasswordFromLink(created.get(0).linkToken(), "again")).isEmpty();
        assertThat(room.find(id).orElseThrow().mustChangePassword()).isFalse();
        String expired = links.create(id, OneTimeLinks.RESET, Duration.ofSeconds(-5));
        assertThat(links.redeem(expired)).isEmpty();
    }
}
