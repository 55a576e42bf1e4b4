//! GGSW ciphertexts and the exact (schoolbook) external product and CMux.
//!
//! A GGSW encryption of an integer `m` is `(k+1)·l` GLWE rows. Row `(j, q)`
//! (component `j ∈ 0..=k`, level `q ∈ 1..=l`) has the phase of "zero plus
//! `m·2^{32−qβ}` on component `j`": for `j < k` it is a GLWE encryption of
//! `−m·2^{32−qβ}·S_j`, for `j = k` one of the constant `m·2^{32−qβ}`.
//! Putting the message in the body leaves every mask uniform, so the masks can
//! be regenerated from a public seed (see [`crate::random::MaskGenerator`]).
//! Rows are stored `j`-major then `q`: row index `r = j·l + (q − 1)`.
//!
//! External product `C ⊡ G = Σ_{j,q} D_{j,q}·G_{j,q}` where `D_{j,q}` are the
//! gadget digits of component `j` of the GLWE `C`; its phase is `m·phase(C)`
//! plus noise `Σ D·E` and the decomposition rounding error times `m·S`.

use crate::decomposition::SignedDecomposer;
use crate::error::{check_len, Result};
use crate::glwe::{GlweKeyOperations, GlweSecretKey};
use crate::params::{DecompositionBaseLog, DecompositionLevelCount, GlweDimension, PolynomialSize, StandardDev};
use crate::polynomial::{monomial_difference, negacyclic_mul_reference};
use crate::random::{Csprng, MaskGenerator};

/// Shape of a GGSW ciphertext.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GgswShape {
    /// `k`.
    pub glwe_dimension: GlweDimension,
    /// `N`.
    pub polynomial_size: PolynomialSize,
    /// `β`.
    pub base_log: DecompositionBaseLog,
    /// `l`.
    pub level: DecompositionLevelCount,
}

impl GgswShape {
    /// Number of GLWE rows, `(k+1)·l`.
    pub fn rows(&self) -> usize {
        (self.glwe_dimension.0 + 1) * self.level.0
    }

    /// Length of one GLWE row, `(k+1)·N`.
    pub fn row_len(&self) -> usize {
        (self.glwe_dimension.0 + 1) * self.polynomial_size.0
    }

    /// Number of torus values in one GGSW ciphertext.
    pub fn len(&self) -> usize {
        self.rows() * self.row_len()
    }

    /// Always false: a GGSW has at least one row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The decomposer matching this gadget.
    pub fn decomposer(&self) -> SignedDecomposer {
        SignedDecomposer::new(self.base_log, self.level)
    }
}

/// Writes into `out` (`shape.len()` values) a GGSW encryption of the integer
/// `m` under `key` (whose Fourier form is `ops`): masks from `masks`, noise from `rng`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn encrypt_ggsw_into(
    ops: &mut GlweKeyOperations,
    key: &GlweSecretKey,
    shape: GgswShape,
    m: u32,
    noise: StandardDev,
    masks: &mut MaskGenerator,
    rng: &mut Csprng,
    out: &mut [u32],
) {
    let (k, n, l) = (shape.glwe_dimension.0, shape.polynomial_size.0, shape.level.0);
    let beta = shape.base_log.0 as u32;
    for (r, row) in out.chunks_exact_mut(shape.row_len()).enumerate() {
        masks.fill_uniform(&mut row[..k * n]);
        ops.encrypt_zero_with_mask(noise, rng, row);
        let (j, q) = (r / l, r % l + 1);
        let factor = m.wrapping_mul(1u32.wrapping_shl(32 - q as u32 * beta));
        let body = &mut row[k * n..];
        if j < k {
            for (b, &s) in body.iter_mut().zip(key.poly(j)) {
                *b = b.wrapping_sub(s.wrapping_mul(factor));
            }
        } else {
            body[0] = body[0].wrapping_add(factor);
        }
    }
}

/// A standalone GGSW ciphertext (the bootstrapping key stores many back to back).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GgswCiphertext {
    shape: GgswShape,
    data: Vec<u32>,
}

impl GgswCiphertext {
    /// Encrypts the integer `m` (usually a key bit) under `key`.
    pub fn encrypt(
        key: &GlweSecretKey,
        base_log: DecompositionBaseLog,
        level: DecompositionLevelCount,
        m: u32,
        noise: StandardDev,
        rng: &mut Csprng,
    ) -> Self {
        let shape =
            GgswShape { glwe_dimension: key.glwe_dimension(), polynomial_size: key.polynomial_size(), base_log, level };
        let mut data = vec![0; shape.len()];
        let mut masks = MaskGenerator::from_seed(rng.public_seed());
        encrypt_ggsw_into(&mut GlweKeyOperations::new(key), key, shape, m, noise, &mut masks, rng, &mut data);
        Self { shape, data }
    }

    /// Shape of this ciphertext.
    pub fn shape(&self) -> GgswShape {
        self.shape
    }

    /// Rows back to back.
    pub fn as_slice(&self) -> &[u32] {
        &self.data
    }
}

