//! [`FheInteger`] and [`FheBool`] as bytes: the bits of an evaluated value
//! as one batch of boolean ciphertexts (envelope kind `BoolCiphertextBatch`
//! of [`umbra_fhe_core::serialization`]), least significant first. The
//! envelope carries the key identifier and parameter set, so a value read
//! back is still refused by another key. Bits that are public constants
//! travel as noiseless encryptions of their value.

use std::sync::Arc;

use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::{Error, Result};

use super::lazy::{ReadyBit, Word};
use super::value::{FheBool, FheInteger, Integer};
use crate::ciphertext::{serde_as_bytes, BoolCiphertext};
use crate::encoding;

fn word_to_bytes(word: &Word) -> Result<Vec<u8>> {
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
    BoolCiphertext::batch_to_bytes(&cts)
}

fn word_from_bytes(bytes: &[u8], width: usize, what: &str) -> Result<Arc<Word>> {
    let bits = BoolCiphertext::batch_from_bytes(bytes)?;
    if bits.len() != width {
        return Err(Error::Deserialization(format!("{what} has {width} bits; these bytes hold {}", bits.len())));
    }
    Ok(Word::ready(bits.into_iter().map(ReadyBit::Encrypted).collect()))
}

impl<T: Integer> FheInteger<T> {
    /// Serializes an evaluated value; an [`Error::InvalidInput`] before
    /// evaluation, an [`Error::Unsupported`] for a public value.
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
        word_to_bytes(&self.word)
    }

    /// Reads a value written by [`to_bytes`](Self::to_bytes) for the same
    /// width; malformed input or another width is an [`Error::Deserialization`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        word_from_bytes(bytes, T::BITS as usize, std::any::type_name::<T>()).map(Self::from_word)
    }
}

impl FheBool {
    /// Serializes an evaluated value (errors as [`FheInteger::to_bytes`]).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        word_to_bytes(&self.word)
    }

    /// Reads a value written by [`to_bytes`](Self::to_bytes).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        word_from_bytes(bytes, 1, "bool").map(|word| Self { word })
    }
}

serde_as_bytes!([T: Integer] FheInteger<T>);
serde_as_bytes!([] FheBool);
