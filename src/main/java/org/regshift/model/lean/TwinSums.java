package org.regshift.model.lean;

/**
 * Sums a vector over the twins that share a batch, so that batch normalisation sees the whole
 * batch whatever the number of twins: each twin offers its share's sums and waits for the others;
 * all receive the total, added in twin order (the same bytes on every run).
 */
final class TwinSums {
    private final double[][] offered;
    private int parties = 1;
    private int arrived;
    private long round;
    private double[] total;
    private boolean aborted;

    TwinSums(int twins) {
        offered = new double[twins][];
    }

    /** The number of twins that take part in the coming step (fewer than all on a short batch). */
    synchronized void begin(int twins) {
        parties = twins;
        arrived = 0;
        aborted = false;
    }

    /** Wakes the twins waiting in {@link #sum}, which then fail: another twin failed. */
    synchronized void abort() {
        aborted = true;
        notifyAll();
    }

    /** The element-wise sum over the step's twins of their {@code values}; twin {@code twin} offers these. */
    synchronized double[] sum(int twin, double[] values) {
        offered[twin] = values;
        if (++arrived == parties) {
            double[] sum = offered[0].clone();
            for (int t = 1; t < parties; t++) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += offered[t][i];
                }
            }
            total = sum;
            arrived = 0;
            round++;
            notifyAll();
            return sum;
        }
        long waitingFor = round;
        while (round == waitingFor) {
            if (aborted) {
                throw new Aborted();
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return total;
    }

    /** Thrown in a twin that waited for a twin that failed: the other's failure is the one to report. */
    static final class Aborted extends IllegalStateException {
        Aborted() {
            super("another twin failed");
        }
    }
}
