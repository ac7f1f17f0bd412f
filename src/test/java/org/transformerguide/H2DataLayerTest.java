package org.transformerguide;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The data-layer contract on the embedded H2 database (in memory, as every other test). */
@SpringBootTest
@ActiveProfiles("test")
class H2DataLayerTest extends DataLayerContract {
}
