//! Encrypted integers that read like Rust: [`FheUint8`], [`FheUint16`],
//! [`FheUint32`], [`FheUint64`], the signed [`FheInt8`] … [`FheInt64`], and
//! the encrypted boolean [`FheBool`] their comparisons return. (The small
//! integers of a message set, [`IntCiphertext`](crate::IntCiphertext), are
//! another thing: one ciphertext of a few bits, with lookup tables.)
//!
//! ```
//! use umbra_fhe::{params, ClientKey, FheUint8, ServerKey};
//! let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
//! let server = ServerKey::new(&client)?;
//! let a = FheUint8::encrypt(200, &client);
//! let b = FheUint8::encrypt(100, &client);
//! let sum = &a + &b; // wraps: 300 mod 256
//! let less = a.lt(&b);
//! let larger = a.max(&b);
//! server.evaluate(&(&sum, &less, &larger))?;
//! assert_eq!(sum.decrypt(&client)?, 44);
//! assert!(!less.decrypt(&client)?);
//! assert_eq!(larger.decrypt(&client)?, 200);
//! # Ok::<(), umbra_fhe::Error>(())
//! ```
//!
//! # Evaluation is lazy
//! Operators never compute: they record the operation and return at once.
//! [`ServerKey::evaluate`](crate::ServerKey::evaluate) then evaluates
//! everything the given values depend on as one circuit, level by level, so
//! independent operations anywhere in the program share each backend call —
//! a thousand independent additions take as many backend calls as one. Calling `evaluate` after every
//! operation gives eager evaluation; the results are the same.
//! [`decrypt`](FheInteger::decrypt) of a value not yet evaluated is an error,
//! never a silent computation without a server key.
//!
//! # Semantics and errors
//! Arithmetic wraps modulo `2^bits`, as Rust's `wrapping_*` methods do;
//! shift and rotation amounts are taken modulo the width, as
//! `u8::wrapping_shl` does. Signed integers are two's complement, as in
//! Rust: comparisons, `min` and `max` are signed, `>>` is arithmetic (copies
//! the sign bit), and [`cast`](FheInteger::cast) follows `as` (a signed
//! source is sign-extended). Signed operations cost what unsigned ones do:
//! the sign flip that turns a signed comparison into an unsigned one is free. Operators cannot fail: a value encrypted under
//! another key or parameter set is reported by `evaluate` as
//! [`Error::KeyMismatch`](crate::Error::KeyMismatch) or
//! [`Error::ParameterMismatch`](crate::Error::ParameterMismatch), and
//! nothing is evaluated.
//!
//! # Representation: one boolean ciphertext per bit
//! Each bit is a gate-bootstrapping boolean (use a boolean parameter set).
//! Three-input functions (majority, three-way XOR, carry combination) are
//! one bootstrap each, so a full adder costs two bootstraps on one level.
//! Every operation has two circuit [`Shape`]s, chosen per evaluation by
//! [`ServerKey::evaluate`](crate::ServerKey::evaluate): ripple carries (fewest
//! bootstraps, for backends with few cores) or parallel-prefix carries and
//! comparisons (logarithmic depth, for GPUs). Multiplication builds rows of
//! partial products the cheapest of three ways (one row per bit, radix-4
//! Booth rows, radix-4 rows of odd digits with one bootstrap per bit) and
//! sums them column by column with six-bit counters (small) or by a Dadda
//! tree and a prefix addition (shallow). [`FheInteger::cost`] gives bootstraps
//! and levels per operation, width and shape; the example `integers` prints
//! the table.
//!
//! The alternative, radix blocks of several bits with carries on a message
//! set, needs fewer bootstraps, but each is larger and slower (`message-4`:
//! `N = 2048`, 3 levels). Measured on the CPU backend (2 threads, same run,
//! `cargo test --release --test integers -- --ignored --nocapture representation`):
//! an 8-bit addition as bits on `default-boolean` took 95 ms alone and
//! 62 ms each in a batch of 32 (15 bootstraps); as 4 radix blocks of 2 bits
//! with 2 carry bits on `message-4`, with the fewest lookups radix allows
//! (ripple carry, 7 lookups), 115 ms alone and 80 ms each.

mod lazy;
mod ops;
mod serialize;

use std::marker::PhantomData;
use std::sync::Arc;

use umbra_fhe_core::Result;

