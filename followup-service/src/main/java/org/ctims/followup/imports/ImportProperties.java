package org.ctims.followup.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of bulk entry ({@code ctims.followup.imports.*}).
 *
 * @param maxFileSize larger uploads are refused with 413 before they are read
 * @param maxRows more student rows and the whole file is refused with 422
 */
@ConfigurationProperties("ctims.followup.imports")
record ImportProperties(DataSize maxFileSize, int maxRows) {
}
