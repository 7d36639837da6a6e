package io.inquest.bench;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;

/** What a figure was measured on, printed with every result. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : -1;
        return "%d cores, %.0f GiB, Java %s, %s %s, %s".formatted(Runtime.getRuntime().availableProcessors(),
                memory / (1024.0 * 1024 * 1024), System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.arch"), LocalDate.now());
    }
}
