//! Ciphertext types of the user API: an LWE sample tagged with the key and
//! parameter set it belongs to, so that mixing keys is an error, not garbage.
//!
//! Both types serialize (alone, or as a batch in one envelope) in the format
//! of [`umbra_fhe_core::serialization`]; the tag travels in the envelope header,
//! so a deserialized ciphertext is still refused by another key.

use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::params::{ParameterId, Parameters};
use umbra_fhe_core::serialization::{expected_body_len, Codec, Header, ObjectKind, Reader, Writer};
use umbra_fhe_core::{Error, Result};

use crate::encoding::MessageSpace;
use crate::noise_bound::{NoiseBound, NoiseModel};

/// Identity of the key pair and parameter set a ciphertext was made under.
/// The set is identified by its name *and* the fingerprint of its values, so
/// a custom set that kept a shipped set's name is still a different set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct KeyTag {
    pub(crate) key_id: u64,
    pub(crate) params: ParameterId,
}

impl KeyTag {
    pub(crate) fn new(key_id: u64, params: &Parameters) -> Self {
        Self { key_id, params: params.id() }
    }

    /// The tag recorded in an envelope header.
    pub(crate) fn from_header(header: &Header) -> Self {
        Self::new(header.key_id, &header.params)
    }

    /// The envelope header of a `kind` object carrying this tag; an
    /// [`Error::Unsupported`] for a custom parameter set, which does not serialize.
    pub(crate) fn header(&self, kind: ObjectKind) -> Result<Header> {
        Ok(Header { kind, params: self.params.to_shipped()?, key_id: self.key_id })
    }

    /// `Ok` when `other` was made under the same key and parameters.
    pub(crate) fn check(&self, other: &KeyTag) -> Result<()> {
        if self.params != other.params {
            return Err(Error::ParameterMismatch {
                expected: self.params.to_string(),
                found: other.params.to_string(),
            });
        }
        if self.key_id != other.key_id {
            return Err(Error::KeyMismatch { expected: self.key_id, found: other.key_id });
        }
        Ok(())
    }
}

/// How one ciphertext of a user type is laid out in an envelope body.
pub(crate) trait CiphertextBody: Sized {
    fn tag(&self) -> &KeyTag;
    fn write(&self, w: &mut Writer);
    fn read(params: &Parameters, tag: KeyTag, r: &mut Reader<'_>) -> Result<Self>;
}

/// Ciphertexts of one key in one envelope of the batch kind `kind`: the
/// header once, the count, then the ciphertexts back to back. An error for
/// an empty batch, one of more than
/// [`MAX_BATCH_LEN`](umbra_fhe_core::serialization::MAX_BATCH_LEN)
/// ciphertexts, or one mixing keys.
pub(crate) fn batch_to_bytes<C: CiphertextBody>(batch: &[C], kind: ObjectKind) -> Result<Vec<u8>> {
    let first = batch.first().ok_or_else(|| Error::InvalidInput("cannot serialize an empty batch".into()))?;
    batch.iter().try_for_each(|ct| first.tag().check(ct.tag()))?;
    let header = first.tag().header(kind)?;
    let len = expected_body_len(header.kind, &header.params, batch.len()).ok_or_else(|| {
        Error::InvalidInput(format!(
            "a batch holds 1..={} ciphertexts, got {}",
            umbra_fhe_core::serialization::MAX_BATCH_LEN,
            batch.len()
        ))
    })?;
    let mut w = Writer::new(&header, len)?;
    w.put_u64(batch.len() as u64);
    batch.iter().for_each(|ct| ct.write(&mut w));
    w.finish()
}

/// Reads a batch written by [`batch_to_bytes`] with the kind `kind`.
pub(crate) fn batch_from_bytes<C: CiphertextBody>(bytes: &[u8], kind: ObjectKind) -> Result<Vec<C>> {
    let (header, mut r) = Reader::open(bytes, &[kind])?;
    let count = r.take_u64()?;
    let tag = KeyTag::from_header(&header);
    let batch = (0..count).map(|_| C::read(&header.params, tag, &mut r)).collect::<Result<Vec<_>>>()?;
    r.finish()?;
    Ok(batch)
}

/// The parts of a list envelope (the compressed, compact and packed kinds):
/// the count of bits, the width of the integers they make up (the integer
/// kinds), a mask seed (the seeded kinds), then values whose number follows
/// from the count and the parameter set.
pub(crate) struct ListEnvelope {
    pub(crate) tag: KeyTag,
    pub(crate) params: Parameters,
    pub(crate) count: usize,
    pub(crate) width: Option<u64>,
    pub(crate) seed: Option<[u8; 32]>,
    pub(crate) values: Vec<u32>,
}

impl ListEnvelope {
    /// One envelope of kind `kind`; an error for an empty list or one of
    /// more than [`MAX_BATCH_LEN`](umbra_fhe_core::serialization::MAX_BATCH_LEN) bits.
    pub(crate) fn write(
        tag: &KeyTag,
        kind: ObjectKind,
        count: usize,
        width: Option<u64>,
        seed: Option<&[u8; 32]>,
        values: &[u32],
    ) -> Result<Vec<u8>> {
        let header = tag.header(kind)?;
        let len = expected_body_len(kind, &header.params, count).ok_or_else(|| {
            Error::InvalidInput(format!(
                "a list holds 1..={} bits, got {count}",
                umbra_fhe_core::serialization::MAX_BATCH_LEN
            ))
        })?;
        let mut w = Writer::new(&header, len)?;
        w.put_u64(count as u64);
        if let Some(width) = width {
            w.put_u64(width);
        }
        if let Some(seed) = seed {
            w.put_seed(seed);
        }
        w.put_u32s(values);
        w.finish()
    }

