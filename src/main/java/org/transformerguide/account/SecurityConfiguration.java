package org.transformerguide.account;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/**
 * Reading needs no account; only the progress API does, and creating or deleting playground models
 * needs the manager role ({@code guide.playground.models.manager-role}, granted by an admin through {@link AccountRoles}). Sign-in is a form with CSRF protection, and
 * API clients get RFC 9457 problem details instead of a redirect to the sign-in page.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String MODELS = "/api/playground/models/**";
    /** Also sent with the guide's pages, which are answered before these filters (pages.PageArtifactFilter). */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // bcrypt, upgradeable later
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                new HttpSessionSecurityContextRepository());
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityContextRepository contexts,
                                            ProblemDetailSecurityHandler problems, SignInThrottle throttle,
                                            @Value("${guide.playground.models.manager-role:INSTRUCTOR}") String managerRole) throws Exception {
        AntPathRequestMatcher api = new AntPathRequestMatcher("/api/**");
        String manager = RoleNames.of(managerRole);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(new AntPathRequestMatcher("/api/progress/**")).authenticated()
                        // Training and deleting playground models (reading them is for everyone).
                        .requestMatchers(new AntPathRequestMatcher(MODELS, "POST")).hasRole(manager)
                        .requestMatchers(new AntPathRequestMatcher(MODELS, "DELETE")).hasRole(manager)
                        .anyRequest().permitAll())
                .securityContext(context -> context.securityContextRepository(contexts))
                .formLogin(form -> form.loginPage("/signin").loginProcessingUrl("/signin")
                        .successHandler(new ReturnToPageHandler(throttle))
                        .failureHandler(new SignInFailureHandler(throttle)).permitAll())
                .addFilterBefore(new SignInThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new EarlyUploadRefusalFilter(problems, manager), CsrfFilter.class)
                .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl("/?signedout")
                        .deleteCookies(SignedInCookieFilter.COOKIE))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(problems, api)
                        .defaultAccessDeniedHandlerFor(problems, api)
                        // a single default would answer pages too; these get the site's error page
                        .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), AnyRequestMatcher.INSTANCE))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
