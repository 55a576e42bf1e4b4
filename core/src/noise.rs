//! The noise model: variances after each step of PBS → keyswitch, and the
//! failure probabilities they imply.
//!
//! Formulas (torus units, `B = 2^β`, balanced digits uniform on `[−B/2, B/2)`
//! so `E[d²] = (B² + 2)/12`, binary keys with `E[s²] = 1/2`), following the
//! analysis of Chillotti, Gama, Georgieva and Izabachène (TFHE, J. Cryptology
//! 2020), with the average-case digit variance in place of its `(B/2)²` bound:
//!
//! * modulus switch: `V_ms = (n/2 + 1) / (48·N²)` (each of `n/2 + 1` terms
//!   rounds to a multiple of `1/2N`);
//! * one CMux: `V_cmux = (k+1)·l·N·(B² + 2)/12·σ_glwe² + (1 + k·N/2)/(12·B^{2l})`;
//!   blind rotation: `V_br = n·V_cmux`;
//! * keyswitch: `V_ks = kN·t·(B_ks² + 2)/12·σ_lwe² + (kN/2)/(12·B_ks^{2t})`;
//! * PBS → keyswitch output: `V_out = V_br + V_ks`.
//!
//! A decryption fails when the error at the modulus switch of the next
//! bootstrap exceeds the half-width of a message box; for Gaussian error of
//! variance `V` and margin `m` that is `erfc(m / √(2V))`.

use crate::params::Parameters;

fn base(beta: usize) -> f64 {
    (beta as f64).exp2()
}

/// `V_ms`: variance the modulus switch to `2N` adds to a phase.
pub fn modulus_switch_variance(p: &Parameters) -> f64 {
    let n = p.lwe_dimension.0 as f64;
    let big_n = p.polynomial_size.0 as f64;
    (n / 2.0 + 1.0) / (48.0 * big_n * big_n)
}

/// `V_br`: variance of the accumulator (and extracted sample) after blind rotation.
pub fn blind_rotation_variance(p: &Parameters) -> f64 {
    let (k, n, l) = (p.glwe_dimension.0 as f64, p.polynomial_size.0 as f64, p.pbs_level.0 as f64);
    let b = base(p.pbs_base_log.0);
    let key_term = (k + 1.0) * l * n * (b * b + 2.0) / 12.0 * p.glwe_noise.variance();
    let rounding_term = (1.0 + k * n / 2.0) / (12.0 * b.powf(2.0 * l));
    p.lwe_dimension.0 as f64 * (key_term + rounding_term)
}

/// `V_ks`: variance the keyswitch adds.
pub fn keyswitch_variance(p: &Parameters) -> f64 {
    let kn = p.extracted_lwe_dimension().0 as f64;
    let t = p.ks_level.0 as f64;
    let b = base(p.ks_base_log.0);
    kn * t * (b * b + 2.0) / 12.0 * p.lwe_noise.variance() + (kn / 2.0) / (12.0 * b.powf(2.0 * t))
}

/// `V_out = V_br + V_ks`: variance of a bootstrapped ciphertext.
pub fn bootstrap_output_variance(p: &Parameters) -> f64 {
    blind_rotation_variance(p) + keyswitch_variance(p)
}

/// `V_fresh`: variance of a fresh secret-key LWE encryption.
pub fn fresh_variance(p: &Parameters) -> f64 {
    p.lwe_noise.variance()
}

/// `V_off`: the share of [`bootstrap_output_variance`] that is the same for
/// every bootstrap under one key.
///
/// Balanced digits, uniform on `[−B/2, B/2)`, have mean `−1/2`, so each
/// gadget product `Σ d·e` (digits `d` of the input, errors `e` of the fixed
/// key rows) has the per-key mean `−½·Σ e`: a constant offset of every
/// output under that key, with variance `¼·Σ σ²` over the choice of key. It
/// adds up linearly when outputs are summed, while the rest of the error adds
/// up in variance:
/// `V_off = n·(k+1)·l·N·σ_glwe²/4 + kN·t·σ_lwe²/4`.
///
/// ```
/// use umbra_fhe_core::{noise, params};
/// let p = params::MESSAGE_4_BITS;
/// assert!(noise::bootstrap_offset_variance(&p) < noise::bootstrap_output_variance(&p));
/// ```
pub fn bootstrap_offset_variance(p: &Parameters) -> f64 {
    let (k, n, l) = (p.glwe_dimension.0 as f64, p.polynomial_size.0 as f64, p.pbs_level.0 as f64);
    let rotation = p.lwe_dimension.0 as f64 * (k + 1.0) * l * n * p.glwe_noise.variance() / 4.0;
    let kn = p.extracted_lwe_dimension().0 as f64;
    let keyswitch = kn * p.ks_level.0 as f64 * p.lwe_noise.variance() / 4.0;
    rotation + keyswitch
}

