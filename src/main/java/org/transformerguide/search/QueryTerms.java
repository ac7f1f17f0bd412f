package org.transformerguide.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The words of a reader's query, after the same analysis as the index: never Lucene query syntax.
 * Quotes, colons, stars, brackets and {@code AND} are just characters (or stop words) here, so
 * nothing a reader types can change the structure of the query.
 *
 * @param terms at most {@link #MAX_TERMS} words in the order typed, each raw and stemmed
 */
record QueryTerms(List<Term> terms) {

    /** Past this many words a query is a sentence; more words only add clauses, not precision. */
    static final int MAX_TERMS = 12;
    private static final String HYPHENS = "-\u2010\u2011";

    /**
     * @param position the word's position in the query, with gaps where stop words were
     * @param end where the word ends in the query text
     * @param hyphenated joined by a hyphen to the word before it, as in "top-p", "GPT-2", "one-hot":
     *                   the two mean something only together
     * @param parts for an identifier such as {@code scaled_dot_product_attention}, its words, stemmed,
     *              with their positions; the index holds {@code F.scaled_dot_product_attention} whole
     *              and as these words in a row
     */
    record Term(String raw, String stem, int position, int end, boolean hyphenated, List<Part> parts) {
    }

    record Part(String stem, int position) {
    }

    static QueryTerms parse(String text, Analyzer queryAnalyzer) {
        List<Term> terms = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        try (TokenStream stream = queryAnalyzer.tokenStream("q", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            KeywordAttribute keyword = stream.addAttribute(KeywordAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int position = -1;
            String raw = null;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                if (keyword.isKeyword()) {
                    raw = term.toString(); // the stemmed twin follows at the same position
                } else if (raw != null) {
                    String stem = term.toString();
                    if (seen.add(raw) && terms.size() < MAX_TERMS) {
                        Term previous = terms.isEmpty() ? null : terms.get(terms.size() - 1);
                        int start = offset.startOffset();
                        boolean hyphenated = previous != null && previous.end() == start - 1 && start > 0
                                && HYPHENS.indexOf(text.charAt(start - 1)) >= 0;
                        terms.add(new Term(raw, stem, position, offset.endOffset(), hyphenated, List.of()));
                    }
                    raw = null;
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String cannot fail
        }
        return new QueryTerms(terms.stream().map(t -> withParts(t, queryAnalyzer)).toList());
    }

    private static Term withParts(Term term, Analyzer queryAnalyzer) {
        if (term.raw().chars().allMatch(Character::isLetterOrDigit)) {
            return term;
        }
        List<Part> parts = new ArrayList<>();
        for (Term part : parse(term.raw().replaceAll("[^\\p{L}\\p{N}]+", " "), queryAnalyzer).terms()) {
            parts.add(new Part(part.stem(), part.position()));
        }
        return parts.size() < 2 ? term
                : new Term(term.raw(), term.stem(), term.position(), term.end(), term.hyphenated(), List.copyOf(parts));
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    /** Runs of two or more hyphenated words ("top-p", "byte-pair"), each to be found together. */
    List<List<Term>> hyphenatedRuns() {
        List<List<Term>> runs = new ArrayList<>();
        List<Term> run = new ArrayList<>();
        for (Term term : terms) {
            if (!term.hyphenated() && run.size() > 1) {
                runs.add(List.copyOf(run));
            }
            if (!term.hyphenated()) {
                run.clear();
            }
            run.add(term);
        }
        if (run.size() > 1) {
            runs.add(List.copyOf(run));
        }
        return runs;
    }

    /** The word a reader may still be typing: search-as-you-type matches it as a prefix. */
    Term last() {
        return terms.get(terms.size() - 1);
    }
}
