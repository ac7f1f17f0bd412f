package org.transformerguide.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** Health groups, the Prometheus endpoint's access rule and the H2 backup, on the real application. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:file:./target/test-data/ops-${random.uuid}/guide")
@AutoConfigureMockMvc
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability // tests turn metrics export off otherwise
@ActiveProfiles("test")
class OperationsTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void readinessIncludesTheDatabaseAndSaysWhetherTheDefaultModelIsServed() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.defaultModel.details.served").value(false)); // tests never train it
    }

    @Test
    void prometheusMetricsAreForAdminsOnly() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus").with(user("lena").roles("LEARNER", "INSTRUCTOR"))).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/health")); // at least one timed request in the histogram
        mvc.perform(get("/actuator/prometheus").with(user("root").roles("LEARNER", "INSTRUCTOR", "ADMIN")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("guide_learners_active")))
                .andExpect(content().string(containsString("guide_playground_workers_busy")))
                .andExpect(content().string(containsString("guide_training_progress")))
                .andExpect(content().string(containsString("http_server_requests_seconds_bucket")));
    }

    @Test
    void anAdminBacksUpTheH2DatabaseWhileItRuns() throws Exception {
        mvc.perform(post("/api/admin/backup").with(user("lena").roles("LEARNER")).with(csrf())).andExpect(status().isForbidden());
        String body = mvc.perform(post("/api/admin/backup").with(user("root").roles("LEARNER", "INSTRUCTOR", "ADMIN")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String file = body.replaceAll(".*\"file\":\"([^\"]+)\".*", "$1");
        assertThat(Path.of(file)).exists();
        assertThat(Files.size(Path.of(file))).isGreaterThan(1000);
        try (var zip = new java.util.zip.ZipFile(file)) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName)).anyMatch(n -> n.endsWith(".mv.db"));
        }
    }
}
