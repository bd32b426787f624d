package org.ctims.local.demo;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.ctims.local.StackConfig;

/**
 * Loads the demo data the way real users would, once every part of the stack is healthy:
 * <ol>
 *   <li>the demo rosters (OneRoster 1.2) on {@code sis.oneroster.v1}, as the SIS {@value DemoRoster#SIS};</li>
 *   <li>the Approved Assessment Lists of 2018-2019 and 2025-2026, uploaded through the gateway as {@code state};</li>
 *   <li>a bounded wait until the roster service shows every demo enrollment.</li>
 * </ol>
 * Idempotent: the records are fixed (same event ids, same dateLastModified), and a list is only
 * imported when the year does not already hold it. A step whose service has no jar is skipped;
 * a step that fails is reported and the stack runs on without its data.
 */
public final class DemoLoader {

    /** The demo user who imports the lists (state-admin; password = username in the demo realm). */
    public static final String STATE_USER = "state";
    static final Duration ROSTER_WAIT = Duration.ofSeconds(240);

    private final StackConfig config;
    private final Consumer<String> log;
    private final GatewayClient gateway;

    private DemoLoader(StackConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
        this.gateway = new GatewayClient("http://" + config.host() + ":" + config.gatewayPort(), config.issuerUri());
    }

    /** Loads everything; logs one line per step. Never throws for missing or failing services. */
    public static void load(StackConfig config, Consumer<String> log) {
        new DemoLoader(config, log).load();
    }

    private void load() {
        long t0 = System.nanoTime();
        boolean gatewayUp = present("gateway", "the assessment lists are not imported and the rosters are not awaited");
        boolean rostersSent = present("roster-service", "its demo rosters are not sent") && step("rosters", this::sendRosters);
        if (gatewayUp && present("certification-service", "its demo assessment lists are not imported")) {
            step("assessment lists", this::importLists);
        }
        if (gatewayUp && rostersSent) {
            step("roster wait", this::awaitRosters);
        }
        log.accept("Demo data: done in " + Duration.ofNanos(System.nanoTime() - t0).toSeconds() + " s");
    }

    private void sendRosters() {
        List<RosterRecord> records = DemoRoster.records();
        try (RosterPublisher publisher = new RosterPublisher(config.kafkaBrokers(), DemoRoster.SIS)) {
            publisher.publish(records);
        }
        log.accept("Demo data: sent " + records.size() + " OneRoster records (2 schools, "
                + DemoRoster.SCHOOL_YEAR_ENDS.size() * DemoRoster.SCHOOLS.size() * DemoRoster.STUDENTS_PER_SCHOOL_AND_YEAR
                + " student enrollments in 2018-2019 and 2025-2026) to " + RosterPublisher.TOPIC + " as " + DemoRoster.SIS);
    }

    private void importLists() {
        CatalogLoader catalog = new CatalogLoader(gateway, gateway.token(STATE_USER, STATE_USER));
        for (int endYear : DemoAssessments.YEAR_ENDS) {
            log.accept("Demo data: assessment list " + catalog.load(endYear));
        }
    }

    private void awaitRosters() {
        long t0 = System.nanoTime();
        try {
            boolean all = new RosterWait(gateway, () -> gateway.token(STATE_USER, STATE_USER), log)
                    .awaitAllEnrollments(ROSTER_WAIT);
            if (all) {
                log.accept("Demo data: the roster service shows every demo enrollment ("
                        + Duration.ofNanos(System.nanoTime() - t0).toSeconds() + " s)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the roster service", e);
        }
    }

    /** Runs a step; a failure is reported, not thrown: the stack is useful without demo data. */
    private boolean step(String name, Runnable step) {
        try {
            step.run();
            return true;
        } catch (RuntimeException e) {
            log.accept("Demo data: " + name + " failed, the stack runs on without them: " + e.getMessage());
            return false;
        }
    }

    private boolean present(String module, String consequence) {
        if (Files.isRegularFile(config.jarOf(module))) {
            return true;
        }
        log.accept("Demo data: " + module + " has no jar, so " + consequence);
        return false;
    }
}
