//! Bit-exact Rust twins of the integer arithmetic in the WGSL shaders.
//!
//! Every function here has a WGSL counterpart of the same name in
//! `shaders/ntt_arith.wgsl` or `shaders/common.wgsl`, written with the same
//! `u32` operations in the same order, so a property test of the twin is a test
//! of the shader's arithmetic. The host also uses them to build the twiddle
//! tables and constants the shaders read.
//!
//! The portable path multiplies in `Z/p₀ × Z/p₁` with the NTT primes
//! `p₀ = 998244353 = 119·2²³ + 1` and `p₁ = 754974721 = 45·2²⁴ + 1`, both
//! below 2³⁰ (so `4p < 2³²` and no sum of two residues overflows), and
//! recombines with the CRT. `M = p₀·p₁ ≈ 2^59.39`: any exact integer result
//! `X` with `|X| < M/2 ≈ 2^58.39` is recovered exactly and reduced mod 2³².

/// First NTT prime, `119·2²³ + 1`; supports negacyclic transforms up to `N = 2²²`.
///
/// ```
/// assert_eq!(umbra_fhe_gpu::arith::P0, 119 * (1 << 23) + 1);
/// ```
pub const P0: u32 = 998_244_353;
/// Second NTT prime, `45·2²⁴ + 1`; supports negacyclic transforms up to `N = 2²³`.
pub const P1: u32 = 754_974_721;
/// The two primes, indexed like the shaders index them.
pub const PRIMES: [u32; 2] = [P0, P1];
/// A generator of the multiplicative group of each prime.
const GENERATORS: [u32; 2] = [3, 11];
/// `(M − 1)/2` with `M = p₀·p₁`: [`crt`] is exact for integers of at most this magnitude.
///
/// ```
/// use umbra_fhe_gpu::arith::CRT_HALF_RANGE;
/// assert!(CRT_HALF_RANGE > 1 << 58);
/// ```
pub const CRT_HALF_RANGE: u64 = (P0 as u64 * P1 as u64 - 1) / 2;

/// High 32 bits of the 64-bit product `a·b`, from four 16×16-bit products
/// (WGSL has no 32×32→64 multiply without `SHADER_INT64`). Twin of both
/// `shaders/mulhi_u32.wgsl` (same steps) and `shaders/mulhi_u64.wgsl` (which
/// computes `(a·b) >> 32` directly; `mulhi_matches_u64` checks they agree).
///
/// ```
/// use umbra_fhe_gpu::arith::mulhi;
/// assert_eq!(mulhi(u32::MAX, u32::MAX), ((u64::from(u32::MAX) * u64::from(u32::MAX)) >> 32) as u32);
/// assert_eq!(mulhi(1 << 16, 1 << 16), 1);
/// ```
pub fn mulhi(a: u32, b: u32) -> u32 {
    let (a_lo, a_hi) = (a & 0xffff, a >> 16);
    let (b_lo, b_hi) = (b & 0xffff, b >> 16);
    let ll = a_lo * b_lo;
    let lh = a_lo * b_hi;
    let hl = a_hi * b_lo;
    let hh = a_hi * b_hi;
    // Each term is below 2^16 + 2^16 + 2^16, so `mid` cannot overflow.
    let mid = (ll >> 16) + (lh & 0xffff) + (hl & 0xffff);
    hh.wrapping_add(lh >> 16).wrapping_add(hl >> 16).wrapping_add(mid >> 16)
}

/// Shoup's companion `⌊w·2³²/p⌋` of a constant `w < p`, by 32 steps of long
/// division (the shader computes key companions the same way, without `u64`).
///
/// ```
/// use umbra_fhe_gpu::arith::{shoup_companion, P0};
/// let w = 12345;
/// assert_eq!(u64::from(shoup_companion(w, P0)), (u64::from(w) << 32) / u64::from(P0));
/// ```
pub fn shoup_companion(w: u32, p: u32) -> u32 {
    let mut r = w;
    let mut q = 0u32;
    for _ in 0..32 {
        // r < p < 2^30, so 2r fits.
        r <<= 1;
        q <<= 1;
        if r >= p {
            r -= p;
            q |= 1;
        }
    }
    q
}

