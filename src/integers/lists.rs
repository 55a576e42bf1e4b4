//! Lists of integers of one type whose bits travel in one list of boolean
//! ciphertexts: seeded ([`CompressedFheIntegers`]), from a public key
//! ([`CompactFheIntegers`]) or packed ([`PackedFheIntegers`]). What they share
//! (length, bytes, serde) is here; how each is made and opened is beside its
//! bit list.

use std::marker::PhantomData;

use umbra_fhe_core::serialization::ObjectKind;
use umbra_fhe_core::{Error, Result};

use super::lazy::{ReadyBit, Word};
use super::value::{FheInteger, Integer};
use crate::ciphertext::{serde_as_bytes, BoolCiphertext};
use crate::compressed::CompressedBoolBatch;
use crate::packing::PackedBoolList;
use crate::public_key::CompactBoolList;

mod sealed {
    use umbra_fhe_core::serialization::ObjectKind;
    use umbra_fhe_core::Result;

    /// A list of boolean ciphertexts with its own envelope kinds.
    pub trait BitList: Clone + Sized {
        /// The kinds of its unsigned and of its signed integer lists.
        const KINDS: [ObjectKind; 2];
        /// Booleans in the list.
        fn bit_count(&self) -> usize;
        /// The key pair's identifier.
        fn key(&self) -> u64;
        /// The envelope of `kind`, with the integers' `width`.
        fn write_envelope(&self, kind: ObjectKind, width: Option<u64>) -> Result<Vec<u8>>;
        /// An envelope of `kind` read back, with its width.
        fn read_envelope(bytes: &[u8], kind: ObjectKind) -> Result<(Self, Option<u64>)>;
    }
}
use sealed::BitList;

/// Values of `T`, bit by bit in one list `L` of boolean ciphertexts; used
/// through [`CompressedFheIntegers`], [`CompactFheIntegers`] and
/// [`PackedFheIntegers`].
pub struct IntegerList<L: BitList, T: Integer> {
    pub(super) bits: L,
    _plain: PhantomData<T>,
}

/// Values of `T` encrypted with seeded masks: what a client uploads (see
/// [`FheInteger::encrypt_compressed`]).
pub type CompressedFheIntegers<T> = IntegerList<CompressedBoolBatch, T>;
/// Values of `T` encrypted under a [`PublicKey`](crate::PublicKey) (see
/// [`FheInteger::encrypt_public`]).
pub type CompactFheIntegers<T> = IntegerList<CompactBoolList, T>;
/// Evaluated values of `T` packed by a [`PackingKey`](crate::PackingKey):
/// what a server sends back (see `PackingKey::pack_integers`).
pub type PackedFheIntegers<T> = IntegerList<PackedBoolList, T>;

impl<L: BitList, T: Integer> IntegerList<L, T> {
    pub(super) fn new(bits: L) -> Self {
        Self { bits, _plain: PhantomData }
    }

    /// How many values the list holds.
    pub fn len(&self) -> usize {
        self.bits.bit_count() / T::BITS as usize
    }

    /// Whether the list holds no value.
    pub fn is_empty(&self) -> bool {
        self.bits.bit_count() == 0
    }

    /// Identifier of the key pair the values belong to.
    pub fn key_id(&self) -> u64 {
        self.bits.key()
    }

    /// Serializes the list: the bit count, the width, then the bits as
    /// their list holds them. An error for an empty list or one of more than
    /// [`MAX_BATCH_LEN`](umbra_fhe_core::serialization::MAX_BATCH_LEN) bits.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.bits.write_envelope(Self::KIND, Some(u64::from(T::BITS)))
    }

    /// Reads a list written by [`to_bytes`](Self::to_bytes) for the same
    /// type; malformed input, another width, another signedness or another
    /// kind of list is an [`Error::Deserialization`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (bits, width) = L::read_envelope(bytes, Self::KIND)?;
        if width != Some(u64::from(T::BITS)) || bits.bit_count() % T::BITS as usize != 0 {
            return Err(Error::Deserialization(format!(
                "{} bits of width {width:?} are no list of {}",
                bits.bit_count(),
                std::any::type_name::<T>()
            )));
        }
        Ok(Self::new(bits))
    }

    /// The envelope kind of this type's lists.
    const KIND: ObjectKind = L::KINDS[T::SIGNED as usize];
}

/// The bits of `values`, least significant first, value after value.
pub(super) fn bits_of<T: Integer>(values: &[T]) -> Vec<bool> {
    values.iter().flat_map(|v| (0..T::BITS).map(move |i| v.to_u64() >> i & 1 == 1)).collect()
}

/// `T::BITS` ciphertexts at a time, as evaluated values.
pub(super) fn values_of<T: Integer>(bits: Vec<BoolCiphertext>) -> Vec<FheInteger<T>> {
    bits.chunks_exact(T::BITS as usize)
        .map(|value| FheInteger::from_word(Word::ready(value.iter().cloned().map(ReadyBit::Encrypted).collect())))
        .collect()
}

impl<L: BitList, T: Integer> Clone for IntegerList<L, T> {
    fn clone(&self) -> Self {
        Self::new(self.bits.clone())
    }
}

/// The type, the count and the key, never the ciphertexts.
impl<L: BitList, T: Integer> std::fmt::Debug for IntegerList<L, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IntegerList")
            .field("type", &std::any::type_name::<T>())
            .field("len", &self.len())
            .field("key_id", &format_args!("{:#018x}", self.key_id()))
            .finish()
    }
}

serde_as_bytes!([L: BitList, T: Integer] IntegerList<L, T>);

macro_rules! bit_list {
    ($list:ty, $unsigned:ident, $signed:ident) => {
        impl BitList for $list {
            const KINDS: [ObjectKind; 2] = [ObjectKind::$unsigned, ObjectKind::$signed];
            fn bit_count(&self) -> usize {
                self.len()
            }
            fn key(&self) -> u64 {
                self.key_id()
            }
            fn write_envelope(&self, kind: ObjectKind, width: Option<u64>) -> Result<Vec<u8>> {
                <$list>::write_envelope(self, kind, width)
            }
            fn read_envelope(bytes: &[u8], kind: ObjectKind) -> Result<(Self, Option<u64>)> {
                <$list>::read_envelope(bytes, kind)
            }
        }
    };
}
bit_list!(CompressedBoolBatch, CompressedUnsignedIntegers, CompressedSignedIntegers);
bit_list!(CompactBoolList, CompactUnsignedIntegers, CompactSignedIntegers);
bit_list!(PackedBoolList, PackedUnsignedIntegers, PackedSignedIntegers);
