package org.transformerguide.web;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.GuideDocument;
import org.transformerguide.progress.ProgressService;
import org.transformerguide.progress.ProgressView;

/** The landing page and one page per guide document, served from the rendered guide in memory. */
@Controller
class GuideController {

    private final GuideContent content;
    private final ProgressService progress;

    GuideController(GuideContent content, ProgressService progress) {
        this.content = content;
        this.progress = progress;
    }

    @GetMapping("/")
    String landing(Principal learner, Model model, HttpServletResponse response) {
        GuideDocument landing = content.document(GuideDocument.LANDING)
                .orElseThrow(() -> new PageNotFoundException("/ (the guide has no README.md)"));
        return show(landing, learner, model, response);
    }

    @GetMapping("/guide/{slug}")
    String document(@PathVariable String slug, Principal learner, Model model, HttpServletResponse response) {
        if (GuideDocument.LANDING.equals(slug)) {
            return "redirect:/";
        }
        GuideDocument document = content.document(slug)
                .orElseThrow(() -> new PageNotFoundException("/guide/" + slug));
        return show(document, learner, model, response);
    }

    private String show(GuideDocument document, Principal learner, Model model, HttpServletResponse response) {
        // Spring Security would send "no-store"; a page may be stored, as long as it is revalidated (ETag).
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noCache().cachePrivate().getHeaderValue());
        List<GuideDocument> all = content.documents();
        int at = all.indexOf(document);
        ProgressView view = learner == null ? progress.empty() : progress.progressOf(learner.getName());
        model.addAttribute("doc", document);
        model.addAttribute("previous", at > 0 ? all.get(at - 1) : null);
        model.addAttribute("next", at >= 0 && at + 1 < all.size() ? all.get(at + 1) : null);
        model.addAttribute("pageProgress", view.document(document.slug()));
        model.addAttribute("paths", document.isLanding() ? view.paths() : List.of());
        return "guide";
    }
}
