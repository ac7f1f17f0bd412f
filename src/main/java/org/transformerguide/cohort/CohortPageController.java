package org.transformerguide.cohort;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.transformerguide.account.AccountProperties;

/** The instructor's pages: their cohorts (an admin sees all), one cohort's live grid, join codes, CSV. */
@Controller
class CohortPageController {

    private final CohortService cohorts;
    private final CohortGrid grids;

    CohortPageController(CohortService cohorts, CohortGrid grids) {
        this.cohorts = cohorts;
        this.grids = grids;
    }

    static boolean isAdmin(HttpServletRequest request) {
        return request.isUserInRole(AccountProperties.ADMIN);
    }

    @GetMapping("/cohorts")
    String list(Principal who, HttpServletRequest request, Model model) {
        model.addAttribute("cohorts", cohorts.visibleTo(who.getName(), isAdmin(request)));
        model.addAttribute("now", Instant.now());
        return "cohort/list";
    }

    @PostMapping("/cohorts")
    String create(@RequestParam String name, @RequestParam(required = false) LocalDate endsOn, Principal who) {
        if (name.isBlank() || name.strip().length() > 80) {
            return "redirect:/cohorts?invalid";
        }
        Cohort cohort = cohorts.create(who.getName(), name, endsOn);
        return "redirect:/cohorts/" + cohort.id();
    }

    @GetMapping("/cohorts/{id}")
    String grid(@PathVariable long id, Principal who, HttpServletRequest request, Model model) {
        Cohort cohort = cohorts.manageable(id, who.getName(), isAdmin(request));
        model.addAttribute("cohort", cohort);
        model.addAttribute("codeLive", cohort.joinCodeLive(Instant.now()));
        model.addAttribute("joinLink", cohort.joinCode() == null ? null
                : ServletUriComponentsBuilder.fromCurrentContextPath().path("/join/" + cohort.joinCode()).toUriString());
        return "cohort/grid";
    }

    @PostMapping("/cohorts/{id}/code")
    String newCode(@PathVariable long id, @RequestParam(defaultValue = "168") long validHours, Principal who, HttpServletRequest request) {
        Cohort cohort = cohorts.manageable(id, who.getName(), isAdmin(request));
        cohorts.newJoinCode(cohort, Duration.ofHours(Math.max(1, Math.min(validHours, 24 * 90))));
        return "redirect:/cohorts/" + id;
    }

    @PostMapping("/cohorts/{id}/code/revoke")
    String revokeCode(@PathVariable long id, Principal who, HttpServletRequest request) {
        cohorts.revokeJoinCode(cohorts.manageable(id, who.getName(), isAdmin(request)));
        return "redirect:/cohorts/" + id;
    }

    @GetMapping("/cohorts/{id}/export.csv")
    ResponseEntity<byte[]> csv(@PathVariable long id, Principal who, HttpServletRequest request) {
        Cohort cohort = cohorts.manageable(id, who.getName(), isAdmin(request));
        String file = "cohort-" + id + "-" + LocalDate.now() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .body(grids.csv(cohort).getBytes(StandardCharsets.UTF_8));
    }
}
