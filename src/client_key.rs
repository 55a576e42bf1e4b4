//! The client key: secret keys, encryption and decryption.

use std::sync::Mutex;

use umbra_fhe_core::glwe::GlweSecretKey;
use umbra_fhe_core::lwe::{LweCiphertext, LweSecretKey};
use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::random::Csprng;
use umbra_fhe_core::serialization::{expected_body_len, Codec, ObjectKind, Reader, Writer};
use umbra_fhe_core::{Error, Result};
use zeroize::Zeroizing;

use crate::ciphertext::{BoolCiphertext, IntCiphertext, KeyTag};
use crate::encoding::{self, MessageSpace};
use crate::noise_bound::NoiseBound;

/// The secret side: an LWE key (ciphertexts), a GLWE key (bootstrapping
/// accumulators) and a CSPRNG for encryptions. Secret material is zeroized
/// on drop and never printed.
///
/// Deliberately not `serde`: the only way to serialize it is the explicit
/// [`to_secret_bytes`](Self::to_secret_bytes), so it cannot end up inside
/// another serialized structure by accident.
pub struct ClientKey {
    pub(crate) params: Parameters,
    pub(crate) key_id: u64,
    pub(crate) lwe: LweSecretKey,
    pub(crate) glwe: GlweSecretKey,
    rng: Mutex<Csprng>,
}

impl ClientKey {
    /// Generates fresh keys for `params` from the operating system's entropy.
    ///
    /// ```
    /// let key = umbra_fhe::ClientKey::new(umbra_fhe::params::TFHE_LIB)?;
    /// assert_eq!(key.parameters().name, "tfhe-lib");
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn new(params: Parameters) -> Result<Self> {
        Self::with_rng(params, Csprng::from_entropy())
    }

    /// Deterministic keys from a seed: for tests and reproducible examples only,
    /// never for data that must stay secret.
    pub fn from_seed(params: Parameters, seed: [u8; 32]) -> Result<Self> {
        Self::with_rng(params, Csprng::from_seed(seed))
    }

    fn with_rng(params: Parameters, mut rng: Csprng) -> Result<Self> {
        params.validate()?;
        let _span = tracing::info_span!("client_key_generation", params = params.name).entered();
        let key_id = rng.uniform_u64();
        let lwe = LweSecretKey::generate(params.lwe_dimension, &mut rng);
        let glwe = GlweSecretKey::generate(params.glwe_dimension, params.polynomial_size, &mut rng);
        Ok(Self { params, key_id, lwe, glwe, rng: Mutex::new(rng) })
    }

