package org.transformerguide.account;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The workshop's pages (accounts for a room, one-time links, cohorts and joining them) in a filter chain
 * of their own, ahead of the guide's: instructors' pages need the INSTRUCTOR role (an admin has it too),
 * and a visitor who is not signed in is sent to sign in and back.
 */
@Configuration(proxyBeanMethods = false)
class WorkshopSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain workshopFilterChain(HttpSecurity http, SecurityContextRepository contexts,
                                            ProblemDetailSecurityHandler problems) throws Exception {
        AntPathRequestMatcher api = new AntPathRequestMatcher("/api/**");
        http.securityMatcher(new OrRequestMatcher(paths("/accounts/**", "/account/**", "/cohorts/**", "/join/**",
                        "/my/cohorts/**", "/api/cohorts/**")))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths("/account/link/**")).permitAll()
                        .requestMatchers(new AntPathRequestMatcher("/join/**", "GET")).permitAll()
                        .requestMatchers(paths("/accounts/**", "/cohorts/**", "/api/cohorts/**")).hasRole(AccountProperties.INSTRUCTOR)
                        .anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(contexts))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(problems, api)
                        .defaultAccessDeniedHandlerFor(problems, api)
                        .authenticationEntryPoint(signInAndComeBack()));
        return http.build();
    }

    /** Pages and APIs stay closed to an account that must still choose its password. */
    @Bean
    FilterRegistrationBean<PasswordChangeFilter> passwordChangeFilter(ProblemDetailSecurityHandler problems) {
        FilterRegistrationBean<PasswordChangeFilter> registration = new FilterRegistrationBean<>(new PasswordChangeFilter(problems));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1); // after Spring Security has the session's context
        return registration;
    }

    private static AntPathRequestMatcher[] paths(String... patterns) {
        AntPathRequestMatcher[] matchers = new AntPathRequestMatcher[patterns.length];
        for (int i = 0; i < patterns.length; i++) {
            matchers[i] = new AntPathRequestMatcher(patterns[i]);
        }
        return matchers;
    }

    private static AuthenticationEntryPoint signInAndComeBack() {
        return (request, response, e) -> response.sendRedirect("/signin?next=" + URLEncoder.encode(pathOf(request), StandardCharsets.UTF_8));
    }

    private static String pathOf(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) ? request.getRequestURI() : "/";
    }
}
