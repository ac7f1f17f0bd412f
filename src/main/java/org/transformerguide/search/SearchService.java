package org.transformerguide.search;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.transformerguide.content.ContentReloaded;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.document.GuideDocument;

/**
 * Full-text search over the guide's sections. The index is built at start-up and rebuilt whenever the
 * content has reloaded ({@link ContentReloaded}).
 */
@Service
public class SearchService {

    private static final Logger log = LoggerFactory.getLogger(SearchService.class);

    public static final int MAX_QUERY_LENGTH = 200;
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 50;

    private final Analyzer queryAnalyzer = GuideAnalyzers.query();
    private final Snippets snippets = new Snippets();
    private final ReloadingIndex<SectionIndex> index;

    public SearchService(GuideContent content) {
        this.index = new ReloadingIndex<>(content, SearchService::build);
    }

    /**
     * The query as it will be searched: control characters become spaces and the ends are trimmed.
     *
     * @throws InvalidSearchException for a missing, blank or over-long query
     */
    public static String validQuery(String q) {
        String query = q == null ? "" : q.replaceAll("\\p{Cc}", " ").strip();
        if (query.isEmpty()) {
            throw new InvalidSearchException("Type something to search for.");
        }
        if (query.codePointCount(0, query.length()) > MAX_QUERY_LENGTH) {
            throw new InvalidSearchException("A search can be at most " + MAX_QUERY_LENGTH + " characters long.");
        }
        return query;
    }

    /** @throws InvalidSearchException unless 1 to {@value #MAX_LIMIT}; {@code null} means the default */
    public static int validLimit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidSearchException("The limit must be between 1 and " + MAX_LIMIT + ".");
        }
        return limit;
    }

    /** @throws InvalidSearchException if the query or the limit is not valid */
    public SearchResults search(String q, Integer limit) {
        String query = validQuery(q);
        int max = validLimit(limit);
        long started = System.nanoTime();
        String keyTerms = QuestionForms.keyTerms(query);
        QueryTerms terms = QueryTerms.parse(keyTerms, queryAnalyzer);
        SectionIndex.Ranked ranked = current().search(terms, keyTerms, max);
        List<SearchResult> results = ranked.entries().stream().map(entry -> new SearchResult(
                entry.document().slug(), entry.document().title(), entry.section().id(), entry.section().title(),
                entry.url(), snippets.snippet(ReadableMath.of(entry.section().text()), ranked.matcher()))).toList();
        if (log.isDebugEnabled()) {
            log.debug("Searched '{}': {} of {} sections in {} µs", query, results.size(), ranked.total(),
                    (System.nanoTime() - started) / 1000);
        }
        return new SearchResults(query, ranked.total(), results);
    }

    /** The index of the guide as it is now. */
    SectionIndex current() {
        return index.current();
    }

    @EventListener
    public void contentReloaded(ContentReloaded event) {
        index.rebuild(event.documents());
    }

    private static SectionIndex build(List<GuideDocument> documents) {
        long started = System.nanoTime();
        SectionIndex built = SectionIndex.build(documents);
        log.info("Indexed {} sections of {} guide documents for search in {} ms", built.size(),
                documents.size(), (System.nanoTime() - started) / 1_000_000);
        return built;
    }
}
