package org.transformerguide.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Choosing a password: from a one-time link (first sign-in, reset) or when signed in and asked to. */
@Controller
class PasswordPagesController {

    private final RoomAccounts room;
    private final SessionSignIn sessions;

    PasswordPagesController(RoomAccounts room, SessionSignIn sessions) {
        this.room = room;
        this.sessions = sessions;
    }

    @GetMapping("/account/password")
    String passwordForm(Principal who, Model model) {
        model.addAttribute("form", NewPasswordForm.empty());
        model.addAttribute("username", who.getName());
        return "account/password";
    }

    @PostMapping("/account/password")
    String setPassword(@Valid @ModelAttribute("form") NewPasswordForm form, BindingResult errors, Principal who, Model model,
                       HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("username", who.getName());
        if (!checked(form, errors)) {
            return "account/password";
        }
        room.setOwnPassword(who.getName(), form.password());
        sessions.signIn(who.getName(), request, response);
        return "redirect:/?password-set";
    }

    @GetMapping("/account/link/{token}")
    String linkForm(@PathVariable String token, Model model, HttpServletResponse response) {
        var owner = room.linkOwner(token);
        if (owner.isEmpty()) {
            response.setStatus(HttpStatus.GONE.value());
            return "account/link-dead";
        }
        model.addAttribute("form", NewPasswordForm.empty());
        model.addAttribute("username", owner.get());
        return "account/link";
    }

    @PostMapping("/account/link/{token}")
    String useLink(@PathVariable String token, @Valid @ModelAttribute("form") NewPasswordForm form, BindingResult errors,
                   Model model, HttpServletRequest request, HttpServletResponse response) {
        var owner = room.linkOwner(token);
        if (owner.isEmpty()) {
            response.setStatus(HttpStatus.GONE.value());
            return "account/link-dead";
        }
        model.addAttribute("username", owner.get());
        if (!checked(form, errors)) {
            return "account/link";
        }
        var used = room.setPasswordFromLink(token, form.password());
        if (used.isEmpty()) {
            response.setStatus(HttpStatus.GONE.value());
            return "account/link-dead";
        }
        sessions.signIn(used.get(), request, response);
        return "redirect:/?password-set";
    }

    private static boolean checked(NewPasswordForm form, BindingResult errors) {
        if (!errors.hasFieldErrors("password") && !form.password().equals(form.confirm())) {
            errors.rejectValue("confirm", "mismatch", "The two passwords differ.");
        }
        return !errors.hasErrors();
    }
}
