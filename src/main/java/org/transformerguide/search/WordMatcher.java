package org.transformerguide.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.transformerguide.search.NearSpellings.Spelling;

/**
 * Tells whether a word of a section's text matched the query, by the same rules as the Lucene query
 * ({@link SectionQuery}): the same stem, one of the near spellings that were searched, or, for the
 * last query word, a word it begins. Snippets mark exactly what the search found.
 */
final class WordMatcher {

    // a stem or a spelling of the text, to the query word it matches
    private final Map<String, String> byStem = new HashMap<>();
    private final Map<String, String> byRaw = new HashMap<>();
    private final String prefix;

    WordMatcher(QueryTerms query, Map<String, List<Spelling>> spellings, boolean completion) {
        for (QueryTerms.Term term : query.terms()) {
            byStem.putIfAbsent(term.stem(), term.raw());
            byRaw.putIfAbsent(term.raw(), term.raw());
            term.parts().forEach(part -> byStem.putIfAbsent(part.stem(), term.raw()));
            spellings.getOrDefault(term.raw(), List.of()).forEach(s -> byRaw.putIfAbsent(s.word(), term.raw()));
        }
        boolean prefixed = completion && !query.isEmpty() && query.last().raw().length() >= SectionQuery.MIN_PREFIX_LENGTH;
        prefix = prefixed ? query.last().raw() : null;
    }

    /** Matches nothing: for a query without words. */
    static WordMatcher none() {
        return new WordMatcher(new QueryTerms(List.of()), Map.of(), false);
    }

    /** The query word that this stemmed word of the text matches, or {@code null}. */
    String matchStem(String stem) {
        return byStem.get(stem);
    }

    /** The query word that this unstemmed word of the text matches, or {@code null}. */
    String matchRaw(String raw) {
        String word = byRaw.get(raw);
        return word == null && prefix != null && raw.startsWith(prefix) ? prefix : word;
    }
}