use crate::circuit::{Bit, Circuit, Shape};
use crate::client_key::ClientKey;
pub use lazy::Roots;
use lazy::{build, Kind, ReadyBit, Word};

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
/// as `T` is (see the [module docs](self)).
pub struct FheInteger<T: Integer> {
    word: Arc<Word>,
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
    word: Arc<Word>,
}

/// A clone shares the value (and its evaluation), like an `Arc`.
impl<T: Integer> Clone for FheInteger<T> {
    fn clone(&self) -> Self {
        Self::from_word(Arc::clone(&self.word))
    }
}

fn describe(f: &mut std::fmt::Formatter<'_>, name: &str, word: &Word) -> std::fmt::Result {
    let evaluated = matches!(&*word.state(), lazy::State::Ready(_));
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
    fn from_word(word: Arc<Word>) -> Self {
        Self { word, _plain: PhantomData }
    }

    fn op(kind: Operation, operands: Vec<Arc<Word>>) -> Self {
        Self::from_word(Word::pending(T::BITS as usize, Kind::Op { op: kind, signed: T::SIGNED }, operands))
    }

    fn constant(value: T) -> Arc<Word> {
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
        matches!(&*self.word.state(), lazy::State::Ready(_))
    }

    /// `self == other`.
    pub fn eq(&self, other: &Self) -> FheBool {
        FheBool::op(Operation::Eq, T::SIGNED, vec![self.word.clone(), other.word.clone()])
    }

    /// `self != other`.
    pub fn ne(&self, other: &Self) -> FheBool {
        !&self.eq(other)
    }

    /// `self < other`.
    pub fn lt(&self, other: &Self) -> FheBool {
        FheBool::op(Operation::Lt, T::SIGNED, vec![self.word.clone(), other.word.clone()])
    }

    /// `self <= other`, as `!(other < self)`.
    pub fn le(&self, other: &Self) -> FheBool {
        !&other.lt(self)
    }

    /// `self > other`, as `other < self`.
    pub fn gt(&self, other: &Self) -> FheBool {
        other.lt(self)
    }

    /// `self >= other`, as `!(self < other)`.
    pub fn ge(&self, other: &Self) -> FheBool {
        !&self.lt(other)
    }

    /// The smaller of the two.
    pub fn min(&self, other: &Self) -> Self {
        Self::op(Operation::Min, vec![self.word.clone(), other.word.clone()])
    }

    /// The larger of the two.
    pub fn max(&self, other: &Self) -> Self {
        Self::op(Operation::Max, vec![self.word.clone(), other.word.clone()])
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
        let width = T::BITS as usize;
        let mut c = Circuit::new();
        let operands = match op {
            Operation::Select => vec![1, width, width],
            _ => vec![width; op.arity()],
        };
        let xs: Vec<Vec<Bit>> =
            operands.iter().map(|&w| c.bool_inputs(w).into_iter().map(Bit::Wire).collect()).collect();
        let out = build(&mut c, Kind::Op { op, signed: T::SIGNED }, width, &xs, shape);
        for bit in out {
            let w = c.bit_wire(bit);
            c.output_bool(w);
        }
        Cost { bootstraps: c.bootstraps(), levels: c.levels() }
    }
}

