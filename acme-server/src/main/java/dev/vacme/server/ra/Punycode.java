package dev.vacme.server.ra;

import java.util.Optional;

/**
 * Punycode (RFC 3492), the encoding of IDNA A-labels after their {@code xn--} prefix. The JDK's
 * {@code java.net.IDN} implements IDNA2003, whose round trip through nameprep rejects labels that
 * IDNA2008 allows (U+00DF maps to "ss" there), so the raw codec is needed to check A-labels.
 */
final class Punycode {

    private static final int BASE = 36;
    private static final int T_MIN = 1;
    private static final int T_MAX = 26;
    private static final int SKEW = 38;
    private static final int DAMP = 700;
    private static final int INITIAL_BIAS = 72;
    private static final int INITIAL_N = 128;

    private Punycode() {
    }

    /** Decodes the part of an A-label after {@code xn--}; empty when it is not valid punycode. */
    static Optional<String> decode(String input) {
        int basicEnd = Math.max(0, input.lastIndexOf('-'));
        StringBuilder output = new StringBuilder();
        for (int j = 0; j < basicEnd; j++) {
            char c = input.charAt(j);
            if (c >= 0x80) {
                return Optional.empty();
            }
            output.append(c);
        }
        int[] codePoints = output.codePoints().toArray();
        int length = codePoints.length;
        int[] out = new int[input.length()];
        System.arraycopy(codePoints, 0, out, 0, length);
        long n = INITIAL_N;
        long i = 0;
        int bias = INITIAL_BIAS;
        int in = basicEnd > 0 ? basicEnd + 1 : 0;
        while (in < input.length()) {
            long oldI = i;
            long w = 1;
            for (int k = BASE; ; k += BASE) {
                if (in >= input.length()) {
                    return Optional.empty();
                }
                int digit = digit(input.charAt(in++));
                if (digit < 0) {
                    return Optional.empty();
                }
                i += digit * w;
                int t = threshold(k, bias);
                if (digit < t) {
                    break;
                }
                w *= BASE - t;
                if (i > Integer.MAX_VALUE || w > Integer.MAX_VALUE) {
                    return Optional.empty();
                }
            }
            bias = adapt(i - oldI, length + 1, oldI == 0);
            n += i / (length + 1);
            i %= length + 1;
            if (n > Character.MAX_CODE_POINT || (n >= 0xD800 && n <= 0xDFFF) || length >= out.length) {
                return Optional.empty();
            }
            System.arraycopy(out, (int) i, out, (int) i + 1, length - (int) i);
            out[(int) i] = (int) n;
            length++;
            i++;
        }
        return Optional.of(new String(out, 0, length));
    }

    /** Encodes a Unicode label into punycode (without the {@code xn--} prefix). */
    static String encode(String label) {
        int[] input = label.codePoints().toArray();
        StringBuilder output = new StringBuilder();
        for (int c : input) {
            if (c < 0x80) {
                output.append((char) c);
            }
        }
        int basic = output.length();
        int handled = basic;
        if (basic > 0) {
            output.append('-');
        }
        int n = INITIAL_N;
        long delta = 0;
        int bias = INITIAL_BIAS;
        while (handled < input.length) {
            int m = Integer.MAX_VALUE;
            for (int c : input) {
                if (c >= n && c < m) {
                    m = c;
                }
            }
            delta += (long) (m - n) * (handled + 1);
            n = m;
            for (int c : input) {
                if (c < n) {
                    delta++;
                } else if (c == n) {
                    long q = delta;
                    for (int k = BASE; ; k += BASE) {
                        int t = threshold(k, bias);
                        if (q < t) {
                            break;
                        }
                        output.append(symbol(t + (int) ((q - t) % (BASE - t))));
                        q = (q - t) / (BASE - t);
                    }
                    output.append(symbol((int) q));
                    bias = adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled++;
                }
            }
            delta++;
            n++;
        }
        return output.toString();
    }

    private static int threshold(int k, int bias) {
        return k <= bias ? T_MIN : Math.min(k - bias, T_MAX);
    }

    private static int adapt(long delta, int points, boolean first) {
        delta = first ? delta / DAMP : delta / 2;
        delta += delta / points;
        int k = 0;
        while (delta > ((BASE - T_MIN) * T_MAX) / 2) {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        return (int) (k + (BASE - T_MIN + 1) * delta / (delta + SKEW));
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0' + 26;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        return -1;
    }

    private static char symbol(int digit) {
        return (char) (digit < 26 ? 'a' + digit : '0' + digit - 26);
    }
}
