package org.transformerguide.search.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.transformerguide.content.ContentCatalog;
import org.transformerguide.content.ContentSource;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.testing.SelfContained;

/** The vector index of the real guide: exact search, recall, HNSW and the determinism of the embedding. */
@SelfContained
class VectorIndexTest {

    private static final VectorSearchProperties SETTINGS = new VectorSearchProperties(64, 150, 16, 100);
    private static final List<String> QUERIES = List.of("how does temperature change sampling", "HNSW graph layers",
            "backpropagation through time", "residual stream and layer normalization", "byte-pair encoding merges",
            "cosine similarity of embeddings", "learning rate warm-up", "XOR with a hidden layer");

    private static List<GuideDocument> documents;
    private static VectorIndex index;

    @BeforeAll
    static void buildTheGuidesIndex() {
        documents = new ContentCatalog(new ContentSource("./content"), Set.of(), false).documents();
        index = VectorIndex.build(documents, SETTINGS);
    }

    /** The reference: every chunk's cosine with the query in double precision, sorted, best first. */
    private static List<Integer> bruteForce(float[] query, int k) {
        record Scored(int chunk, double cosine) {
        }
        List<Scored> all = new ArrayList<>();
        for (int i = 0; i < index.chunks().size(); i++) {
            float[] v = index.vector(i);
            double dot = 0;
            double nq = 0;
            double nv = 0;
            for (int d = 0; d < v.length; d++) {
                dot += (double) query[d] * v[d];
                nq += (double) query[d] * query[d];
                nv += (double) v[d] * v[d];
            }
            all.add(new Scored(i, dot / Math.sqrt(nq * nv)));
        }
        all.sort(Comparator.comparingDouble(Scored::cosine).reversed());
        return all.subList(0, k).stream().map(Scored::chunk).toList();
    }

    @Test
    void theGuideIsCutIntoManyChunksOfUnitVectors() {
        assertThat(index.chunks()).hasSizeGreaterThan(500);
        assertThat(index.space().dimensions()).isEqualTo(64);
        for (int i = 0; i < index.chunks().size(); i += 37) {
            float[] v = index.vector(i);
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
            assertThat(index.chunks().get(i).text().split("\\s+").length).isBetween(GuideChunks.MIN_WORDS, 150);
            assertThat(index.chunks().get(i).url()).startsWith("/");
        }
        assertThat(index.chunks()).allSatisfy(c -> assertThat(c.snippet()).doesNotContain("---").hasSizeLessThanOrEqualTo(222));
    }

    @Test
    void exactSearchEqualsABruteForceReference() {
        for (String q : QUERIES) {
            float[] query = index.space().embed(q);
            List<VectorIndex.Hit> hits = index.exact(query, 10).hits();
            assertThat(hits).extracting(VectorIndex.Hit::chunk).as(q).containsExactlyElementsOf(bruteForce(query, 10));
            assertThat(index.exact(query, 10).visited()).isEqualTo(index.chunks().size());
            for (int i = 1; i < hits.size(); i++) {
                assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
            }
        }
    }

    @Test
    void recallIsTheShareOfTheExactTopKThatTheApproximateSearchFound() {
        List<VectorIndex.Hit> exact = List.of(new VectorIndex.Hit(1, 0.9f), new VectorIndex.Hit(2, 0.8f),
                new VectorIndex.Hit(3, 0.7f), new VectorIndex.Hit(4, 0.6f));
        List<VectorIndex.Hit> approximate = List.of(new VectorIndex.Hit(2, 0.8f), new VectorIndex.Hit(1, 0.9f),
                new VectorIndex.Hit(7, 0.65f), new VectorIndex.Hit(4, 0.6f));
        assertThat(VectorIndex.recall(approximate, exact)).isEqualTo(0.75);
        assertThat(VectorIndex.recall(exact, exact)).isEqualTo(1.0);
        assertThat(VectorIndex.recall(List.of(new VectorIndex.Hit(9, 0.5f)), exact)).isEqualTo(0.0);
    }

    @Test
    void hnswWithAGenerousBeamFindsTheTrueNeighbours() {
        for (String q : QUERIES) {
            float[] query = index.space().embed(q);
            VectorIndex.Found exact = index.exact(query, 10);
            VectorIndex.Found approximate = index.hnsw(query, 10, 300);
            assertThat(VectorIndex.recall(approximate.hits(), exact.hits())).as(q).isEqualTo(1.0);
            assertThat(approximate.hits()).extracting(VectorIndex.Hit::chunk).as(q)
                    .containsExactlyElementsOf(exact.hits().stream().map(VectorIndex.Hit::chunk).toList());
            // a narrow beam looks at fewer vectors than there are
            assertThat(index.hnsw(query, 10, 10).visited()).as(q).isLessThan(index.chunks().size());
        }
    }

    @Test
    void theEmbeddingIsDeterministic() {
        VectorIndex again = VectorIndex.build(documents, SETTINGS);
        assertThat(again.chunks()).hasSameSizeAs(index.chunks());
        for (int i = 0; i < index.chunks().size(); i++) {
            assertThat(again.vector(i)).isEqualTo(index.vector(i));
        }
        assertThat(again.space().embed("attention heads")).isEqualTo(index.space().embed("attention heads"));
    }

    @Test
    void queriesAreFoldedIntoTheSameSpaceAsTheChunks() {
        // a chunk's own text, as a query, finds that chunk first
        for (int i = 0; i < index.chunks().size(); i += 101) {
            float[] query = index.space().embed(index.chunks().get(i).text());
            assertThat(query).isEqualTo(index.vector(i));
            assertThat(index.exact(query, 1).hits().get(0).chunk()).isEqualTo(i);
        }
        assertThat(index.space().embed("zzqx qqqz")).as("no known word, no vector").isNull();
        assertThat(index.space().knownWords("The Softmax of logits")).containsExactly("softmax", "logit");
    }

    @Test
    void aTopicalQueryFindsTheSectionsAboutIt() {
        List<VectorIndex.Hit> hits = index.exact(index.space().embed("HNSW graph layers beam search"), 5).hits();
        assertThat(hits).extracting(h -> index.chunks().get(h.chunk()).document()).contains("knowledge_store");
    }
}
