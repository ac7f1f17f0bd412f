package org.transformerguide.content.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.web.PageNotFoundException;

/**
 * What is left of the guide's pages once their artifacts are served (pages.PageArtifactFilter answers
 * every page that exists before a request gets here): the landing page's old name, and the 404s.
 */
@Controller
class GuideController {

    @GetMapping("/")
    String landing() {
        throw new PageNotFoundException("/ (the guide has no README.md)");
    }

    @GetMapping("/guide/{slug}")
    String document(@PathVariable String slug) {
        if (GuideDocument.LANDING.equals(slug)) {
            return "redirect:/";
        }
        throw new PageNotFoundException("/guide/" + slug);
    }
}
