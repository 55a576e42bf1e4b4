//! LWE secret keys and ciphertexts: `(a, b = ⟨a, s⟩ + m + e)` over the `u32` torus.

use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::{check_len, Result};
use crate::params::{LweDimension, StandardDev};
use crate::random::{Csprng, MaskGenerator};

/// A binary LWE secret key `s ∈ {0,1}^n`. Zeroized on drop; `Debug` shows only its size.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct LweSecretKey {
    bits: Vec<u32>,
}

impl LweSecretKey {
    /// Samples a uniform binary key of dimension `n`.
    ///
    /// ```
    /// use umbra_fhe_core::{lwe::LweSecretKey, params::LweDimension, random::Csprng};
    /// let key = LweSecretKey::generate(LweDimension(16), &mut Csprng::from_seed([1; 32]));
    /// assert_eq!(key.dimension(), LweDimension(16));
    /// assert_eq!(format!("{key:?}"), "LweSecretKey { dimension: 16, bits: <redacted> }");
    /// ```
    pub fn generate(dimension: LweDimension, rng: &mut Csprng) -> Self {
        Self { bits: (0..dimension.0).map(|_| rng.binary()).collect() }
    }

    /// Wraps key bits (each 0 or 1); used for keys extracted from a GLWE key.
    pub(crate) fn from_bits(bits: Vec<u32>) -> Self {
        Self { bits }
    }

    /// The key bits, moved out without a copy (the emptied key is zeroized on drop).
    pub(crate) fn into_bits(mut self) -> Vec<u32> {
        std::mem::take(&mut self.bits)
    }

    /// `n`.
    pub fn dimension(&self) -> LweDimension {
        LweDimension(self.bits.len())
    }

    /// The key bits, each 0 or 1.
    pub fn as_slice(&self) -> &[u32] {
        &self.bits
    }

    /// `b − ⟨a, s⟩ = m + e`, the phase of `ct` under this key.
    ///
    /// ```
    /// use umbra_fhe_core::{lwe::{LweCiphertext, LweSecretKey}, params::{LweDimension, StandardDev}, random::Csprng};
    /// let mut rng = Csprng::from_seed([2; 32]);
    /// let key = LweSecretKey::generate(LweDimension(32), &mut rng);
    /// let ct = LweCiphertext::encrypt(&key, 1 << 29, StandardDev(2f64.powi(-20)), &mut rng);
    /// let phase = key.phase(&ct).unwrap();
    /// assert!(phase.wrapping_sub(1 << 29).wrapping_add(1 << 16) < 1 << 17);
    /// ```
    pub fn phase(&self, ct: &LweCiphertext) -> Result<u32> {
        check_len("LWE dimension", self.bits.len(), ct.dimension().0)?;
        let dot = ct.mask().iter().zip(&self.bits).fold(0u32, |acc, (&a, &s)| acc.wrapping_add(a.wrapping_mul(s)));
        Ok(ct.body().wrapping_sub(dot))
    }
}

impl std::fmt::Debug for LweSecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LweSecretKey")
            .field("dimension", &self.bits.len())
            .field("bits", &format_args!("<redacted>"))
            .finish()
    }
}

/// An LWE ciphertext: `n` mask elements followed by the body, in one buffer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LweCiphertext {
    data: Vec<u32>,
}

impl LweCiphertext {
    /// Encrypts the torus plaintext `m` under `key` with Gaussian noise of deviation `noise`.
    pub fn encrypt(key: &LweSecretKey, m: u32, noise: StandardDev, rng: &mut Csprng) -> Self {
        let n = key.dimension().0;
        let mut data = vec![0u32; n + 1];
        rng.fill_uniform(&mut data[..n]);
        encrypt_with_mask(key, m, noise, rng, &mut data);
        Self { data }
    }

    /// The noiseless encryption `(0, m)`, decryptable under every key of dimension `n`.
    pub fn trivial(dimension: LweDimension, m: u32) -> Self {
        let mut data = vec![0u32; dimension.0 + 1];
        data[dimension.0] = m;
        Self { data }
    }

    /// Wraps a raw buffer `(a_0 .. a_{n−1}, b)`; it must hold at least the body.
    pub fn from_raw(data: Vec<u32>) -> Result<Self> {
        if data.is_empty() {
            return Err(crate::Error::InvalidInput("an LWE ciphertext needs a body".into()));
        }
        Ok(Self { data })
    }

    /// `n`.
    pub fn dimension(&self) -> LweDimension {
        LweDimension(self.data.len() - 1)
    }

    /// The mask `a`.
    pub fn mask(&self) -> &[u32] {
        &self.data[..self.data.len() - 1]
    }

    /// The body `b`.
    pub fn body(&self) -> u32 {
        self.data[self.data.len() - 1]
    }

    /// The whole buffer `(a, b)`.
    pub fn as_slice(&self) -> &[u32] {
        &self.data
    }

