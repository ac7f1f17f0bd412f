package org.transformerguide;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The data-layer contract on a real PostgreSQL server with the postgres profile (JDBC sessions included). */
@SpringBootTest
@ActiveProfiles({"test", "postgres"})
@DirtiesContext // its database is dropped afterwards: the context must not be reused
class PostgresDataLayerTest extends DataLayerContract {

    private static final TestPostgres POSTGRES = new TestPostgres();

    @BeforeAll
    static void server() {
        Assumptions.assumeTrue(POSTGRES.available(), TestPostgres.WHY_SKIPPED);
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", POSTGRES::url);
        properties.add("spring.datasource.username", () -> TestPostgres.USER);
        properties.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
    }

    @AfterAll
    static void dropDatabase() {
        // The context may still hold pooled connections here; DROP ... WITH (FORCE) ends them.
        POSTGRES.drop();
    }
}
