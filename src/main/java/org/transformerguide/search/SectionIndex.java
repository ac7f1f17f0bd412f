package org.transformerguide.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.content.document.Section;
import org.transformerguide.search.NearSpellings.Spelling;

/**
 * One immutable, in-memory Lucene index of every section of one version of the guide: one Lucene
 * document per section. It is rebuilt whole (in well under a second) rather than updated, so a
 * search never sees half of a reload.
 */
final class SectionIndex {

    /**
     * One indexed section and what a result needs to show it.
     *
     * @param weight multiplies the section's score: below 1 for sections that summarize rather than
     *               explain (see {@link #weightOf})
     */
    record Entry(GuideDocument document, int documentIndex, Section section, float weight) {

        String url() {
            return section.level() <= 1 ? document.url() : document.url() + "#" + section.id();
        }
    }

    /**
     * @param total how many sections matched in all, of which {@code entries} are the best
     * @param matcher which words of a section's text the query matched, for its snippet
     */
    record Ranked(int total, List<Entry> entries, WordMatcher matcher) {
    }

    // Enough candidates to re-rank before cutting to the requested number.
    private static final int CANDIDATES = 100;
    private static final String ORDINAL = "entry";
    static final float GLOSSARY_WEIGHT = 0.6f;
    static final float CHECKLIST_WEIGHT = 0.5f;
    /** A section of the document whose subject the query is scores up to this much more (x 1 + boost). */
    static final double SUBJECT_BOOST = 0.6;

    private final List<GuideDocument> source;
    private final List<Entry> entries;
    private final Map<Section, Entry> bySection = new IdentityHashMap<>();
    private final Map<String, Entry> byKey = new HashMap<>();
    private final IndexSearcher searcher;
    private final GlossaryTerms glossary;
    private final int[] ordinalOf; // Lucene doc id -> entry
    private final DocumentSubjects subjects;

    private SectionIndex(List<GuideDocument> source, List<Entry> entries, IndexSearcher searcher) throws IOException {
        this.source = source;
        this.entries = entries;
        this.searcher = searcher;
        this.glossary = new GlossaryTerms(source);
        entries.forEach(e -> bySection.put(e.section(), e));
        entries.forEach(e -> byKey.putIfAbsent(e.document().slug() + "#" + e.section().id(), e));
        StoredFields stored = searcher.storedFields();
        ordinalOf = new int[searcher.getIndexReader().maxDoc()];
        int[] documentOf = new int[ordinalOf.length];
        for (int doc = 0; doc < ordinalOf.length; doc++) {
            ordinalOf[doc] = stored.document(doc).getField(ORDINAL).numericValue().intValue();
            documentOf[doc] = entries.get(ordinalOf[doc]).documentIndex();
        }
        subjects = new DocumentSubjects(searcher.getIndexReader(), documentOf, source);
    }

