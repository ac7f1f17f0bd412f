package org.transformerguide.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.transformerguide.content.ContentCatalog;
import org.transformerguide.content.ContentReloaded;
import org.transformerguide.content.ContentSource;
import org.transformerguide.content.GuideContent;
import org.transformerguide.GuideApplicationTest;

@GuideApplicationTest
class PageArtifactsTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private PageArtifacts pages;
    @Autowired
    private PageRenderer renderer;
    @Autowired
    private GuideContent content;

    @Test
    void everyDocumentOfTheGuideHasAPage() {
        assertThat(pages.pages()).extracting(PageArtifact::path)
                .containsExactlyElementsOf(content.documents().stream().map(d -> d.url()).toList());
    }

    @Test
    void signedInAndAnonymousReadersGetTheSameBytes() throws Exception {
        for (PageArtifact page : pages.pages()) {
            byte[] anonymous = mvc.perform(get(page.path())).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
            MvcResult signedIn = mvc.perform(get(page.path()).with(user("zq-reader").roles("LEARNER"))).andExpect(status().isOk()).andReturn();
            assertThat(signedIn.getResponse().getContentAsByteArray()).as(page.path()).isEqualTo(anonymous).isEqualTo(page.html());
            assertThat(page.text()).as(page.path()).doesNotContain("zq-reader").doesNotContain("_csrf");
        }
    }

    @Test
    void theSignedInHintCookieFollowsTheSession() throws Exception {
        // any request past Spring Security corrects it: a page's progress call, the CSRF token, the glossary
        mvc.perform(get("/api/glossary").with(user("ada").roles("LEARNER")))
                .andExpect(header().string("Set-Cookie", org.hamcrest.Matchers.startsWith("tg-user=ada;")));
        mvc.perform(get("/api/glossary").cookie(new Cookie("tg-user", "ada")))
                .andExpect(header().string("Set-Cookie", org.hamcrest.Matchers.containsString("Max-Age=0")));
        mvc.perform(get("/api/glossary")).andExpect(header().doesNotExist("Set-Cookie"));
        // signing up and signing in set it at once
        mvc.perform(post("/signup").with(csrf()).param("username", "cookie-reader").param("password", "long-enough-1")
                        .param("confirm", "long-enough-1"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().stringValues("Set-Cookie", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.startsWith("tg-user=cookie-reader;"))));
        mvc.perform(post("/signin").with(csrf()).param("username", "cookie-reader").param("password", "long-enough-1"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().stringValues("Set-Cookie", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.startsWith("tg-user=cookie-reader;"))));
        // signing out removes it at once (the page it lands on is answered before the security filters)
        mvc.perform(post("/signout").with(user("ada").roles("LEARNER")).with(csrf()).cookie(new Cookie("tg-user", "ada")))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Set-Cookie", org.hamcrest.Matchers.containsString("tg-user=;")));
    }

    @Test
    void gzipIsPreparedOnceAndTaggedApart() throws Exception {
        MvcResult zipped = mvc.perform(get("/guide/transformers").header("Accept-Encoding", "gzip, deflate, br"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Encoding", "gzip"))
                .andExpect(header().string("Vary", "Accept-Encoding")).andReturn();
        byte[] body = zipped.getResponse().getContentAsByteArray();
        PageArtifact page = pages.page("/guide/transformers").orElseThrow();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            assertThat(in.readAllBytes()).isEqualTo(page.html());
        }
        assertThat(body.length).isLessThan(page.html().length / 3);
        String zippedTag = zipped.getResponse().getHeader("ETag");
        assertThat(zippedTag).isEqualTo(page.gzipEtag()).isNotEqualTo(page.etag());
        mvc.perform(get("/guide/transformers").header("Accept-Encoding", "gzip").header("If-None-Match", zippedTag))
                .andExpect(status().isNotModified()).andExpect(header().string("ETag", zippedTag));
        mvc.perform(get("/guide/transformers").header("Accept-Encoding", "gzip;q=0"))
                .andExpect(header().doesNotExist("Content-Encoding"));
        mvc.perform(get("/guide/transformers").header("If-None-Match", "\"something-else\"")).andExpect(status().isOk());
        mvc.perform(head("/guide/transformers")).andExpect(status().isOk())
                .andExpect(header().longValue("Content-Length", page.html().length));
    }

    @Test
    void pagesAreServedWithTheSecurityHeadersOfEveryOtherResponse() throws Exception {
        var page = mvc.perform(get("/guide/glossary")).andReturn().getResponse();
        var other = mvc.perform(get("/search").param("q", "attention")).andReturn().getResponse();
        for (String name : new String[] {"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
                "X-XSS-Protection", "Referrer-Policy"}) {
            assertThat(page.getHeader(name)).as(name).isNotBlank().isEqualTo(other.getHeader(name));
        }
    }

    @Test
    void aDocumentAddedToTheContentGetsItsPageOnReload(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("README.md"), "---\ntitle: Transformer Guide\norder: 0\n---\n# Transformer Guide\n\nWelcome.\n");
        Files.writeString(dir.resolve("first.md"), "---\ntitle: First\norder: 1\n---\n# First\n\nOne.\n");
        AtomicReference<PageArtifacts> listener = new AtomicReference<>();
        ContentCatalog catalog = new ContentCatalog(new ContentSource(dir.toString()), Set.of(), false, "",
                Clock.systemUTC(), event -> listener.get().contentReloaded((ContentReloaded) event));
        PageArtifacts local = new PageArtifacts(catalog, renderer);
        listener.set(local);
        assertThat(local.pages()).extracting(PageArtifact::path).containsExactly("/", "/guide/first");
        String firstTag = local.page("/guide/first").orElseThrow().etag();

        Files.writeString(dir.resolve("second.md"), "---\ntitle: Second\norder: 2\n---\n# Second\n\nTwo, with $x^2$.\n");
        catalog.reload();
        assertThat(local.pages()).extracting(PageArtifact::path).containsExactly("/", "/guide/first", "/guide/second");
        assertThat(local.page("/guide/second").orElseThrow().text()).contains("<title>Second · Transformer Guide</title>");
        // the first page links to its new next page, so its bytes and tag changed too
        assertThat(local.page("/guide/first").orElseThrow().etag()).isNotEqualTo(firstTag);
        assertThat(local.page("/").orElseThrow().text()).contains("<title>Transformer Guide</title>");
    }
}
