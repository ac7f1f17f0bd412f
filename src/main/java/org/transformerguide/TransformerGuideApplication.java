package org.transformerguide;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TransformerGuideApplication {

    public static void main(String[] args) {
        SpringApplication.run(TransformerGuideApplication.class, args);
    }
}
