package org.transformerguide;


/** The data-layer contract on the embedded H2 database (in memory, as every other test). */
@GuideApplicationTest
class H2DataLayerTest extends DataLayerContract {
}
