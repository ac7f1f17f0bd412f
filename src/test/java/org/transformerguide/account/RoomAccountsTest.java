package org.transformerguide.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Accounts for a room on a real (in-memory) H2 database: the first admin from the settings, bulk creation
 * with passwords or one-time links, the forced password change, resets, and roles granted by an admin only.
 */
@SpringBootTest(properties = {"guide.account.admin=Lead", "guide.account.admin-password=lead's long password"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
class RoomAccountsTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private AccountService accounts;
    @Autowired
    private AccountRoles roles;
    @Autowired
    private RoomAccounts room;
    @Autowired
    private OneTimeLinks links;

    private MockHttpSession signIn(String name, String password) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/signin").user(name).password(password))
                .andExpect(status().is3xxRedirection()).andReturn().getRequest().getSession(false);
    }

    private static String unique(String prefix) {
        return prefix + (System.nanoTime() % 1_000_000);
    }

    @Test
    void theFirstAdminIsCreatedAtStartAndItsNameCannotBeTakenBySigningUp() throws Exception {
        assertThat(roles.rolesOf(accounts.idOf("lead"))).containsExactly("LEARNER", "INSTRUCTOR", "ADMIN");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts.signUp("LEAD", "another password"))
                .isInstanceOf(UsernameTakenException.class);
        MockHttpSession admin = signIn("lead", "lead's long password");
        mvc.perform(get("/accounts").session(admin)).andExpect(status().isOk());
    }

    @Test
    void bulkCreatedAccountsWithPasswordsMustChooseTheirOwnAtFirstSignIn() throws Exception {
        MockHttpSession admin = signIn("lead", "lead's long password");
        String ann = unique("ann"), ben = unique("ben");
        String page = mvc.perform(post("/accounts").session(admin).with(csrf())
                        .param("names", ann + "\n" + ben + "\nx\n").param("handout", "PASSWORDS"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("3 to 32 letters"); // "x" is refused with a reason, the others created
        Matcher password = Pattern.compile("data-account=\"" + ann + "\">\\s*<th[^>]*>[^<]*</th>\\s*<td><code class=\"handout\">([^<]+)</code>")
                .matcher(page);
        assertThat(password.find()).as(page).isTrue();

        MockHttpSession learner = signIn(ann, password.group(1));
        mvc.perform(get("/progress").session(learner)).andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/api/progress").session(learner)).andExpect(status().isForbidden());
        mvc.perform(post("/account/password").session(learner).with(csrf())
                        .param("password", "ann's own password").param("confirm", "ann's own password"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/progress").session(learner)).andExpect(status().isOk());
        signIn(ann, "ann's own password");
    }

    @Test
    void aOneTimeLinkSetsThePasswordOnceAndThenIsGone() throws Exception {
        String cy = unique("cy");
        List<RoomAccounts.Created> created = room.createForRoom(cy, RoomAccounts.Handout.LINKS);
        String token = created.get(0).linkToken();
        assertThat(created.get(0).password()).isNull();
        mvc.perform(get("/account/link/" + token)).andExpect(status().isOk());
        mvc.perform(post("/account/link/" + token).with(csrf()).param("password", "cy's new password").param("confirm", "cy's new password"))
                .andExpect(redirectedUrl("/?password-set"));
        mvc.perform(get("/account/link/" + token)).andExpect(status().isGone());
        mvc.perform(post("/account/link/" + token).with(csrf()).param("password", "a takeover try").param("confirm", "a takeover try"))
                .andExpect(status().isGone());
        MockHttpSession learner = signIn(cy, "cy's new password");
        mvc.perform(get("/api/progress").session(learner)).andExpect(status().isOk()); // no forced change left
    }

    @Test
    void anExpiredLinkDoesNotWork() throws Exception {
        String dee = unique("dee");
        room.createForRoom(dee, RoomAccounts.Handout.LINKS);
        String expired = links.create(accounts.idOf(dee), OneTimeLinks.RESET, Duration.ofSeconds(-1));
        mvc.perform(get("/account/link/" + expired)).andExpect(status().isGone());
        assertThat(room.setPasswordFromLink(expired, "whatever password")).isEmpty();
    }

    @Test
    void aResetLinkReplacesTheEarlierOneAndInstructorsResetLearnersOnly() throws Exception {
        String eve = unique("eve"), ian = unique("ian");
        accounts.signUp(eve, "eve's password");
        accounts.signUp(ian, "ian's password");
        roles.grant(accounts.idOf(ian), "INSTRUCTOR");
        MockHttpSession instructor = signIn(ian, "ian's password");
        String first = room.resetLink(accounts.idOf(eve), false);
        String page = mvc.perform(post("/accounts/" + accounts.idOf(eve) + "/reset").session(instructor).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("/account/link/");
        mvc.perform(get("/account/link/" + first)).andExpect(status().isGone());
        mvc.perform(post("/accounts/" + accounts.idOf("lead") + "/reset").session(instructor).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void onlyAnAdminGrantsRolesAndLearnersCannotOpenTheAccountsPage() throws Exception {
        String fay = unique("fay"), gus = unique("gus");
        accounts.signUp(fay, "fay's password");
        accounts.signUp(gus, "gus's password");
        MockHttpSession learner = signIn(fay, "fay's password");
        mvc.perform(get("/accounts").session(learner)).andExpect(status().isForbidden());
        roles.grant(accounts.idOf(gus), "INSTRUCTOR");
        MockHttpSession instructor = signIn(gus, "gus's password");
        mvc.perform(post("/accounts/" + accounts.idOf(fay) + "/roles").session(instructor).with(csrf()).param("role", "ADMIN"))
                .andExpect(status().isForbidden());
        MockHttpSession admin = signIn("lead", "lead's long password");
        mvc.perform(post("/accounts/" + accounts.idOf(fay) + "/roles").session(admin).with(csrf()).param("role", "INSTRUCTOR"))
                .andExpect(redirectedUrl("/accounts"));
        assertThat(roles.rolesOf(accounts.idOf(fay))).containsExactly("LEARNER", "INSTRUCTOR");
        mvc.perform(get("/accounts").session(signIn(fay, "fay's password"))).andExpect(status().isOk());
    }
}