    /// The whole buffer `(a, b)`, mutable.
    pub fn as_mut_slice(&mut self) -> &mut [u32] {
        &mut self.data
    }

    /// `self += other` (encrypts the sum of the plaintexts).
    pub fn add_assign(&mut self, other: &Self) -> Result<()> {
        check_len("LWE dimension", self.data.len(), other.data.len())?;
        for (x, &y) in self.data.iter_mut().zip(&other.data) {
            *x = x.wrapping_add(y);
        }
        Ok(())
    }

    /// `self −= other`.
    pub fn sub_assign(&mut self, other: &Self) -> Result<()> {
        check_len("LWE dimension", self.data.len(), other.data.len())?;
        for (x, &y) in self.data.iter_mut().zip(&other.data) {
            *x = x.wrapping_sub(y);
        }
        Ok(())
    }

    /// `self *= c` for an integer `c` (noise grows by `|c|`).
    pub fn scalar_mul_assign(&mut self, c: i32) {
        for x in &mut self.data {
            *x = x.wrapping_mul(c as u32);
        }
    }

    /// `self = −self`.
    pub fn negate(&mut self) {
        for x in &mut self.data {
            *x = x.wrapping_neg();
        }
    }

    /// Adds the plaintext `m` (noise unchanged).
    pub fn add_plaintext(&mut self, m: u32) {
        let last = self.data.len() - 1;
        self.data[last] = self.data[last].wrapping_add(m);
    }
}

/// LWE ciphertexts whose masks are the stream of one public seed: the seed
/// and the bodies, `4` bytes a ciphertext instead of `4(n + 1)`.
///
/// The masks are the [`MaskGenerator`] stream of a 32-byte seed drawn
/// afresh from the encrypting [`Csprng`] for each list, `n` values a
/// ciphertext in list order; the noise comes from the `Csprng`, never from
/// the stream. Anyone can [`expand`](Self::expand) the list back into
/// ordinary ciphertexts. Security rests on ChaCha20's output being
/// indistinguishable from uniform to whoever does not know its key (the
/// seed is public, but an LWE mask only has to be uniform, not secret), as
/// it does for the compressed keys; a seed is never reused, being 256 fresh
/// bits per list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeededLweList {
    dimension: LweDimension,
    seed: [u8; 32],
    bodies: Vec<u32>,
}

impl SeededLweList {
    /// Encrypts every torus plaintext of `messages` under `key`. Equal, bit
    /// for bit once expanded, to [`LweCiphertext::encrypt_list`] with the
    /// same `rng` state.
    ///
    /// ```
    /// use umbra_fhe_core::{lwe::*, params::*, random::Csprng};
    /// let key = LweSecretKey::generate(LweDimension(16), &mut Csprng::from_seed([1; 32]));
    /// let (messages, sd) = ([1 << 29, 3 << 29, 0], StandardDev::from_log2(-20.0));
    /// let seeded = SeededLweList::encrypt(&key, &messages, sd, &mut Csprng::from_seed([2; 32]));
    /// let full = LweCiphertext::encrypt_list(&key, &messages, sd, &mut Csprng::from_seed([2; 32]));
    /// assert_eq!(seeded.expand(), full);
    /// assert_eq!(seeded.bodies().len(), 3);
    /// ```
    pub fn encrypt(key: &LweSecretKey, messages: &[u32], noise: StandardDev, rng: &mut Csprng) -> Self {
        let seed = rng.public_seed();
        let mut bodies = Vec::with_capacity(messages.len());
        encrypt_seeded(key, messages, noise, seed, rng, |ct| bodies.push(ct[ct.len() - 1]));
        Self { dimension: key.dimension(), seed, bodies }
    }

    /// A list from its parts (as read back from bytes).
    pub fn from_parts(dimension: LweDimension, seed: [u8; 32], bodies: Vec<u32>) -> Self {
        Self { dimension, seed, bodies }
    }

    /// `n`, the dimension of the ciphertexts.
    pub fn dimension(&self) -> LweDimension {
        self.dimension
    }

    /// The public seed of the masks.
    pub fn seed(&self) -> &[u8; 32] {
        &self.seed
    }

    /// One body per ciphertext, in order.
    pub fn bodies(&self) -> &[u32] {
        &self.bodies
    }

    /// The ordinary ciphertexts: the masks regenerated from the seed.
    pub fn expand(&self) -> Vec<LweCiphertext> {
        let n = self.dimension.0;
        let mut masks = MaskGenerator::from_seed(self.seed);
        self.bodies
            .iter()
            .map(|&body| {
                let mut data = vec![0u32; n + 1];
                masks.fill_uniform(&mut data[..n]);
                data[n] = body;
                LweCiphertext { data }
            })
            .collect()
    }
}