/// `a·w mod p` for any `a < 2³²`, a constant `w < p < 2³¹` and its companion
/// `w_sh = ⌊w·2³²/p⌋` (Shoup): the quotient estimate `⌊a·w_sh/2³²⌋` is at most
/// one short, so the wrapping remainder lies in `[0, 2p)` and one conditional
/// subtraction finishes.
///
/// ```
/// use umbra_fhe_gpu::arith::{mul_shoup, shoup_companion, P1};
/// let (a, w) = (u32::MAX, P1 - 1);
/// let product = mul_shoup(a, w, shoup_companion(w, P1), P1);
/// assert_eq!(u64::from(product), u64::from(a) * u64::from(w) % u64::from(P1));
/// ```
pub fn mul_shoup(a: u32, w: u32, w_sh: u32, p: u32) -> u32 {
    reduce_once(mul_shoup_lazy(a, w, w_sh, p), p)
}

/// [`mul_shoup`] without its last correction: `a·w mod p` up to one `p`, in
/// `[0, 2p)` (Harvey's lazy product, used inside the transforms).
///
/// ```
/// use umbra_fhe_gpu::arith::{mul_shoup_lazy, shoup_companion, P0};
/// let (a, w) = (u32::MAX, P0 - 1);
/// let product = mul_shoup_lazy(a, w, shoup_companion(w, P0), P0);
/// assert!(product < 2 * P0);
/// assert_eq!(u64::from(product) % u64::from(P0), u64::from(a) * u64::from(w) % u64::from(P0));
/// ```
pub fn mul_shoup_lazy(a: u32, w: u32, w_sh: u32, p: u32) -> u32 {
    let q = mulhi(a, w_sh);
    a.wrapping_mul(w).wrapping_sub(q.wrapping_mul(p))
}

/// `x mod p` for `x < 2p`.
///
/// ```
/// use umbra_fhe_gpu::arith::{reduce_once, P1};
/// assert_eq!(reduce_once(P1 + 3, P1), 3);
/// ```
pub fn reduce_once(x: u32, p: u32) -> u32 {
    if x >= p {
        x - p
    } else {
        x
    }
}

/// `x` brought below `2p`, same residue, for `x < 4p`.
///
/// ```
/// use umbra_fhe_gpu::arith::{reduce_twice, P1};
/// assert_eq!(reduce_twice(3 * P1, P1), P1);
/// ```
pub fn reduce_twice(x: u32, p: u32) -> u32 {
    if x >= 2 * p {
        x - 2 * p
    } else {
        x
    }
}

/// `a + b` below `2p`, same residue, for `a, b < 2p` (lazy butterfly sum).
///
/// ```
/// use umbra_fhe_gpu::arith::{add_lazy, P0};
/// assert_eq!(add_lazy(2 * P0 - 1, 2 * P0 - 1, P0), 2 * P0 - 2);
/// ```
pub fn add_lazy(a: u32, b: u32, p: u32) -> u32 {
    reduce_twice(a + b, p)
}

/// `a − b + 2p`, in `(0, 4p)` and `≡ a − b`, for `a, b < 2p` (lazy butterfly
/// difference: the operand of [`mul_shoup_lazy`] or [`reduce_twice`]).
///
/// ```
/// use umbra_fhe_gpu::arith::{sub_lazy, P0};
/// assert_eq!(sub_lazy(0, 2 * P0 - 1, P0), 1);
/// ```
pub fn sub_lazy(a: u32, b: u32, p: u32) -> u32 {
    a + 2 * p - b
}

/// `(a + b) mod p` for `a, b < p < 2³¹`.
///
/// ```
/// use umbra_fhe_gpu::arith::{add_mod, P0};
/// assert_eq!(add_mod(P0 - 1, 2, P0), 1);
/// ```
pub fn add_mod(a: u32, b: u32, p: u32) -> u32 {
    let s = a + b;
    if s >= p {
        s - p
    } else {
        s
    }
}

