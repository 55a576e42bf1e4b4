//! The discretised torus `T = R/Z` as `u32`: `x` stands for `x / 2^32`.
//!
//! Addition and multiplication by integers are wrapping `u32` operations.

/// Maps a real number to the nearest torus element (its fractional part, rounded to 2^-32).
///
/// ```
/// use umbra_fhe_core::torus;
/// assert_eq!(torus::from_f64(0.25), 1 << 30);
/// assert_eq!(torus::from_f64(-0.25), 3 << 30);
/// ```
pub fn from_f64(x: f64) -> u32 {
    let frac = x - x.floor();
    ((frac * 4294967296.0).round() as u64) as u32
}

/// The torus element as a signed fraction in `[-1/2, 1/2)`.
///
/// ```
/// use umbra_fhe_core::torus;
/// assert_eq!(torus::to_f64(3 << 30), -0.25);
/// ```
pub fn to_f64(x: u32) -> f64 {
    f64::from(x as i32) / 4294967296.0
}

/// Rounds `x` to the nearest multiple of `2^32 / 2N` and returns that multiple's index in `[0, 2N)`.
///
/// This is the modulus switch that turns LWE mask elements into monomial exponents.
///
/// ```
/// use umbra_fhe_core::torus::modulus_switch;
/// // N = 512: 2N = 1024 steps of 2^22 each.
/// assert_eq!(modulus_switch(1 << 22, 10), 1);
/// assert_eq!(modulus_switch((1 << 22) - (1 << 20), 10), 1);
/// assert_eq!(modulus_switch(u32::MAX, 10), 0);
/// ```
pub fn modulus_switch(x: u32, log2_2n: u32) -> usize {
    let shift = 32 - log2_2n;
    let rounded = (u64::from(x) + (1u64 << (shift - 1))) >> shift;
    (rounded as usize) & ((1usize << log2_2n) - 1)
}

/// Signed distance `a - b` on the torus, as a fraction in `[-1/2, 1/2)`.
pub fn distance(a: u32, b: u32) -> f64 {
    to_f64(a.wrapping_sub(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn modulus_switch_is_nearest(x in any::<u32>(), log2_2n in 5u32..16) {
            let m = modulus_switch(x, log2_2n);
            let step = 1u64 << (32 - log2_2n);
            let back = (m as u64 * step) as u32;
            prop_assert!(distance(x, back).abs() <= 0.5 / (1u64 << log2_2n) as f64);
        }

        #[test]
        fn from_f64_round_trips(x in any::<u32>()) {
            prop_assert_eq!(from_f64(to_f64(x)), x);
        }
    }
}
