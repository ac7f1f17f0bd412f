package org.transformerguide.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.transformerguide.search.NearSpellings.Spelling;

/**
 * Builds the Lucene query for a reader's words, programmatically (no query parser, so no syntax to
 * escape). Each word is looked for in the section's heading, its text and its document's title, and in
 * each place counts by the best way it matches: as a word of prose, as part of an identifier such as
 * {@code nn.Linear}, as a near spelling (typo tolerance) or, for the last word, as the beginning of a
 * word (search as you type); each way weighs less than the one before. Words that appear together as
 * a phrase add a bonus.
 */
final class SectionQuery {

    static final String TITLE = "title";
    static final String TITLE_PARTS = "title_parts";
    static final String TITLE_RAW = "title_raw";
    static final String BODY = "body";
    static final String BODY_PARTS = "body_parts";
    static final String BODY_RAW = "body_raw";
    static final String DOC_TITLE = "doc";

    // Headings say what a section is about; a word in one counts as much as several in the text.
    static final float TITLE_BOOST = 3f;
    // The document title applies to every section of it: enough to break ties, not to dominate.
    static final float DOC_TITLE_BOOST = 0.5f;
    // "linear" inside nn.Linear is weaker evidence than "linear" in a sentence.
    static final float PART_BOOST = 0.4f;
    // A near spelling or a completion is a guess: it must not outrank the word itself.
    static final float FUZZY_BOOST = 0.3f;
    static final float PREFIX_BOOST = 0.4f;
    static final float PHRASE_BOOST = 3f;
    private static final int TITLE_PHRASE_SLOP = 2;
    private static final int BODY_PHRASE_SLOP = 1;

    /**
     * A completion expands to at most this many index terms (as near spellings do, see
     * {@link NearSpellings#MAX_SPELLINGS}), which bounds the work and keeps the largest query
     * ({@link QueryTerms#MAX_TERMS} words) under Lucene's limit of 1024 clauses: at most
     * 11 x 57 + 107 + 48 (words, the last word, phrases).
     */
    private static final int MAX_EXPANSIONS = 25;
    static final int MIN_PREFIX_LENGTH = 2;
    /** The first letter must be right: typos there are rare, and it keeps the expansion small. */
    static final int FUZZY_PREFIX_LENGTH = 1;

    private SectionQuery() {
    }

    /**
     * @param requireAll every word must match (the first try); otherwise any word may (the fallback
     *                   when no section has them all)
     * @param spellings near spellings of each word (by its raw form) to accept, none to guess nothing
     * @param completion whether the last word may be the beginning of a longer one
     */
    static Query build(QueryTerms query, Map<String, List<Spelling>> spellings, boolean completion, boolean requireAll) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        List<QueryTerms.Term> terms = query.terms();
        for (QueryTerms.Term term : terms) {
            boolean prefix = completion && term == query.last() && term.raw().length() >= MIN_PREFIX_LENGTH;
            List<Spelling> near = spellings.getOrDefault(term.raw(), List.of());
            all.add(word(term, near, prefix), requireAll ? Occur.MUST : Occur.SHOULD);
        }
        if (terms.size() > 1) {
            addPhrase(all, terms);
        }
        for (List<QueryTerms.Term> run : query.hyphenatedRuns()) {
            if (run.size() < terms.size()) {
                addPhrase(all, run);
            }
        }
        return all.build();
    }

    private static Query word(QueryTerms.Term term, List<Spelling> near, boolean prefix) {
        BooleanQuery.Builder places = new BooleanQuery.Builder();
        places.add(new BoostQuery(bestMatch(term, TITLE, TITLE_PARTS, TITLE_RAW, near, prefix), TITLE_BOOST), Occur.SHOULD);
        places.add(bestMatch(term, BODY, BODY_PARTS, BODY_RAW, near, prefix), Occur.SHOULD);
        places.add(new BoostQuery(new TermQuery(new Term(DOC_TITLE, term.stem())), DOC_TITLE_BOOST), Occur.SHOULD);
        return places.build();
    }

    /** The word in one place (heading or text), scored by the best of the ways it matches there. */
    private static Query bestMatch(QueryTerms.Term term, String whole, String parts, String raw, List<Spelling> near,
                                   boolean prefix) {
        List<Query> ways = new ArrayList<>();
        ways.add(new TermQuery(new Term(whole, term.stem())));
        ways.add(new BoostQuery(new TermQuery(new Term(parts, term.stem())), PART_BOOST));
        if (!term.parts().isEmpty()) {
            ways.add(new BoostQuery(partsInARow(parts, term.parts()), PART_BOOST));
        }
        for (Spelling spelling : near) {
            // two edits are a bolder guess than one
            ways.add(new BoostQuery(new TermQuery(new Term(raw, spelling.word())), FUZZY_BOOST / spelling.edits()));
        }
        if (prefix) {
            ways.add(new BoostQuery(new PrefixQuery(new Term(raw, term.raw()),
                    new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(MAX_EXPANSIONS)), PREFIX_BOOST));
        }
        return new DisjunctionMaxQuery(ways, 0f);
    }

    /**
     * One typo for words of 4 to 7 letters, two for longer ones; none for shorter words, where one
     * edit already reaches another real word ("top" and "tip"), nor for words with digits or symbols
     * ({@code fp16}, {@code d_k}), where a near spelling is a different thing.
     */
    static int allowedEdits(String raw) {
        if (!raw.chars().allMatch(Character::isLetter)) {
            return 0;
        }
        int length = raw.codePointCount(0, raw.length());
        if (length < 4) {
            return 0;
        }
        return length <= 7 ? 1 : 2;
    }

    /**
     * A bonus for the words together: in a heading with a little slack ("vanishing and exploding
     * gradients" is about vanishing gradients), in the text with less.
     */
    private static void addPhrase(BooleanQuery.Builder query, List<QueryTerms.Term> terms) {
        query.add(new BoostQuery(phrase(TITLE, terms, TITLE_PHRASE_SLOP), TITLE_BOOST * PHRASE_BOOST), Occur.SHOULD);
        query.add(new BoostQuery(phrase(BODY, terms, BODY_PHRASE_SLOP), PHRASE_BOOST), Occur.SHOULD);
    }

    private static Query partsInARow(String field, List<QueryTerms.Part> parts) {
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        int first = parts.get(0).position();
        parts.forEach(part -> phrase.add(new Term(field, part.stem()), part.position() - first));
        return phrase.build();
    }

    private static Query phrase(String field, List<QueryTerms.Term> terms, int slop) {
        PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(slop);
        int first = terms.get(0).position();
        for (QueryTerms.Term term : terms) {
            phrase.add(new Term(field, term.stem()), term.position() - first);
        }
        return phrase.build();
    }
}