/// `(a − b) mod p` for `a, b < p`.
///
/// ```
/// use umbra_fhe_gpu::arith::{sub_mod, P0};
/// assert_eq!(sub_mod(1, 2, P0), P0 - 1);
/// ```
pub fn sub_mod(a: u32, b: u32, p: u32) -> u32 {
    if a >= b {
        a - b
    } else {
        a + p - b
    }
}

/// The residue mod `p` of a gadget digit `d` with `|d| < p`, without a
/// division (WGSL `digit_residue`).
///
/// ```
/// use umbra_fhe_gpu::arith::{digit_residue, P1};
/// assert_eq!(digit_residue(-3, P1), P1 - 3);
/// assert_eq!(digit_residue(511, P1), 511);
/// ```
pub fn digit_residue(d: i32, p: u32) -> u32 {
    if d < 0 {
        (d as u32).wrapping_add(p)
    } else {
        d as u32
    }
}

/// `⌊2⁶¹/p⌋`, the Barrett constant of [`mul_mod`] for `p` (below 2³² for
/// both primes, which exceed 2²⁹).
///
/// ```
/// use umbra_fhe_gpu::arith::{barrett, P0, P1};
/// assert_eq!(u64::from(barrett(P0)), (1u64 << 61) / u64::from(P0));
/// assert!(barrett(P1) > barrett(P0));
/// ```
pub const fn barrett(p: u32) -> u32 {
    ((1u64 << 61) / p as u64) as u32
}

/// `a·b mod p` for residues `a, b < p` of a prime `p ∈ (2²⁹, 2³⁰)`, by
/// Barrett reduction of the 60-bit product with `m = barrett(p)` (WGSL
/// `mul_mod`; no loop, a handful of registers). With `x = a·b`,
/// `t = ⌊x/2²⁹⌋ < 2³¹` and `q = ⌊t·m/2³²⌋`: `q ≤ x/p`, and `q > x/p − 3`
/// because `t > x/2²⁹ − 1`, `m > 2⁶¹/p − 1`, `x/2⁶¹ < 1/2` and `2²⁹/p < 1`;
/// so `x − q·p ∈ [0, 3p)`, below 2³², exact in wrapping `u32` arithmetic,
/// and two corrections bring it below `p`.
///
/// ```
/// use umbra_fhe_gpu::arith::{barrett, mul_mod, P0};
/// assert_eq!(mul_mod(P0 - 1, P0 - 1, P0, barrett(P0)), 1);
/// ```
pub fn mul_mod(a: u32, b: u32, p: u32, m: u32) -> u32 {
    let lo = a.wrapping_mul(b);
    let t = (mulhi(a, b) << 3) | (lo >> 29);
    let q = mulhi(t, m);
    let r = lo.wrapping_sub(q.wrapping_mul(p));
    debug_assert!(u64::from(r) < 3 * u64::from(p), "Barrett remainder {r} out of range");
    let r = if r >= 2 * p { r - 2 * p } else { r };
    reduce_once(r, p)
}

/// The residue mod `p` of a `u32` read as a signed `i32` (torus coefficients
/// and gadget digits both enter the transform this way).
///
/// ```
/// use umbra_fhe_gpu::arith::{signed_residue, P0};
/// assert_eq!(signed_residue(5, P0), 5);
/// assert_eq!(signed_residue((-5i32) as u32, P0), P0 - 5);
/// ```
pub fn signed_residue(x: u32, p: u32) -> u32 {
    if x < 0x8000_0000 {
        x % p
    } else {
        let r = x.wrapping_neg() % p;
        if r == 0 {
            0
        } else {
            p - r
        }
    }
}

/// `p₀⁻¹ mod p₁`, Garner's constant.
pub const CRT_INV: u32 = 416_537_774;

