package org.ctims.platform.web;

/**
 * One field that was wrong, as listed in a problem's {@code errors}.
 *
 * @param field the field's path in the request, e.g. {@code certifications[2].result}
 * @param message what is wrong, for a person
 */
public record FieldViolation(String field, String message) {
}
