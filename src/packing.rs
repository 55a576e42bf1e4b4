//! Smaller results: a server packs the boolean ciphertexts it sends back,
//! `N` of them into one GLWE ciphertext of `(k+1)·N` values (16 bytes a bit
//! on `default-boolean` instead of 3,276), which only the client decrypts.
//!
//! The client derives a [`PackingKey`] (public: GLWE encryptions of its LWE
//! key bits under its GLWE key, the same kind of samples as the
//! bootstrapping key's) and hands it to the server with the server key.
//! Packing costs `n·t` monomial multiply-adds of `(k+1)·N` values per bit,
//! about one keyswitch; its error (variance
//! [`packing_variance`](umbra_fhe_core::packing::packing_variance), about
//! 2^-15 on the shipped boolean sets) keeps a packed bit's decryption
//! failure far below the sets' own per gate (2^-300 and less).

use umbra_fhe_core::glwe::GlweCiphertext;
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::packing::{PackingKey as CorePackingKey, PackingParameters};
use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::serialization::{expected_body_len, ObjectKind, Reader, Writer};
use umbra_fhe_core::{Error, Result};

use crate::ciphertext::{serde_as_bytes, BoolCiphertext, KeyTag, ListEnvelope};
use crate::client_key::ClientKey;
use crate::encoding;

/// The key a server packs results with: `N` boolean ciphertexts into one
/// GLWE ciphertext of `(k+1)·N` values (16 bytes a bit on `default-boolean`
/// instead of 3,276), which only the client decrypts
/// ([`ClientKey::decrypt_packed`]). Public: GLWE encryptions of the client's
/// LWE key bits under its GLWE key, samples of the kind the bootstrapping
/// key holds ([`umbra_fhe_core::packing`]); 3.3 MB serialized on
/// `default-boolean` (a seed and the rows' bodies). Packing costs about
/// half a keyswitch per bit; a packed bit's error keeps its decryption
/// failure below 2^-300.
///
/// ```
/// use umbra_fhe::{params, ClientKey, PackedBoolList, PackingKey, ServerKey};
/// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
/// let server = ServerKey::new(&client)?;
/// let packing = PackingKey::new(&client)?;
/// let (a, b) = (client.encrypt_bool(true), client.encrypt_bool(false));
/// let results = [server.and(&a, &b)?, server.or(&a, &b)?, server.xor(&a, &b)?];
/// let bytes = packing.pack(&results)?.to_bytes()?;
/// let back = client.decrypt_packed(&PackedBoolList::from_bytes(&bytes)?)?;
/// assert_eq!(back, [false, true, true]);
/// # Ok::<(), umbra_fhe::Error>(())
/// ```
#[derive(Clone, PartialEq)]
pub struct PackingKey {
    key: CorePackingKey,
    tag: KeyTag,
}

impl PackingKey {
    /// The packing key of `client`.
    pub fn new(client: &ClientKey) -> Result<Self> {
        let params = PackingParameters::for_set(&client.params);
        let key = client.with_rng_locked(|rng| CorePackingKey::generate(&client.lwe, &client.glwe, params, rng))?;
        Ok(Self { key, tag: client.tag() })
    }

    /// Identifier of the key pair this key packs for.
    pub fn key_id(&self) -> u64 {
        self.tag.key_id
    }

    pub(crate) fn tag(&self) -> KeyTag {
        self.tag
    }

    /// `n`, the dimension of the ciphertexts this key packs.
    pub(crate) fn lwe_dimension(&self) -> umbra_fhe_core::params::LweDimension {
        self.key.parameters().lwe_dimension
    }

    /// Packs `bits` into GLWE ciphertexts, `N` to one. A
    /// [`Error::KeyMismatch`] or [`Error::ParameterMismatch`] for a bit of
    /// another key or set.
    pub fn pack(&self, bits: &[BoolCiphertext]) -> Result<PackedBoolList> {
        bits.iter().try_for_each(|ct| self.tag.check(&ct.tag))?;
        let lwes: Vec<LweCiphertext> = bits.iter().map(|ct| ct.lwe.clone()).collect();
        Ok(PackedBoolList { glwes: self.key.pack(&lwes)?, count: bits.len(), tag: self.tag })
    }

