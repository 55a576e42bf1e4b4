//! Ciphertext types of the user API: an LWE sample tagged with the key and
//! parameter set it belongs to, so that mixing keys is an error, not garbage.
//!
//! Both types serialize (alone, or as a batch in one envelope) in the format
//! of [`umbra_fhe_core::serialization`]; the tag travels in the envelope header,
//! so a deserialized ciphertext is still refused by another key.

use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::serialization::{expected_body_len, Codec, Header, ObjectKind, Reader, Writer};
use umbra_fhe_core::{Error, Result};

/// Identity of the key pair and parameter set a ciphertext was made under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct KeyTag {
    pub(crate) key_id: u64,
    pub(crate) params: &'static str,
}

impl KeyTag {
    pub(crate) fn new(key_id: u64, params: &Parameters) -> Self {
        Self { key_id, params: params.name }
    }

    /// The tag recorded in an envelope header.
    pub(crate) fn from_header(header: &Header) -> Self {
        Self::new(header.key_id, &header.params)
    }

    /// The envelope header of a `kind` object carrying this tag.
    pub(crate) fn header(&self, kind: ObjectKind) -> Result<Header> {
        let params = Parameters::by_name(self.params)
            .ok_or_else(|| Error::InvalidInput(format!("parameter set `{}` is not a shipped one", self.params)))?;
        Ok(Header { kind, params, key_id: self.key_id })
    }

    /// `Ok` when `other` was made under the same key and parameters.
    pub(crate) fn check(&self, other: &KeyTag) -> Result<()> {
        if self.params != other.params {
            return Err(Error::ParameterMismatch { expected: self.params.into(), found: other.params.into() });
        }
        if self.key_id != other.key_id {
            return Err(Error::KeyMismatch { expected: self.key_id, found: other.key_id });
        }
        Ok(())
    }
}

macro_rules! ciphertext_type {
    ($(#[$doc:meta])* $name:ident, $kind:ident, $batch_kind:ident, $encrypt:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name {
            pub(crate) lwe: LweCiphertext,
            pub(crate) tag: KeyTag,
        }

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
                self.tag.params
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
                let mut w = Writer::new(&header, len);
                self.lwe.write_body(&mut w);
                w.finish()
            }

            /// Reads a ciphertext written by [`to_bytes`](Self::to_bytes); any
            /// malformed input is an [`Error::Deserialization`].
            pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
                let (header, mut r) = Reader::open(bytes, &[ObjectKind::$kind])?;
                let lwe = LweCiphertext::read_body(&header.params, &mut r)?;
                r.finish()?;
                Ok(Self { lwe, tag: KeyTag::from_header(&header) })
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
                let first = batch.first().ok_or_else(|| Error::InvalidInput("cannot serialize an empty batch".into()))?;
                batch.iter().try_for_each(|ct| first.tag.check(&ct.tag))?;
                let header = first.tag.header(ObjectKind::$batch_kind)?;
                let len = expected_body_len(header.kind, &header.params, batch.len()).ok_or_else(|| {
                    Error::InvalidInput(format!(
                        "a batch holds 1..={} ciphertexts, got {}",
                        umbra_fhe_core::serialization::MAX_BATCH_LEN,
                        batch.len()
                    ))
                })?;
                let mut w = Writer::new(&header, len);
                w.put_u64(batch.len() as u64);
                batch.iter().for_each(|ct| ct.lwe.write_body(&mut w));
                w.finish()
            }

            /// Reads a batch written by [`batch_to_bytes`](Self::batch_to_bytes).
            pub fn batch_from_bytes(bytes: &[u8]) -> Result<Vec<Self>> {
                let (header, mut r) = Reader::open(bytes, &[ObjectKind::$batch_kind])?;
                let count = r.take_u64()?;
                let tag = KeyTag::from_header(&header);
                let batch = (0..count)
                    .map(|_| Ok(Self { lwe: LweCiphertext::read_body(&header.params, &mut r)?, tag }))
                    .collect::<Result<Vec<_>>>()?;
                r.finish()?;
                Ok(batch)
            }
        }

        /// One byte string holding [`to_bytes`](Self::to_bytes)' envelope.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                serializer.serialize_bytes(&self.to_bytes().map_err(serde::ser::Error::custom)?)
            }
        }

        /// Reads the envelope of [`from_bytes`](Self::from_bytes), bounded in size.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                let bytes = umbra_fhe_core::serialization::deserialize_envelope(deserializer)?;
                Self::from_bytes(&bytes).map_err(serde::de::Error::custom)
            }
        }
    };
}

ciphertext_type!(
    /// An encrypted boolean: `true` ↦ `+1/8`, `false` ↦ `−1/8` on the torus.
    BoolCiphertext,
    BoolCiphertext,
    BoolCiphertextBatch,
    "client.encrypt_bool(true)"
);
ciphertext_type!(
    /// An encrypted integer `m ∈ [0, 2^bits)` of the parameter set's
    /// `message_bits`, encoded as `m·2^{31−bits}` (the top bit is padding).
    IntCiphertext,
    IntCiphertext,
    IntCiphertextBatch,
    "client.encrypt(3)?"
);
