package org.transformerguide.pages;

import org.springframework.core.Ordered;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serves guide pages first of all, before Spring Security and Spring MVC: a page is public and the same
 * for everyone, so it costs a map look-up and one write (measured by web.bench.PageBench: the security
 * filters alone halved the pages' throughput). The filter sends the security headers itself.
 */
@Configuration(proxyBeanMethods = false)
class PageArtifactConfiguration {

    @Bean
    FilterRegistrationBean<PageArtifactFilter> pageArtifactFilter(PageArtifacts pages) {
        FilterRegistrationBean<PageArtifactFilter> registration = new FilterRegistrationBean<>(new PageArtifactFilter(pages));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE); // before the observation filter too: pages are not in http.server.requests
        registration.addUrlPatterns("/", "/guide/*");
        registration.setName("pageArtifacts");
        return registration;
    }
}
