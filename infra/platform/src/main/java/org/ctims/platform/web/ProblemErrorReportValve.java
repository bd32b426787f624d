package org.ctims.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * The answer Tomcat itself gives to a request it refuses before the application sees it (a path
 * with characters a URL may not hold, an encoded slash, invalid percent-encoding): problem details
 * instead of Tomcat's HTML page, with nothing of the request echoed.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String kind = status == 400 ? "malformed-request" : "http-" + status;
        String title = status == 400 ? "Malformed request" : "Request refused";
        String detail = status == 400 ? "The request's address or headers are not valid."
                : "The server refused the request before the application read it.";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + ProblemResponses.type(kind) + "\",\"title\":\"" + title + "\",\"status\":"
                        + status + ",\"detail\":\"" + detail + "\"}");
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot be written: nothing more to tell it
        }
    }
}
