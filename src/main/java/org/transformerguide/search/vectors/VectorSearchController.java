package org.transformerguide.search.vectors;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search/vectors?q=&k=&candidates=}: the query's nearest chunks by HNSW and by exact
 * search, with recall@k and the time each took. Out-of-bounds parameters are 400 problem details.
 */
@RestController
class VectorSearchController {

    private final VectorSearchService search;

    VectorSearchController(VectorSearchService search) {
        this.search = search;
    }

    @GetMapping("/api/search/vectors")
    VectorComparison search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer k,
                            @RequestParam(required = false) Integer candidates) {
        return search.compare(q, k, candidates);
    }
}
