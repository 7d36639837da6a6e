package io.inquest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resident memory (RSS, peak) and CPU time of groups of processes, sampled during a run. CPU
 * time counts each process from its start; a process that ends keeps what it was last seen with.
 */
final class ProcessUsage {

    private final Map<String, Long> peakKiB = new TreeMap<>();
    private final Map<String, Map<Long, Duration>> cpu = new TreeMap<>();

    /** Samples every group once: the sum of its processes' RSS, and each process's CPU time. */
    synchronized void sample(Map<String, List<ProcessHandle>> groups) {
        groups.forEach((name, processes) -> {
            long sum = processes.stream().filter(ProcessHandle::isAlive).mapToLong(ProcessUsage::rssKiB).sum();
            peakKiB.merge(name, sum, Math::max);
            Map<Long, Duration> perProcess = cpu.computeIfAbsent(name, n -> new HashMap<>());
            processes.forEach(p -> p.info().totalCpuDuration().ifPresent(d -> perProcess.put(p.pid(), d)));
        });
    }

    /** Peak RSS per group, in MiB. */
    synchronized Map<String, Long> peakMiB() {
        Map<String, Long> mib = new TreeMap<>();
        peakKiB.forEach((name, kib) -> mib.put(name, kib / 1024));
        return mib;
    }

    /** CPU seconds per group, over the processes seen. */
    synchronized Map<String, Long> cpuSeconds() {
        Map<String, Long> seconds = new TreeMap<>();
        cpu.forEach((name, perProcess) -> seconds.put(name,
                perProcess.values().stream().mapToLong(Duration::toSeconds).sum()));
        return seconds;
    }

    private static long rssKiB(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // The process ended between listing and reading.
        }
        return 0;
    }
}
