package org.ctims.certification.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ctims.platform.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders a refused list with its row errors; every other error is the platform's. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ImportProblemAdvice {

    @ExceptionHandler(InvalidListException.class)
    ResponseEntity<ProblemDetail> invalidList(InvalidListException e) {
        ProblemDetail problem = ProblemResponses.problem(e.status(), e.kind(), e.title(), e.getMessage());
        List<Map<String, Object>> errors = e.rows().stream().map(ImportProblemAdvice::error).toList();
        problem.setProperty("errors", errors);
        problem.setProperty("errorCount", e.errorCount());
        return ResponseEntity.status(e.status()).body(problem);
    }

    private static Map<String, Object> error(RowError error) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sheet", error.sheet());
        map.put("row", error.row());
        map.put("column", error.column());
        map.put("reason", error.reason());
        map.put("field", InvalidListException.violation(error).field());
        map.put("message", error.reason());
        return map;
    }
}