impl FheBool {
    /// `op` on `operands`, integers of the given signedness or booleans.
    fn op(op: Operation, signed: bool, operands: Vec<Arc<Word>>) -> Self {
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
        matches!(&*self.word.state(), lazy::State::Ready(_))
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

/// The rows of [`cost_table`]: a label and the operations it stands for,
/// which cost the same.
const COST_ROWS: [(&str, &[Operation]); 8] = [
    ("add, sub", &[Operation::Add, Operation::Sub]),
    ("mul", &[Operation::Mul]),
    ("eq, ne", &[Operation::Eq]),
    ("lt, le, gt, ge", &[Operation::Lt]),
    ("min, max", &[Operation::Min, Operation::Max]),
    ("&, \\|, ^", &[Operation::BitAnd, Operation::BitOr, Operation::BitXor]),
    ("select", &[Operation::Select]),
    ("!, <<, >>, rotations", &[Operation::Not, Operation::Shl(1)]),
];

/// `small` and `shallow` as one Markdown table cell: `bootstraps / levels`,
/// both shapes (small first, `\|` between) where they differ.
fn cost_cell(small: Cost, shallow: Cost) -> String {
    if small == shallow {
        format!("{} / {}", small.bootstraps, small.levels)
    } else {
        format!("{} / {} \\| {} / {}", small.bootstraps, small.levels, shallow.bootstraps, shallow.levels)
    }
}

/// Bootstraps / levels per operation and width, both [`Shape`]s, as the
/// Markdown table of the README (computed by [`FheInteger::cost`]).
///
/// ```
/// let table = umbra_fhe::integers::cost_table();
/// assert!(table.starts_with("| operation | u8 | u16 | u32 | u64 |"));
/// assert!(table.contains("| select | 16 / 1 | 32 / 1 | 64 / 1 | 128 / 1 |"));
/// ```
pub fn cost_table() -> String {
    fn cell<T: Integer>(op: Operation) -> String {
        cost_cell(FheInteger::<T>::cost(op, Shape::Small), FheInteger::<T>::cost(op, Shape::Shallow))
    }
    let mut table = String::from("| operation | u8 | u16 | u32 | u64 |\n|---|---|---|---|---|\n");
    for (label, ops) in COST_ROWS {
        let op = ops[0];
        let cells = [cell::<u8>(op), cell::<u16>(op), cell::<u32>(op), cell::<u64>(op)];
        table.push_str(&format!("| {label} | {} |\n", cells.join(" | ")));
    }
    table
}

/// An operation of [`FheInteger`], for [`FheInteger::cost`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// `a + b` (wrapping).
    Add,
    /// `a − b` (wrapping): `a + ¬b + 1`.
    Sub,
    /// `−a` (wrapping).
    Neg,
    /// `a · b` (wrapping).
    Mul,
    /// `a & b`.
    BitAnd,
    /// `a | b`.
    BitOr,
    /// `a ^ b`.
    BitXor,
    /// `!a` (free).
    Not,
    /// `a << k` (free).
    Shl(u32),
    /// `a >> k` (free).
    Shr(u32),
    /// `a.rotate_left(k)` (free).
    RotateLeft(u32),
    /// `a.rotate_right(k)` (free).
    RotateRight(u32),
    /// `a == b`.
    Eq,
    /// `a < b`.
    Lt,
    /// `a.min(b)`.
    Min,
    /// `a.max(b)`.
    Max,
    /// `c.select(a, b)`.
    Select,
}

impl Operation {
    fn arity(self) -> usize {
        match self {
            Operation::Neg
            | Operation::Not
            | Operation::Shl(_)
            | Operation::Shr(_)
            | Operation::RotateLeft(_)
            | Operation::RotateRight(_) => 1,
            Operation::Select => 3,
            _ => 2,
        }
    }
}

/// What one operation costs: see [`FheInteger::cost`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    /// Bootstraps.
    pub bootstraps: usize,
    /// Levels: backend calls when evaluated alone, and the latency in
    /// backend calls when evaluated with others.
    pub levels: usize,
}

/// Values [`ServerKey::evaluate`](crate::ServerKey::evaluate) accepts:
/// [`FheInteger`], [`FheBool`], references to them, slices, `Vec`s, arrays and
/// tuples of up to four of these.
pub trait Lazy {
    /// Adds the values' graph roots to `roots`.
    fn collect(&self, roots: &mut Roots);
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

impl<L: Lazy + ?Sized> Lazy for &L {
    fn collect(&self, roots: &mut Roots) {
        (**self).collect(roots);
    }
}

impl<L: Lazy> Lazy for [L] {
    fn collect(&self, roots: &mut Roots) {
        self.iter().for_each(|l| l.collect(roots));
    }
}

impl<L: Lazy, const N: usize> Lazy for [L; N] {
    fn collect(&self, roots: &mut Roots) {
        self.iter().for_each(|l| l.collect(roots));
    }
}

impl<L: Lazy> Lazy for Vec<L> {
    fn collect(&self, roots: &mut Roots) {
        self.iter().for_each(|l| l.collect(roots));
    }
}

macro_rules! lazy_tuple {
    ($($name:ident $index:tt),+) => {
        impl<$($name: Lazy),+> Lazy for ($($name,)+) {
            fn collect(&self, roots: &mut Roots) {
                $(self.$index.collect(roots);)+
            }
        }
    };
}
lazy_tuple!(A 0, B 1);
lazy_tuple!(A 0, B 1, C 2);
lazy_tuple!(A 0, B 1, C 2, D 3);

#[cfg(test)]
mod tests {
    use rand::{Rng, SeedableRng};

    use super::*;

