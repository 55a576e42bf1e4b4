//! Encrypted integers packed for the way back: their bits in one
//! [`PackedBoolList`], which only the client decrypts.

use std::marker::PhantomData;

use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::serialization::ObjectKind;
use umbra_fhe_core::{Error, Result};

use super::lazy::ReadyBit;
use super::value::{FheInteger, Integer};
use crate::ciphertext::{serde_as_bytes, BoolCiphertext};
use crate::client_key::ClientKey;
use crate::encoding;
use crate::packing::{PackedBoolList, PackingKey};

/// Evaluated values of `T` packed by a [`PackingKey`]: what a server sends
/// back. On `default-boolean` a chunk of 512 bits is 8 KB, 16 bytes a bit
/// (a single `u32` result: 8,260 bytes instead of 103,228).
///
/// ```
/// use umbra_fhe::{params, ClientKey, FheUint32, PackedFheIntegers, PackingKey, ServerKey};
/// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
/// let server = ServerKey::new(&client)?;
/// let packing = PackingKey::new(&client)?;
/// let sum = FheUint32::encrypt(3_000_000_000, &client) + 1_000_000u32;
/// server.evaluate(&sum)?;
/// let bytes = packing.pack_integers(&[sum])?.to_bytes()?;
/// let back = PackedFheIntegers::<u32>::from_bytes(&bytes)?.decrypt(&client)?;
/// assert_eq!(back, [3_001_000_000]);
/// # Ok::<(), umbra_fhe::Error>(())
/// ```
pub struct PackedFheIntegers<T: Integer> {
    bits: PackedBoolList,
    _plain: PhantomData<T>,
}

impl PackingKey {
    /// Packs evaluated `values`, their bits in order; an error for a value
    /// not evaluated yet, or of another key. Public bits travel as noiseless
    /// encryptions.
    pub fn pack_integers<T: Integer>(&self, values: &[FheInteger<T>]) -> Result<PackedFheIntegers<T>> {
        let mut bits = Vec::with_capacity(values.len() * T::BITS as usize);
        for value in values {
            for bit in value.word.ready_bits()? {
                bits.push(match bit {
                    ReadyBit::Encrypted(ct) => ct,
                    ReadyBit::Const(v) => self.public_bit(v),
                });
            }
        }
        Ok(PackedFheIntegers { bits: self.pack(&bits)?, _plain: PhantomData })
    }

    /// The noiseless encryption of a public bit, under this key's pair.
    fn public_bit(&self, value: bool) -> BoolCiphertext {
        BoolCiphertext {
            lwe: LweCiphertext::trivial(self.lwe_dimension(), encoding::encode_bool(value)),
            tag: self.tag(),
        }
    }
}

impl<T: Integer> PackedFheIntegers<T> {
    /// How many values the list holds.
    pub fn len(&self) -> usize {
        self.bits.len() / T::BITS as usize
    }

    /// Whether the list holds no value.
    pub fn is_empty(&self) -> bool {
        self.bits.is_empty()
    }

    /// The values, decrypted by the client whose packing key packed them.
    pub fn decrypt(&self, client: &ClientKey) -> Result<Vec<T>> {
        let bits = client.decrypt_packed(&self.bits)?;
        Ok(bits
            .chunks_exact(T::BITS as usize)
            .map(|value| T::from_u64_wrapping(value.iter().enumerate().map(|(i, &b)| u64::from(b) << i).sum()))
            .collect())
    }

    /// Serializes the list (kind `PackedUnsignedIntegers` or
    /// `PackedSignedIntegers`: the bit count, the width, the GLWE ciphertexts).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.bits.write_envelope(Self::KIND, Some(u64::from(T::BITS)))
    }

    /// Reads a list written by [`to_bytes`](Self::to_bytes) for the same
    /// type; malformed input, another width or another signedness is an
    /// [`Error::Deserialization`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (bits, width) = PackedBoolList::read_envelope(bytes, Self::KIND)?;
        if width != Some(u64::from(T::BITS)) || bits.len() % T::BITS as usize != 0 {
            return Err(Error::Deserialization(format!(
                "{} bits of width {width:?} are no list of {}",
                bits.len(),
                std::any::type_name::<T>()
            )));
        }
        Ok(Self { bits, _plain: PhantomData })
    }

    /// The envelope kind of this type's lists.
    const KIND: ObjectKind =
        if T::SIGNED { ObjectKind::PackedSignedIntegers } else { ObjectKind::PackedUnsignedIntegers };
}

impl<T: Integer> Clone for PackedFheIntegers<T> {
    fn clone(&self) -> Self {
        Self { bits: self.bits.clone(), _plain: PhantomData }
    }
}

/// The count, never the ciphertexts.
impl<T: Integer> std::fmt::Debug for PackedFheIntegers<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackedFheIntegers")
            .field("type", &std::any::type_name::<T>())
            .field("len", &self.len())
            .finish()
    }
}

serde_as_bytes!([T: Integer] PackedFheIntegers<T>);
