package org.transformerguide.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-up and the sign-in page (Spring Security processes the sign-in form itself). */
@Controller
class AccountController {

    private final AccountService accounts;
    private final SecurityContextRepository contexts;

    AccountController(AccountService accounts, SecurityContextRepository contexts) {
        this.accounts = accounts;
        this.contexts = contexts;
    }

    @GetMapping("/signin")
    String signIn(@RequestParam(required = false) String next, @RequestParam(required = false) String locked, Model model) {
        model.addAttribute("next", ReturnToPageHandler.safeNext(next));
        model.addAttribute("lockedSeconds", lockedSeconds(locked));
        return "account/signin";
    }

    /** The wait the sign-in redirect named, if it is a plain number of seconds (anything else is ignored). */
    private static Long lockedSeconds(String locked) {
        return locked != null && locked.matches("[0-9]{1,7}") ? Long.valueOf(locked) : null;
    }

    /** Signing out is a POST (CSRF-protected); this page asks for it, so pages need no token in the header. */
    @GetMapping("/signout")
    String signOutPage() {
        return "account/signout";
    }

    @GetMapping("/signup")
    String signUpForm(@RequestParam(required = false) String next, Model model) {
        model.addAttribute("form", SignupForm.empty());
        model.addAttribute("next", ReturnToPageHandler.safeNext(next));
        return "account/signup";
    }

    @PostMapping("/signup")
    String signUp(@Valid @ModelAttribute("form") SignupForm form, BindingResult errors,
                  @RequestParam(required = false) String next, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("next", ReturnToPageHandler.safeNext(next));
        if (!errors.hasFieldErrors("password") && !PasswordRules.fitsBcrypt(form.password())) {
            errors.rejectValue("password", "tooLong", PasswordRules.TOO_LONG);
        }
        if (!errors.hasFieldErrors("password") && !form.password().equals(form.confirm())) {
            errors.rejectValue("confirm", "mismatch", "The two passwords differ.");
        }
        if (errors.hasErrors()) {
            return "account/signup";
        }
        UserDetails user;
        try {
            user = accounts.signUp(form.username(), form.password());
        } catch (UsernameTakenException e) {
            errors.rejectValue("username", "taken", "That name is taken; choose another.");
            return "account/signup";
        }
        signIn(user, request, response);
        return "redirect:" + ReturnToPageHandler.safeNext(next);
    }

    /** A new account is signed in at once, in a fresh session (no session fixation). */
    private void signIn(UserDetails user, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        response.addHeader("Set-Cookie", SignedInCookieFilter.cookie(user.getUsername(), -1));
    }
}