/// `log2(erfc(margin / √(2·variance)))`: log-probability that a centred
/// Gaussian of this variance leaves `(−margin, margin)`.
///
/// ```
/// use umbra_fhe_core::noise::log2_failure;
/// assert!((log2_failure(1.0, 1.0) - 0.3173f64.log2()).abs() < 1e-4); // 1σ
/// assert!((log2_failure(3.0, 1.0) - 0.0026998f64.log2()).abs() < 1e-3); // 3σ
/// ```
pub fn log2_failure(margin: f64, variance: f64) -> f64 {
    let z = margin / (2.0 * variance).sqrt();
    // erfc(z) = t·exp(−z² + P(t)), t = 1/(1 + z/2): Chebyshev fit with relative
    // error below 1.2e-7 for every z ≥ 0, evaluated in the log domain so that
    // probabilities far below f64's range stay representable.
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    (t.ln() - z * z + poly) / std::f64::consts::LN_2
}

/// Predicted `log2` failure probability of one boolean gate, in the worst
/// composition the user API produces: both inputs are sums of two
/// bootstrapped ciphertexts (outputs of `mux` or of an adder's carry), so the
/// margin is `1/8` and the variance `4·V_out + V_ms`.
pub fn gate_failure_log2(p: &Parameters) -> f64 {
    log2_failure(0.125, 4.0 * bootstrap_output_variance(p) + modulus_switch_variance(p))
}

/// Predicted `log2` failure probability of a three-input function by one
/// bootstrap (majority, three-way XOR, carry combination; the integer
/// circuits' building blocks), in the worst composition they are used in:
/// margin `1/8` and variance `6·V_out + V_ms` (the carry combination
/// `2g + p + c` on bootstrapped inputs, or a majority of three inputs that
/// are each the sum of two bootstraps; the three-way XOR, `−2(a + b + c)`,
/// has four times the variance at twice the margin, which is no worse).
pub fn three_input_failure_log2(p: &Parameters) -> f64 {
    log2_failure(0.125, 6.0 * bootstrap_output_variance(p) + modulus_switch_variance(p))
}

/// Predicted `log2` failure probability of a lookup table applied to a
/// bootstrapped ciphertext of `p.message_bits` bits (plus padding):
/// margin `2^{−(bits+2)}`, variance `V_out + V_ms`.
pub fn lut_failure_log2(p: &Parameters) -> f64 {
    let margin = (-(f64::from(p.message_bits) + 2.0)).exp2();
    log2_failure(margin, bootstrap_output_variance(p) + modulus_switch_variance(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::*;

    #[test]
    fn shipped_sets_meet_their_documented_failure_bounds() {
        // The bounds quoted in the parameter docs and the README.
        assert!(gate_failure_log2(&DEFAULT_BOOLEAN) < -64.0);
        assert!(gate_failure_log2(&TFHE_LIB) < -32.0);
        assert!(lut_failure_log2(&MESSAGE_1_BIT) < -64.0);
        assert!(lut_failure_log2(&MESSAGE_2_BITS) < -64.0);
        assert!(lut_failure_log2(&MESSAGE_3_BITS) < -64.0);
        assert!(lut_failure_log2(&MESSAGE_4_BITS) < -64.0);
        assert!(lut_failure_log2(&MESSAGE_4_BITS) > -70.0, "docs quote ≈ 2^-64");
        println!(
            "three-input functions: default-boolean 2^{:.0}, tfhe-lib 2^{:.0}",
            three_input_failure_log2(&DEFAULT_BOOLEAN),
            three_input_failure_log2(&TFHE_LIB)
        );
        assert!(three_input_failure_log2(&DEFAULT_BOOLEAN) < -128.0);
        assert!(three_input_failure_log2(&TFHE_LIB) < -64.0);
    }

    #[test]
    fn failure_decreases_with_margin() {
        assert!(log2_failure(2.0, 1.0) < log2_failure(1.0, 1.0));
        assert!(log2_failure(40.0, 1.0) < -1000.0);
        assert!(log2_failure(40.0, 1.0).is_finite());
    }
}
