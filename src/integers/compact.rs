//! Encrypted integers from a public key: a list of values of one type, its
//! bits in one [`CompactBoolList`], 8 bytes a bit.

use std::marker::PhantomData;

use umbra_fhe_core::serialization::ObjectKind;
use umbra_fhe_core::{Error, Result};

use super::lazy::{ReadyBit, Word};
use super::value::{FheInteger, Integer};
use crate::ciphertext::serde_as_bytes;
use crate::public_key::{CompactBoolList, PublicKey};

/// Values of `T` encrypted under a [`PublicKey`]; [`expand`](Self::expand)
/// gives the [`FheInteger`]s a server computes on.
///
/// ```
/// use umbra_fhe::{params, ClientKey, CompactFheIntegers, FheUint8, PublicKey, ServerKey};
/// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
/// let server = ServerKey::new(&client)?;
/// let public = PublicKey::new(&client)?;
/// // Anyone with the public key:
/// let bytes = FheUint8::encrypt_public(&[200, 100], &public).to_bytes()?;
/// // The server:
/// let values = CompactFheIntegers::<u8>::from_bytes(&bytes)?.expand();
/// let sum = &values[0] + &values[1];
/// server.evaluate(&sum)?;
/// assert_eq!(sum.decrypt(&client)?, 44);
/// # Ok::<(), umbra_fhe::Error>(())
/// ```
pub struct CompactFheIntegers<T: Integer> {
    bits: CompactBoolList,
    _plain: PhantomData<T>,
}

impl<T: Integer> FheInteger<T> {
    /// Encrypts `values` under a public key, as one compact list (see
    /// [`CompactFheIntegers`]).
    pub fn encrypt_public(values: &[T], key: &PublicKey) -> CompactFheIntegers<T> {
        let bits: Vec<bool> = values.iter().flat_map(|v| (0..T::BITS).map(move |i| v.to_u64() >> i & 1 == 1)).collect();
        CompactFheIntegers { bits: key.encrypt_bools(&bits), _plain: PhantomData }
    }
}

impl<T: Integer> CompactFheIntegers<T> {
    /// How many values the list holds.
    pub fn len(&self) -> usize {
        self.bits.len() / T::BITS as usize
    }

    /// Whether the list holds no value.
    pub fn is_empty(&self) -> bool {
        self.bits.is_empty()
    }

    /// The values, as evaluated [`FheInteger`]s.
    pub fn expand(&self) -> Vec<FheInteger<T>> {
        let bits = self.bits.expand();
        bits.chunks_exact(T::BITS as usize)
            .map(|value| FheInteger::from_word(Word::ready(value.iter().cloned().map(ReadyBit::Encrypted).collect())))
            .collect()
    }

    /// Serializes the list (kind `CompactUnsignedIntegers` or
    /// `CompactSignedIntegers`: the bit count, the width, the chunks).
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.bits.write_envelope(Self::KIND, Some(u64::from(T::BITS)))
    }

    /// Reads a list written by [`to_bytes`](Self::to_bytes) for the same
    /// type; malformed input, another width or another signedness is an
    /// [`Error::Deserialization`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (bits, width) = CompactBoolList::read_envelope(bytes, Self::KIND)?;
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
        if T::SIGNED { ObjectKind::CompactSignedIntegers } else { ObjectKind::CompactUnsignedIntegers };
}

impl<T: Integer> Clone for CompactFheIntegers<T> {
    fn clone(&self) -> Self {
        Self { bits: self.bits.clone(), _plain: PhantomData }
    }
}

/// The count and the key, never the coefficients.
impl<T: Integer> std::fmt::Debug for CompactFheIntegers<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompactFheIntegers")
            .field("type", &std::any::type_name::<T>())
            .field("len", &self.len())
            .field("key_id", &format_args!("{:#018x}", self.bits.key_id()))
            .finish()
    }
}

serde_as_bytes!([T: Integer] CompactFheIntegers<T>);
