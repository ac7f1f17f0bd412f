package org.transformerguide.playground.api;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.transformerguide.playground.service.CustomModelService;
import org.transformerguide.playground.service.ModelManagementProperties;

/**
 * Upload limits that follow {@code guide.playground.models.max-corpus-size}: the only uploads the platform
 * takes are corpora. The servlet container refuses a larger file (or a larger pasted-text field) while it
 * reads the request, before any controller runs; the advice below turns that into the same 413 problem
 * detail the controller gives.
 */
@Configuration(proxyBeanMethods = false)
class ModelUploadConfiguration {

    /** Room for the other form fields and the multipart headers around a corpus of exactly the limit. */
    private static final long FORM_OVERHEAD = 64 * 1024;

    @Bean
    MultipartConfigElement multipartConfigElement(ModelManagementProperties settings) {
        long limit = settings.maxCorpusSize().toBytes();
        return new MultipartConfigElement("", limit, limit + FORM_OVERHEAD, 0);
    }

    /** Tomcat counts multipart text fields against its form limit (2 MB unless set): let pasted text be as large as a file. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> pastedCorpusFormLimit(ModelManagementProperties settings) {
        long needed = settings.maxCorpusSize().toBytes() + FORM_OVERHEAD;
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addConnectorCustomizers(connector -> {
                    int current = connector.getMaxPostSize();
                    if (current >= 0 && current < needed) {
                        connector.setMaxPostSize((int) Math.min(Integer.MAX_VALUE, needed));
                    }
                });
            }
        };
    }

    /**
     * Applies to every request (no controller is known yet when the upload is refused), and handles only
     * this exception.
     */
    @RestControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class UploadTooLarge {

        private final CustomModelService custom;

        UploadTooLarge(CustomModelService custom) {
            this.custom = custom;
        }

        @ExceptionHandler(MaxUploadSizeExceededException.class)
        ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                    "The upload is larger than the corpus limit of " + custom.limitText());
            problem.setProperty("parameter", "corpus");
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
    }
}
