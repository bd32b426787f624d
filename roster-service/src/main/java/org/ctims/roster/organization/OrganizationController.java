package org.ctims.roster.organization;

import java.util.List;

import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The organization picker: type the first letters of a school's name (or its PID). */
@RestController
@RequestMapping("/api/roster/organizations")
class OrganizationController {

    static final int MAX_QUERY = 100;

    private final Organizations organizations;

    OrganizationController(Organizations organizations) {
        this.organizations = organizations;
    }

    /**
     * Organizations whose name starts with {@code q} (case-insensitive) or whose PID starts with
     * it, at most 20, by name; only the caller's organizations unless state staff.
     */
    @GetMapping
    List<OrganizationSummary> search(@RequestParam(name = "q", defaultValue = "") String q, CurrentUser user) {
        String query = q.trim();
        if (query.isEmpty() || query.length() > MAX_QUERY) {
            throw new InvalidInputException("q", "Type 1 to " + MAX_QUERY + " characters of a name or PID.");
        }
        return organizations.search(query, user.scope());
    }
}