    const SHIFTS: [u32; 4] = [0, 1, 3, 7];
    const SHAPES: [Shape; 2] = [Shape::Shallow, Shape::Small];

    fn every_operation() -> Vec<Operation> {
        let mut ops = vec![
            Operation::Add,
            Operation::Sub,
            Operation::Neg,
            Operation::Mul,
            Operation::BitAnd,
            Operation::BitOr,
            Operation::BitXor,
            Operation::Not,
            Operation::Eq,
            Operation::Lt,
            Operation::Min,
            Operation::Max,
            Operation::Select,
        ];
        for k in SHIFTS {
            ops.extend([Operation::Shl(k), Operation::Shr(k), Operation::RotateLeft(k), Operation::RotateRight(k)]);
        }
        ops
    }

    /// Every operation in both shapes, unsigned and signed.
    fn cases() -> Vec<(Operation, Shape, bool)> {
        let mut all = Vec::new();
        for op in every_operation() {
            for shape in SHAPES {
                all.extend([(op, shape, false), (op, shape, true)]);
            }
        }
        all
    }

    /// What Rust computes for `op` on `width`-bit operands.
    /// (Signed: on the two's-complement values of the `width`-bit patterns.)
    fn reference(op: Operation, width: u32, signed: bool, x: &[u64]) -> u64 {
        let mask = u64::MAX >> (64 - width);
        // Order-preserving key: the value itself, or its sign-extension.
        let key = |v: u64| if signed { ((v << (64 - width)) as i64 >> (64 - width)) as i128 } else { v as i128 };
        let rotl = |v: u64, k: u32| if k == 0 { v } else { (v << k | v >> (width - k)) & mask };
        let r = match op {
            Operation::Add => x[0].wrapping_add(x[1]),
            Operation::Sub => x[0].wrapping_sub(x[1]),
            Operation::Neg => x[0].wrapping_neg(),
            Operation::Mul => x[0].wrapping_mul(x[1]),
            Operation::BitAnd => x[0] & x[1],
            Operation::BitOr => x[0] | x[1],
            Operation::BitXor => x[0] ^ x[1],
            Operation::Not => !x[0],
            Operation::Shl(k) => x[0] << k,
            Operation::Shr(k) => (key(x[0]) >> k) as u64,
            Operation::RotateLeft(k) => rotl(x[0], k),
            Operation::RotateRight(k) => rotl(x[0], (width - k) % width),
            Operation::Eq => u64::from(x[0] == x[1]),
            Operation::Lt => u64::from(key(x[0]) < key(x[1])),
            Operation::Min => {
                if key(x[1]) < key(x[0]) {
                    x[1]
                } else {
                    x[0]
                }
            }
            Operation::Max => {
                if key(x[0]) < key(x[1]) {
                    x[1]
                } else {
                    x[0]
                }
            }
            Operation::Select => {
                if x[0] & 1 == 1 {
                    x[1]
                } else {
                    x[2]
                }
            }
        };
        r & mask
    }

    /// The circuit evaluation builds for `op`, run on plaintext (noiseless
    /// phases through the same combinations), against [`reference`].
    struct Plain {
        circuit: Circuit,
        widths: Vec<usize>,
        out: Vec<Bit>,
    }

    impl Plain {
        fn new(op: Operation, width: usize, shape: Shape, signed: bool) -> Self {
            let mut circuit = Circuit::new();
            let widths = if op == Operation::Select { vec![1, width, width] } else { vec![width; op.arity()] };
            let xs: Vec<Vec<Bit>> =
                widths.iter().map(|&w| circuit.bool_inputs(w).into_iter().map(Bit::Wire).collect()).collect();
            let out = build(&mut circuit, Kind::Op { op, signed }, width, &xs, shape);
            Self { circuit, widths, out }
        }

        fn run(&self, operands: &[u64]) -> u64 {
            let inputs: Vec<bool> =
                self.widths.iter().zip(operands).flat_map(|(&w, &x)| (0..w).map(move |i| x >> i & 1 == 1)).collect();
            self.circuit.interpret_word(&inputs, &self.out)
        }
    }

    fn edge_values(width: u32) -> Vec<u64> {
        let max = u64::MAX >> (64 - width);
        let half = 1u64 << (width - 1);
        vec![0, 1, 2, max, max - 1, half, half - 1, half + 1]
    }

