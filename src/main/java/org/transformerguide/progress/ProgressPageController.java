package org.transformerguide.progress;

import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /progress}: completion per document and per learning path. */
@Controller
class ProgressPageController {

    private final ProgressService progress;

    ProgressPageController(ProgressService progress) {
        this.progress = progress;
    }

    @GetMapping("/progress")
    String page(Principal learner, Model model) {
        model.addAttribute("progress", learner == null ? progress.empty() : progress.progressOf(learner.getName()));
        model.addAttribute("signedIn", learner != null);
        return "progress";
    }
}
