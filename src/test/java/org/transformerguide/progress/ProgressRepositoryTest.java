package org.transformerguide.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The progress tables through their repository alone: a data slice (DataSource, Flyway's migrations, JDBC,
 * one transaction per test rolled back after it) on a real in-memory H2, without the rest of the platform.
 */
@JdbcTest
@Import(ProgressRepository.class)
class ProgressRepositoryTest {

    @Autowired
    private ProgressRepository repository;
    @Autowired
    private JdbcClient jdbc;

    private long account;

    @BeforeEach
    void anAccount() {
        jdbc.sql("insert into account (username, password_hash, created_at) values ('reader', 'x', ?)")
                .param(Timestamp.from(Instant.now())).update();
        account = jdbc.sql("select id from account where username = 'reader'").query(Long.class).single();
    }

    @Test
    void aTickIsKeptOnceHoweverOftenItIsMadeAndGoesWithAnUntick() {
        repository.tick(account, "nn-neuron");
        repository.tick(account, "nn-neuron");
        repository.tick(account, "nn-xor");
        assertThat(repository.tickedItems(account)).containsExactlyInAnyOrder("nn-neuron", "nn-xor");
        assertThat(jdbc.sql("select count(*) from checklist_tick where account_id = ?").param(account).query(Long.class).single())
                .isEqualTo(2);

        repository.untick(account, "nn-neuron");
        assertThat(repository.tickedItems(account)).containsExactly("nn-xor");
    }

    @Test
    void aDocumentIsReadOnceAndUnreadAgain() {
        repository.markRead(account, "nn_intro");
        repository.markRead(account, "nn_intro");
        assertThat(repository.readDocuments(account)).containsExactly("nn_intro");
        repository.unmarkRead(account, "nn_intro");
        assertThat(repository.readDocuments(account)).isEmpty();
    }

    @Test
    void retiredItemsNameTheirReplacementFromTheMigration() {
        assertThat(repository.replacementOf("path-beginner-neuron")).contains("nn-neuron");
        assertThat(repository.replacementOf("nn-neuron")).isEmpty();
    }

    @Test
    void anotherAccountsTicksAreNotMine() {
        repository.tick(account, "nn-neuron");
        assertThat(repository.tickedItems(account + 1000)).isEmpty();
    }
}
