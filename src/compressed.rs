//! Ciphertexts that travel light: booleans encrypted with masks drawn from
//! one public seed, sent as that seed and one 4-byte body per bit instead
//! of `4(n + 1)` bytes, and expanded on arrival into ordinary ciphertexts,
//! bit for bit those of [`ClientKey::encrypt_bools`] from the same
//! generator state.
//!
//! What the security rests on is stated at
//! [`SeededLweList`](umbra_fhe_core::lwe::SeededLweList): ChaCha20's output
//! looks uniform to whoever does not know its key, and LWE masks need only
//! be uniform, not secret; every list draws a fresh 256-bit seed from the
//! client's CSPRNG, so no seed is used twice. The noise comes from the
//! CSPRNG, never from the seeded stream.

use umbra_fhe_core::lwe::{LweCiphertext, SeededLweList};
use umbra_fhe_core::serialization::ObjectKind;
use umbra_fhe_core::{Error, Result};

use crate::ciphertext::{serde_as_bytes, BoolCiphertext, KeyTag, ListEnvelope};
use crate::client_key::ClientKey;
use crate::encoding;

/// Booleans of one key encrypted with seeded masks: 4 bytes a boolean plus
/// a 32-byte seed (a [`BoolCiphertext`] is `4(n + 1)`: 3,276 bytes on
/// `default-boolean`). [`expand`](Self::expand) gives the ordinary
/// ciphertexts a server computes on, bit for bit those of
/// [`ClientKey::encrypt_bools`] from the same generator state. Security: the
/// masks need only be uniform, not secret; they are a ChaCha20 stream of a
/// fresh seed per list, the noise comes from the client's CSPRNG
/// ([`SeededLweList`]).
///
/// ```
/// use umbra_fhe::{params, ClientKey};
/// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
/// let upload = client.encrypt_bools_compressed(&[true, false, true]);
/// let bytes = upload.to_bytes()?;
/// assert!(bytes.len() < 3 * 5 + 100);
/// let bits = umbra_fhe::CompressedBoolBatch::from_bytes(&bytes)?.expand();
/// assert_eq!(bits.iter().map(|ct| client.decrypt_bool(ct)).collect::<Result<Vec<_>, _>>()?, [true, false, true]);
/// # Ok::<(), umbra_fhe::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct CompressedBoolBatch {
    list: SeededLweList,
    tag: KeyTag,
}

impl ClientKey {
    /// Encrypts `values` with masks from one fresh public seed (see
    /// [`CompressedBoolBatch`]).
    pub fn encrypt_bools_compressed(&self, values: &[bool]) -> CompressedBoolBatch {
        let messages: Vec<u32> = values.iter().map(|&v| encoding::encode_bool(v)).collect();
        let list = self.with_rng_locked(|rng| SeededLweList::encrypt(&self.lwe, &messages, self.params.lwe_noise, rng));
        CompressedBoolBatch { list, tag: self.tag() }
    }

    /// Encrypts `values` as ordinary ciphertexts, their masks drawn from
    /// one fresh seed's stream like those of
    /// [`encrypt_bools_compressed`](Self::encrypt_bools_compressed): from the
    /// same generator state, the two give the same ciphertexts once the
    /// compressed batch is expanded.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey};
    /// let (a, b) = (ClientKey::from_seed(params::TFHE_LIB, [4; 32])?, ClientKey::from_seed(params::TFHE_LIB, [4; 32])?);
    /// assert_eq!(a.encrypt_bools(&[true, false]), b.encrypt_bools_compressed(&[true, false]).expand());
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn encrypt_bools(&self, values: &[bool]) -> Vec<BoolCiphertext> {
        let messages: Vec<u32> = values.iter().map(|&v| encoding::encode_bool(v)).collect();
        let list =
            self.with_rng_locked(|rng| LweCiphertext::encrypt_list(&self.lwe, &messages, self.params.lwe_noise, rng));
        list.into_iter().map(|lwe| BoolCiphertext { lwe, tag: self.tag() }).collect()
    }
}

impl CompressedBoolBatch {
    /// How many booleans the batch holds.
    pub fn len(&self) -> usize {
        self.list.bodies().len()
    }

    /// Whether the batch holds no boolean.
    pub fn is_empty(&self) -> bool {
        self.list.bodies().is_empty()
    }

    /// Identifier of the key pair the booleans are encrypted under.
    pub fn key_id(&self) -> u64 {
        self.tag.key_id
    }

    /// Name of the parameter set.
    pub fn parameter_set(&self) -> &'static str {
        self.tag.params.name
    }

    /// The ordinary ciphertexts, masks regenerated from the seed.
    pub fn expand(&self) -> Vec<BoolCiphertext> {
        self.list.expand().into_iter().map(|lwe| BoolCiphertext { lwe, tag: self.tag }).collect()
    }

    /// Serializes the batch (kind `CompressedBoolCiphertextBatch` of
    /// [`umbra_fhe_core::serialization`]): the count, the seed, the bodies.
    /// An error for an empty batch or one of more than
    /// [`MAX_BATCH_LEN`](umbra_fhe_core::serialization::MAX_BATCH_LEN) booleans.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.write_envelope(ObjectKind::CompressedBoolCiphertextBatch, None)
    }

    /// Reads a batch written by [`to_bytes`](Self::to_bytes); any malformed
    /// input is an [`Error::Deserialization`], found before anything is
    /// allocated for the bodies.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Self::read_envelope(bytes, ObjectKind::CompressedBoolCiphertextBatch).map(|(batch, _)| batch)
    }

    /// The envelope of kind `kind`: count, the `width` of the integers the
    /// bits make up (the integer kinds), seed, bodies.
    pub(crate) fn write_envelope(&self, kind: ObjectKind, width: Option<u64>) -> Result<Vec<u8>> {
        ListEnvelope::write(&self.tag, kind, self.len(), width, Some(self.list.seed()), self.list.bodies())
    }

    /// Reads an envelope of kind `kind` written by
    /// [`write_envelope`](Self::write_envelope), with its width for the
    /// integer kinds.
    pub(crate) fn read_envelope(bytes: &[u8], kind: ObjectKind) -> Result<(Self, Option<u64>)> {
        let with_width = kind != ObjectKind::CompressedBoolCiphertextBatch;
        let envelope = ListEnvelope::read(bytes, kind, with_width, true, |_, count| count)?;
        let seed = envelope.seed.ok_or_else(|| Error::Deserialization("a compressed list needs a seed".into()))?;
        let list = SeededLweList::from_parts(envelope.params.lwe_dimension, seed, envelope.values);
        Ok((Self { list, tag: envelope.tag }, envelope.width))
    }
}

/// The count and the key, never the bodies.
impl std::fmt::Debug for CompressedBoolBatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompressedBoolBatch")
            .field("len", &self.len())
            .field("key_id", &format_args!("{:#018x}", self.tag.key_id))
            .field("params", &self.tag.params.name)
            .finish()
    }
}

serde_as_bytes!([] CompressedBoolBatch);
