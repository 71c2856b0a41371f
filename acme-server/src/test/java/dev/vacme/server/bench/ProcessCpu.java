package dev.vacme.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
}
