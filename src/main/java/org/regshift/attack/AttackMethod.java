package org.regshift.attack;

/**
 * How to attack a sequence: FGSM (one step along the gradient's sign), PGD (projected gradient
 * steps), both on the one-hot input relaxed to the simplex, or greedy single-base SUBSTITUTION.
 */
public enum AttackMethod {
    FGSM, PGD, SUBSTITUTION;

    /** True for the methods that move the relaxed one-hot input along gradients. */
    public boolean gradientBased() {
        return this != SUBSTITUTION;
    }

    /** The command-line name. */
    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
