package org.transformerguide.operations;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Actuator: health (with the liveness and readiness groups) and info are public; metrics and the
 * Prometheus endpoint only for the ADMIN role, or for anyone who reaches the separate management port
 * ({@code management.server.port}), which an operator keeps off the public network for the scraper.
 */
@Configuration(proxyBeanMethods = false)
class OperationsSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain actuatorFilterChain(HttpSecurity http, SecurityContextRepository contexts,
                                            ManagementPort managementPort) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health", "info")).permitAll()
                        .anyRequest().access(adminOrManagementPort(managementPort)))
                .securityContext(context -> context.securityContextRepository(contexts))
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .csrf(csrf -> csrf.disable()); // read-only endpoints, no form posts
        return http.build();
    }

    static AuthorizationManager<RequestAuthorizationContext> adminOrManagementPort(ManagementPort managementPort) {
        return (authentication, context) -> {
            if (managementPort.isManagementRequest(context.getRequest().getLocalPort())) {
                return new AuthorizationDecision(true);
            }
            var auth = authentication.get();
            boolean admin = auth != null && auth.isAuthenticated()
                    && auth.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
            return new AuthorizationDecision(admin);
        };
    }
}
