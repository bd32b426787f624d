package org.ctims.platform.securedapp;

import java.net.URI;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.ConflictException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tiny service built on the platform, to test what every real service gets from it. */
@SpringBootApplication
public class SecuredTestApplication {

    record NewThing(@NotBlank @Size(max = 20) String name, @Max(10) int count) {
    }

    @RestController
    static class ThingsController {

        private final JdbcTemplate jdbc;

        ThingsController(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /** Sends the text to PostgreSQL as a statement parameter. */
        @GetMapping("/things/echo")
        Map<String, String> echo(@RequestParam String text) {
            return Map.of("text", jdbc.queryForObject("select cast(? as text)", String.class, text));
        }

        @GetMapping("/things/pages")
        Map<String, Object> pages(@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) Long after) {
            return after == null ? Map.of("page", page) : Map.of("page", page, "after", after);
        }

        @GetMapping("/things/me")
        Map<String, Object> me(CurrentUser user) {
            return Map.of("username", user.username(), "roles", user.roles(), "pids", user.organizationPids(),
                    "staffId", user.teacherStaffId().orElse(""));
        }

        @GetMapping("/things/schools/{pid}")
        Map<String, String> school(@PathVariable String pid, CurrentUser user) {
            user.requireOrganization(pid);
            return Map.of("pid", pid);
        }

        @PreAuthorize("hasRole('state-admin')")
        @GetMapping("/things/statewide")
        Map<String, String> statewide() {
            return Map.of("scope", "state");
        }

        @PostMapping("/things")
        ResponseEntity<NewThing> create(@Valid @RequestBody NewThing thing) {
            return ResponseEntity.created(URI.create("/things/1")).body(thing);
        }

        @GetMapping("/things/conflict")
        Map<String, String> conflict() {
            throw new ConflictException("stale-version", "Someone else saved first.");
        }

        @GetMapping("/things/broken")
        Map<String, String> broken() {
            throw new IllegalStateException("select secret from private_table where 1=1");
        }
    }
}
