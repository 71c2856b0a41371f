package dev.vacme.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of processes read from {@code /proc/PID/stat} (user + system, all threads), so a
 * benchmark can charge each server only for its own work on a shared, noisy machine.
 */
final class ProcessCpu {

    /** Linux's USER_HZ, the unit of the stat file's times, on every common architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** Returns the CPU milliseconds a process has used so far, or 0 when it is gone. */
    static double millis(long pid) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat")) * 1000.0 / TICKS_PER_SECOND;
    }

    /**
     * Returns the CPU milliseconds a process's threads have used so far, leaving out the JVM's JIT
     * compiler threads: on a fresh JVM compilation costs as much as the work being measured, and a
     * long-running server pays it once.
     */
    static double millisWithoutJit(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.map(task -> task.resolve("stat"))
                    .filter(stat -> !commandName(stat).contains("CompilerThre"))
                    .mapToLong(ProcessCpu::ticks)
                    .sum() * 1000.0 / TICKS_PER_SECOND;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Returns where a process's CPU went: milliseconds per thread name (digits folded, so all
     * event loops are one entry), largest first.
     */
    static Map<String, Double> millisByThread(long pid) {
        Map<String, Double> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.map(task -> task.resolve("stat")).forEach(stat -> byName.merge(
                    commandName(stat).replaceAll("\\d+", "N"), ticks(stat) * 1000.0 / TICKS_PER_SECOND, Double::sum));
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        byName.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /** Returns the CPU milliseconds used so far by every running process with this command name. */
    static double millisOfAll(String command) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(p -> p.resolve("stat"))
                    .filter(stat -> command.equals(commandName(stat)))
                    .mapToLong(ProcessCpu::ticks)
                    .sum() * 1000.0 / TICKS_PER_SECOND;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String commandName(Path stat) {
        String text = read(stat);
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        return open < 0 || close < open ? "" : text.substring(open + 1, close);
    }

    private static long ticks(Path stat) {
        String text = read(stat);
        int close = text.lastIndexOf(')');
        if (close < 0) {
            return 0;
        }
        // After "pid (comm) " come state, ppid, ... ; utime and stime are fields 14 and 15 of the file.
        String[] fields = text.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path stat) {
        try {
            return Files.readString(stat);
        } catch (IOException e) {
            return "";
        }
    }

    /** Resident memory of a process in MiB, from {@code VmRSS} in {@code /proc/PID/status}; -1 when unreadable. */
    static double residentMib(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    /**
     * The old generation's occupancy of a JVM in MiB, from {@code jstat -gc} (column OU): what
     * survived young collections, which grows without bound only when the process leaks, where
     * its resident memory also grows while the heap is sized up. -1 when unreadable.
     */
    static double oldGenerationMib(long pid) {
        try {
            Process jstat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(),
                    "-gc", Long.toString(pid)).redirectErrorStream(true).start();
            String[] lines = new String(jstat.getInputStream().readAllBytes()).trim().split("\n");
            jstat.waitFor();
            if (lines.length < 2) {
                return -1;
            }
            List<String> names = List.of(lines[0].trim().split("\\s+"));
            String[] values = lines[lines.length - 1].trim().split("\\s+");
            int column = names.indexOf("OU");
            return column < 0 || column >= values.length ? -1 : Double.parseDouble(values[column]) / 1024;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The live heap of a JVM in MiB: its old generation right after a full collection asked for
     * with {@code jcmd PID GC.run} (which empties the young generation into it). -1 when unreadable.
     */
    static double liveHeapMib(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.run").redirectErrorStream(true).start();
            jcmd.getInputStream().readAllBytes();
            if (jcmd.waitFor() != 0) {
                return -1;
            }
            return oldGenerationMib(pid);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
