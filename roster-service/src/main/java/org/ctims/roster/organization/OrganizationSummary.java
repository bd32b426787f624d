package org.ctims.roster.organization;

/** An organization for the picker: its PID and name. */
public record OrganizationSummary(String pid, String name) {
}