    /// Serializes the key (kind `PackingKey`: the seed and the rows' bodies).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let header = self.tag.header(ObjectKind::PackingKey)?;
        let len = expected_body_len(ObjectKind::PackingKey, &header.params, 0)
            .ok_or_else(|| Error::InvalidInput("packing key size overflows".into()))?;
        let mut w = Writer::new(&header, len)?;
        w.put_seed(self.key.seed());
        w.put_u32s(&self.key.bodies());
        w.finish()
    }

    /// Reads a key written by [`to_bytes`](Self::to_bytes); any malformed
    /// input is an [`Error::Deserialization`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (header, mut r) = Reader::open(bytes, &[ObjectKind::PackingKey])?;
        let params = PackingParameters::for_set(&header.params);
        let seed = r.take_seed()?;
        let bodies = r.take_u32s(params.rows() * params.polynomial_size.0)?;
        r.finish()?;
        Ok(Self { key: CorePackingKey::from_seeded(params, seed, &bodies)?, tag: KeyTag::from_header(&header) })
    }
}

/// The key pair and set, never the rows.
impl std::fmt::Debug for PackingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackingKey")
            .field("key_id", &format_args!("{:#018x}", self.tag.key_id))
            .field("params", &self.tag.params.name)
            .finish()
    }
}

/// Booleans packed by a [`PackingKey`], for the client to
/// [`decrypt_packed`](ClientKey::decrypt_packed).
#[derive(Clone, PartialEq)]
pub struct PackedBoolList {
    glwes: Vec<GlweCiphertext>,
    count: usize,
    tag: KeyTag,
}

impl PackedBoolList {
    /// How many booleans the list holds.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the list holds none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Identifier of the key pair the booleans belong to.
    pub fn key_id(&self) -> u64 {
        self.tag.key_id
    }

    /// Serializes the list (kind `PackedBoolList`). An error for an empty
    /// list or one of more than
    /// [`MAX_BATCH_LEN`](umbra_fhe_core::serialization::MAX_BATCH_LEN) booleans.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.write_envelope(ObjectKind::PackedBoolList, None)
    }

    /// Reads a list written by [`to_bytes`](Self::to_bytes); any malformed
    /// input is an [`Error::Deserialization`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Self::read_envelope(bytes, ObjectKind::PackedBoolList).map(|(list, _)| list)
    }

    /// The envelope of kind `kind`: count, the `width` of the integers the
    /// bits make up (the integer kinds), the GLWE ciphertexts.
    pub(crate) fn write_envelope(&self, kind: ObjectKind, width: Option<u64>) -> Result<Vec<u8>> {
        let values: Vec<u32> = self.glwes.iter().flat_map(|g| g.as_slice().iter().copied()).collect();
        ListEnvelope::write(&self.tag, kind, self.count, width, None, &values)
    }

    /// Reads an envelope of kind `kind` written by
    /// [`write_envelope`](Self::write_envelope), with its width for the
    /// integer kinds.
    pub(crate) fn read_envelope(bytes: &[u8], kind: ObjectKind) -> Result<(Self, Option<u64>)> {
        let glwe_values = |params: &Parameters, count: usize| {
            let p = PackingParameters::for_set(params);
            count.div_ceil(p.polynomial_size.0) * p.glwe_len()
        };
        let envelope = ListEnvelope::read(bytes, kind, kind != ObjectKind::PackedBoolList, false, glwe_values)?;
        let p = PackingParameters::for_set(&envelope.params);
        let glwes = envelope
            .values
            .chunks_exact(p.glwe_len())
            .map(|values| {
                let mut glwe = GlweCiphertext::zero(p.glwe_dimension, p.polynomial_size);
                glwe.as_mut_slice().copy_from_slice(values);
                glwe
            })
            .collect();
        Ok((Self { glwes, count: envelope.count, tag: envelope.tag }, envelope.width))
    }
}

impl ClientKey {
    /// Decrypts a list packed by this client's [`PackingKey`]; a
    /// [`Error::KeyMismatch`] for another key's.
    pub fn decrypt_packed(&self, list: &PackedBoolList) -> Result<Vec<bool>> {
        self.tag().check(&list.tag)?;
        let mut out = Vec::with_capacity(list.count);
        for glwe in &list.glwes {
            out.extend(self.glwe.phase(glwe)?.into_iter().map(encoding::decode_bool));
        }
        out.truncate(list.count);
        Ok(out)
    }
}

/// The count and the key, never the ciphertexts.
impl std::fmt::Debug for PackedBoolList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackedBoolList")
            .field("len", &self.count)
            .field("key_id", &format_args!("{:#018x}", self.tag.key_id))
            .field("params", &self.tag.params.name)
            .finish()
    }
}

serde_as_bytes!([] PackingKey);
serde_as_bytes!([] PackedBoolList);
