package org.regshift.model.lean;

/**
 * The logistic sigmoid as 0.5 + 0.5 tanh(x / 2), with tanh the rational approximation of Eigen's
 * single-precision kernels (absolute error about 2.4e-7 on the clamped range, where tanh is 1 to
 * float precision outside it). Plain arithmetic, so loops over it vectorise: libnd4j's sigmoid
 * evaluates exp element by element and took an eighth of a LegNet training step.
 */
final class Sigmoids {
    private static final float CLAMP = 7.90531110763549805f;

    private Sigmoids() {
    }

    static float sigmoid(float x) {
        float t = Math.max(-CLAMP, Math.min(CLAMP, 0.5f * x));
        float t2 = t * t;
        float p = -2.76076847742355e-16f;
        p = p * t2 + 2.00018790482477e-13f;
        p = p * t2 + -8.60467152213735e-11f;
        p = p * t2 + 5.12229709037114e-08f;
        p = p * t2 + 1.48572235717979e-05f;
        p = p * t2 + 6.37261928875436e-04f;
        p = p * t2 + 4.89352455891786e-03f;
        float q = 1.19825839466702e-06f;
        q = q * t2 + 1.18534705686654e-04f;
        q = q * t2 + 2.26843463243900e-03f;
        q = q * t2 + 4.89352518554385e-03f;
        return 0.5f + 0.5f * (t * p / q);
    }
}
