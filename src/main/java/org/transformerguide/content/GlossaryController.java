package org.transformerguide.content;

import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.transformerguide.content.document.GuideDocument;

/** The glossary's terms with their short definitions, for the hover cards on glossary links. */
@RestController
@Tag(name = "Glossary")
class GlossaryController {

    private final GuideContent content;

    GlossaryController(GuideContent content) {
        this.content = content;
    }

    record Term(String id, String term, String definition, String url) {
    }

    @Operation(summary = "The glossary's terms with their short definitions and links")
    @GetMapping("/api/glossary")
    ResponseEntity<List<Term>> terms() {
        List<Term> terms = content.document("glossary").map(GlossaryController::terms).orElse(List.of());
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(terms);
    }

    /** Every {@code ###} entry; its definition is the entry's first paragraph. */
    static List<Term> terms(GuideDocument glossary) {
        return glossary.sections().stream()
                .filter(s -> s.level() == 3)
                .map(s -> new Term(s.id(), s.title(), s.text().lines().findFirst().orElse("").strip(),
                        glossary.url() + "#" + s.id()))
                .toList();
    }
}
