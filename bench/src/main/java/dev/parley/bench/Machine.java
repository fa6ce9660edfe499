package dev.parley.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the machine spent: CPU time of everything but this load generator (the server, its database, its
 * broker; read from {@code /proc/stat}), and a server process's resident memory. Linux only; elsewhere
 * the figures are reported as unknown (-1).
 */
final class Machine {

    /** Jiffies per second of {@code /proc/stat} (USER_HZ, 100 on Linux). */
    private static final long HZ = 100;

    private Machine() {}

    /** A moment's CPU readings; {@link #serverCpuNanosSince} subtracts two. */
    record Cpu(long busyNanos, long ownNanos) {

        /** CPU time (ns) all other processes used since {@code earlier}, or -1 when unknown. */
        long serverCpuNanosSince(Cpu earlier) {
            if (busyNanos < 0 || earlier.busyNanos < 0) {
                return -1;
            }
            return Math.max(0, (busyNanos - earlier.busyNanos) - (ownNanos - earlier.ownNanos));
        }
    }

    static Cpu cpu() {
        long own = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
                busy += Long.parseLong(fields[i]);
            }
            return new Cpu(busy * (1_000_000_000L / HZ), own);
        } catch (IOException | RuntimeException e) {
            return new Cpu(-1, own);
        }
    }

    /** The id of the process listening on {@code port} (from {@code ss}), or -1. */
    static long listener(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-ltnpH", "sport = :" + port)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(ss.getInputStream().readAllBytes());
            ss.waitFor();
            Matcher pid = Pattern.compile("pid=(\\d+)").matcher(out);
            return pid.find() ? Long.parseLong(pid.group(1)) : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    /**
     * When {@code pid} is a JVM (its {@code jcmd} answers): runs a full garbage collection in it, so that
     * its resident size and heap count what it holds rather than garbage not yet collected, and answers
     * its heap in use afterwards, in bytes. -1 for other processes.
     */
    static long collectGarbage(long pid) {
        if (pid < 0) {
            return -1;
        }
        try {
            String jcmd = ProcessHandle.current()
                    .info()
                    .command()
                    .map(java -> Path.of(java).resolveSibling("jcmd").toString())
                    .orElse("jcmd");
            if (run(jcmd, Long.toString(pid), "GC.run") == null) {
                return -1;
            }
            Thread.sleep(1_000); // the collector gives memory back to the OS after the collection
            String info = run(jcmd, Long.toString(pid), "GC.heap_info");
            Matcher used = Pattern.compile("used (\\d+)K").matcher(info == null ? "" : info);
            return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A command's output, or null when it cannot run or fails. */
    private static String run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            return process.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Resident memory of process {@code pid} in bytes, or -1. */
    static long rss(long pid) {
        if (pid < 0) {
            return -1;
        }
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
            for (String line : status) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }
}
