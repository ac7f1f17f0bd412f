package org.transformerguide.search.vectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.transformerguide.content.ContentReloaded;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.search.InvalidSearchException;
import org.transformerguide.search.ReloadingIndex;
import org.transformerguide.search.SearchService;

/**
 * Vector search over the guide's chunks: approximate (HNSW) and exact, compared. Built at start-up
 * and rebuilt, like the text index, whenever the content has reloaded ({@link ContentReloaded}).
 */
@Service
public class VectorSearchService {

    private static final Logger log = LoggerFactory.getLogger(VectorSearchService.class);

    public static final int DEFAULT_K = 5;
    public static final int MAX_K = 20;
    public static final int DEFAULT_CANDIDATES = 10;
    public static final int MAX_CANDIDATES = 500;
    /** Timed runs per search, after one untimed run; the median resists a stray pause of the machine. */
    static final int REPEATS = 5;
    static final String METHOD = "Latent semantic analysis: TF-IDF weights of the guide's words, projected onto "
            + "the top singular vectors of the chunk-by-word matrix (a truncated SVD), scaled to unit length. "
            + "Computed from the guide alone; not a neural encoder.";

    private final VectorSearchProperties settings;
    private final ReloadingIndex<VectorIndex> index;

    public VectorSearchService(GuideContent content, VectorSearchProperties settings) {
        this.settings = settings;
        this.index = new ReloadingIndex<>(content, this::build);
    }

    /**
     * @param k how many results, 1 to {@value #MAX_K} ({@code null}: {@value #DEFAULT_K})
     * @param candidates the HNSW beam, k to {@value #MAX_CANDIDATES} ({@code null}: the larger of k and
     *                   {@value #DEFAULT_CANDIDATES})
     * @throws InvalidSearchException (a 400) for a missing or over-long query or a bound exceeded
     */
    public VectorComparison compare(String q, Integer k, Integer candidates) {
        String query = SearchService.validQuery(q);
        int top = k == null ? DEFAULT_K : k;
        if (top < 1 || top > MAX_K) {
            throw new InvalidSearchException("k must be between 1 and " + MAX_K + ".");
        }
        int beam = candidates == null ? Math.max(top, DEFAULT_CANDIDATES) : candidates;
        if (beam < top || beam > MAX_CANDIDATES) {
            throw new InvalidSearchException("candidates must be between k (" + top + ") and " + MAX_CANDIDATES + ".");
        }
        VectorIndex current = current();
        LatentSemanticSpace space = current.space();
        VectorComparison.Embedding embedding = new VectorComparison.Embedding(METHOD, space.dimensions(),
                space.vocabularySize(), current.chunks().size());
        VectorComparison.Index about = new VectorComparison.Index("Lucene HNSW (KnnFloatVectorField, dot product of unit vectors)",
                current.m(), current.beamWidth());
        float[] vector = space.embed(query);
        if (vector == null) {
            VectorComparison.Search none = new VectorComparison.Search(List.of(), 0, 0);
            return new VectorComparison(query, top, beam, List.of(), embedding, about, none, none, null);
        }
        Timed<VectorIndex.Found> approximate = timed(() -> current.hnsw(vector, top, beam));
        Timed<VectorIndex.Found> exact = timed(() -> current.exact(vector, top));
        List<VectorIndex.Hit> hnswHits = approximate.value().hits();
        List<VectorIndex.Hit> exactHits = exact.value().hits();
        return new VectorComparison(query, top, beam, space.knownWords(query), embedding, about,
                search(current, approximate, exactHits), search(current, exact, hnswHits),
                VectorIndex.recall(hnswHits, exactHits));
    }

    private static VectorComparison.Search search(VectorIndex index, Timed<VectorIndex.Found> timed, List<VectorIndex.Hit> other) {
        Set<Integer> shared = other.stream().map(VectorIndex.Hit::chunk).collect(Collectors.toSet());
        List<VectorComparison.Result> results = new ArrayList<>();
        for (VectorIndex.Hit hit : timed.value().hits()) {
            Chunk c = index.chunks().get(hit.chunk());
            results.add(new VectorComparison.Result(c.id(), c.document(), c.documentTitle(), c.section(), c.sectionTitle(),
                    c.url(), c.snippet(), hit.score(), shared.contains(hit.chunk())));
        }
        return new VectorComparison.Search(results, timed.value().visited(), timed.micros());
    }

    private record Timed<T>(T value, double micros) {
    }

    private static <T> Timed<T> timed(Supplier<T> search) {
        T value = search.get();
        long[] nanos = new long[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            search.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new Timed<>(value, Math.round(nanos[REPEATS / 2] / 100.0) / 10.0);
    }

    /** The index of the guide as it is now. */
    VectorIndex current() {
        return index.current();
    }

    @EventListener
    public void contentReloaded(ContentReloaded event) {
        index.rebuild(event.documents());
    }

    private VectorIndex build(List<GuideDocument> documents) {
        long started = System.nanoTime();
        VectorIndex built = VectorIndex.build(documents, settings);
        log.info("Embedded {} chunks of the guide in {} dimensions ({} words) and built their HNSW graph in {} ms",
                built.chunks().size(), built.space().dimensions(), built.space().vocabularySize(),
                (System.nanoTime() - started) / 1_000_000);
        return built;
    }
}
