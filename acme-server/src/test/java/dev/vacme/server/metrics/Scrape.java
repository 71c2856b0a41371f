package dev.vacme.server.metrics;

import java.util.Arrays;
import java.util.List;

/** One scrape of {@code /metrics} in the Prometheus text format, read back by series. */
record Scrape(List<String> lines) {

    static Scrape of(String text) {
        return new Scrape(text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList());
    }

    /**
     * The sum of the samples named {@code name} whose labels include every {@code key="value"}
     * given as {@code labels} (key, value, key, value...); 0 when there is none.
     */
    double value(String name, String... labels) {
        return lines.stream()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> hasLabels(line, labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** True when some sample is named {@code name}. */
    boolean has(String name) {
        return lines.stream().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    private static boolean hasLabels(String line, String[] labels) {
        String labelText = line.contains("{") ? line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1) : "";
        for (int i = 0; i < labels.length; i += 2) {
            String pair = labels[i] + "=\"" + labels[i + 1] + "\"";
            if (!labelText.contains("{" + pair) && !labelText.contains("," + pair)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.join("\n", lines.subList(0, Math.min(lines.size(), 400)))
                + (lines.size() > 400 ? "\n... " + Arrays.toString(new int[] {lines.size()}) + " lines" : "");
    }
}
