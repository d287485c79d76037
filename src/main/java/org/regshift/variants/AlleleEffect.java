package org.regshift.variants;

/**
 * What every member of an ensemble predicts for a sequence and its altered form (a variant's
 * alternative allele, an inserted motif): the members' means on each, and the mean of their
 * variances (the aleatoric part). A member's effect is its alternative mean minus its reference
 * mean; an effect above 0 is positive, below 0 negative, and exactly 0 no call (no sign).
 */
record AlleleEffect(double[] refMeans, double[] altMeans, double refVarAleatoric, double altVarAleatoric) {

    int members() {
        return refMeans.length;
    }

    double effect(int member) {
        return altMeans[member] - refMeans[member];
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    double refMean() {
        return mean(refMeans);
    }

    double altMean() {
        return mean(altMeans);
    }

    /** The ensemble's effect: the mean of the members' effects. */
    double meanEffect() {
        double sum = 0;
        for (int k = 0; k < members(); k++) {
            sum += effect(k);
        }
        return sum / members();
    }

    /** The standard deviation of the members' effects (dividing by M, as the epistemic variance does). */
    double effectSd() {
        double mean = meanEffect();
        double sum = 0;
        for (int k = 0; k < members(); k++) {
            sum += (effect(k) - mean) * (effect(k) - mean);
        }
        return Math.sqrt(sum / members());
    }

    int positives() {
        return count(1);
    }

    int negatives() {
        return count(-1);
    }

    private int count(double sign) {
        int n = 0;
        for (int k = 0; k < members(); k++) {
            if (Math.signum(effect(k)) == sign) {
                n++;
            }
        }
        return n;
    }

    /** max(#positive, #negative) / M: 1 when every member calls the same sign; a no call agrees with none. */
    double signAgreement() {
        return (double) Math.max(positives(), negatives()) / members();
    }

    boolean consistent() {
        return positives() == members() || negatives() == members();
    }

    /** The fraction of members whose effect has the sign of the measured one; NaN when that is 0 (no call). */
    double labelAgreement(double measured) {
        return measured == 0 ? Double.NaN : (double) (measured > 0 ? positives() : negatives()) / members();
    }

    /** Bajwa's category against a measured effect; null when the measured effect is 0 (no call). */
    Agreement agreement(double measured) {
        if (measured == 0) {
            return null;
        }
        int agree = measured > 0 ? positives() : negatives();
        int oppose = measured > 0 ? negatives() : positives();
        return agree == members() ? Agreement.CONSISTENTLY_CORRECT : oppose == members() ? Agreement.CONSISTENTLY_INCORRECT
                : Agreement.INCONSISTENT;
    }
}