    /// Reads an envelope of kind `kind` written by [`write`](Self::write)
    /// with a width and a seed as `with_width` and `with_seed` say, and
    /// `values_for(params, count)` values. The envelope's length is checked
    /// against the count before anything is allocated.
    pub(crate) fn read(
        bytes: &[u8],
        kind: ObjectKind,
        with_width: bool,
        with_seed: bool,
        values_for: impl FnOnce(&Parameters, usize) -> usize,
    ) -> Result<Self> {
        let (header, mut r) = Reader::open(bytes, &[kind])?;
        let count = usize::try_from(r.take_u64()?).map_err(|_| Error::Deserialization("count overflows".into()))?;
        let width = if with_width { Some(r.take_u64()?) } else { None };
        let seed = if with_seed { Some(r.take_seed()?) } else { None };
        let values = r.take_u32s(values_for(&header.params, count))?;
        r.finish()?;
        Ok(Self { tag: KeyTag::from_header(&header), params: header.params, count, width, seed, values })
    }
}

/// An encrypted boolean: `true` ↦ `+1/8`, `false` ↦ `−1/8` on the torus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoolCiphertext {
    pub(crate) lwe: LweCiphertext,
    pub(crate) tag: KeyTag,
}

impl CiphertextBody for BoolCiphertext {
    fn tag(&self) -> &KeyTag {
        &self.tag
    }

    fn write(&self, w: &mut Writer) {
        self.lwe.write_body(w);
    }

    fn read(params: &Parameters, tag: KeyTag, r: &mut Reader<'_>) -> Result<Self> {
        Ok(Self { lwe: LweCiphertext::read_body(params, r)?, tag })
    }
}

/// An encrypted integer `m ∈ [0, 2^bits)` of the parameter set's
/// `message_bits`, encoded as `m·2^{31−bits}` (the top bit is padding).
///
/// It carries its [`degree`](Self::degree): the largest value it may hold,
/// public like the key identifier. Operations whose result could exceed
/// `2^bits − 1` are errors (see [`ServerKey::add`](crate::ServerKey::add)),
/// never wrong values. It carries a noise bound the same way (what its error
/// is made of, see [`ServerKey::failure_log2`](crate::ServerKey::failure_log2)): operations whose
/// result would fail too often are errors too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntCiphertext {
    pub(crate) lwe: LweCiphertext,
    pub(crate) tag: KeyTag,
    pub(crate) degree: u64,
    pub(crate) noise: NoiseBound,
}

impl IntCiphertext {
    /// The largest value this ciphertext may hold (public): `2^bits − 1` for
    /// a fresh [`encrypt`](crate::ClientKey::encrypt), the declared bound of
    /// [`encrypt_bounded`](crate::ClientKey::encrypt_bounded), and what the
    /// operations that made it imply. Above `2^bits − 1` only after a
    /// `wrapping_` operation: the value then decrypts modulo `2^bits` but no
    /// longer goes through a lookup table.
    ///
    /// ```
    /// let client = umbra_fhe::ClientKey::new(umbra_fhe::params::MESSAGE_3_BITS)?;
    /// assert_eq!(client.encrypt(2)?.degree(), 7);
    /// assert_eq!(client.encrypt_bounded(2, 3)?.degree(), 3);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn degree(&self) -> u64 {
        self.degree
    }
}

impl CiphertextBody for IntCiphertext {
    fn tag(&self) -> &KeyTag {
        &self.tag
    }

    fn write(&self, w: &mut Writer) {
        w.put_u64(self.degree);
        self.noise.to_words().into_iter().for_each(|word| w.put_u64(word));
        self.lwe.write_body(w);
    }

