package org.transformerguide.playground.api;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriComponentsBuilder;
import org.transformerguide.playground.service.CustomModelException;
import org.transformerguide.playground.service.CustomModelService;
import org.transformerguide.playground.service.ModelCatalog;
import org.transformerguide.playground.service.ModelPreset;
import org.transformerguide.playground.service.ModelCatalogEntry;
import org.transformerguide.playground.service.TrainingStatus;

/**
 * The model list, and custom models: created from an uploaded file or pasted text and trained in the
 * background (202 with the job; follow it on /api/playground/training?model=), deleted with their
 * checkpoint. Who may create and delete is decided by the security configuration (the manager role);
 * reading is for everyone.
 */
@RestController
@RequestMapping("/api/playground/models")
class ModelManagementController {

    private final ModelCatalog catalog;
    private final CustomModelService custom;

    ModelManagementController(ModelCatalog catalog, CustomModelService custom) {
        this.catalog = catalog;
        this.custom = custom;
    }

    record PresetView(String name, int nLayer, int nHead, int nEmbd, int blockSize, int iterations, int batchSize,
                      double learningRate) {
    }

    @GetMapping
    List<ModelCatalogEntry> models() {
        return catalog.list();
    }

    @GetMapping("/presets")
    List<PresetView> presets() {
        return custom.presets().entrySet().stream().map(e -> {
            ModelPreset p = e.getValue();
            return new PresetView(e.getKey(), p.nLayer(), p.nHead(), p.nEmbd(), p.blockSize(), p.iterations(), p.batchSize(),
                    p.learningRate());
        }).toList();
    }

    /**
     * Multipart (or a plain form): {@code name}, {@code preset} (default tiny), {@code tokenizer} (char or
     * bpe, default char), {@code vocabSize} (bpe only), and the corpus as a file part {@code corpus} or a
     * field {@code text}.
     */
    @PostMapping
    ResponseEntity<TrainingStatus> create(@RequestParam(required = false) String name, @RequestParam(required = false) String preset,
                                          @RequestParam(required = false) String tokenizer, @RequestParam(required = false) Integer vocabSize,
                                          @RequestPart(required = false) MultipartFile corpus,
                                          @RequestParam(required = false) String text) throws IOException {
        boolean hasFile = corpus != null && !corpus.isEmpty();
        boolean hasText = text != null && !text.isEmpty();
        if (hasFile && hasText) {
            throw new CustomModelException(CustomModelException.Reason.INVALID, "corpus", "Send either a file (corpus) or text, not both");
        }
        long limit = custom.settings().maxCorpusSize().toBytes();
        if (hasFile && corpus.getSize() > limit) {
            throw custom.tooLarge(corpus.getSize()); // before reading it into memory
        }
        byte[] bytes = hasFile ? corpus.getBytes() : hasText ? text.getBytes(StandardCharsets.UTF_8) : new byte[0];
        String corpusName = hasFile ? corpus.getOriginalFilename() : null;
        TrainingStatus job = custom.create(new CustomModelService.NewModel(name, preset, tokenizer, vocabSize, corpusName, bytes));
        URI progress = UriComponentsBuilder.fromPath("/api/playground/training").queryParam("model", job.model()).build().toUri();
        return ResponseEntity.accepted().location(progress).body(job);
    }

    /** 204; the default model cannot be deleted (409). */
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) throws IOException, InterruptedException {
        custom.delete(name);
        return ResponseEntity.noContent().build();
    }
}
