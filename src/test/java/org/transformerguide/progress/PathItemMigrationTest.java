package org.transformerguide.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V2 moves ticks of the retired path items to the documents' items they stood for, on real H2 and PostgreSQL databases. */
class PathItemMigrationTest {

    @Test
    void ticksOfRetiredPathItemsMoveToTheDocumentItemsAndKeepTheEarliestTime() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:migration-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        migrateAndCheck(db);
    }

    @Test
    void theSameMigrationOnPostgresql() {
        org.transformerguide.TestPostgres postgres = new org.transformerguide.TestPostgres();
        org.junit.jupiter.api.Assumptions.assumeTrue(postgres.available(), org.transformerguide.TestPostgres.WHY_SKIPPED);
        try {
            migrateAndCheck(new org.springframework.jdbc.datasource.DriverManagerDataSource(postgres.url(),
                    org.transformerguide.TestPostgres.USER, org.transformerguide.TestPostgres.PASSWORD));
        } finally {
            postgres.drop();
        }
    }

    /** V1, a few ticks under old and new ids, then the remaining migrations; the same on H2 and PostgreSQL. */
    static void migrateAndCheck(javax.sql.DataSource db) {
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target("1").load().migrate();
        JdbcClient jdbc = JdbcClient.create(db);
        long ada = account(jdbc, "ada");
        long bob = account(jdbc, "bob");
        Instant early = Instant.parse("2026-01-01T10:00:00Z");
        Instant late = Instant.parse("2026-01-02T10:00:00Z");
        tick(jdbc, ada, "path-beginner-xor", early);       // only the path item: moves to nn-xor
        tick(jdbc, ada, "nn-neuron", late);                 // both: one tick stays, with the earlier time
        tick(jdbc, ada, "path-beginner-neuron", early);
        tick(jdbc, bob, "path-research-attention-gradients", late); // two retired items stood for one item
        tick(jdbc, bob, "path-research-online-softmax", early);
        tick(jdbc, bob, "mlp-update-step", late);           // an ordinary tick is left alone

        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();

        assertThat(ticks(jdbc, ada)).isEqualTo(Map.of("nn-xor", early, "nn-neuron", early));
        assertThat(ticks(jdbc, bob)).isEqualTo(Map.of("math-attention-gradients", early, "mlp-update-step", late));
        assertThat(jdbc.sql("select count(*) from checklist_tick where item_id like 'path-%'").query(Long.class).single()).isZero();
    }

    private static long account(JdbcClient jdbc, String name) {
        jdbc.sql("insert into account (username, password_hash, created_at) values (?, 'x', ?)")
                .params(name, Timestamp.from(Instant.now())).update();
        return jdbc.sql("select id from account where username = ?").param(name).query(Long.class).single();
    }

    private static void tick(JdbcClient jdbc, long account, String item, Instant at) {
        jdbc.sql("insert into checklist_tick (account_id, item_id, ticked_at) values (?, ?, ?)")
                .params(account, item, Timestamp.from(at)).update();
    }

    private static Map<String, Instant> ticks(JdbcClient jdbc, long account) {
        List<Map.Entry<String, Instant>> rows = jdbc.sql("select item_id, ticked_at from checklist_tick where account_id = ?")
                .param(account).query((rs, n) -> Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant())).list();
        return Map.ofEntries(rows.toArray(Map.Entry[]::new));
    }
}