    /// Serializes the secret keys (kind `ClientKey` of
    /// [`umbra_fhe_core::serialization`]): whoever holds these bytes can decrypt.
    /// The buffer is zeroized when dropped; the generator state is not
    /// stored (a loaded key draws a fresh one from the operating system).
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey};
    /// let client = ClientKey::new(params::TFHE_LIB)?;
    /// let ct = client.encrypt_bool(true);
    /// let restored = ClientKey::from_secret_bytes(&client.to_secret_bytes()?)?;
    /// assert_eq!(restored.key_id(), client.key_id());
    /// assert!(restored.decrypt_bool(&ct)?);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn to_secret_bytes(&self) -> Result<Zeroizing<Vec<u8>>> {
        let header = self.tag().header(ObjectKind::ClientKey)?;
        let len = expected_body_len(header.kind, &header.params, 0)
            .ok_or_else(|| Error::InvalidInput("client key size overflows".into()))?;
        let mut w = Writer::new(&header, len)?;
        self.lwe.write_body(&mut w);
        self.glwe.write_body(&mut w);
        w.finish().map(Zeroizing::new)
    }

    /// Reads a key written by [`to_secret_bytes`](Self::to_secret_bytes);
    /// any malformed input is an [`Error::Deserialization`].
    pub fn from_secret_bytes(bytes: &[u8]) -> Result<Self> {
        let (header, mut r) = Reader::open(bytes, &[ObjectKind::ClientKey])?;
        let lwe = LweSecretKey::read_body(&header.params, &mut r)?;
        let glwe = GlweSecretKey::read_body(&header.params, &mut r)?;
        r.finish()?;
        let rng = Mutex::new(Csprng::from_entropy());
        Ok(Self { params: header.params, key_id: header.key_id, lwe, glwe, rng })
    }

    /// The parameter set.
    pub fn parameters(&self) -> &Parameters {
        &self.params
    }

    /// Public identifier of this key pair; ciphertexts and server keys carry it.
    pub fn key_id(&self) -> u64 {
        self.key_id
    }

    pub(crate) fn tag(&self) -> KeyTag {
        KeyTag::new(self.key_id, &self.params)
    }

    pub(crate) fn with_rng_locked<R>(&self, f: impl FnOnce(&mut Csprng) -> R) -> R {
        // A panic while holding the lock cannot leave the generator in a state
        // that matters for security (it only ever moves forward).
        let mut rng = self.rng.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut rng)
    }

    fn encrypt_torus(&self, m: u32) -> LweCiphertext {
        self.with_rng_locked(|rng| LweCiphertext::encrypt(&self.lwe, m, self.params.lwe_noise, rng))
    }

    fn phase(&self, lwe: &LweCiphertext, tag: &KeyTag) -> Result<u32> {
        self.tag().check(tag)?;
        self.lwe.phase(lwe)
    }

    /// Encrypts a boolean.
    pub fn encrypt_bool(&self, value: bool) -> BoolCiphertext {
        BoolCiphertext { lwe: self.encrypt_torus(encoding::encode_bool(value)), tag: self.tag() }
    }

    /// Decrypts a boolean: `true` when the phase lies in `[0, 1/2)`.
    pub fn decrypt_bool(&self, ct: &BoolCiphertext) -> Result<bool> {
        Ok(encoding::decode_bool(self.phase(&ct.lwe, &ct.tag)?))
    }

    /// Encrypts `m ∈ [0, 2^message_bits)`. The ciphertext's
    /// [degree](IntCiphertext::degree) is the largest message, `2^bits − 1`,
    /// whatever `m` is (the degree is public, so it must not depend on `m`).
    ///
    /// ```
    /// let key = umbra_fhe::ClientKey::new(umbra_fhe::params::MESSAGE_2_BITS)?;
    /// let ct = key.encrypt(3)?;
    /// assert_eq!(key.decrypt(&ct)?, 3);
    /// assert!(key.encrypt(4).is_err());
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn encrypt(&self, m: u64) -> Result<IntCiphertext> {
        self.encrypt_bounded(m, MessageSpace::of(&self.params).max())
    }

    /// Encrypts `m ≤ bound` with the public degree `bound < 2^message_bits`,
    /// so that sums and multiples of it stay within range (see
    /// [`ServerKey::add`](crate::ServerKey::add)). The bound travels in the
    /// clear with the ciphertext: choose one that reveals nothing you mind,
    /// such as the range your application already fixes.
    ///
    /// ```
    /// let key = umbra_fhe::ClientKey::new(umbra_fhe::params::MESSAGE_4_BITS)?;
    /// let ct = key.encrypt_bounded(2, 3)?; // a 2-bit value in a 4-bit space
    /// assert_eq!((key.decrypt(&ct)?, ct.degree()), (2, 3));
    /// assert!(key.encrypt_bounded(4, 3).is_err());
    /// assert!(key.encrypt_bounded(4, 16).is_err());
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn encrypt_bounded(&self, m: u64, bound: u64) -> Result<IntCiphertext> {
        let bits = self.params.message_bits;
        let space = MessageSpace::of(&self.params);
        if bound > space.max() {
            return Err(Error::InvalidInput(format!("bound {bound} does not fit in {bits} bits")));
        }
        if m > bound {
            return Err(Error::InvalidInput(format!("message {m} is above its declared bound {bound}")));
        }
        let lwe = self.encrypt_torus(space.encode(m));
        Ok(IntCiphertext { lwe, tag: self.tag(), degree: bound, noise: NoiseBound::FRESH })
    }

    /// Decrypts an integer: the phase rounded to the nearest multiple of `Δ`, mod `2^bits`.
    pub fn decrypt(&self, ct: &IntCiphertext) -> Result<u64> {
        Ok(MessageSpace::of(&self.params).decode(self.phase(&ct.lwe, &ct.tag)?))
    }
}

impl std::fmt::Debug for ClientKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientKey")
            .field("params", &self.params.name)
            .field("key_id", &format_args!("{:#018x}", self.key_id))
            .field("secret", &format_args!("<redacted>"))
            .finish()
    }
}
