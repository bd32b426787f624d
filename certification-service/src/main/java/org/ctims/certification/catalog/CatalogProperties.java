package org.ctims.certification.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The service's own settings ({@code ctims.certification.*}), documented in its README.
 *
 * @param catalogTopic where catalog events go ({@code certification.catalog.v1})
 */
@ConfigurationProperties("ctims.certification")
public record CatalogProperties(String catalogTopic, Imports imports) {

    /**
     * @param maxFileSize larger uploads are refused with 413 before they are read
     * @param maxRows more data rows than this and the file is refused
     * @param maxReportedErrors how many invalid rows a preview or refusal lists at most (the count is always complete)
     */
    public record Imports(DataSize maxFileSize, int maxRows, int maxReportedErrors) {
    }
}
