package org.ctims.platform.audit;

import java.util.List;

import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.security.Role;

/** Who acted: a signed-in person or machine client (from its token), or the service itself ({@link #system}). */
public record AuditActor(String subject, String username, List<String> roles) {

    public AuditActor {
        roles = roles.stream().sorted().toList();
    }

    public static AuditActor of(CurrentUser user) {
        return new AuditActor(user.subject(), user.username(), user.roles().stream().map(Role::realmName).toList());
    }

    /** The service acting on its own, e.g. {@code roster} for answers carried over by a roster change. */
    public static AuditActor system(String name) {
        return new AuditActor("system:" + name, name, List.of());
    }
}
