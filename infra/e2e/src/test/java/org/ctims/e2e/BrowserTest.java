package org.ctims.e2e;

import org.ctims.local.StackConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A browser test against the stack: a fresh headless Chromium for each test, closed after it. */
@ExtendWith(RunningStack.class)
abstract class BrowserTest {

    protected final StackConfig stack;
    protected Ui ui;

    BrowserTest(StackConfig stack) {
        this.stack = stack;
    }

    @BeforeEach
    void openBrowser() {
        ui = new Ui(Browser.start(), stack);
    }

    @AfterEach
    void closeBrowser() {
        ui.browser.quit();
    }
}
