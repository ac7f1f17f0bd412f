package org.transformerguide;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.transformerguide.playground.model.NativeBuild;
import org.transformerguide.playground.service.TrainDefaultCommand;
import org.transformerguide.pages.ExportStaticCommand;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TransformerGuideApplication {

    public static void main(String[] args) {
        NativeBuild.select(); // before any ND4J class loads: the playground runs on the oneDNN build
        if (TrainDefaultCommand.requested(args)) {
            System.exit(TrainDefaultCommand.run(args)); // a build step, not a server: train, save, exit
        }
        if (ExportStaticCommand.requested(args)) {
            System.exit(ExportStaticCommand.run(TransformerGuideApplication.class, args)); // write the static site, exit
        }
        SpringApplication.run(TransformerGuideApplication.class, args);
    }
}
