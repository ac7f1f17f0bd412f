package org.transformerguide.storage;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.transformerguide.account.AccountService;
import org.transformerguide.content.GuideContent;

/**
 * A database that stops accepting writes while the server runs: a real H2 file database is shut down and
 * reopened read-only underneath the running application (H2 shares one open database per file within a
 * JVM, so the pool's next connection gets the read-only one).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@DirtiesContext
class StorageHealthTest {

    private static final Path DIR = tempDir();
    private static final String URL = "jdbc:h2:file:" + DIR.resolve("guide").toAbsolutePath() + ";WRITE_DELAY=0";

    @DynamicPropertySource
    static void fileDatabase(DynamicPropertyRegistry settings) {
        settings.add("spring.datasource.url", () -> URL);
    }

    @Autowired
    private MockMvc mvc;
    @Autowired
    private JdbcClient jdbc;
    @Autowired
    private AccountService accounts;
    @Autowired
    private GuideContent content;

    @Test
    void healthIsDownAndWritesAnswer503WhenTheDatabaseBecomesReadOnly() throws Exception {
        accounts.signUp("storage-learner", "storage-password");
        String item = content.documents().stream().filter(d -> !d.checklist().isEmpty()).findFirst().orElseThrow()
                .checklist().get(0).id(); // the landing page lists the documents' items, it has none of its own
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));

        jdbc.sql("SHUTDOWN").update();
        try (Connection readOnly = DriverManager.getConnection(URL + ";ACCESS_MODE_DATA=r", "sa", "")) {
            mvc.perform(get("/actuator/health")).andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.status").value("DOWN"));
            mvc.perform(put("/api/progress/items/" + item).with(user("storage-learner").roles("LEARNER")).with(csrf())
                            .contentType(MediaType.APPLICATION_JSON).content("{\"checked\":true}"))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().exists("Retry-After"))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("could not be saved")));
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("storage-health");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