    static SectionIndex build(List<GuideDocument> documents) {
        List<Entry> entries = new ArrayList<>();
        Analyzer parts = GuideAnalyzers.indexParts();
        Analyzer raw = GuideAnalyzers.indexRaw();
        Analyzer analyzer = new PerFieldAnalyzerWrapper(GuideAnalyzers.indexWhole(), Map.of(
                SectionQuery.TITLE_PARTS, parts, SectionQuery.BODY_PARTS, parts,
                SectionQuery.TITLE_RAW, raw, SectionQuery.BODY_RAW, raw));
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity());
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (GuideDocument document : documents) {
                for (Section section : document.sections()) {
                    writer.addDocument(luceneDocument(entries.size(), document, section));
                    entries.add(new Entry(document, documents.indexOf(document), section, weightOf(document, section)));
                }
            }
            writer.commit();
            IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(directory));
            searcher.setSimilarity(new BM25Similarity());
            return new SectionIndex(documents, List.copyOf(entries), searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("could not index the guide in memory", e);
        }
    }

    private static Document luceneDocument(int ordinal, GuideDocument document, Section section) {
        Document lucene = new Document();
        lucene.add(new StoredField(ORDINAL, ordinal));
        for (String field : List.of(SectionQuery.TITLE, SectionQuery.TITLE_PARTS, SectionQuery.TITLE_RAW)) {
            lucene.add(new TextField(field, section.title(), Field.Store.NO));
        }
        for (String field : List.of(SectionQuery.BODY, SectionQuery.BODY_PARTS, SectionQuery.BODY_RAW)) {
            lucene.add(new TextField(field, section.text(), Field.Store.NO));
        }
        lucene.add(new TextField(SectionQuery.DOC_TITLE, document.title(), Field.Store.NO));
        return lucene;
    }

    int size() {
        return entries.size();
    }

    /**
     * Glossary entries and checklists name many topics in few words, which BM25's length normalization
     * rewards; but a reader who searches a topic wants the section that explains it. They still rank
     * when they are the best match, and a glossary entry goes first when the query is its term.
     */
    static float weightOf(GuideDocument document, Section section) {
        if (GlossaryTerms.GLOSSARY_SLUG.equals(document.slug())) {
            return GLOSSARY_WEIGHT;
        }
        boolean checklist = document.checklist().stream()
                .anyMatch(item -> !item.sections().isEmpty() && item.sections().get(item.sections().size() - 1).equals(section.id()));
        return checklist ? CHECKLIST_WEIGHT : 1f;
    }

    /**
     * The best sections for the query: those with every word first, or, when no section has them
     * all, those with any of them; a glossary entry whose term is the query goes on top.
     */
    Ranked search(QueryTerms terms, String queryText, int limit) {
        Optional<Entry> glossaryEntry = glossary.entryFor(queryText).map(bySection::get);
        try {
            Ranked ranked;
            if (terms.isEmpty()) {
                ranked = new Ranked(0, List.of(), WordMatcher.none());
            } else {
                try {
                    ranked = search(terms, nearSpellings(terms), true);
                } catch (IndexSearcher.TooManyClauses e) {
                    // cannot happen within the limits of SectionQuery, but a query must never fail
                    ranked = search(terms, Map.of(), false);
                }
            }
            List<Entry> entries = new ArrayList<>(ranked.entries());
            int total = ranked.total();
            if (glossaryEntry.isPresent()) {
                List<Entry> first = new ArrayList<>();
                first.add(glossaryEntry.get());
                // then the part of the guide the entry names first as the one that explains it ("See: ...")
                glossary.explainedIn(glossaryEntry.get().section()).stream().limit(1).map(byKey::get)
                        .filter(java.util.Objects::nonNull).findFirst()
                        .map(chapter -> explainingSection(chapter, entries, queryText)).ifPresent(first::add);
                for (Entry e : first) {
                    if (!entries.remove(e)) {
                        total++;
                    }
                }
                entries.addAll(0, first);
            }
            return new Ranked(total, List.copyOf(entries.subList(0, Math.min(limit, entries.size()))), ranked.matcher());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory index does no real I/O
        }
    }

    /**
     * The section to read within what a glossary entry links to (often a whole chapter, such as "15.
     * Inference" for the KV cache): the best-ranked of its sections whose heading names the term, else
     * the first such section, else the linked section itself.
     */
    private Entry explainingSection(Entry linked, List<Entry> ranked, String term) {
        List<Entry> scope = new ArrayList<>();
        int at = entries.indexOf(linked);
        scope.add(linked);
        for (int i = at + 1; i < entries.size() && entries.get(i).document() == linked.document()
                && entries.get(i).section().level() > linked.section().level(); i++) {
            scope.add(entries.get(i));
        }
        List<String> words = singularWords(term);
        List<Entry> inScope = ranked.stream().filter(scope::contains).toList();
        return inScope.stream().filter(e -> singularWords(e.section().title()).containsAll(words)).findFirst()
                .or(() -> scope.stream().filter(e -> singularWords(e.section().title()).containsAll(words)).findFirst())
                .orElse(linked);
    }

    /** "Loss functions" names a "loss function": lower case, punctuation gone, a plural s dropped. */
    private static List<String> singularWords(String text) {
        return java.util.Arrays.stream(GlossaryTerms.normalize(text).split(" "))
                .map(w -> w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1) : w).toList();
    }

    private Map<String, List<Spelling>> nearSpellings(QueryTerms terms) throws IOException {
        Map<String, List<Spelling>> spellings = new HashMap<>();
        for (QueryTerms.Term term : terms.terms()) {
            int edits = SectionQuery.allowedEdits(term.raw());
            if (edits > 0) {
                spellings.put(term.raw(), NearSpellings.of(searcher.getIndexReader(), term.raw(), edits,
                        SectionQuery.TITLE_RAW, SectionQuery.BODY_RAW));
            }
        }
        return spellings;
    }

    private Ranked search(QueryTerms terms, Map<String, List<Spelling>> spellings, boolean completion) throws IOException {
        TopDocs top = searcher.search(SectionQuery.build(terms, spellings, completion, true), allHitsCounted());
        if (top.scoreDocs.length == 0) {
            top = searcher.search(SectionQuery.build(terms, spellings, completion, false), allHitsCounted());
        }
        List<String> stems = terms.terms().stream().map(QueryTerms.Term::stem).toList();
        return new Ranked((int) top.totalHits.value, rank(top, subjects.meanShares(SectionQuery.BODY, stems)),
                new WordMatcher(terms, spellings, completion));
    }

    /** The best candidates, and an exact count of all hits (Lucene stops counting at 1000 by default). */
    private static TopScoreDocCollectorManager allHitsCounted() {
        return new TopScoreDocCollectorManager(CANDIDATES, Integer.MAX_VALUE);
    }

    /** The candidates in order of score times weight times how much their document is about the query. */
    private List<Entry> rank(TopDocs top, Map<Integer, Double> subjectShare) {
        record Scored(Entry entry, double score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (ScoreDoc hit : top.scoreDocs) {
            Entry entry = entries.get(ordinalOf[hit.doc]);
            double subject = 1 + SUBJECT_BOOST * subjectShare.getOrDefault(entry.documentIndex(), 0.0);
            scored.add(new Scored(entry, hit.score * entry.weight() * subject));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        return scored.stream().map(Scored::entry).toList();
    }
}
