package org.transformerguide.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

/**
 * Two tokenizers of published models, for comparison with the playground's own: GPT-2's byte-level BPE
 * (r50k_base, 50,257 tokens) and cl100k_base (about 100,000 tokens, GPT-3.5 and GPT-4), through jtokkit,
 * whose jar carries both vocabularies. Loading a vocabulary takes about a second, so each is loaded once,
 * on first use. Special tokens such as {@code <|endoftext|>} are read as ordinary text. They live outside the
 * playground because the guide's tokenizer widget states their counts too (playground.tokenizer.Tokenization
 * shows their token boundaries).
 */
public enum PublishedTokenizers {

    GPT2("GPT-2 (r50k_base)", EncodingType.R50K_BASE),
    CL100K("cl100k_base (GPT-3.5, GPT-4)", EncodingType.CL100K_BASE);

    private final String label;
    private final EncodingType type;

    PublishedTokenizers(String label, EncodingType type) {
        this.label = label;
        this.type = type;
    }

    public String label() {
        return label;
    }

    public Encoding encoding() {
        return Registry.INSTANCE.getEncoding(type);
    }

    public int[] encode(String text) {
        return encoding().encodeOrdinary(text).toArray();
    }

    public String decode(int[] ids) {
        IntArrayList list = new IntArrayList(ids.length);
        for (int id : ids) {
            list.add(id);
        }
        return encoding().decode(list);
    }

    /** The UTF-8 bytes each of {@code ids} stands for (concatenated, they are the text's UTF-8 encoding). */
    public byte[][] tokenBytes(int[] ids) {
        Encoding encoding = encoding();
        byte[][] bytes = new byte[ids.length][];
        IntArrayList one = new IntArrayList(1);
        for (int i = 0; i < ids.length; i++) {
            one.clear();
            one.add(ids[i]);
            bytes[i] = encoding.decodeBytes(one);
        }
        return bytes;
    }

    /** The lazy registry: a vocabulary is read from the jar the first time it is asked for. */
    private static final class Registry {
        static final EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();
    }
}
