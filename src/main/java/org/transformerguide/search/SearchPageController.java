package org.transformerguide.search;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.transformerguide.web.Echo;

/**
 * {@code /search?q=}: the results page, which works without JavaScript. No query shows just the form;
 * a query that cannot be searched shows why, with a 400 status.
 */
@Controller
class SearchPageController {

    /** The page lists more than the header's dropdown: it is where a reader goes to browse. */
    static final int PAGE_LIMIT = 30;

    private final SearchService search;

    SearchPageController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/search")
    String page(@RequestParam(required = false) String q, Model model, HttpServletResponse response) {
        model.addAttribute("q", q == null ? "" : Echo.cap(q)); // shown back in the page: cut like every echo
        if (q != null && !q.isBlank()) {
            try {
                model.addAttribute("results", search.search(q, PAGE_LIMIT));
            } catch (InvalidSearchException e) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                model.addAttribute("problem", e.detail());
            }
        }
        return "search";
    }
}