    #[test]
    fn every_8_bit_operation_matches_rust_on_every_input() {
        for (op, shape, signed) in cases() {
            let plain = Plain::new(op, 8, shape, signed);
            let arity = plain.widths.len();
            for x in 0..256u64 {
                for y in 0..if arity > 1 { 256 } else { 1 } {
                    let operands = [x & if arity == 3 { 1 } else { 255 }, y, (x * 7 + y) & 255];
                    let operands = if arity == 3 { operands.to_vec() } else { vec![x, y] };
                    assert_eq!(
                        plain.run(&operands),
                        reference(op, 8, signed, &operands),
                        "{op:?} {shape:?} signed {signed} {operands:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn wide_operations_match_rust_on_edge_and_random_inputs() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        for width in [16u32, 32, 64] {
            let mask = u64::MAX >> (64 - width);
            let edges = edge_values(width);
            for (op, shape, signed) in cases() {
                let plain = Plain::new(op, width as usize, shape, signed);
                let mut cases: Vec<[u64; 2]> = edges.iter().flat_map(|&x| edges.iter().map(move |&y| [x, y])).collect();
                cases.extend((0..64).map(|_| [rng.random::<u64>() & mask, rng.random::<u64>() & mask]));
                for [x, y] in cases {
                    let operands = if op == Operation::Select { vec![x & 1, y, !y & mask] } else { vec![x, y] };
                    let operands = &operands[..plain.widths.len()];
                    assert_eq!(
                        plain.run(operands),
                        reference(op, width, signed, operands),
                        "{op:?} {shape:?} on {width} bits, {operands:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn shallow_circuits_have_logarithmic_depth_and_small_ones_linear_size() {
        for (width, log) in [(8usize, 3usize), (16, 4), (32, 5), (64, 6)] {
            let cost = |op, shape| match width {
                8 => FheUint8::cost(op, shape),
                16 => FheUint16::cost(op, shape),
                32 => FheUint32::cost(op, shape),
                _ => FheUint64::cost(op, shape),
            };
            // Generate/propagate, the prefix, the sums.
            assert_eq!(cost(Operation::Add, Shape::Shallow).levels, 2 + log, "{width}");
            assert_eq!(cost(Operation::Lt, Shape::Shallow).levels, 1 + log, "{width}");
            // One full adder per bit (none for the top carry), one majority per bit.
            assert_eq!(cost(Operation::Add, Shape::Small), Cost { bootstraps: 2 * width - 1, levels: width });
            assert_eq!(cost(Operation::Lt, Shape::Small), Cost { bootstraps: width, levels: width });
            for shape in SHAPES {
                assert_eq!(cost(Operation::Eq, shape), Cost { bootstraps: 2 * width - 1, levels: 1 + log });
                assert_eq!(cost(Operation::Select, shape), Cost { bootstraps: 2 * width, levels: 1 });
                for free in [Operation::Not, Operation::Shl(3), Operation::RotateRight(5)] {
                    assert_eq!(cost(free, shape), Cost { bootstraps: 0, levels: 0 });
                }
            }
            for op in [Operation::Add, Operation::Sub, Operation::Mul, Operation::Lt, Operation::Max] {
                let (small, shallow) = (cost(op, Shape::Small), cost(op, Shape::Shallow));
                assert!(small.bootstraps < shallow.bootstraps, "{op:?} {width}");
                // The multiplier's ripple adder overlaps the reduction; on 8 bits it is even shallower.
                assert!(op == Operation::Mul || small.levels > shallow.levels, "{op:?} {width}");
            }
        }
    }
}

/// The README's cost table is [`cost_table`], and every operation a row
/// names costs what the row says.
#[cfg(test)]
mod readme_table {
    use super::*;

    #[test]
    fn readme_cost_table_matches_the_circuits() {
        let readme = include_str!("../../README.md");
        assert!(readme.contains(&cost_table()), "README lacks the table:\n{}", cost_table());
        for (label, ops) in COST_ROWS {
            for &op in ops {
                for shape in [Shape::Small, Shape::Shallow] {
                    let same = |f: fn(Operation, Shape) -> Cost| f(op, shape) == f(ops[0], shape);
                    assert!(same(FheUint8::cost), "{label}: {op:?}");
                    assert!(same(FheUint16::cost), "{label}: {op:?}");
                    assert!(same(FheUint32::cost), "{label}: {op:?}");
                    assert!(same(FheUint64::cost), "{label}: {op:?}");
                }
            }
        }
    }
}