/// Exact external product `out = glwe ⊡ ggsw`, by schoolbook products.
pub fn external_product_reference(shape: GgswShape, ggsw: &[u32], glwe: &[u32], out: &mut [u32]) -> Result<()> {
    let (k, n, l) = (shape.glwe_dimension.0, shape.polynomial_size.0, shape.level.0);
    check_len("GGSW length", shape.len(), ggsw.len())?;
    check_len("GLWE length", shape.row_len(), glwe.len())?;
    check_len("output GLWE length", shape.row_len(), out.len())?;
    let decomposer = shape.decomposer();
    let mut digits = vec![0i32; l * n];
    let mut product = vec![0u32; n];
    out.fill(0);
    for j in 0..=k {
        decomposer.decompose_slice(&glwe[j * n..(j + 1) * n], &mut digits);
        for q in 0..l {
            let row = &ggsw[(j * l + q) * shape.row_len()..][..shape.row_len()];
            for c in 0..=k {
                negacyclic_mul_reference(&row[c * n..(c + 1) * n], &digits[q * n..(q + 1) * n], &mut product)?;
                for (o, p) in out[c * n..(c + 1) * n].iter_mut().zip(&product) {
                    *o = o.wrapping_add(*p);
                }
            }
        }
    }
    Ok(())
}

/// Exact CMux step of blind rotation: `acc += ggsw ⊡ (X^rotation·acc − acc)`.
///
/// With `ggsw` encrypting a bit `s`, the result encrypts `X^{s·rotation}·acc`.
pub fn cmux_rotate_reference(shape: GgswShape, ggsw: &[u32], acc: &mut [u32], rotation: usize) -> Result<()> {
    let n = shape.polynomial_size.0;
    check_len("accumulator length", shape.row_len(), acc.len())?;
    let mut diff = vec![0u32; acc.len()];
    for (a, d) in acc.chunks_exact(n).zip(diff.chunks_exact_mut(n)) {
        monomial_difference(a, rotation, d);
    }
    let mut product = vec![0u32; acc.len()];
    external_product_reference(shape, ggsw, &diff, &mut product)?;
    for (a, p) in acc.iter_mut().zip(&product) {
        *a = a.wrapping_add(*p);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glwe::GlweCiphertext;
    use crate::polynomial::mul_by_monomial;
    use crate::torus;

    fn setup(k: usize, n: usize) -> (GlweSecretKey, GgswShape, Csprng) {
        let mut rng = Csprng::from_seed([21; 32]);
        let key = GlweSecretKey::generate(GlweDimension(k), PolynomialSize(n), &mut rng);
        let shape = GgswShape {
            glwe_dimension: GlweDimension(k),
            polynomial_size: PolynomialSize(n),
            base_log: DecompositionBaseLog(7),
            level: DecompositionLevelCount(3),
        };
        (key, shape, rng)
    }

    #[test]
    fn external_product_multiplies_by_the_ggsw_message() {
        let (key, shape, mut rng) = setup(2, 64);
        let sd = StandardDev::from_log2(-25.0);
        let msg: Vec<u32> = (0..64).map(|i| (i % 8) << 29).collect();
        let glwe = GlweCiphertext::encrypt(&key, &msg, sd, &mut rng).unwrap();
        for m in [0u32, 1] {
            let ggsw = GgswCiphertext::encrypt(&key, shape.base_log, shape.level, m, sd, &mut rng);
            let mut out = vec![0; shape.row_len()];
            external_product_reference(shape, ggsw.as_slice(), glwe.as_slice(), &mut out).unwrap();
            let mut ct = GlweCiphertext::zero(GlweDimension(2), PolynomialSize(64));
            ct.as_mut_slice().copy_from_slice(&out);
            let phase = key.phase(&ct).unwrap();
            for (p, &x) in phase.iter().zip(&msg) {
                assert!(torus::distance(*p, x.wrapping_mul(m)).abs() < 1e-3, "m = {m}");
            }
        }
    }

    #[test]
    fn cmux_rotates_only_when_the_bit_is_set() {
        let (key, shape, mut rng) = setup(1, 32);
        let sd = StandardDev::from_log2(-25.0);
        let msg: Vec<u32> = (0..32).map(|i| (i as u32) << 27).collect();
        for bit in [0u32, 1] {
            let ggsw = GgswCiphertext::encrypt(&key, shape.base_log, shape.level, bit, sd, &mut rng);
            let mut acc = GlweCiphertext::encrypt(&key, &msg, sd, &mut rng).unwrap();
            cmux_rotate_reference(shape, ggsw.as_slice(), acc.as_mut_slice(), 5).unwrap();
            let mut expected = msg.clone();
            if bit == 1 {
                mul_by_monomial(&msg, 5, &mut expected);
            }
            let phase = key.phase(&acc).unwrap();
            for (p, e) in phase.iter().zip(&expected) {
                assert!(torus::distance(*p, *e).abs() < 1e-3, "bit = {bit}");
            }
        }
    }
}
