//! [`FheInteger`] and [`FheBool`] as bytes: the bits of an evaluated value
//! as boolean ciphertexts, least significant first, in one envelope of
//! [`umbra_fhe_core::serialization`] whose kind says the signedness
//! (`UnsignedInteger`, `SignedInteger`; `BoolCiphertextBatch` for
//! [`FheBool`]) and whose count is the width, so that bytes of one type are
//! refused by another. The envelope carries the key identifier and
//! parameter set, so a value read back is still refused by another key.
//! Bits that are public constants travel as noiseless encryptions of their
//! value.
//!
//! A value whose every bit is public (`x * 0u8`, or `trivial`) does not
//! serialize: an envelope names the key and parameter set its ciphertexts
//! belong to, and such a value has none, having no ciphertext at all. Its
//! plaintext is public anyway: send that, and rebuild the value on the
//! other side with `FheInteger::trivial` (or the matching plaintext
//! operand).

use std::sync::Arc;

use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::serialization::ObjectKind;
use umbra_fhe_core::{Error, Result};

use super::lazy::{ReadyBit, Word};
use super::value::{FheBool, FheInteger, Integer};
use crate::ciphertext::{batch_from_bytes, batch_to_bytes, serde_as_bytes, BoolCiphertext};
use crate::encoding;

fn word_to_bytes(word: &Word, kind: ObjectKind) -> Result<Vec<u8>> {
    let bits = word.ready_bits()?;
    let template = bits
        .iter()
        .find_map(|b| if let ReadyBit::Encrypted(ct) = b { Some(ct.clone()) } else { None })
        .ok_or_else(|| {
            Error::Unsupported("a public value (every bit known) belongs to no key: send the plaintext instead".into())
        })?;
    let cts: Vec<BoolCiphertext> = bits
        .into_iter()
        .map(|b| match b {
            ReadyBit::Encrypted(ct) => ct,
            ReadyBit::Const(v) => {
                let lwe = LweCiphertext::trivial(template.lwe.dimension(), encoding::encode_bool(v));
                BoolCiphertext { lwe, tag: template.tag }
            }
        })
        .collect();
    batch_to_bytes(&cts, kind)
}

fn word_from_bytes(bytes: &[u8], kind: ObjectKind, width: usize, what: &str) -> Result<Arc<Word>> {
    let bits: Vec<BoolCiphertext> = batch_from_bytes(bytes, kind)?;
    if bits.len() != width {
        return Err(Error::Deserialization(format!("{what} has {width} bits; these bytes hold {}", bits.len())));
    }
    Ok(Word::ready(bits.into_iter().map(ReadyBit::Encrypted).collect()))
}

impl<T: Integer> FheInteger<T> {
    /// Serializes an evaluated value; an [`Error::InvalidInput`] before
    /// evaluation, an [`Error::Unsupported`] for a value whose every bit is
    /// public (`x * 0u8`, a `trivial` value). Such a value holds no
    /// ciphertext, so it belongs to no key or parameter set, which an
    /// envelope must name; and its plaintext is public anyway: send that, and
    /// rebuild it with [`trivial`](Self::trivial) on the other side.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheUint16};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let x = FheUint16::encrypt(4242, &client);
    /// let back = FheUint16::from_bytes(&x.to_bytes()?)?;
    /// assert_eq!(back.decrypt(&client)?, 4242);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        word_to_bytes(&self.word, Self::KIND)
    }

    /// Reads a value written by [`to_bytes`](Self::to_bytes) for the same
    /// type; malformed input, another width or another signedness is an
    /// [`Error::Deserialization`].
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheInt8, FheUint16, FheUint8};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let bytes = FheUint8::encrypt(200, &client).to_bytes()?;
    /// assert!(FheInt8::from_bytes(&bytes).is_err());
    /// assert!(FheUint16::from_bytes(&bytes).is_err());
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        word_from_bytes(bytes, Self::KIND, T::BITS as usize, std::any::type_name::<T>()).map(Self::from_word)
    }

    /// The envelope kind of this type's values.
    const KIND: ObjectKind = if T::SIGNED { ObjectKind::SignedInteger } else { ObjectKind::UnsignedInteger };
}

impl FheBool {
    /// Serializes an evaluated value (errors as [`FheInteger::to_bytes`]).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        word_to_bytes(&self.word, ObjectKind::BoolCiphertextBatch)
    }

    /// Reads a value written by [`to_bytes`](Self::to_bytes).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        word_from_bytes(bytes, ObjectKind::BoolCiphertextBatch, 1, "bool").map(|word| Self { word })
    }
}

serde_as_bytes!([T: Integer] FheInteger<T>);
serde_as_bytes!([] FheBool);
