package org.regshift.simulate;

import java.util.SplittableRandom;

/**
 * Random draws for the simulator from one {@link SplittableRandom} (SplitMix64, whose output the
 * JDK specifies, so a seed gives the same numbers on every JDK). Normal: Marsaglia's polar method;
 * gamma: Marsaglia and Tsang (2000); Poisson: inversion below mean 30, else Hörmann's PTRS
 * (1993); negative binomial: the gamma-Poisson mixture.
 */
public final class Draws {
    private final SplittableRandom random;
    private double spareNormal = Double.NaN;

    public Draws(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A seed for stream {@code index} of a parent seed, well mixed (SplitMix64's finaliser). */
    public static long derive(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seed for a named stream (program, motifs, a library) of a parent seed. */
    public static long derive(long seed, String name) {
        long h = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) {
            h = 31 * h + name.charAt(i);
        }
        return derive(seed, h);
    }

    public double uniform() {
        return random.nextDouble();
    }

    public int uniformInt(int bound) {
        return random.nextInt(bound);
    }

    public boolean bernoulli(double p) {
        return random.nextDouble() < p;
    }

    public double normal() {
        if (!Double.isNaN(spareNormal)) {
            double z = spareNormal;
            spareNormal = Double.NaN;
            return z;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareNormal = v * f;
        return u * f;
    }

    public double normal(double mean, double sd) {
        return mean + sd * normal();
    }

    /** Log-normal with mean 1: exp(N(-sigma^2/2, sigma)). */
    public double lognormalMeanOne(double sigma) {
        return Math.exp(sigma * normal() - sigma * sigma / 2);
    }

    /** Gamma with the given shape and scale. */
    public double gamma(double shape, double scale) {
        if (shape < 1) {
            return gamma(shape + 1, scale) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v * scale;
            }
        }
    }

    public long poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < 30) {
            double p = Math.exp(-mean);
            double cumulative = p;
            double u = random.nextDouble();
            long k = 0;
            while (u > cumulative && p > 0) {
                k++;
                p *= mean / k;
                cumulative += p;
            }
            return k;
        }
        return poissonPtrs(mean);
    }

    private long poissonPtrs(double mean) {
        double slam = Math.sqrt(mean);
        double loglam = Math.log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
                    <= -mean + k * loglam - logFactorial(k)) {
                return k;
            }
        }
    }

    /** Negative binomial with the given mean and size (variance mean + mean^2 / size). */
    public long negativeBinomial(double mean, double size) {
        if (mean <= 0) {
            return 0;
        }
        return poisson(gamma(size, mean / size));
    }

    private static double logFactorial(long k) {
        if (k < 2) {
            return 0;
        }
        double x = k + 1;
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
