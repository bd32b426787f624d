package org.ctims.local;

import org.ctims.local.demo.DemoLoader;

/**
 * The last start-up step: demo data loaded the way real users would (rosters from a demo SIS on
 * Kafka, the Approved Assessment Lists uploaded by the demo state user), so a newcomer who signs
 * in finds a populated system. What and how: {@link DemoLoader} and infra/local/README.md.
 */
final class DemoData {

    private DemoData() {
    }

    static void load(StackConfig config) {
        DemoLoader.load(config, Log::info);
    }
}