/// The integer `X ∈ (−M/2, M/2)` with `X ≡ r₀ (mod p₀)` and `X ≡ r₁ (mod p₁)`,
/// reduced mod 2³² (Garner's formula, no 64-bit arithmetic).
///
/// `X' = r₀ + p₀·h` with `h = (r₁ − r₀)·p₀⁻¹ mod p₁` lies in `[0, M)`; it is
/// the representative of a negative `X` exactly when `X' > M/2`, which, with
/// `M/2 = p₀·(p₁−1)/2 + p₀/2` and `r₀ < p₀`, is `h > (p₁−1)/2`, or
/// `h = (p₁−1)/2` and `r₀ > (p₀−1)/2`.
///
/// ```
/// use umbra_fhe_gpu::arith::{crt, signed_residue, P0, P1};
/// for x in [0i64, 7, -7, 1 << 40, -(1 << 57)] {
///     let residue = |p: u32| x.rem_euclid(i64::from(p)) as u32;
///     assert_eq!(crt(residue(P0), residue(P1)), x as u32); // x mod 2^32
/// }
/// assert_eq!(crt(signed_residue(u32::MAX, P0), signed_residue(u32::MAX, P1)), u32::MAX);
/// ```
pub fn crt(r0: u32, r1: u32) -> u32 {
    // p₀ < 2·p₁, so one subtraction reduces r₀ mod p₁.
    let r0_mod_p1 = if r0 >= P1 { r0 - P1 } else { r0 };
    let h = mul_shoup(sub_mod(r1, r0_mod_p1, P1), CRT_INV, CRT_INV_SHOUP, P1);
    let half1 = (P1 - 1) / 2;
    let negative = h > half1 || (h == half1 && r0 > (P0 - 1) / 2);
    let x = r0.wrapping_add(P0.wrapping_mul(h));
    if negative {
        x.wrapping_sub(M_LOW)
    } else {
        x
    }
}

/// Shoup companion of [`CRT_INV`] modulo [`P1`].
pub const CRT_INV_SHOUP: u32 = ((CRT_INV as u64) << 32).div_euclid(P1 as u64) as u32;
/// `p₀·p₁ mod 2³²`.
pub const M_LOW: u32 = (P0 as u64 * P1 as u64) as u32;

/// `base^exp mod p`, on the host only (table generation).
///
/// ```
/// use umbra_fhe_gpu::arith::{pow_mod, P0};
/// assert_eq!(pow_mod(3, u64::from(P0 - 1), P0), 1); // Fermat
/// assert_eq!(pow_mod(2, 10, 1000), 24);
/// ```
pub fn pow_mod(base: u32, mut exp: u64, p: u32) -> u32 {
    let (mut acc, mut b, p64) = (1u64, u64::from(base) % u64::from(p), u64::from(p));
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc * b % p64;
        }
        b = b * b % p64;
        exp >>= 1;
    }
    acc as u32
}

/// A primitive `2N`-th root of unity `ψ` mod `PRIMES[prime]` (`ψ^N = −1`);
/// `N` must be a power of two with `2N` dividing `p − 1`.
///
/// ```
/// use umbra_fhe_gpu::arith::{negacyclic_root, pow_mod, P1};
/// let psi = negacyclic_root(1, 1024);
/// assert_eq!(pow_mod(psi, 1024, P1), P1 - 1); // ψ^N = −1
/// ```
pub fn negacyclic_root(prime: usize, n: usize) -> u32 {
    let p = PRIMES[prime];
    pow_mod(GENERATORS[prime], u64::from(p - 1) / (2 * n as u64), p)
}

/// `i` with its low `bits` bits reversed.
///
/// ```
/// use umbra_fhe_gpu::arith::bit_reverse;
/// assert_eq!(bit_reverse(0b0011, 4), 0b1100);
/// assert_eq!(bit_reverse(5, 0), 0);
/// ```
pub fn bit_reverse(i: usize, bits: u32) -> usize {
    if bits == 0 {
        0
    } else {
        i.reverse_bits() >> (usize::BITS - bits)
    }
}

