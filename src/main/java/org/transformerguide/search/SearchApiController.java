package org.transformerguide.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.transformerguide.web.ProblemResponses;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search?q=&limit=}: the best sections for a query, for the header's search box and
 * any other client. Errors (no query, a query over 200 characters, a limit outside 1 to 50 or not a
 * number) are 400 problem details through the API's shared error handling.
 */
@RestController
@Tag(name = "Search")
class SearchApiController {

    private final SearchService search;

    SearchApiController(SearchService search) {
        this.search = search;
    }

    @Operation(summary = "Full-text search over every section of the guide",
            description = "The best sections for the query (BM25, headings boosted, typo-tolerant), with highlighted snippets.")
    @ProblemResponses(400)
    @GetMapping("/api/search")
    SearchResults search(@Parameter(description = "The query: 1 to 200 characters") @RequestParam(required = false) String q,
                         @Parameter(description = "How many results: 1 to 50 (default 10)") @RequestParam(required = false) Integer limit) {
        return search.search(q, limit);
    }
}
