package org.transformerguide.search;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search?q=&limit=}: the best sections for a query, for the header's search box and
 * any other client. Errors (no query, a query over 200 characters, a limit outside 1 to 50 or not a
 * number) are 400 problem details through the API's shared error handling.
 */
@RestController
class SearchApiController {

    private final SearchService search;

    SearchApiController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    SearchResults search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer limit) {
        return search.search(q, limit);
    }
}
