//! Polynomials of `T_N[X] = T[X]/(X^N + 1)` and the exact (schoolbook) negacyclic product.
//!
//! Hot loops work on plain slices of length `N`; [`Polynomial`] is the owned form
//! handed across the [`Backend`](crate::backend::Backend) trait.

use crate::error::{check_len, Error, Result};
use crate::params::PolynomialSize;

/// An owned polynomial of `N` coefficients, lowest degree first.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Polynomial<T> {
    coeffs: Vec<T>,
}

/// A polynomial with torus (`u32`, wrapping) coefficients.
pub type TorusPolynomial = Polynomial<u32>;
/// A polynomial with small signed integer coefficients (gadget digits, plaintexts).
pub type IntegerPolynomial = Polynomial<i32>;

impl<T: Copy + Default> Polynomial<T> {
    /// The zero polynomial of size `N`.
    pub fn zero(size: PolynomialSize) -> Self {
        Self { coeffs: vec![T::default(); size.0] }
    }

    /// Wraps `coeffs`; its length must be a power of two.
    ///
    /// ```
    /// use umbra_fhe_core::polynomial::TorusPolynomial;
    /// assert!(TorusPolynomial::from_coefficients(vec![1, 2, 3, 4]).is_ok());
    /// assert!(TorusPolynomial::from_coefficients(vec![1, 2, 3]).is_err());
    /// ```
    pub fn from_coefficients(coeffs: Vec<T>) -> Result<Self> {
        if coeffs.is_empty() || !coeffs.len().is_power_of_two() {
            return Err(Error::InvalidInput(format!("polynomial size {} is not a power of two", coeffs.len())));
        }
        Ok(Self { coeffs })
    }

    /// `N`.
    pub fn size(&self) -> PolynomialSize {
        PolynomialSize(self.coeffs.len())
    }

    /// The coefficients, lowest degree first.
    pub fn as_slice(&self) -> &[T] {
        &self.coeffs
    }

    /// Mutable coefficients, lowest degree first.
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        &mut self.coeffs
    }
}

/// Largest magnitude of an integer-polynomial coefficient accepted by
/// [`Backend::poly_mul`](crate::backend::Backend::poly_mul): `2^15`.
///
/// Every gadget digit satisfies it (`|d| ≤ B/2` with `B ≤ 2^16`), and it is what
/// keeps the transform backends exact: `|Σ| ≤ N·2^15·2^31 ≤ 2^60` for `N ≤ 2^14`.
pub const MAX_INTEGER_COEFFICIENT: i32 = 1 << 15;

/// Exact negacyclic product `out = torus · int mod (X^N + 1)` over `Z/2^32`, by schoolbook.
///
/// O(N²); the reference every transform-based product is tested against.
///
/// ```
/// use umbra_fhe_core::polynomial::negacyclic_mul_reference;
/// // N = 2: (1 + X)·X = X + X² ≡ X − 1 (mod X² + 1).
/// let mut out = [0u32; 2];
/// negacyclic_mul_reference(&[1, 1], &[0, 1], &mut out).unwrap();
/// assert_eq!(out, [u32::MAX, 1]);
/// ```
pub fn negacyclic_mul_reference(torus: &[u32], int: &[i32], out: &mut [u32]) -> Result<()> {
    let n = torus.len();
    check_len("integer polynomial size", n, int.len())?;
    check_len("output polynomial size", n, out.len())?;
    out.fill(0);
    for (i, &a) in torus.iter().enumerate() {
        for (j, &b) in int.iter().enumerate() {
            let prod = a.wrapping_mul(b as u32);
            let k = i + j;
            if k < n {
                out[k] = out[k].wrapping_add(prod);
            } else {
                out[k - n] = out[k - n].wrapping_sub(prod);
            }
        }
    }
    Ok(())
}

/// `out = X^exponent · input` in `T_N[X]`, for `exponent ∈ [0, 2N)` (taken mod 2N).
///
/// ```
/// use umbra_fhe_core::polynomial::mul_by_monomial;
/// let mut out = [0u32; 4];
/// mul_by_monomial(&[1, 2, 3, 4], 1, &mut out);
/// assert_eq!(out, [4u32.wrapping_neg(), 1, 2, 3]);
/// ```
pub fn mul_by_monomial(input: &[u32], exponent: usize, out: &mut [u32]) {
    let n = input.len();
    let e = exponent % (2 * n);
    // X^e = −X^{e−N} for e ≥ N: shift by s = e mod N; the coefficients that
    // wrap past X^N flip sign once, and all of them flip again when e ≥ N.
    let (s, flip) = if e < n { (e, false) } else { (e - n, true) };
    let (wrapped, kept) = out.split_at_mut(s);
    let sign = |c: u32, negate: bool| if negate { c.wrapping_neg() } else { c };
    for (o, &c) in kept.iter_mut().zip(&input[..n - s]) {
        *o = sign(c, flip);
    }
    for (o, &c) in wrapped.iter_mut().zip(&input[n - s..]) {
        *o = sign(c, !flip);
    }
}

/// `out = X^exponent · input − input`, the CMux difference, for `exponent ∈ [0, 2N)`.
pub fn monomial_difference(input: &[u32], exponent: usize, out: &mut [u32]) {
    mul_by_monomial(input, exponent, out);
    for (o, &c) in out.iter_mut().zip(input) {
        *o = o.wrapping_sub(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive_monomial(input: &[u32], e: usize) -> Vec<u32> {
        let mut x = input.to_vec();
        for _ in 0..e {
            let last = x[x.len() - 1];
            x.rotate_right(1);
            x[0] = last.wrapping_neg();
        }
        x
    }

    proptest! {
        #[test]
        fn monomial_matches_repeated_shift(input in proptest::collection::vec(any::<u32>(), 16), e in 0usize..32) {
            let mut out = vec![0xdead_beef; 16];
            mul_by_monomial(&input, e, &mut out);
            prop_assert_eq!(out, naive_monomial(&input, e));
        }

        #[test]
        fn monomial_product_equals_reference(input in proptest::collection::vec(any::<u32>(), 8), e in 0usize..16) {
            let mut mono = [0i32; 8];
            if e < 8 { mono[e] = 1 } else { mono[e - 8] = -1 }
            let mut expected = [0u32; 8];
            negacyclic_mul_reference(&input, &mono, &mut expected).unwrap();
            let mut out = [7u32; 8];
            mul_by_monomial(&input, e, &mut out);
            prop_assert_eq!(out, expected);
        }

        #[test]
        fn reference_product_is_bilinear(a in proptest::collection::vec(any::<u32>(), 8),
                                         b in proptest::collection::vec(-100i32..100, 8),
                                         c in proptest::collection::vec(-100i32..100, 8)) {
            let sum: Vec<i32> = b.iter().zip(&c).map(|(x, y)| x + y).collect();
            let (mut ab, mut ac, mut asum) = ([0u32; 8], [0u32; 8], [0u32; 8]);
            negacyclic_mul_reference(&a, &b, &mut ab).unwrap();
            negacyclic_mul_reference(&a, &c, &mut ac).unwrap();
            negacyclic_mul_reference(&a, &sum, &mut asum).unwrap();
            for i in 0..8 {
                prop_assert_eq!(asum[i], ab[i].wrapping_add(ac[i]));
            }
        }
    }

    #[test]
    fn reference_rejects_mismatched_sizes() {
        let mut out = [0u32; 4];
        assert!(negacyclic_mul_reference(&[0; 4], &[0; 2], &mut out).is_err());
    }
}
