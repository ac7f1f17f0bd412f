package org.transformerguide.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analysis chains of the search index.
 *
 * <ul>
 *   <li>The guide's math and code are full of compounds ({@code nn.Linear}, {@code d_k},
 *       {@code LayerNorm}, {@code F.scaled_dot_product_attention}). The main fields keep them whole, as
 *       a reader types them; the {@code *_parts} fields also hold their parts, so "linear" and
 *       "layer norm" still find them. A word of prose is in both kinds of field and a part of an
 *       identifier only in the second, so prose outranks an identifier that merely contains the word.</li>
 *   <li>A query is never split: a reader who types {@code nn.Linear} or {@code d_k} means exactly that,
 *       and the whole token is in both kinds of field.</li>
 * </ul>
 *
 * Stemming is KStem (dictionary based), gentler than Porter: "gradients" finds "gradient" but
 * "normalization" does not collapse into "normal". Fuzzy and prefix matching work on the unstemmed
 * ({@code *_raw}) fields, with parts, because a misspelt or half-typed word has no reliable stem.
 */
final class GuideAnalyzers {

    private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    private static final int SPLIT = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
            | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;

    private GuideAnalyzers() {
    }

    /** Index side of the main fields (title, body, document title): whole tokens, stemmed. */
    static Analyzer indexWhole() {
        return new Chain(false, true, false);
    }

    /** Index side of the fields that also hold the parts of compounds, stemmed. */
    static Analyzer indexParts() {
        return new Chain(true, true, false);
    }

    /** Index side of the raw fields that fuzzy and prefix queries run on: with parts, unstemmed. */
    static Analyzer indexRaw() {
        return new Chain(true, false, false);
    }

    /**
     * Query side: each token comes twice, first unstemmed (marked as keyword) and then stemmed at the
     * same position, so one pass gives both forms of every word the reader typed.
     */
    static Analyzer query() {
        return new Chain(false, true, true);
    }

    /** Snippets: the index's tokens with their offsets, each both raw and stemmed, stop words kept. */
    static Analyzer snippet() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream stream = new WordDelimiterGraphFilter(source, SPLIT, null);
                stream = new LowerCaseFilter(stream);
                stream = new EnglishPossessiveFilter(stream);
                stream = new KeywordRepeatFilter(stream);
                return new TokenStreamComponents(source, new KStemFilter(stream));
            }
        };
    }

    private static final class Chain extends Analyzer {
        private final boolean split;
        private final boolean stem;
        private final boolean keepRaw;

        Chain(boolean split, boolean stem, boolean keepRaw) {
            this.split = split;
            this.stem = stem;
            this.keepRaw = keepRaw;
        }

        @Override
        protected TokenStreamComponents createComponents(String field) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream stream = source;
            if (split) {
                // the index writer cannot take a token graph: flatten it to overlapping positions
                stream = new FlattenGraphFilter(new WordDelimiterGraphFilter(stream, SPLIT, null));
            }
            stream = new LowerCaseFilter(stream);
            stream = new EnglishPossessiveFilter(stream);
            stream = new StopFilter(stream, STOP_WORDS);
            if (keepRaw) {
                stream = new KeywordRepeatFilter(stream);
            }
            if (stem) {
                stream = new KStemFilter(stream);
            }
            return new TokenStreamComponents(source, stream);
        }
    }
}
