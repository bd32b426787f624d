package org.ctims.local;

/**
 * The step that will load demo data (OneRoster rosters for the two demo schools, an assessment
 * list) once the services consume them. Intentionally empty for now: the services have no
 * import API yet, and this launcher does not invent one.
 */
final class DemoData {

    private DemoData() {
    }

    static void load(StackConfig config) {
        Log.info("Demo data: nothing to load yet (rosters and the assessment list come with later issues)");
    }
}
