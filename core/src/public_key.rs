//! Public-key encryption into a parameter set's LWE ciphertexts, with
//! compact lists: many bits share one random polynomial.
//!
//! The LWE secret `s ∈ {0,1}ⁿ` is read as a polynomial of degree `< N`
//! (`N` the power of two at least `n`, its coefficients from `n` on zero) in
//! `R = T[X]/(X^N + 1)`. The public key is an RLWE encryption of zero under
//! it: `(a, b = a·s + e)` with `a` uniform (from a public seed, so only `b`
//! is stored) and `e` of deviation `σ_pk`. A list of up to `N` torus
//! plaintexts `m` is encrypted with a fresh binary polynomial `r` and two
//! error polynomials of deviation `σ_enc`:
//! `(c, d) = (a·r + e₁, b·r + e₂ + m)`, so that
//! `d − c·s = m + e·r + e₂ − e₁·s`. Coefficient `i` of that identity is an
//! LWE sample under `s` whose mask is the `i`-th negacyclic rotation of `c`
//! restricted to the first `n` coefficients: [`CompactList::expand`] gives
//! ordinary ciphertexts of the set, with no keyswitch.
//!
//! Error of an expanded ciphertext (variance, [`encryption_variance`]):
//! `N·σ_pk²/2 + (n/2 + 1)·σ_enc²` (a coefficient of `e·r` sums `N` terms
//! `±eⱼ·rₖ`, `rₖ` a fair bit; one of `e₁·s` sums about `n/2`). Half of the
//! first term is fixed by the key and the position in the list (the mean
//! of the bits, `±eⱼ/2` summed): ciphertexts of one key at one position
//! share it, so their errors are correlated, as bootstrap outputs' are.
//!
//! Security, for [`PublicKeyParameters::for_set`]:
//! * The key is `N` LWE samples of the set's secret `s` with the set's own
//!   noise `σ_pk = σ_lwe`, in a negacyclic (ring) arrangement: the same
//!   problem the keyswitching key already publishes samples of, so the key
//!   rests on the set's LWE assumption, in its ring-structured form.
//! * An encryption is RLWE of dimension `N = 1024` with the binary secret
//!   `r` and `σ_enc = 2⁻²⁴` on the 32-bit torus: more noise than the TFHE
//!   library's bootstrapping key (also `N = 1024`, binary secret,
//!   `q = 2³²`, `σ = 2⁻²⁵`), which its authors estimated at 130 bits with
//!   the lattice estimator. We could not run the estimator ourselves.

use crate::error::{check_len, Error, Result};
use crate::lwe::{LweCiphertext, LweSecretKey};
use crate::params::{LweDimension, Parameters, PolynomialSize, StandardDev};
use crate::polynomial::negacyclic_mul_reference;
use crate::random::{Csprng, MaskGenerator};
use zeroize::Zeroizing;

/// The shape and noise of a compact public key for one parameter set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PublicKeyParameters {
    /// `n`, the set's LWE dimension.
    pub lwe_dimension: LweDimension,
    /// `N`, the smallest power of two at least `n`: bits per random polynomial.
    pub polynomial_size: PolynomialSize,
    /// `σ_pk`, the key's error: the set's LWE noise.
    pub key_noise: StandardDev,
    /// `σ_enc`, the error of each encryption's two polynomials.
    pub encryption_noise: StandardDev,
}

impl PublicKeyParameters {
    /// The public key of `p`: `N = n` rounded up to a power of two,
    /// `σ_pk = σ_lwe`, `σ_enc = 2⁻²⁴` (see the module docs).
    ///
    /// ```
    /// use umbra_fhe_core::{params::*, public_key::PublicKeyParameters};
    /// assert_eq!(PublicKeyParameters::for_set(&DEFAULT_BOOLEAN).polynomial_size, PolynomialSize(1024));
    /// ```
    pub fn for_set(p: &Parameters) -> Self {
        Self {
            lwe_dimension: p.lwe_dimension,
            polynomial_size: PolynomialSize(p.lwe_dimension.0.next_power_of_two()),
            key_noise: p.lwe_noise,
            encryption_noise: StandardDev::from_log2(-24.0),
        }
    }
}

/// The variance of an expanded public-key ciphertext's error (module docs).
pub fn encryption_variance(p: &PublicKeyParameters) -> f64 {
    let (n, big_n) = (p.lwe_dimension.0 as f64, p.polynomial_size.0 as f64);
    big_n * p.key_noise.variance() / 2.0 + (n / 2.0 + 1.0) * p.encryption_noise.variance()
}

