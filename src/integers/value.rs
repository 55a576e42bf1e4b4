//! The encrypted values: [`FheInteger`] and [`FheBool`], each a word of
//! the lazy graph, and the plaintext types they stand for.

use std::marker::PhantomData;
use std::sync::Arc;

use umbra_fhe_core::Result;

use super::lazy::{build, Kind, Lazy, ReadyBit, Roots, State, Word};
use super::operation::{Cost, Operation};
use crate::circuit::{Bit, Circuit, Shape};
use crate::client_key::ClientKey;

mod sealed {
    pub trait Sealed {}
}

/// The plaintext types of [`FheInteger`]: `u8`, `u16`, `u32`, `u64` and
/// `i8`, `i16`, `i32`, `i64` (two's complement).
pub trait Integer: sealed::Sealed + Copy + std::fmt::Debug + Send + Sync + 'static {
    /// Width in bits.
    const BITS: u32;
    /// Whether the type is signed (two's complement).
    const SIGNED: bool;
    /// The `BITS` bits of the value (two's complement), zero-extended.
    fn to_u64(self) -> u64;
    /// The value whose bits are the low `BITS` bits of `x`.
    fn from_u64_wrapping(x: u64) -> Self;
}

macro_rules! integer {
    ($($t:ty, $unsigned:ty, $signed:literal);*) => {$(
        impl sealed::Sealed for $t {}
        impl Integer for $t {
            const BITS: u32 = <$t>::BITS;
            const SIGNED: bool = $signed;
            fn to_u64(self) -> u64 {
                u64::from(self as $unsigned)
            }
            fn from_u64_wrapping(x: u64) -> Self {
                x as $unsigned as $t
            }
        }
    )*};
}
integer!(u8, u8, false; u16, u16, false; u32, u32, false; u64, u64, false;
         i8, u8, true; i16, u16, true; i32, u32, true; i64, u64, true);

/// An encrypted integer of `T::BITS` bits, unsigned or two's complement
/// as `T` is (see the [module docs](super)).
pub struct FheInteger<T: Integer> {
    pub(super) word: Arc<Word>,
    _plain: PhantomData<T>,
}

/// An encrypted `u8`.
pub type FheUint8 = FheInteger<u8>;
/// An encrypted `u16`.
pub type FheUint16 = FheInteger<u16>;
/// An encrypted `u32`.
pub type FheUint32 = FheInteger<u32>;
/// An encrypted `u64`.
pub type FheUint64 = FheInteger<u64>;
/// An encrypted `i8`.
pub type FheInt8 = FheInteger<i8>;
/// An encrypted `i16`.
pub type FheInt16 = FheInteger<i16>;
/// An encrypted `i32`.
pub type FheInt32 = FheInteger<i32>;
/// An encrypted `i64`.
pub type FheInt64 = FheInteger<i64>;

/// An encrypted boolean, as comparisons of [`FheInteger`]s return.
#[derive(Clone)]
pub struct FheBool {
    pub(super) word: Arc<Word>,
}

/// A clone shares the value (and its evaluation), like an `Arc`.
impl<T: Integer> Clone for FheInteger<T> {
    fn clone(&self) -> Self {
        Self::from_word(Arc::clone(&self.word))
    }
}

fn describe(f: &mut std::fmt::Formatter<'_>, name: &str, word: &Word) -> std::fmt::Result {
    let evaluated = matches!(&*word.state(), State::Ready(_));
    f.debug_struct(name).field("bits", &word.width).field("evaluated", &evaluated).finish_non_exhaustive()
}

impl<T: Integer> std::fmt::Debug for FheInteger<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        describe(f, "FheInteger", &self.word)
    }
}

impl std::fmt::Debug for FheBool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        describe(f, "FheBool", &self.word)
    }
}

fn encrypt_bits(client: &ClientKey, value: u64, width: usize) -> Arc<Word> {
    Word::ready((0..width).map(|i| ReadyBit::Encrypted(client.encrypt_bool(value >> i & 1 == 1))).collect())
}

fn decrypt_bits(client: &ClientKey, word: &Word) -> Result<u64> {
    let mut value = 0;
    for (i, bit) in word.ready_bits()?.iter().enumerate() {
        let set = match bit {
            ReadyBit::Const(v) => *v,
            ReadyBit::Encrypted(ct) => client.decrypt_bool(ct)?,
        };
        value |= u64::from(set) << i;
    }
    Ok(value)
}

impl<T: Integer> FheInteger<T> {
    pub(super) fn from_word(word: Arc<Word>) -> Self {
        Self { word, _plain: PhantomData }
    }

    pub(super) fn op(kind: Operation, operands: Vec<Arc<Word>>) -> Self {
        Self::from_word(Word::pending(T::BITS as usize, Kind::Op { op: kind, signed: T::SIGNED }, operands))
    }

    pub(super) fn constant(value: T) -> Arc<Word> {
        Word::constant(value.to_u64(), T::BITS as usize)
    }

