package org.regshift.variants;

/**
 * What every member of an ensemble predicts for a sequence and its altered form (a variant's
 * alternative allele, an inserted motif): the members' means on each, and the mean of their
 * variances (the aleatoric part). A member's effect is its alternative mean minus its reference
 * mean; an effect above 0 is positive, any other negative.
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
        int n = 0;
        for (int k = 0; k < members(); k++) {
            if (effect(k) > 0) {
                n++;
            }
        }
        return n;
    }

    /** max(#positive, M - #positive) / M: 1 when the members agree on the sign, 0.5 at worst. */
    double signAgreement() {
        return (double) Math.max(positives(), members() - positives()) / members();
    }

    boolean consistent() {
        return positives() == 0 || positives() == members();
    }

    /** The fraction of members whose effect has the sign of the measured one. */
    double labelAgreement(double measured) {
        return (double) (measured > 0 ? positives() : members() - positives()) / members();
    }

    Agreement agreement(double measured) {
        double agree = labelAgreement(measured);
        return agree == 1 ? Agreement.CONSISTENTLY_CORRECT : agree == 0 ? Agreement.CONSISTENTLY_INCORRECT
                : Agreement.INCONSISTENT;
    }
}
