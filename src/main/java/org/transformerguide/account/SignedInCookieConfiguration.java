package org.transformerguide.account;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link SignedInCookieFilter} right after Spring Security's filters (and before the pages). */
@Configuration(proxyBeanMethods = false)
class SignedInCookieConfiguration {

    @Bean
    FilterRegistrationBean<SignedInCookieFilter> signedInCookie() {
        FilterRegistrationBean<SignedInCookieFilter> registration = new FilterRegistrationBean<>(new SignedInCookieFilter());
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.setName("signedInCookie");
        return registration;
    }
}
