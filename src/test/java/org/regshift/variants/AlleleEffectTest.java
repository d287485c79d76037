package org.regshift.variants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import org.junit.jupiter.api.Test;

class AlleleEffectTest {
    private static AlleleEffect effects(double... perMember) {
        double[] ref = new double[perMember.length];
        return new AlleleEffect(ref, perMember.clone(), 0.5, 0.7);
    }

    @Test
    void membersThatDisagreeOnTheSignAreInconsistent() {
        AlleleEffect e = effects(0.4, 0.2, -0.1, 0.3);
        assertThat(e.meanEffect()).isCloseTo(0.2, within(1e-12));
        assertThat(e.effectSd()).isCloseTo(Math.sqrt((0.04 + 0 + 0.09 + 0.01) / 4), within(1e-12));
        assertThat(e.signAgreement()).isEqualTo(0.75);
        assertThat(e.consistent()).isFalse();
        assertThat(e.labelAgreement(1.5)).isEqualTo(0.75);
        assertThat(e.labelAgreement(-1.5)).isEqualTo(0.25);
        assertThat(e.agreement(1.5)).isEqualTo(Agreement.INCONSISTENT);
    }

    @Test
    void membersThatAgreeAreConsistentlyCorrectOrIncorrect() {
        AlleleEffect e = effects(-0.4, -0.2, -0.1);
        assertThat(e.consistent()).isTrue();
        assertThat(e.signAgreement()).isEqualTo(1);
        assertThat(e.agreement(-0.3)).isEqualTo(Agreement.CONSISTENTLY_CORRECT);
        assertThat(e.agreement(0.3)).isEqualTo(Agreement.CONSISTENTLY_INCORRECT);
    }

    @Test
    void oneModelAgreesWithItselfAndHasNoSpread() {
        AlleleEffect e = effects(-0.2);
        assertThat(e.effectSd()).isZero();
        assertThat(e.consistent()).isTrue();
        assertThat(e.agreement(-1)).isEqualTo(Agreement.CONSISTENTLY_CORRECT);
    }

    @Test
    void anEffectOfExactlyZeroIsNoCall() {
        AlleleEffect e = effects(0.0, -0.3);
        assertThat(e.consistent()).as("a member without a call breaks consistency").isFalse();
        assertThat(e.signAgreement()).isEqualTo(0.5);
        assertThat(e.agreement(-1)).isEqualTo(Agreement.INCONSISTENT);
        assertThat(effects(0.0).agreement(-1)).as("no member calls a sign").isEqualTo(Agreement.INCONSISTENT);
        assertThat(effects(0.0).signAgreement()).isZero();
        assertThat(e.agreement(0)).as("a measured effect of 0 has no sign to agree with").isNull();
        assertThat(e.labelAgreement(0)).isNaN();
    }
}
