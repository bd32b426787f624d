package org.ctims.bench.harness;

import java.time.Duration;
import java.util.Locale;

/** Numbers as the report writes them. */
public final class Format {

    private Format() {
    }

    public static String millis(Duration d) {
        double ms = d.toNanos() / 1e6;
        return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : ms < 100 ? "%.1f ms" : "%.0f ms", ms);
    }

    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
    }

    public static String rate(double perSecond, String unit) {
        return String.format(Locale.ROOT, perSecond < 100 ? "%.1f %s/s" : "%,.0f %s/s", perSecond, unit);
    }

    public static String ratio(double ratio) {
        return String.format(Locale.ROOT, ratio < 0.1 ? "%.4f×" : "%.2f×", ratio);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
