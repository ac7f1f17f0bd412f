package org.transformerguide.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.transformerguide.GuideApplicationTest;

@GuideApplicationTest
class AccountTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private AccountRepository repository;
    @Autowired
    private AccountService accounts;

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        accounts.signUp("Grace", "a long secret");
        Account grace = repository.findByUsername("grace").orElseThrow();
        assertThat(grace.passwordHash()).startsWith("{bcrypt}$2").doesNotContain("a long secret");
    }

    @Test
    void aTakenNameIsRefusedWhateverItsCase() {
        accounts.signUp("linus", "password1");
        assertThatThrownBy(() -> accounts.signUp("Linus", "password2")).isInstanceOf(UsernameTakenException.class);
    }

    @Test
    void signUpSignsInAndReturnsToThePage() throws Exception {
        mvc.perform(post("/signup").with(csrf()).param("username", "alan").param("password", "turing-test")
                        .param("confirm", "turing-test").param("next", "/guide/glossary"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/guide/glossary"));
    }

    @Test
    void signUpExplainsATakenNameAndMismatchedPasswords() throws Exception {
        accounts.signUp("edsger", "goto-harmful");
        mvc.perform(post("/signup").with(csrf()).param("username", "edsger").param("password", "whatever1").param("confirm", "whatever1"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("That name is taken")));
        mvc.perform(post("/signup").with(csrf()).param("username", "barbara").param("password", "liskov-sub").param("confirm", "other-one"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("The two passwords differ.")));
        mvc.perform(post("/signup").with(csrf()).param("username", "x").param("password", "short").param("confirm", "short"))
                .andExpect(content().string(containsString("3 to 32")))
                .andExpect(content().string(containsString("8 to 72")));
    }

    @Test
    void aWrongPasswordAndAnUnknownNameGetTheSameAnswer() throws Exception {
        accounts.signUp("ken", "unix-rules");
        mvc.perform(post("/signin").with(csrf()).param("username", "ken").param("password", "wrong-one"))
                .andExpect(redirectedUrl("/signin?error"));
        mvc.perform(post("/signin").with(csrf()).param("username", "nobody-here").param("password", "wrong-one"))
                .andExpect(redirectedUrl("/signin?error"));
    }

    @Test
    void signInNeverRedirectsOffSite() throws Exception {
        accounts.signUp("dennis", "c-language");
        mvc.perform(post("/signin").with(csrf()).param("username", "dennis").param("password", "c-language")
                        .param("next", "//evil.example/phish"))
                .andExpect(redirectedUrl("/"));
    }
}