impl LweCiphertext {
    /// Encrypts every torus plaintext of `messages`, the masks drawn from the
    /// [`MaskGenerator`] stream of a seed drawn from `rng` (the noise from
    /// `rng`): the ciphertexts a [`SeededLweList`] expands to.
    pub fn encrypt_list(key: &LweSecretKey, messages: &[u32], noise: StandardDev, rng: &mut Csprng) -> Vec<Self> {
        let seed = rng.public_seed();
        let mut list = Vec::with_capacity(messages.len());
        encrypt_seeded(key, messages, noise, seed, rng, |ct| list.push(Self { data: ct.to_vec() }));
        list
    }
}

/// Encrypts each message with the next mask of `seed`'s stream, handing
/// each ciphertext (`n + 1` values) to `emit`.
fn encrypt_seeded(
    key: &LweSecretKey,
    messages: &[u32],
    noise: StandardDev,
    seed: [u8; 32],
    rng: &mut Csprng,
    mut emit: impl FnMut(&[u32]),
) {
    let n = key.dimension().0;
    let mut masks = MaskGenerator::from_seed(seed);
    let mut data = vec![0u32; n + 1];
    for &m in messages {
        masks.fill_uniform(&mut data[..n]);
        encrypt_with_mask(key, m, noise, rng, &mut data);
        emit(&data);
    }
}

/// Completes `out` (`n + 1` values), whose first `n` values already hold a
/// uniform mask, into an encryption of `m`: sets the body `⟨a, s⟩ + m + e`.
pub(crate) fn encrypt_with_mask(key: &LweSecretKey, m: u32, noise: StandardDev, rng: &mut Csprng, out: &mut [u32]) {
    let n = key.dimension().0;
    let dot = out[..n].iter().zip(key.as_slice()).fold(0u32, |acc, (&a, &s)| acc.wrapping_add(a.wrapping_mul(s)));
    out[n] = dot.wrapping_add(m).wrapping_add(rng.gaussian(noise));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::torus;

    #[test]
    fn encryption_round_trips_with_small_noise() {
        let mut rng = Csprng::from_seed([3; 32]);
        let key = LweSecretKey::generate(LweDimension(630), &mut rng);
        let sd = StandardDev::from_log2(-15.0);
        for m in [0u32, 1 << 29, 1 << 31, u32::MAX] {
            let ct = LweCiphertext::encrypt(&key, m, sd, &mut rng);
            let err = torus::distance(key.phase(&ct).unwrap(), m);
            assert!(err.abs() < 8.0 * sd.0, "error {err}");
        }
    }

    #[test]
    fn seeded_lists_decrypt_and_never_share_masks() {
        let mut rng = Csprng::from_seed([5; 32]);
        let key = LweSecretKey::generate(LweDimension(630), &mut rng);
        let sd = StandardDev::from_log2(-15.0);
        let messages = [0u32, 1 << 29, 1 << 31, u32::MAX, 7 << 28];
        let (first, second) = (
            SeededLweList::encrypt(&key, &messages, sd, &mut rng),
            SeededLweList::encrypt(&key, &messages, sd, &mut rng),
        );
        assert_ne!(first.seed(), second.seed(), "each list draws a fresh seed");
        let (a, b) = (first.expand(), second.expand());
        for ((x, y), &m) in a.iter().zip(&b).zip(&messages) {
            assert_ne!(x.mask(), y.mask());
            for ct in [x, y] {
                assert!(torus::distance(key.phase(ct).unwrap(), m).abs() < 8.0 * sd.0);
            }
        }
        // Within a list every ciphertext takes the next mask of the stream.
        assert!(a.windows(2).all(|w| w[0].mask() != w[1].mask()));
        let back = SeededLweList::from_parts(first.dimension(), *first.seed(), first.bodies().to_vec());
        assert_eq!(back.expand(), a);
    }

    #[test]
    fn linear_operations_act_on_plaintexts() {
        let mut rng = Csprng::from_seed([4; 32]);
        let key = LweSecretKey::generate(LweDimension(64), &mut rng);
        let sd = StandardDev::from_log2(-25.0);
        let mut a = LweCiphertext::encrypt(&key, 3 << 28, sd, &mut rng);
        let b = LweCiphertext::encrypt(&key, 1 << 28, sd, &mut rng);
        a.add_assign(&b).unwrap();
        a.scalar_mul_assign(-2);
        a.add_plaintext(1 << 30);
        a.sub_assign(&b).unwrap();
        let expected = (4u32 << 28).wrapping_mul(-2i32 as u32).wrapping_add(1 << 30).wrapping_sub(1 << 28);
        assert!(torus::distance(key.phase(&a).unwrap(), expected).abs() < 1e-6);
    }

    #[test]
    fn mismatched_dimensions_are_errors() {
        let mut rng = Csprng::from_seed([5; 32]);
        let key = LweSecretKey::generate(LweDimension(8), &mut rng);
        let mut ct = LweCiphertext::trivial(LweDimension(9), 0);
        assert!(key.phase(&ct).is_err());
        assert!(ct.add_assign(&LweCiphertext::trivial(LweDimension(8), 0)).is_err());
        assert!(LweCiphertext::from_raw(vec![]).is_err());
    }
}
