package org.ctims.platform.security;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The organizations whose data a caller may see: either every organization (state staff and
 * report consumers) or a fixed set of PIDs. Every query that returns organization data filters
 * with this, e.g. {@code where organization_pid = any(:pids)} unless {@link #all()}.
 */
public record OrganizationScope(boolean all, Set<String> pids) {

    public OrganizationScope {
        pids = Set.copyOf(new TreeSet<>(pids));
        if (all && !pids.isEmpty()) {
            throw new IllegalArgumentException("A scope over all organizations lists no PIDs");
        }
    }

    public static OrganizationScope everyOrganization() {
        return new OrganizationScope(true, Set.of());
    }

    public static OrganizationScope only(Collection<String> pids) {
        return new OrganizationScope(false, Set.copyOf(pids));
    }

    public boolean includes(String pid) {
        return all || pids.contains(pid);
    }

    /** The PIDs as an array, for SQL {@code = any(?)}; only meaningful when not {@link #all()}. */
    public String[] pidArray() {
        return pids.toArray(String[]::new);
    }
}
