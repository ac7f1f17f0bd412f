package org.transformerguide.playground.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte-level byte-pair encoding (BPE), the GPT-2 scheme: ids 0 to 255 are the 256 byte values, so any
 * text has an encoding (its UTF-8 bytes) and decodes back exactly; every further id is a merge of two
 * earlier tokens, learned from a corpus by repeatedly merging its most frequent adjacent pair.
 *
 * <p>As in GPT-2, the text is first cut into pieces (a word with its leading space, a run of digits,
 * a run of punctuation, whitespace) and pairs are counted and merged only inside a piece, so no token
 * spans two words. Unlike GPT-2, combining marks stay with their letters, and pieces longer than
 * {@value #MAX_PIECE_CHARS} characters are cut, so that a pathological corpus (one huge "word") can
 * make neither training nor encoding quadratic.
 *
 * <p>Pair counts are naive, as in Karpathy's minbpe: "aaa" holds the pair (a, a) twice. Ties between
 * equally frequent pairs go to the smaller first id, then the smaller second id. Training stops early
 * when no pair occurs twice, so {@link #vocabSize()} can be smaller than asked for.
 */
public final class BytePairTokenizer implements Tokenizer {

    static final String HEADER = "byte-pair-tokenizer v1";
    /** Names the pre-tokenization below; change it whenever {@link #PIECES} or the cutting rule changes. */
    private static final String PIECES_VERSION = "pieces gpt2-with-marks max128";
    static final int BYTE_TOKENS = 256;
    static final int MAX_PIECE_CHARS = 128;
    private static final int CACHE_LIMIT = 100_000;

    /** GPT-2's pre-tokenization pattern, with combining marks ({@code \p{M}}) counted as part of a word. */
    private static final Pattern PIECES = Pattern.compile(
            "'(?:[sdmt]|ll|ve|re)| ?[\\p{L}\\p{M}]+| ?\\p{N}+| ?[^\\s\\p{L}\\p{M}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** merges[i] = {left, right}: the pair that token 256 + i replaces. */
    private final int[][] merges;
    /** Pair (see {@link #pair}) to the id it merges into. */
    private final Map<Long, Integer> mergedId = new HashMap<>();
    /** The bytes each token stands for. */
    private final byte[][] tokenBytes;
    /** Encodings of pieces seen before; text repeats words a lot. */
    private final Map<String, int[]> pieceCache = new ConcurrentHashMap<>();

    private BytePairTokenizer(int[][] merges) {
        this.merges = merges;
        this.tokenBytes = new byte[BYTE_TOKENS + merges.length][];
        for (int b = 0; b < BYTE_TOKENS; b++) {
            tokenBytes[b] = new byte[] {(byte) b};
        }
        for (int i = 0; i < merges.length; i++) {
            int id = BYTE_TOKENS + i;
            int left = merges[i][0];
            int right = merges[i][1];
            if (left < 0 || right < 0 || left >= id || right >= id) {
                throw new IllegalArgumentException("Merge " + i + " (" + left + ", " + right + ") refers to a token not yet defined");
            }
            tokenBytes[id] = concat(tokenBytes[left], tokenBytes[right]);
            mergedId.put(pair(left, right), id);
        }
    }

    /**
     * Learns merges from {@code corpus} until the vocabulary has {@code vocabSize} tokens (256 bytes plus
     * merges) or no pair occurs twice.
     */
    public static BytePairTokenizer train(String corpus, int vocabSize) {
        if (vocabSize < BYTE_TOKENS) {
            throw new IllegalArgumentException("A byte-level vocabulary needs at least 256 tokens, not " + vocabSize);
        }
        // Each distinct piece once, with how often it occurs: the merges only depend on that.
        Map<String, Long> pieceCounts = new HashMap<>();
        for (String piece : pieces(corpus)) {
            pieceCounts.merge(piece, 1L, Long::sum);
        }
        int[][] words = new int[pieceCounts.size()][];
        long[] wordCounts = new long[words.length];
        int w = 0;
        for (Map.Entry<String, Long> entry : pieceCounts.entrySet()) {
            words[w] = bytesAsIds(entry.getKey());
            wordCounts[w++] = entry.getValue();
        }

        // How often each pair occurs, which words hold it, and the pairs by count (stale entries skipped).
        Map<Long, Long> pairCounts = new HashMap<>();
        Map<Long, Set<Integer>> pairWords = new HashMap<>();
        for (w = 0; w < words.length; w++) {
            addPairs(words[w], wordCounts[w], w, pairCounts, pairWords, null);
        }
        PriorityQueue<long[]> byCount = new PriorityQueue<>(
                Comparator.<long[]>comparingLong(e -> -e[0]).thenComparingLong(e -> e[1]));
        pairCounts.forEach((key, count) -> byCount.add(new long[] {count, key}));

        List<int[]> merges = new ArrayList<>();
        while (BYTE_TOKENS + merges.size() < vocabSize) {
            long[] top;
            while ((top = byCount.peek()) != null && pairCounts.getOrDefault(top[1], 0L) != top[0]) {
                byCount.poll(); // a count that has changed since this entry was queued
            }
            if (top == null || top[0] < 2) {
                break;
            }
            byCount.poll();
            long best = top[1];
            int left = (int) (best >>> 32);
            int right = (int) best;
            int id = BYTE_TOKENS + merges.size();
            merges.add(new int[] {left, right});

            // Rewrite only the words that hold the pair, moving their pair counts from old to new.
            Set<Long> changed = new HashSet<>();
            for (int word : pairWords.remove(best)) {
                int[] merged = mergePair(words[word], left, right, id);
                if (merged != words[word]) {
                    addPairs(words[word], -wordCounts[word], word, pairCounts, null, changed);
                    addPairs(merged, wordCounts[word], word, pairCounts, pairWords, changed);
                    words[word] = merged;
                }
            }
            for (long key : changed) {
                Long count = pairCounts.get(key);
                if (count != null) {
                    byCount.add(new long[] {count, key});
                }
            }
        }
        return new BytePairTokenizer(merges.toArray(new int[0][]));
    }

    /** Adds {@code count} for every adjacent pair of {@code ids} (subtracts, for a negative count). */
    private static void addPairs(int[] ids, long count, int word, Map<Long, Long> pairCounts,
                                 Map<Long, Set<Integer>> pairWords, Set<Long> changed) {
        for (int i = 0; i + 1 < ids.length; i++) {
            long key = pair(ids[i], ids[i + 1]);
            Long total = pairCounts.merge(key, count, Long::sum);
            if (total == 0) {
                pairCounts.remove(key);
            }
            if (pairWords != null) {
                pairWords.computeIfAbsent(key, k -> new HashSet<>()).add(word);
            }
            if (changed != null) {
                changed.add(key);
            }
        }
    }

    /** Replaces every occurrence of (left, right), left to right, by {@code id}; the same array if none. */
    private static int[] mergePair(int[] ids, int left, int right, int id) {
        int[] out = new int[ids.length];
        int n = 0;
        for (int i = 0; i < ids.length; ) {
            if (i + 1 < ids.length && ids[i] == left && ids[i + 1] == right) {
                out[n++] = id;
                i += 2;
            } else {
                out[n++] = ids[i++];
            }
        }
        return n == ids.length ? ids : Arrays.copyOf(out, n);
    }

    /** A pair of ids as one map key; ids are non-negative, so keys order like (left, right). */
    private static long pair(int left, int right) {
        return ((long) left << 32) | right;
    }

    /** The pieces of {@code text} in order; their concatenation is {@code text}. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = PIECES.matcher(text);
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() > end) {
                addCut(text.substring(end, matcher.start()), pieces); // the pattern covers all text; this is a guard
            }
            addCut(matcher.group(), pieces);
            end = matcher.end();
        }
        if (end < text.length()) {
            addCut(text.substring(end), pieces);
        }
        return pieces;
    }

    /** Adds {@code piece} cut into parts of at most {@value #MAX_PIECE_CHARS} chars, never inside a surrogate pair. */
    private static void addCut(String piece, List<String> pieces) {
        for (int start = 0; start < piece.length(); ) {
            int end = Math.min(piece.length(), start + MAX_PIECE_CHARS);
            if (end < piece.length() && Character.isHighSurrogate(piece.charAt(end - 1))) {
                end--;
            }
            pieces.add(piece.substring(start, end));
            start = end;
        }
    }

    private static int[] bytesAsIds(String piece) {
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xFF;
        }
        return ids;
    }

    @Override
    public int[] encode(String text) {
        int[] ids = new int[Math.max(16, text.length())];
        int n = 0;
        for (String piece : pieces(text)) {
            int[] encoded = pieceCache.get(piece);
            if (encoded == null) {
                encoded = encodePiece(piece);
                if (pieceCache.size() < CACHE_LIMIT) {
                    pieceCache.put(piece, encoded);
                }
            }
            if (n + encoded.length > ids.length) {
                ids = Arrays.copyOf(ids, Math.max(ids.length * 2, n + encoded.length));
            }
            System.arraycopy(encoded, 0, ids, n, encoded.length);
            n += encoded.length;
        }
        return Arrays.copyOf(ids, n);
    }

    /** Applies the merges in the order they were learned: always the earliest-learned pair present first. */
    private int[] encodePiece(String piece) {
        int[] ids = bytesAsIds(piece);
        while (ids.length >= 2) {
            int best = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < ids.length; i++) {
                Integer id = mergedId.get(pair(ids[i], ids[i + 1]));
                if (id != null && id < best) {
                    best = id;
                }
            }
            if (best == Integer.MAX_VALUE) {
                break;
            }
            int[] merge = merges[best - BYTE_TOKENS];
            ids = mergePair(ids, merge[0], merge[1], best);
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length * 2);
        for (int id : ids) {
            bytes.writeBytes(tokenBytes(id));
        }
        // Malformed UTF-8 (a sampled sequence may stop mid-character) becomes U+FFFD, never an exception.
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String tokenText(int id) {
        return new String(tokenBytes(id), StandardCharsets.UTF_8);
    }

    /** The bytes token {@code id} stands for (a copy). */
    public byte[] tokenBytes(int id) {
        if (id < 0 || id >= tokenBytes.length) {
            throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary [0, " + vocabSize() + ")");
        }
        return tokenBytes[id].clone();
    }

    @Override
    public int vocabSize() {
        return tokenBytes.length;
    }

    /** The learned merges in order: element i = {left, right}, the pair token 256 + i replaces. */
    public List<int[]> merges() {
        return Arrays.stream(merges).map(int[]::clone).toList();
    }

    /** Header, pre-tokenization version, then one merge per line: "left right" (token 256 + line index). */
    @Override
    public String serialize() {
        StringBuilder out = new StringBuilder(HEADER).append('\n').append(PIECES_VERSION).append('\n');
        for (int[] merge : merges) {
            out.append(merge[0]).append(' ').append(merge[1]).append('\n');
        }
        return out.toString();
    }

    static BytePairTokenizer deserialize(String form) {
        List<String> lines = form.lines().toList();
        if (lines.size() < 2 || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("Not a serialized byte-pair tokenizer");
        }
        if (!lines.get(1).equals(PIECES_VERSION)) {
            throw new IllegalArgumentException("Byte-pair tokenizer saved with another pre-tokenization ('" + lines.get(1) + "')");
        }
        int[][] merges = lines.subList(2, lines.size()).stream()
                .filter(line -> !line.isBlank())
                .map(line -> Arrays.stream(line.strip().split(" ")).mapToInt(Integer::parseInt).toArray())
                .peek(merge -> {
                    if (merge.length != 2) {
                        throw new IllegalArgumentException("A merge line needs two ids");
                    }
                })
                .toArray(int[][]::new);
        return new BytePairTokenizer(merges);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
