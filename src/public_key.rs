//! Encryption without the secret key: a [`PublicKey`] derived from a client
//! key lets anyone encrypt booleans and integers for that client's server
//! key, as compact lists (8 bytes a bit).
//!
//! The scheme, its security argument and its error are those of
//! [`umbra_fhe_core::public_key`]: an RLWE encryption of zero under the LWE
//! secret, `N = 1024` on the shipped boolean sets. Expanded, a list is
//! ordinary LWE ciphertexts of the set under the client's key: no keyswitch,
//! no bootstrap. Their error (variance `N·σ_lwe²/2 + (n/2 + 1)·2⁻⁴⁸`: about
//! 2^-25.8 on `default-boolean`, 2^-21 on `tfhe-lib`) is below a sixth of
//! one bootstrap output's, so any combination of up to six of them, even
//! with fully correlated errors, stays within what a boolean input is
//! assumed to carry ([`PublicKey::new`] refuses a set where it would not):
//! they go through gates, circuits and integer operations like any
//! ciphertext, with the set's own failure probability per gate.

use umbra_fhe_core::noise;
use umbra_fhe_core::public_key::{encryption_variance, CompactList, CompactPublicKey, PublicKeyParameters};
use umbra_fhe_core::random::Csprng;
use umbra_fhe_core::serialization::{expected_body_len, ObjectKind, Reader, Writer};
use umbra_fhe_core::{Error, Result};

use crate::ciphertext::{serde_as_bytes, BoolCiphertext, KeyTag, ListEnvelope};
use crate::client_key::ClientKey;
use crate::encoding;

/// A public key: anyone holding it encrypts for the client key it was
/// derived from (4,180 bytes serialized on `default-boolean`), as compact
/// lists of 8 bytes a bit that expand into ordinary ciphertexts of the set:
/// they go through gates, circuits and integer operations directly, with
/// the set's own failure probability per gate. Scheme, security argument
/// and error: [`umbra_fhe_core::public_key`].
///
/// ```
/// use umbra_fhe::{params, ClientKey, PublicKey, ServerKey};
/// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
/// let server = ServerKey::new(&client)?;
/// // Another party, with the public key only:
/// let public = PublicKey::from_bytes(&PublicKey::new(&client)?.to_bytes()?)?;
/// let bits = public.encrypt_bools(&[true, true, false]).expand();
/// let and = server.and(&bits[0], &bits[1])?;
/// assert!(client.decrypt_bool(&and)?);
/// assert!(!client.decrypt_bool(&bits[2])?);
/// # Ok::<(), umbra_fhe::Error>(())
/// ```
#[derive(Clone, PartialEq)]
pub struct PublicKey {
    key: CompactPublicKey,
    tag: KeyTag,
}

impl PublicKey {
    /// The public key of `client`. An [`Error::Unsupported`] for a set
    /// whose public-key ciphertexts would carry more than a sixth of a
    /// bootstrap output's error variance (none of the shipped sets).
    pub fn new(client: &ClientKey) -> Result<Self> {
        let params = PublicKeyParameters::for_set(&client.params);
        let variance = encryption_variance(&params);
        let limit = noise::bootstrap_output_variance(&client.params) / 6.0;
        if variance > limit {
            return Err(Error::Unsupported(format!(
                "public-key encryption on `{}` would carry an error of variance 2^{:.1}, above 2^{:.1}",
                client.params.name,
                variance.log2(),
                limit.log2()
            )));
        }
        let key = client.with_rng_locked(|rng| CompactPublicKey::generate(&client.lwe, params, rng))?;
        Ok(Self { key, tag: client.tag() })
    }

    /// Identifier of the key pair this key encrypts for.
    pub fn key_id(&self) -> u64 {
        self.tag.key_id
    }

    /// Name of the parameter set.
    pub fn parameter_set(&self) -> &'static str {
        self.tag.params.name
    }

    /// Encrypts `values` as one compact list, with randomness from the
    /// operating system.
    pub fn encrypt_bools(&self, values: &[bool]) -> CompactBoolList {
        let messages: Vec<u32> = values.iter().map(|&v| encoding::encode_bool(v)).collect();
        CompactBoolList { list: self.key.encrypt(&messages, &mut Csprng::from_entropy()), tag: self.tag }
    }

    /// Encrypts one boolean (a list of one, expanded).
    pub fn encrypt_bool(&self, value: bool) -> BoolCiphertext {
        self.encrypt_bools(&[value]).expand().remove(0)
    }

    /// Serializes the key (kind `PublicKey` of [`umbra_fhe_core::serialization`]).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let header = self.tag.header(ObjectKind::PublicKey)?;
        let len = expected_body_len(ObjectKind::PublicKey, &header.params, 0)
            .ok_or_else(|| Error::InvalidInput("public key size overflows".into()))?;
        let mut w = Writer::new(&header, len)?;
        w.put_seed(self.key.seed());
        w.put_u32s(self.key.body());
        w.finish()
    }

    /// Reads a key written by [`to_bytes`](Self::to_bytes); any malformed
    /// input is an [`Error::Deserialization`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (header, mut r) = Reader::open(bytes, &[ObjectKind::PublicKey])?;
        let params = PublicKeyParameters::for_set(&header.params);
        let seed = r.take_seed()?;
        let body = r.take_u32s(params.polynomial_size.0)?;
        r.finish()?;
        let key = CompactPublicKey::from_parts(params, seed, body)?;
        Ok(Self { key, tag: KeyTag::from_header(&header) })
    }
}

