//! Encrypted integers that travel light: a list of values of one type, its
//! bits encrypted with masks from one public seed ([`CompressedBoolBatch`]),
//! 4 bytes a bit plus a fixed header.

use std::marker::PhantomData;

use umbra_fhe_core::serialization::ObjectKind;
use umbra_fhe_core::{Error, Result};

use super::lazy::{ReadyBit, Word};
use super::value::{FheInteger, Integer};
use crate::ciphertext::serde_as_bytes;
use crate::client_key::ClientKey;
use crate::compressed::CompressedBoolBatch;

/// Values of `T` encrypted with seeded masks: what a client uploads. A
/// `[u8; 128]` is 4,196 bytes this way on `default-boolean`, against 3.3 MB
/// as ordinary ciphertexts. [`expand`](Self::expand) gives the
/// [`FheInteger`]s a server computes on.
///
/// ```
/// use umbra_fhe::{params, ClientKey, CompressedFheIntegers, FheUint8, ServerKey};
/// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
/// let server = ServerKey::new(&client)?;
/// let template = [7u8; 128];
/// let bytes = FheUint8::encrypt_compressed(&template, &client).to_bytes()?;
/// assert!(bytes.len() <= 6 * 1024);
/// // On the server:
/// let values = CompressedFheIntegers::<u8>::from_bytes(&bytes)?.expand();
/// let sum: FheUint8 = values.iter().sum();
/// server.evaluate(&sum)?;
/// assert_eq!(sum.decrypt(&client)?, 7u8.wrapping_mul(128));
/// # Ok::<(), umbra_fhe::Error>(())
/// ```
pub struct CompressedFheIntegers<T: Integer> {
    bits: CompressedBoolBatch,
    _plain: PhantomData<T>,
}

impl<T: Integer> FheInteger<T> {
    /// Encrypts `values` for upload: bit by bit, with masks from one fresh
    /// public seed (see [`CompressedFheIntegers`]).
    pub fn encrypt_compressed(values: &[T], client: &ClientKey) -> CompressedFheIntegers<T> {
        let bits: Vec<bool> = values.iter().flat_map(|v| (0..T::BITS).map(move |i| v.to_u64() >> i & 1 == 1)).collect();
        CompressedFheIntegers { bits: client.encrypt_bools_compressed(&bits), _plain: PhantomData }
    }
}

impl<T: Integer> CompressedFheIntegers<T> {
    /// How many values the list holds.
    pub fn len(&self) -> usize {
        self.bits.len() / T::BITS as usize
    }

    /// Whether the list holds no value.
    pub fn is_empty(&self) -> bool {
        self.bits.is_empty()
    }

    /// Identifier of the key pair the values are encrypted under.
    pub fn key_id(&self) -> u64 {
        self.bits.key_id()
    }

    /// The values, as evaluated [`FheInteger`]s: the masks regenerated from
    /// the seed.
    pub fn expand(&self) -> Vec<FheInteger<T>> {
        let bits = self.bits.expand();
        bits.chunks_exact(T::BITS as usize)
            .map(|value| FheInteger::from_word(Word::ready(value.iter().cloned().map(ReadyBit::Encrypted).collect())))
            .collect()
    }

    /// Serializes the list (kind `CompressedUnsignedIntegers` or
    /// `CompressedSignedIntegers` of [`umbra_fhe_core::serialization`]: the
    /// bit count, the width, the seed, the bodies). An error for an empty
    /// list or one of more than
    /// [`MAX_BATCH_LEN`](umbra_fhe_core::serialization::MAX_BATCH_LEN) bits.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.bits.write_envelope(Self::KIND, Some(u64::from(T::BITS)))
    }

    /// Reads a list written by [`to_bytes`](Self::to_bytes) for the same
    /// type; malformed input, another width or another signedness is an
    /// [`Error::Deserialization`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (bits, width) = CompressedBoolBatch::read_envelope(bytes, Self::KIND)?;
        if width != Some(u64::from(T::BITS)) {
            return Err(Error::Deserialization(format!(
                "{} has {} bits; these bytes hold values of width {width:?}",
                std::any::type_name::<T>(),
                T::BITS
            )));
        }
        if bits.len() % T::BITS as usize != 0 {
            return Err(Error::Deserialization(format!("{} bits are no whole number of values", bits.len())));
        }
        Ok(Self { bits, _plain: PhantomData })
    }

    /// The envelope kind of this type's lists.
    const KIND: ObjectKind =
        if T::SIGNED { ObjectKind::CompressedSignedIntegers } else { ObjectKind::CompressedUnsignedIntegers };
}

impl<T: Integer> Clone for CompressedFheIntegers<T> {
    fn clone(&self) -> Self {
        Self { bits: self.bits.clone(), _plain: PhantomData }
    }
}

/// The count and the key, never the bodies.
impl<T: Integer> std::fmt::Debug for CompressedFheIntegers<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompressedFheIntegers")
            .field("type", &std::any::type_name::<T>())
            .field("len", &self.len())
            .field("key_id", &format_args!("{:#018x}", self.key_id()))
            .finish()
    }
}

serde_as_bytes!([T: Integer] CompressedFheIntegers<T>);
