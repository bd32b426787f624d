package org.ctims.platform.xlsx;

import java.util.List;

import org.ctims.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * An .xlsx that cannot be read (422): password-protected ({@code encrypted-workbook}), damaged
 * ({@code corrupt-workbook}) or a zip bomb ({@code suspicious-workbook}); nothing was changed.
 */
public class UnreadableWorkbookException extends ProblemException {

    UnreadableWorkbookException(String kind, String title, String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, kind, title, detail, List.of());
    }

    static UnreadableWorkbookException encrypted() {
        return new UnreadableWorkbookException("encrypted-workbook", "Password-protected workbook",
                "The workbook is protected by a password. Save it without a password and upload it again.");
    }

    static UnreadableWorkbookException corrupt() {
        return new UnreadableWorkbookException("corrupt-workbook", "Unreadable workbook",
                "The workbook is damaged and cannot be read. Open it in Excel, save it again as .xlsx and upload it.");
    }

    static UnreadableWorkbookException zipBomb() {
        return new UnreadableWorkbookException("suspicious-workbook", "Suspicious workbook",
                "The workbook expands to far more data than its size suggests (a possible zip bomb) and was not read.");
    }
}
