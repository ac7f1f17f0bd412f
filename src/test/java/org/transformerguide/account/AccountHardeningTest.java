package org.transformerguide.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.transformerguide.GuideApplicationTest;

/** Passwords counted in bytes, the sign-up race, credentials kept out of logs, and the sign-in throttle. */
@GuideApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class AccountHardeningTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private AccountService accounts;
    @Autowired
    private AccountRepository repository;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void aPasswordOverSeventyTwoBytesIsAFormErrorNotA500() throws Exception {
        String accents = "é".repeat(40); // 40 characters, 80 bytes
        mvc.perform(post("/signup").with(csrf()).param("username", "accented").param("password", accents).param("confirm", accents))
                .andExpect(status().isOk()).andExpect(content().string(containsString("at most 72 bytes")));
        assertThat(repository.findByUsername("accented")).isEmpty();
        String fits = "é".repeat(36); // exactly 72 bytes
        mvc.perform(post("/signup").with(csrf()).param("username", "accented").param("password", fits).param("confirm", fits))
                .andExpect(status().is3xxRedirection());
        assertThatThrownBy(() -> accounts.signUp("direct", "é".repeat(37))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentSignUpsOfOneNameInAnyCaseGiveOneAccountAndNoHashInTheLog(CapturedOutput output) throws Exception {
        List<String> spellings = List.of("Racer", "racer", "RACER", "rAcEr", "raceR", "RAcer", "racER", "Racer", "racer", "RACER");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> attempts = new ArrayList<>();
        for (String name : spellings) {
            attempts.add(() -> {
                start.await();
                try {
                    accounts.signUp(name, "same-password");
                    return "created";
                } catch (UsernameTakenException e) {
                    return "taken";
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(spellings.size());
        try {
            List<Future<String>> results = new ArrayList<>();
            attempts.forEach(a -> results.add(pool.submit(a)));
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get()); // any other exception fails the test here
            }
            assertThat(outcomes).containsOnly("created", "taken").filteredOn("created"::equals).hasSize(1);
        } finally {
            pool.shutdown();
        }
        assertThat(output.getAll()).doesNotContain("$2a$").doesNotContain("{bcrypt}");
    }

    @Test
    void aRacedInsertIsRecognisedThroughItsWrapping() {
        accounts.signUp("wrapped", "password-1");
        // the race's loser: the name is free at the check, taken at the insert
        assertThatThrownBy(() -> repository.save(new Account(null, "wrapped", "{bcrypt}x", java.time.Instant.now())))
                .satisfies(e -> assertThat(AccountService.isDuplicateKey(e)).isTrue())
                .satisfies(e -> assertThat(e.toString()).doesNotContain("{bcrypt}"));
    }

    @Test
    void theDatabaseRefusesANameNotInLowerCase() {
        assertThatThrownBy(() -> jdbc.sql("insert into account (username, password_hash, created_at) values ('MixedCase', 'x', current_timestamp)")
                .update()).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void twentyWrongPasswordsLockTheNameEvenForTheRightOne() throws Exception {
        accounts.signUp("guessme", "the-right-one");
        String last = null;
        for (int i = 0; i < 20; i++) {
            last = mvc.perform(post("/signin").with(csrf()).param("username", "guessme").param("password", "wrong-" + i))
                    .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        }
        assertThat(last).startsWith("/signin?locked=");
        // while locked, not even the right password is checked
        mvc.perform(post("/signin").with(csrf()).param("username", "GuessMe").param("password", "the-right-one"))
                .andExpect(redirectedUrl(last));
        mvc.perform(get("/signin").param("locked", "900"))
                .andExpect(content().string(containsString("Too many wrong passwords")))
                .andExpect(content().string(containsString("15 minutes")));
        mvc.perform(get("/signin").param("locked", "<script>"))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.not(containsString("<script>"))));
    }
}
