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
//! Memory follows what the program holds, not how many operations it ran:
//! an evaluation stores ciphertexts only for the values still reachable
//! (those passed in, those the program keeps, operands of operations not
//! yet evaluated). Intermediates already dropped are computed, used and
//! released at their last read, so a loop of a million operations on one
//! variable holds one variable's ciphertexts, plus a small graph node per
//! operation until it is evaluated.
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

mod arithmetic;
mod bit_counts;
mod compact;
mod comparison;
mod compressed;
mod lazy;
mod lists;
mod operand;
mod operation;
mod ops;
mod packed;
mod serialize;
mod value;

pub use lazy::{Lazy, Roots};
pub use lists::{CompactFheIntegers, CompressedFheIntegers, IntegerList, PackedFheIntegers};
pub use operand::Operand;
pub use operation::{Cost, Operation};
pub use value::{
    FheBool, FheInt16, FheInt32, FheInt64, FheInt8, FheInteger, FheUint16, FheUint32, FheUint64, FheUint8, Integer,
};

use crate::circuit::Shape;

/// The rows of [`cost_table`]: a label and the operations it stands for,
/// which cost the same.
const COST_ROWS: [(&str, &[Operation]); 18] = [
    ("add, sub", &[Operation::Add, Operation::Sub]),
    ("mul", &[Operation::Mul]),
    ("eq, ne", &[Operation::Eq]),
    ("lt, le, gt, ge", &[Operation::Lt]),
    ("min, max", &[Operation::Min, Operation::Max]),
    ("&, \\|, ^", &[Operation::BitAnd, Operation::BitOr, Operation::BitXor]),
    ("select", &[Operation::Select]),
    ("!, <<, >>, rotations", &[Operation::Not, Operation::Shl(1)]),
    ("/", &[Operation::Div]),
    ("%, div_rem", &[Operation::Rem, Operation::DivRem]),
    (
        "overflowing_add, overflowing_sub, checked_add, checked_sub",
        &[Operation::OverflowingAdd, Operation::OverflowingSub],
    ),
    ("overflowing_mul, checked_mul", &[Operation::OverflowingMul]),
    ("<<, >> by an encrypted amount", &[Operation::ShlBy, Operation::ShrBy]),
    ("rotations by an encrypted amount", &[Operation::RotateLeftBy, Operation::RotateRightBy]),
    ("count_ones, count_zeros", &[Operation::CountOnes, Operation::CountZeros]),
    ("leading_zeros, trailing_zeros", &[Operation::LeadingZeros, Operation::TrailingZeros]),
    ("ilog2, checked_ilog2", &[Operation::Ilog2]),
    ("sum of 8 values", &[Operation::Sum(8)]),
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

#[cfg(test)]
mod tests {
    use rand::{Rng, SeedableRng};

    use super::lazy::{build, Kind};
    use super::*;
    use crate::circuit::{Bit, Circuit};

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
        ops.extend(NEWER_OPERATIONS);
        ops
    }

    /// Division, shifts by an encrypted amount, counts, flags and sums.
    const NEWER_OPERATIONS: [Operation; 17] = [
        Operation::Div,
        Operation::Rem,
        Operation::DivRem,
        Operation::ShlBy,
        Operation::ShrBy,
        Operation::RotateLeftBy,
        Operation::RotateRightBy,
        Operation::CountOnes,
        Operation::CountZeros,
        Operation::LeadingZeros,
        Operation::TrailingZeros,
        Operation::Ilog2,
        Operation::OverflowingAdd,
        Operation::OverflowingSub,
        Operation::OverflowingMul,
        Operation::Sum(2),
        Operation::Sum(3),
    ];

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

    /// What Rust computes for `op` on `width`-bit operands, as the bits
    /// of the operation's result ([`Operation::output_width`]): a flag or a
    /// remainder above the value, as the circuit puts them.
    /// (Signed: on the two's-complement values of the `width`-bit patterns.)
    fn reference(op: Operation, width: u32, signed: bool, x: &[u64]) -> u128 {
        let mask = u64::MAX >> (64 - width);
        // The value itself, or its sign-extension.
        let key = |v: u64| if signed { ((v << (64 - width)) as i64 >> (64 - width)) as i128 } else { v as i128 };
        let rotl = |v: u64, k: u32| if k == 0 { v } else { (v << k | v >> (width - k)) & mask };
        let wrap = |v: i128| u128::from(v as u64 & mask);
        // A value and the flag above it.
        let flagged = |v: i128, flag: bool| wrap(v) | u128::from(flag) << width;
        let (min, max) = if signed { (-(1i128 << (width - 1)), (1i128 << (width - 1)) - 1) } else { (0, mask as i128) };
        let amount = (x.get(1).copied().unwrap_or(0) % u64::from(width)) as u32;
        let (kx, ky) = (key(x[0]), x.get(1).map_or(0, |&y| key(y)));
        // Division by zero: the quotient all ones, the remainder the dividend.
        let quotient = if ky == 0 { wrap(if signed && kx < 0 { 1 } else { -1 }) } else { wrap(kx / ky) };
        let remainder = if ky == 0 { wrap(kx) } else { wrap(kx % ky) };
        let r: u128 = match op {
            Operation::Add => wrap(kx + ky),
            Operation::Sub => wrap(kx - ky),
            Operation::Neg => wrap(-kx),
            Operation::Mul => wrap(kx.wrapping_mul(ky)),
            Operation::BitAnd => u128::from(x[0] & x[1]),
            Operation::BitOr => u128::from(x[0] | x[1]),
            Operation::BitXor => u128::from(x[0] ^ x[1]),
            Operation::Not => wrap(!kx),
            Operation::Shl(k) => wrap(kx << k),
            Operation::Shr(k) => wrap(kx >> k),
            Operation::RotateLeft(k) => u128::from(rotl(x[0], k)),
            Operation::RotateRight(k) => u128::from(rotl(x[0], (width - k) % width)),
            Operation::Eq => u128::from(x[0] == x[1]),
            Operation::Lt => u128::from(kx < ky),
            Operation::Min => u128::from(if ky < kx { x[1] } else { x[0] }),
            Operation::Max => u128::from(if kx < ky { x[1] } else { x[0] }),
            Operation::Select => u128::from(if x[0] & 1 == 1 { x[1] } else { x[2] }),
            Operation::Div => quotient,
            Operation::Rem => remainder,
            Operation::DivRem => quotient | remainder << width,
            Operation::ShlBy => wrap(kx << amount),
            Operation::ShrBy => wrap(kx >> amount),
            Operation::RotateLeftBy => u128::from(rotl(x[0], amount)),
            Operation::RotateRightBy => u128::from(rotl(x[0], (width - amount) % width)),
            Operation::CountOnes => u128::from(x[0].count_ones()),
            Operation::CountZeros => u128::from(width - x[0].count_ones()),
            Operation::LeadingZeros => u128::from(x[0].leading_zeros() - (64 - width)),
            Operation::TrailingZeros => u128::from(x[0].trailing_zeros().min(width)),
            Operation::Ilog2 => {
                let log = if x[0] == 0 { width - 1 } else { 63 - x[0].leading_zeros() };
                u128::from(log) | u128::from(kx > 0) << 32
            }
            Operation::OverflowingAdd => flagged(kx + ky, !(min..=max).contains(&(kx + ky))),
            Operation::OverflowingSub => flagged(kx - ky, !(min..=max).contains(&(kx - ky))),
            Operation::OverflowingMul => {
                let exact_fits = if signed {
                    (min..=max).contains(&(kx * ky))
                } else {
                    u128::from(x[0]) * u128::from(x[1]) <= u128::from(mask)
                };
                flagged(kx.wrapping_mul(ky), !exact_fits)
            }
            Operation::Sum(_) => wrap(x.iter().map(|&v| key(v)).sum()),
        };
        r
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
            let widths = op.operand_widths(width);
            let xs: Vec<Vec<Bit>> =
                widths.iter().map(|&w| circuit.bool_inputs(w).into_iter().map(Bit::Wire).collect()).collect();
            let out = build(&mut circuit, Kind::Op { op, signed }, op.output_width(width), &xs, shape);
            Self { circuit, widths, out }
        }

        fn run(&self, operands: &[u64]) -> u128 {
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
                    let condition = if op == Operation::Select { 1 } else { 255 };
                    let operands = [x & condition, y, (x * 7 + y) & 255];
                    let operands = &operands[..arity];
                    assert_eq!(
                        plain.run(operands),
                        reference(op, 8, signed, operands),
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
                    let condition = if op == Operation::Select { 1 } else { mask };
                    let operands = [x & condition, y, !y & mask];
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

    /// Every operation's circuit, outputs marked, keeps every bootstrapped
    /// combination and every output boolean within the noise the shipped
    /// boolean sets allow (the check evaluation makes before bootstrapping).
    #[test]
    fn every_operation_is_within_the_noise_bounds_of_the_boolean_sets() {
        use crate::circuit::CircuitInputs;
        use umbra_fhe_core::params::{DEFAULT_BOOLEAN, TFHE_LIB};
        for width in [8usize, 16, 32, 64] {
            for (op, shape, signed) in cases() {
                let c = super::value::operation_circuit(op, width, signed, shape);
                for p in [DEFAULT_BOOLEAN, TFHE_LIB] {
                    let checked = c.bounds(&p, &[], &CircuitInputs::default());
                    assert!(
                        checked.is_ok(),
                        "{op:?} {shape:?} signed {signed} on {width} bits, {}: {checked:?}",
                        p.name
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
