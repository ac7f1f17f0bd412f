package org.transformerguide.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * Typo tolerance: the words of the index within one or two edits of a query word, found with Lucene's
 * Levenshtein automata. Lucene's {@code FuzzyQuery} would do the same, but it builds its automata again
 * for every field and every pass over the index, and a two-edit automaton of a long word takes
 * milliseconds; here each is built once and kept, since as-you-type queries repeat their words. The
 * snippets then mark exactly the spellings that were searched.
 */
final class NearSpellings {

    /** @param edits how many edits away from the query word (1 or 2) */
    record Spelling(String word, int edits) {
    }

    // Bounds the work per query word; the closest and most common spellings are kept.
    static final int MAX_SPELLINGS = 25;
    private static final int MAX_CACHED = 2_000;
    private static final Map<String, CompiledAutomaton> AUTOMATA = new ConcurrentHashMap<>();

    private NearSpellings() {
    }

    /** Near spellings of {@code raw} in the given fields, closest and most frequent first. */
    static List<Spelling> of(IndexReader reader, String raw, int maxEdits, String... fields) throws IOException {
        CompiledAutomaton automaton = automaton(raw, maxEdits);
        Map<String, Integer> frequency = new HashMap<>();
        for (String field : fields) {
            Terms terms = MultiTerms.getTerms(reader, field);
            if (terms == null) {
                continue;
            }
            TermsEnum matches = automaton.getTermsEnum(terms);
            while (matches.next() != null) {
                String word = matches.term().utf8ToString();
                if (!word.equals(raw)) {
                    frequency.merge(word, matches.docFreq(), Integer::sum);
                }
            }
        }
        List<Spelling> spellings = new ArrayList<>();
        frequency.keySet().forEach(word -> spellings.add(new Spelling(word, distance(raw, word))));
        spellings.sort(Comparator.comparingInt(Spelling::edits)
                .thenComparing(s -> -frequency.get(s.word()))
                .thenComparing(Spelling::word));
        return List.copyOf(spellings.subList(0, Math.min(MAX_SPELLINGS, spellings.size())));
    }

    private static CompiledAutomaton automaton(String raw, int maxEdits) {
        String key = maxEdits + ":" + raw;
        CompiledAutomaton automaton = AUTOMATA.get(key);
        if (automaton == null) {
            if (AUTOMATA.size() >= MAX_CACHED) {
                AUTOMATA.clear(); // crude, but a full cache only means rebuilding some automata
            }
            automaton = FuzzyQuery.getFuzzyAutomaton(raw, maxEdits, SectionQuery.FUZZY_PREFIX_LENGTH, true);
            AUTOMATA.put(key, automaton);
        }
        return automaton;
    }

    /**
     * Edits between two words, counting a swap of neighbours as one (as the automaton does). Only
     * called on the few words the automaton accepted, so the quadratic table costs nothing.
     */
    static int distance(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[][] d = new int[x.length + 1][y.length + 1];
        for (int i = 0; i <= x.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= y.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            for (int j = 1; j <= y.length; j++) {
                int cost = x[i - 1] == y[j - 1] ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[x.length][y.length];
    }
}