    fn read(params: &Parameters, tag: KeyTag, r: &mut Reader<'_>) -> Result<Self> {
        let degree = r.take_u64()?;
        let wrapped = MessageSpace::of(params).wrapped();
        if degree > wrapped {
            return Err(Error::Deserialization(format!(
                "integer degree {degree} is above {wrapped}, the most a ciphertext of `{}` can hold",
                params.name
            )));
        }
        let words = [r.take_u64()?, r.take_u64()?, r.take_u64()?];
        let noise = NoiseBound::from_words(words)
            .ok_or_else(|| Error::Deserialization(format!("noise bound {words:?} is not one of a ciphertext")))?;
        NoiseModel::integers(params).check(noise).map_err(|e| {
            Error::Deserialization(format!("noise bound {words:?} is beyond what an operation may produce: {e}"))
        })?;
        Ok(Self { lwe: LweCiphertext::read_body(params, r)?, tag, degree, noise })
    }
}

/// `serde` for a type with `to_bytes`/`from_bytes`: one byte string holding
/// the `to_bytes` envelope; reading it back bounds its size first.
macro_rules! serde_as_bytes {
    ([$($generics:tt)*] $ty:ty) => {
        impl<$($generics)*> serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                serializer.serialize_bytes(&self.to_bytes().map_err(serde::ser::Error::custom)?)
            }
        }

        impl<'de, $($generics)*> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                let bytes = umbra_fhe_core::serialization::deserialize_envelope(deserializer)?;
                Self::from_bytes(&bytes).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use serde_as_bytes;

macro_rules! ciphertext_methods {
    ($name:ident, $kind:ident, $batch_kind:ident, $encrypt:literal) => {
        impl $name {
            /// The underlying LWE ciphertext (dimension `n` of the parameter set).
            pub fn as_lwe(&self) -> &LweCiphertext {
                &self.lwe
            }

            /// Identifier of the key pair this ciphertext belongs to.
            pub fn key_id(&self) -> u64 {
                self.tag.key_id
            }

            /// Name of the parameter set this ciphertext belongs to.
            pub fn parameter_set(&self) -> &'static str {
                self.tag.params.name
            }

            #[doc = concat!("Serializes this ciphertext into one envelope (kind `", stringify!($kind), "`).")]
            ///
            /// ```
            /// use umbra_fhe::{params, ClientKey};
            /// let client = ClientKey::from_seed(params::MESSAGE_2_BITS, [1; 32])?;
            #[doc = concat!("let ct = ", $encrypt, ";")]
            #[doc = concat!("let back = umbra_fhe::", stringify!($name), "::from_bytes(&ct.to_bytes()?)?;")]
            /// assert_eq!(back, ct);
            /// # Ok::<(), umbra_fhe::Error>(())
            /// ```
            pub fn to_bytes(&self) -> Result<Vec<u8>> {
                let header = self.tag.header(ObjectKind::$kind)?;
                let len = expected_body_len(header.kind, &header.params, 0)
                    .ok_or_else(|| Error::InvalidInput("ciphertext size overflows".into()))?;
                let mut w = Writer::new(&header, len)?;
                self.write(&mut w);
                w.finish()
            }

            /// Reads a ciphertext written by [`to_bytes`](Self::to_bytes); any
            /// malformed input is an [`Error::Deserialization`].
            pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
                let (header, mut r) = Reader::open(bytes, &[ObjectKind::$kind])?;
                let ct = Self::read(&header.params, KeyTag::from_header(&header), &mut r)?;
                r.finish()?;
                Ok(ct)
            }

            /// Serializes ciphertexts of one key into one envelope: the header
            /// once, then the ciphertexts back to back. An error for an empty
            /// batch, one of more than
            #[doc = "[`MAX_BATCH_LEN`](umbra_fhe_core::serialization::MAX_BATCH_LEN)"]
            /// ciphertexts, or one mixing keys.
            ///
            /// ```
            /// use umbra_fhe::{params, ClientKey};
            /// let client = ClientKey::from_seed(params::MESSAGE_2_BITS, [1; 32])?;
            #[doc = concat!("let batch = vec![", $encrypt, "; 3];")]
            #[doc = concat!("let bytes = umbra_fhe::", stringify!($name), "::batch_to_bytes(&batch)?;")]
            #[doc = concat!("assert_eq!(umbra_fhe::", stringify!($name), "::batch_from_bytes(&bytes)?, batch);")]
            /// # Ok::<(), umbra_fhe::Error>(())
            /// ```
            pub fn batch_to_bytes(batch: &[Self]) -> Result<Vec<u8>> {
                batch_to_bytes(batch, ObjectKind::$batch_kind)
            }

            /// Reads a batch written by [`batch_to_bytes`](Self::batch_to_bytes).
            pub fn batch_from_bytes(bytes: &[u8]) -> Result<Vec<Self>> {
                batch_from_bytes(bytes, ObjectKind::$batch_kind)
            }
        }

        serde_as_bytes!([] $name);
    };
}

ciphertext_methods!(BoolCiphertext, BoolCiphertext, BoolCiphertextBatch, "client.encrypt_bool(true)");
ciphertext_methods!(IntCiphertext, IntCiphertext, IntCiphertextBatch, "client.encrypt(3)?");