/// A compact public key: the seed of `a` and the `N` coefficients of
/// `b = a·s + e`.
#[derive(Clone, Debug, PartialEq)]
pub struct CompactPublicKey {
    params: PublicKeyParameters,
    seed: [u8; 32],
    body: Vec<u32>,
}

impl CompactPublicKey {
    /// The public key of `secret` (whose dimension must be `params`'s `n`).
    ///
    /// ```
    /// use umbra_fhe_core::{lwe::LweSecretKey, params::*, public_key::*, random::Csprng, torus};
    /// let p = PublicKeyParameters::for_set(&TFHE_LIB);
    /// let mut rng = Csprng::from_seed([1; 32]);
    /// let secret = LweSecretKey::generate(p.lwe_dimension, &mut rng);
    /// let key = CompactPublicKey::generate(&secret, p, &mut rng)?;
    /// let list = key.encrypt(&[1 << 29, 3 << 29], &mut rng);
    /// let cts = list.expand();
    /// assert!(torus::distance(secret.phase(&cts[1])?, 3 << 29).abs() < 1e-3);
    /// # Ok::<(), umbra_fhe_core::Error>(())
    /// ```
    pub fn generate(secret: &LweSecretKey, params: PublicKeyParameters, rng: &mut Csprng) -> Result<Self> {
        check_len("LWE secret dimension", params.lwe_dimension.0, secret.dimension().0)?;
        let big_n = params.polynomial_size.0;
        if big_n < params.lwe_dimension.0 {
            return Err(Error::InvalidInput(format!(
                "a public key's polynomials ({big_n} coefficients) must hold the whole secret ({})",
                params.lwe_dimension.0
            )));
        }
        let seed = rng.public_seed();
        let a = Self::mask_polynomial(seed, big_n);
        let s: Vec<i32> = (0..big_n).map(|j| secret.as_slice().get(j).map_or(0, |&bit| bit as i32)).collect();
        let mut body = vec![0u32; big_n];
        negacyclic_mul_reference(&a, &s, &mut body)?;
        for coefficient in &mut body {
            *coefficient = coefficient.wrapping_add(rng.gaussian(params.key_noise));
        }
        Ok(Self { params, seed, body })
    }

    /// A key from its parts (as read back from bytes); `body` must hold `N` values.
    pub fn from_parts(params: PublicKeyParameters, seed: [u8; 32], body: Vec<u32>) -> Result<Self> {
        check_len("public key body", params.polynomial_size.0, body.len())?;
        Ok(Self { params, seed, body })
    }

    /// The key's parameters.
    pub fn parameters(&self) -> &PublicKeyParameters {
        &self.params
    }

    /// The public seed of `a`.
    pub fn seed(&self) -> &[u8; 32] {
        &self.seed
    }

    /// The coefficients of `b`.
    pub fn body(&self) -> &[u32] {
        &self.body
    }

    fn mask_polynomial(seed: [u8; 32], size: usize) -> Vec<u32> {
        let mut a = vec![0u32; size];
        MaskGenerator::from_seed(seed).fill_uniform(&mut a);
        a
    }

    /// Encrypts the torus plaintexts `messages`, `N` to a random polynomial.
    pub fn encrypt(&self, messages: &[u32], rng: &mut Csprng) -> CompactList {
        let big_n = self.params.polynomial_size.0;
        let a = Self::mask_polynomial(self.seed, big_n);
        let mut chunks = Vec::with_capacity(messages.len().div_ceil(big_n) * 2 * big_n);
        // The ephemeral secret: zeroized when dropped.
        let mut r = Zeroizing::new(vec![0i32; big_n]);
        let mut product = vec![0u32; big_n];
        for chunk in messages.chunks(big_n) {
            r.iter_mut().for_each(|x| *x = rng.binary() as i32);
            for (polynomial, noise_of) in [(&a, None), (&self.body, Some(chunk))] {
                negacyclic_mul_reference(polynomial, r.as_slice(), &mut product).expect("N coefficients each");
                for (i, value) in product.iter().enumerate() {
                    let message = noise_of.and_then(|m| m.get(i)).copied().unwrap_or(0);
                    chunks.push(value.wrapping_add(rng.gaussian(self.params.encryption_noise)).wrapping_add(message));
                }
            }
        }
        CompactList { params: self.params, count: messages.len(), chunks }
    }
}

/// Public-key ciphertexts of many plaintexts: per `N` of them, one mask
/// polynomial `c` and one body polynomial `d` (8 bytes a plaintext for a
/// full chunk).
#[derive(Clone, Debug, PartialEq)]
pub struct CompactList {
    params: PublicKeyParameters,
    count: usize,
    chunks: Vec<u32>,
}