/// The key pair and set, never the coefficients.
impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublicKey")
            .field("key_id", &format_args!("{:#018x}", self.tag.key_id))
            .field("params", &self.tag.params.name)
            .finish()
    }
}

/// Booleans encrypted under a [`PublicKey`]: one mask and one body
/// polynomial per `N` of them, 8 bytes a boolean. [`expand`](Self::expand)
/// gives ordinary ciphertexts.
#[derive(Clone, PartialEq)]
pub struct CompactBoolList {
    list: CompactList,
    tag: KeyTag,
}

impl CompactBoolList {
    /// How many booleans the list holds.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether the list holds none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Identifier of the key pair the booleans are encrypted for.
    pub fn key_id(&self) -> u64 {
        self.tag.key_id
    }

    /// The ordinary ciphertexts, one per boolean.
    pub fn expand(&self) -> Vec<BoolCiphertext> {
        self.list.expand().into_iter().map(|lwe| BoolCiphertext { lwe, tag: self.tag }).collect()
    }

    /// Serializes the list (kind `CompactBoolList`). An error for an empty
    /// list or one of more than
    /// [`MAX_BATCH_LEN`](umbra_fhe_core::serialization::MAX_BATCH_LEN) booleans.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.write_envelope(ObjectKind::CompactBoolList, None)
    }

    /// Reads a list written by [`to_bytes`](Self::to_bytes); any malformed
    /// input is an [`Error::Deserialization`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Self::read_envelope(bytes, ObjectKind::CompactBoolList).map(|(list, _)| list)
    }

    /// The envelope of kind `kind`: count, the `width` of the integers the
    /// bits make up (the integer kinds), chunks.
    pub(crate) fn write_envelope(&self, kind: ObjectKind, width: Option<u64>) -> Result<Vec<u8>> {
        ListEnvelope::write(&self.tag, kind, self.len(), width, None, self.list.as_slice())
    }

    /// Reads an envelope of kind `kind` written by
    /// [`write_envelope`](Self::write_envelope), with its width for the
    /// integer kinds.
    pub(crate) fn read_envelope(bytes: &[u8], kind: ObjectKind) -> Result<(Self, Option<u64>)> {
        let chunks = |params: &umbra_fhe_core::params::Parameters, count: usize| {
            let big_n = PublicKeyParameters::for_set(params).polynomial_size.0;
            count.div_ceil(big_n) * 2 * big_n
        };
        let envelope = ListEnvelope::read(bytes, kind, kind != ObjectKind::CompactBoolList, false, chunks)?;
        let list =
            CompactList::from_parts(PublicKeyParameters::for_set(&envelope.params), envelope.count, envelope.values)?;
        Ok((Self { list, tag: envelope.tag }, envelope.width))
    }
}

/// The count and the key, never the coefficients.
impl std::fmt::Debug for CompactBoolList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompactBoolList")
            .field("len", &self.len())
            .field("key_id", &format_args!("{:#018x}", self.tag.key_id))
            .field("params", &self.tag.params.name)
            .finish()
    }
}

serde_as_bytes!([] PublicKey);
serde_as_bytes!([] CompactBoolList);

#[cfg(test)]
mod tests {
    use super::*;
    use umbra_fhe_core::params::{DEFAULT_BOOLEAN, TFHE_LIB};

    #[test]
    fn public_key_errors_are_below_a_sixth_of_a_bootstrap_output() {
        for p in [DEFAULT_BOOLEAN, TFHE_LIB] {
            let client = ClientKey::from_seed(p, [1; 32]).unwrap();
            let key = PublicKey::new(&client).unwrap();
            let ratio = encryption_variance(key.key.parameters()) / noise::bootstrap_output_variance(&p);
            assert!(ratio < 1.0 / 6.0, "{}: {ratio}", p.name);
        }
    }
}
