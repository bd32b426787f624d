package org.ctims.platform.security;

/** A request named an organization the caller does not act for; answered 403, nothing is read. */
public class OrganizationNotInScopeException extends RuntimeException {

    private final String pid;

    public OrganizationNotInScopeException(String pid) {
        super("You do not act for organization " + pid);
        this.pid = pid;
    }

    public String pid() {
        return pid;
    }
}
