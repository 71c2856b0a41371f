package dev.vacme.server.wfe;

/**
 * The ledger behind {@link LocalNonces}: nonces are numbered in the order they are issued, and one
 * bit per number remembers, for the most recent {@code size} numbers, whether it was redeemed.
 * A number older than that window counts as expired, so the ledger never grows: its memory is
 * {@code size / 8} bytes whatever the traffic. Safe to use from several threads.
 */
final class NonceWindow {

    /** What redeeming a number found. */
    enum Redemption {
        /** The first redemption: accept the request. */
        FIRST,
        /** Redeemed before. */
        USED,
        /** Outside the window: issued too many nonces ago, or never issued. */
        OUT_OF_WINDOW
    }

    private final long[] redeemed;
    private final long mask;
    private long next;

    /** @param sizeLog2 the window holds {@code 2^sizeLog2} numbers */
    NonceWindow(int sizeLog2) {
        if (sizeLog2 < 6 || sizeLog2 > 30) {
            throw new IllegalArgumentException("window size 2^" + sizeLog2 + " is out of range");
        }
        this.redeemed = new long[1 << (sizeLog2 - 6)];
        this.mask = (1L << sizeLog2) - 1;
    }

    /** Numbers a new nonce; its slot, last held by the number now leaving the window, starts unredeemed. */
    synchronized long issue() {
        long number = next++;
        long slot = number & mask;
        redeemed[(int) (slot >>> 6)] &= ~(1L << slot);
        return number;
    }

    /** Marks a number redeemed, once. */
    synchronized Redemption redeem(long number) {
        if (number < 0 || number >= next || number < next - (mask + 1)) {
            return Redemption.OUT_OF_WINDOW;
        }
        long slot = number & mask;
        int word = (int) (slot >>> 6);
        long bit = 1L << slot;
        if ((redeemed[word] & bit) != 0) {
            return Redemption.USED;
        }
        redeemed[word] |= bit;
        return Redemption.FIRST;
    }
}