impl CompactList {
    /// A list from its parts: `count` plaintexts, `⌈count / N⌉` chunks of
    /// `2N` values.
    pub fn from_parts(params: PublicKeyParameters, count: usize, chunks: Vec<u32>) -> Result<Self> {
        let big_n = params.polynomial_size.0;
        check_len("compact list", count.div_ceil(big_n) * 2 * big_n, chunks.len())?;
        Ok(Self { params, count, chunks })
    }

    /// How many plaintexts the list holds.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the list holds none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The chunks, mask polynomial then body polynomial each.
    pub fn as_slice(&self) -> &[u32] {
        &self.chunks
    }

    /// The LWE ciphertexts under the set's secret, one per plaintext: for
    /// coefficient `i` of a chunk, the mask `cᵢ₋ⱼ` (`−c_{N+i−j}` for `j > i`)
    /// for `j < n`, and the body `dᵢ`.
    pub fn expand(&self) -> Vec<LweCiphertext> {
        let (n, big_n) = (self.params.lwe_dimension.0, self.params.polynomial_size.0);
        let mut out = Vec::with_capacity(self.count);
        for (k, chunk) in self.chunks.chunks_exact(2 * big_n).enumerate() {
            let (c, d) = chunk.split_at(big_n);
            for i in 0..big_n.min(self.count - k * big_n) {
                let mut data: Vec<u32> =
                    (0..n).map(|j| if j <= i { c[i - j] } else { c[big_n + i - j].wrapping_neg() }).collect();
                data.push(d[i]);
                out.push(LweCiphertext::from_raw(data).expect("a body at least"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::{DEFAULT_BOOLEAN, TFHE_LIB};
    use crate::torus;

    /// The model is an expectation over keys too: a coefficient of `e·r`
    /// has a part fixed by the key (`±eⱼ/2` summed, the mean of the fair
    /// bits `rₖ`), a random walk along the coefficients whose average square
    /// varies much from key to key. So the error is pooled over 16 keys.
    #[test]
    fn expanded_ciphertexts_decrypt_with_the_modelled_error() {
        for set in [DEFAULT_BOOLEAN, TFHE_LIB] {
            let p = PublicKeyParameters::for_set(&set);
            let mut rng = Csprng::from_seed([8; 32]);
            let messages: Vec<u32> = (0..1024u32).map(|i| i.wrapping_mul(0x9E37_79B9)).collect();
            let mut square_sum = 0.0;
            let mut samples = 0.0;
            for _ in 0..16 {
                let secret = LweSecretKey::generate(p.lwe_dimension, &mut rng);
                let key = CompactPublicKey::generate(&secret, p, &mut rng).unwrap();
                for _ in 0..2 {
                    let cts = key.encrypt(&messages, &mut rng).expand();
                    assert_eq!(cts.len(), messages.len());
                    for (ct, &m) in cts.iter().zip(&messages) {
                        assert_eq!(ct.dimension(), p.lwe_dimension);
                        let e = torus::distance(secret.phase(ct).unwrap(), m);
                        square_sum += e * e;
                        samples += 1.0;
                    }
                }
            }
            let ratio = square_sum / samples / encryption_variance(&p);
            println!("{}: measured / modelled error variance {ratio:.3}", set.name);
            assert!((0.5..=2.0).contains(&ratio), "{}: measured / modelled variance {ratio}", set.name);
        }
    }

    #[test]
    fn lists_of_any_length_expand_to_their_count() {
        let p = PublicKeyParameters::for_set(&TFHE_LIB);
        let mut rng = Csprng::from_seed([9; 32]);
        let secret = LweSecretKey::generate(p.lwe_dimension, &mut rng);
        let key = CompactPublicKey::generate(&secret, p, &mut rng).unwrap();
        for len in [0usize, 1, 1023, 1024, 1025] {
            let messages: Vec<u32> = (0..len).map(|i| if i % 2 == 0 { 1 << 29 } else { 7 << 29 }).collect();
            let list = key.encrypt(&messages, &mut rng);
            assert_eq!((list.len(), list.is_empty()), (len, len == 0));
            assert_eq!(list.as_slice().len(), len.div_ceil(1024) * 2048);
            let back = CompactList::from_parts(p, len, list.as_slice().to_vec()).unwrap();
            for (ct, &m) in back.expand().iter().zip(&messages) {
                assert!(torus::distance(secret.phase(ct).unwrap(), m).abs() < 0.01);
            }
        }
        assert!(CompactList::from_parts(p, 3, vec![0; 10]).is_err());
        let other = LweSecretKey::generate(LweDimension(10), &mut rng);
        assert!(CompactPublicKey::generate(&other, p, &mut rng).is_err());
    }
}