/// `N⁻¹ mod p` and its Shoup companion, the scale of the inverse NTT.
///
/// ```
/// use umbra_fhe_gpu::arith::{inverse_size, mul_shoup, P1};
/// let [inv, inv_sh] = inverse_size(1, 2048);
/// assert_eq!(mul_shoup(2048, inv, inv_sh, P1), 1);
/// ```
pub fn inverse_size(prime: usize, n: usize) -> [u32; 2] {
    let p = PRIMES[prime];
    let inv = pow_mod(n as u32, u64::from(p - 2), p);
    [inv, shoup_companion(inv, p)]
}

/// Modulus switch of a torus value to `Z/2N`: `round(x·2N/2³²) mod 2N`, as
/// `umbra_fhe_core::torus::modulus_switch` (WGSL `mod_switch`).
///
/// ```
/// use umbra_fhe_gpu::arith::mod_switch;
/// // N = 1024, 2N = 2^11: a quarter of the torus is 512, and 2^32 − 1 rounds to 0.
/// assert_eq!(mod_switch(1 << 30, 11), 512);
/// assert_eq!(mod_switch(u32::MAX, 11), 0);
/// ```
pub fn mod_switch(x: u32, log2_2n: u32) -> u32 {
    let shift = 32 - log2_2n;
    let rounded = (x >> shift) + ((x >> (shift - 1)) & 1);
    rounded & ((1u32 << log2_2n) - 1)
}

/// Digit `level` (0 = most significant) of the signed, balanced, rounded
/// gadget decomposition of `x` with base `2^base_log` and `levels` digits
/// (WGSL `gadget_digit`); equals `SignedDecomposer::decompose`'s digit.
///
/// Closed form: with `v` the rounded top `β·l` bits and `c = Σᵢ (B/2)·Bⁱ`,
/// digit `i` counted from the least significant is `((v + c) >> iβ) mod B − B/2`:
/// adding `B/2` to every balanced digit `dᵢ ∈ [−B/2, B/2)` gives the ordinary
/// base-`B` digits of `v + c` (mod `B^l`, which the wrapping add respects).
///
/// ```
/// use umbra_fhe_gpu::arith::gadget_digit;
/// // Base 2^8, 4 levels: the digits recompose x exactly.
/// let x = 0x1234_abcd_u32;
/// let back = (0..4).fold(0u32, |acc, level| {
///     acc.wrapping_add((gadget_digit(x, 8, 4, level) as u32).wrapping_shl(32 - 8 * (level + 1)))
/// });
/// assert_eq!(back, x);
/// assert!((0..4).all(|level| (-128..128).contains(&gadget_digit(x, 8, 4, level))));
/// ```
pub fn gadget_digit(x: u32, base_log: u32, levels: u32, level: u32) -> i32 {
    let kept = base_log * levels;
    let v = if kept >= 32 {
        x
    } else {
        let shift = 32 - kept;
        ((x >> shift) + ((x >> (shift - 1)) & 1)) & ((1u32 << kept) - 1)
    };
    let half = 1u32 << (base_log - 1);
    let mask = (1u32 << base_log) - 1;
    let c = half.wrapping_mul(gadget_ones(base_log, levels));
    let i = levels - 1 - level;
    ((v.wrapping_add(c) >> (i * base_log)) & mask) as i32 - half as i32
}