    /// Encrypts `value` bit by bit under `client`.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheUint16};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let x = FheUint16::encrypt(40_000, &client);
    /// assert_eq!(x.decrypt(&client)?, 40_000);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn encrypt(value: T, client: &ClientKey) -> Self {
        Self::from_word(encrypt_bits(client, value.to_u64(), T::BITS as usize))
    }

    /// A public value: known to everyone, and free in every operation it
    /// takes part in (its bits fold into the circuits).
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheUint8};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// assert_eq!(FheUint8::trivial(7).decrypt(&client)?, 7);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn trivial(value: T) -> Self {
        Self::from_word(Self::constant(value))
    }

    /// Decrypts an evaluated value; an [`Error::InvalidInput`](crate::Error::InvalidInput)
    /// when it has not been evaluated yet (see [`ServerKey::evaluate`](crate::ServerKey::evaluate)),
    /// an [`Error::KeyMismatch`](crate::Error::KeyMismatch) under another key.
    pub fn decrypt(&self, client: &ClientKey) -> Result<T> {
        decrypt_bits(client, &self.word).map(T::from_u64_wrapping)
    }

    /// Whether the value has been evaluated (and can be decrypted).
    pub fn is_evaluated(&self) -> bool {
        matches!(&*self.word.state(), State::Ready(_))
    }

    /// Bits move `k mod BITS` places up, the top ones wrapping to the bottom (free).
    pub fn rotate_left(&self, k: u32) -> Self {
        Self::op(Operation::RotateLeft(k % T::BITS), vec![self.word.clone()])
    }

    /// Bits move `k mod BITS` places down, the bottom ones wrapping to the top (free).
    pub fn rotate_right(&self, k: u32) -> Self {
        Self::op(Operation::RotateRight(k % T::BITS), vec![self.word.clone()])
    }

    /// `−self mod 2^bits`.
    pub fn wrapping_neg(&self) -> Self {
        Self::op(Operation::Neg, vec![self.word.clone()])
    }

    /// The value as another width, as Rust's `as` does: zero-extended or
    /// truncated to the low bits (free).
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheUint32, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let x = FheUint32::encrypt(0x1234_5678, &client);
    /// let low = x.cast::<u8>();
    /// server.evaluate(&low)?;
    /// assert_eq!(low.decrypt(&client)?, 0x78);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn cast<U: Integer>(&self) -> FheInteger<U> {
        FheInteger::from_word(Word::pending(
            U::BITS as usize,
            Kind::Resize { sign_extend: T::SIGNED },
            vec![self.word.clone()],
        ))
    }

    /// Bootstraps and backend calls (levels) of `op` on this width in
    /// `shape`, counted on the circuit that evaluation builds (for encrypted
    /// operands; a public operand costs less, its bits folding away).
    ///
    /// ```
    /// use umbra_fhe::{circuit::Shape, FheUint8, FheUint32, Operation};
    /// assert_eq!(FheUint32::cost(Operation::Add, Shape::Shallow).levels, 7);
    /// assert_eq!(FheUint32::cost(Operation::Add, Shape::Small).bootstraps, 2 * 32 - 1);
    /// assert_eq!(FheUint8::cost(Operation::Shl(3), Shape::Small).bootstraps, 0);
    /// ```
    pub fn cost(op: Operation, shape: Shape) -> Cost {
        let c = operation_circuit(op, T::BITS as usize, T::SIGNED, shape);
        Cost { bootstraps: c.bootstraps(), levels: c.levels() }
    }
}

/// The circuit of `op` on encrypted `width`-bit operands (inputs in operand
/// order), every bit of its result an output.
pub(super) fn operation_circuit(op: Operation, width: usize, signed: bool, shape: Shape) -> Circuit {
    let mut c = Circuit::new();
    let xs: Vec<Vec<Bit>> =
        op.operand_widths(width).into_iter().map(|w| c.bool_inputs(w).into_iter().map(Bit::Wire).collect()).collect();
    for bit in build(&mut c, Kind::Op { op, signed }, op.output_width(width), &xs, shape) {
        let w = c.bit_wire(bit);
        c.output_bool(w);
    }
    c
}

impl FheBool {
    /// `op` on `operands`, integers of the given signedness or booleans.
    pub(super) fn op(op: Operation, signed: bool, operands: Vec<Arc<Word>>) -> Self {
        Self { word: Word::pending(1, Kind::Op { op, signed }, operands) }
    }

    /// Encrypts `value` under `client`.
    pub fn encrypt(value: bool, client: &ClientKey) -> Self {
        Self { word: encrypt_bits(client, u64::from(value), 1) }
    }

    /// A public value.
    pub fn trivial(value: bool) -> Self {
        Self { word: Word::constant(u64::from(value), 1) }
    }

    /// Decrypts an evaluated value (errors as [`FheInteger::decrypt`]).
    pub fn decrypt(&self, client: &ClientKey) -> Result<bool> {
        decrypt_bits(client, &self.word).map(|v| v == 1)
    }

    /// Whether the value has been evaluated (and can be decrypted).
    pub fn is_evaluated(&self) -> bool {
        matches!(&*self.word.state(), State::Ready(_))
    }

    /// `self ? a : b`, bit by bit (two bootstraps per bit, one level).
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheUint8, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let (a, b) = (FheUint8::encrypt(5, &client), FheUint8::encrypt(9, &client));
    /// let smaller = a.lt(&b).select(&a, &b);
    /// server.evaluate(&smaller)?;
    /// assert_eq!(smaller.decrypt(&client)?, 5);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn select<T: Integer>(&self, a: &FheInteger<T>, b: &FheInteger<T>) -> FheInteger<T> {
        FheInteger::op(Operation::Select, vec![self.word.clone(), a.word.clone(), b.word.clone()])
    }
}

impl<T: Integer> Lazy for FheInteger<T> {
    fn collect(&self, roots: &mut Roots) {
        roots.0.push(self.word.clone());
    }
}

impl Lazy for FheBool {
    fn collect(&self, roots: &mut Roots) {
        roots.0.push(self.word.clone());
    }
}
