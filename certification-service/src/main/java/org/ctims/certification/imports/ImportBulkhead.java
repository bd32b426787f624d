package org.ctims.certification.imports;

import java.util.List;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.ctims.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Limits how many list files an instance reads at once (Resilience4j bulkhead
 * {@code catalog-imports}), so a burst of uploads cannot take every CPU and connection from
 * the searches teachers are waiting on. A request over the limit is refused at once with 503.
 */
@Component
class ImportBulkhead {

    static final String NAME = "catalog-imports";

    private final Bulkhead bulkhead;

    ImportBulkhead(BulkheadRegistry registry) {
        this.bulkhead = registry.bulkhead(NAME);
    }

    <T> T run(Supplier<T> work) {
        try {
            return bulkhead.executeSupplier(work);
        }
        catch (BulkheadFullException e) {
            throw new BusyException();
        }
    }

    /** Too many imports at once on this instance (503); nothing was read or changed. */
    static final class BusyException extends ProblemException {

        BusyException() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "imports-busy", "Too many imports at once",
                    "Other lists are being read right now. Nothing was changed; try again in a minute.", List.of());
        }
    }
}
