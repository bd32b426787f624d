package org.ctims.report.export;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.ctims.platform.limits.HeavyRequests;
import org.ctims.platform.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Every {@code .xlsx}/{@code .pdf} download within the platform's limits on heavy requests (kind
 * {@code report-downloads}): one at a time per user (429), at most the bulkhead's
 * {@code max-concurrent-calls} at once (503), so statewide exports cannot starve the rest. The
 * place is taken before the document is built and given back when the streamed answer ends,
 * however it ends: written, failed, timed out, or never started.
 */
@Component
public class LimitedDownloads {

    static final HeavyRequests.Kind DOWNLOADS = new HeavyRequests.Kind("report-downloads", "report download");

    private final HeavyRequests heavy;

    LimitedDownloads(HeavyRequests heavy) {
        this.heavy = heavy;
    }

    public ResponseEntity<StreamingResponseBody> of(CurrentUser user, Supplier<ResponseEntity<StreamingResponseBody>> download) {
        HeavyRequests.Permit permit = heavy.enter(DOWNLOADS, user);
        try {
            ResponseEntity<StreamingResponseBody> answer = download.get();
            StreamingResponseBody body = answer.getBody();
            releaseWhenTheAnswerEnds(permit);
            return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).body(out -> {
                try (permit) {
                    body.writeTo(out);
                }
            });
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
    }

    /** The body runs on another thread once the handler returns; this covers the ends it never reaches. */
    private static void releaseWhenTheAnswerEnds(HeavyRequests.Permit permit) {
        var request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        WebAsyncUtils.getAsyncManager(request).registerCallableInterceptor(permit, new CallableProcessingInterceptor() {
            @Override
            public <T> void afterCompletion(NativeWebRequest webRequest, Callable<T> task) {
                permit.close();
            }
        });
    }
}