/// `Σ_{i<levels} 2^{i·base_log}` (wrapping), so that `(B/2)·gadget_ones` is the
/// balancing offset `c` of [`gadget_digit`]; the shaders get it as a constant.
///
/// ```
/// use umbra_fhe_gpu::arith::gadget_ones;
/// assert_eq!(gadget_ones(8, 4), 0x0101_0101);
/// assert_eq!(gadget_ones(16, 2), 0x0001_0001);
/// ```
pub fn gadget_ones(base_log: u32, levels: u32) -> u32 {
    (0..levels).fold(0u32, |acc, i| acc | 1u32.wrapping_shl(i * base_log))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use umbra_fhe_core::decomposition::SignedDecomposer;
    use umbra_fhe_core::params::{DecompositionBaseLog, DecompositionLevelCount};

    const EDGES: [u32; 8] = [0, 1, 2, P1 - 1, P1, P0 - 1, 0x7fff_ffff, u32::MAX];

    fn any_edge() -> impl Strategy<Value = u32> {
        prop_oneof![proptest::sample::select(EDGES.to_vec()), any::<u32>()]
    }

    fn residue(prime: usize) -> impl Strategy<Value = u32> {
        let p = PRIMES[prime];
        prop_oneof![proptest::sample::select(vec![0, 1, p - 1, p / 2]), 0..p]
    }

    proptest! {
        #[test]
        fn mulhi_matches_u64(a in any_edge(), b in any_edge()) {
            prop_assert_eq!(mulhi(a, b), ((u64::from(a) * u64::from(b)) >> 32) as u32);
        }

        #[test]
        fn mul_shoup_matches_u64(prime in 0usize..2, a in any_edge(), w in any::<u32>()) {
            let p = PRIMES[prime];
            let w = w % p;
            let expected = (u64::from(a) * u64::from(w) % u64::from(p)) as u32;
            prop_assert_eq!(mul_shoup(a, w, shoup_companion(w, p), p), expected);
        }

        #[test]
        fn shoup_companion_matches_u64(prime in 0usize..2, w in any::<u32>()) {
            let p = PRIMES[prime];
            let w = w % p;
            prop_assert_eq!(u64::from(shoup_companion(w, p)), (u64::from(w) << 32) / u64::from(p));
        }

        #[test]
        fn digit_residue_matches_i64(prime in 0usize..2, d in prop_oneof![Just(0i32), Just(-1), Just(1), Just(-(1 << 15)), -(1i32 << 29)..(1 << 29)]) {
            let p = PRIMES[prime];
            prop_assert_eq!(i64::from(digit_residue(d, p)), i64::from(d).rem_euclid(i64::from(p)));
        }

        #[test]
        fn mul_mod_at_the_edges(prime in 0usize..2) {
            let p = PRIMES[prime];
            let edges = [0, 1, 2, p / 2, p - 2, p - 1];
            for a in edges {
                for b in edges {
                    prop_assert_eq!(u64::from(mul_mod(a, b, p, barrett(p))), u64::from(a) * u64::from(b) % u64::from(p));
                }
            }
        }

        #[test]
        fn mul_mod_matches_u64(prime in 0usize..2, (a, b) in (0usize..2).prop_flat_map(|i| (residue(i), residue(i)))) {
            let p = PRIMES[prime];
            let (a, b) = (a % p, b % p);
            prop_assert_eq!(u64::from(mul_mod(a, b, p, barrett(p))), u64::from(a) * u64::from(b) % u64::from(p));
        }

        #[test]
        fn add_sub_mod_match_u64(prime in 0usize..2, (a, b) in (0usize..2).prop_flat_map(|i| (residue(i), residue(i)))) {
            let p = PRIMES[prime];
            let (a, b) = (a % p, b % p);
            prop_assert_eq!(add_mod(a, b, p) as u64, (u64::from(a) + u64::from(b)) % u64::from(p));
            prop_assert_eq!(sub_mod(a, b, p) as u64, (u64::from(a) + u64::from(p) - u64::from(b)) % u64::from(p));
        }

        #[test]
        fn lazy_arithmetic_stays_in_range_and_matches_u64(prime in 0usize..2, a in any_edge(), b in any_edge(), w in any::<u32>()) {
            let p = PRIMES[prime];
            let p64 = u64::from(p);
            // Butterfly operands: anything below 2p, edges 0, p − 1, p, 2p − 1 included.
            let operand = |x: u32| match x % 5 {
                0 => [0, p - 1, p, 2 * p - 1][(x as usize / 5) % 4],
                _ => x % (2 * p),
            };
            let (x, y, w) = (operand(a), operand(b), w % p);
            let s = add_lazy(x, y, p);
            prop_assert!(s < 2 * p);
            prop_assert_eq!(u64::from(s) % p64, (u64::from(x) + u64::from(y)) % p64);
            let d = sub_lazy(x, y, p);
            prop_assert!(d < 4 * p);
            prop_assert_eq!(u64::from(d) % p64, (u64::from(x) + 2 * p64 - u64::from(y)) % p64);
            let r = reduce_twice(d, p);
            prop_assert!(r < 2 * p);
            prop_assert_eq!(u64::from(r) % p64, u64::from(d) % p64);
            // The lazy product of any u32 (a itself, 2^32 − 1 among the edges).
            let m = mul_shoup_lazy(a, w, shoup_companion(w, p), p);
            prop_assert!(m < 2 * p);
            prop_assert_eq!(u64::from(m) % p64, u64::from(a) * u64::from(w) % p64);
            prop_assert_eq!(reduce_once(m, p), mul_shoup(a, w, shoup_companion(w, p), p));
        }

        #[test]
        fn signed_residue_matches_i64(prime in 0usize..2, x in any_edge()) {
            let p = i64::from(PRIMES[prime]);
            prop_assert_eq!(i64::from(signed_residue(x, p as u32)), i64::from(x as i32).rem_euclid(p));
        }

        #[test]
        fn crt_recovers_every_integer_in_range(x in -(1i64 << 58)..(1i64 << 58)) {
            let r0 = x.rem_euclid(i64::from(P0)) as u32;
            let r1 = x.rem_euclid(i64::from(P1)) as u32;
            prop_assert_eq!(crt(r0, r1), x as u32);
        }

        #[test]
        fn gadget_digit_matches_core(base_log in 1u32..=16, levels in 1u32..=32, x in any_edge()) {
            let levels = levels.min(32 / base_log);
            let d = SignedDecomposer::new(DecompositionBaseLog(base_log as usize), DecompositionLevelCount(levels as usize));
            let mut digits = vec![0i32; levels as usize];
            d.decompose(x, &mut digits);
            for (level, &digit) in digits.iter().enumerate() {
                prop_assert_eq!(gadget_digit(x, base_log, levels, level as u32), digit);
            }
        }

        #[test]
        fn mod_switch_matches_core(x in any_edge(), log2_2n in 5u32..16) {
            prop_assert_eq!(mod_switch(x, log2_2n) as usize, umbra_fhe_core::torus::modulus_switch(x, log2_2n));
        }
    }

    #[test]
    fn crt_edges() {
        let half = (u64::from(P0) * u64::from(P1)) as i64 / 2;
        for x in [0i64, 1, -1, half, -half, half - 1, -half + 1, i64::from(u32::MAX), -(1 << 31)] {
            let r0 = x.rem_euclid(i64::from(P0)) as u32;
            let r1 = x.rem_euclid(i64::from(P1)) as u32;
            assert_eq!(crt(r0, r1), x as u32, "x = {x}");
        }
        let half = CRT_HALF_RANGE as i64;
        for x in [half, -half] {
            assert_eq!(crt(x.rem_euclid(i64::from(P0)) as u32, x.rem_euclid(i64::from(P1)) as u32), x as u32);
        }
    }

    #[test]
    fn constants_are_consistent() {
        assert_eq!(u64::from(P0) * u64::from(CRT_INV) % u64::from(P1), 1);
        assert_eq!(u64::from(CRT_INV_SHOUP), (u64::from(CRT_INV) << 32) / u64::from(P1));
        for (prime, &p) in PRIMES.iter().enumerate() {
            assert!(4 * u64::from(p) < 1 << 32);
            for log_n in 1..=14 {
                let n = 1usize << log_n;
                let psi = negacyclic_root(prime, n);
                assert_eq!(pow_mod(psi, n as u64, p), p - 1, "prime {p}, N = {n}");
            }
        }
    }
}
