package org.ctims.certification.imports;

import java.time.Instant;

/** A recorded import, as listed. */
public record CatalogImportView(long id, String schoolYear, String fileName, String importedBy, String importedByName,
                                Instant importedAt, String status, int rowsRead, int added, int changed, int retired,
                                int unchanged) {
}
