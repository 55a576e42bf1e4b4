//! The operations of [`FheInteger`](super::FheInteger), named for
//! [`FheInteger::cost`](super::FheInteger::cost), and what one costs.

/// An operation of [`FheInteger`](super::FheInteger), for
/// [`FheInteger::cost`](super::FheInteger::cost).
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
    /// `a / b` (see [`FheInteger::div_rem`](super::FheInteger::div_rem) for `b = 0`).
    Div,
    /// `a % b`.
    Rem,
    /// `(a / b, a % b)`, sharing one division.
    DivRem,
    /// `a << b` by an encrypted amount, taken modulo the width.
    ShlBy,
    /// `a >> b` by an encrypted amount, taken modulo the width.
    ShrBy,
    /// `a.rotate_left(b)` by an encrypted amount.
    RotateLeftBy,
    /// `a.rotate_right(b)` by an encrypted amount.
    RotateRightBy,
    /// `a.count_ones()`.
    CountOnes,
    /// `a.count_zeros()`.
    CountZeros,
    /// `a.leading_zeros()`.
    LeadingZeros,
    /// `a.trailing_zeros()`.
    TrailingZeros,
    /// `a.ilog2()` and whether it is defined (`a > 0`).
    Ilog2,
    /// `a.overflowing_add(b)`.
    OverflowingAdd,
    /// `a.overflowing_sub(b)`.
    OverflowingSub,
    /// `a.overflowing_mul(b)`.
    OverflowingMul,
    /// The wrapping sum of this many values, by one tree of counters.
    Sum(usize),
}

impl Operation {
    /// How many operands the operation takes.
    pub(super) fn arity(self) -> usize {
        match self {
            Operation::Neg
            | Operation::Not
            | Operation::Shl(_)
            | Operation::Shr(_)
            | Operation::RotateLeft(_)
            | Operation::RotateRight(_)
            | Operation::CountOnes
            | Operation::CountZeros
            | Operation::LeadingZeros
            | Operation::TrailingZeros
            | Operation::Ilog2 => 1,
            Operation::Select => 3,
            Operation::Sum(n) => n,
            _ => 2,
        }
    }

    /// The widths of the operands of the operation on `width`-bit integers
    /// (a selection's condition is one bit).
    pub(super) fn operand_widths(self, width: usize) -> Vec<usize> {
        match self {
            Operation::Select => vec![1, width, width],
            _ => vec![width; self.arity()],
        }
    }

    /// The width of the result on `width`-bit integers: one bit for a
    /// comparison, 32 for a count (a `u32`, as in Rust), the value and a
    /// flag bit above it for an overflowing operation and for `ilog2`, the
    /// quotient and the remainder above it for `DivRem`.
    pub(super) fn output_width(self, width: usize) -> usize {
        match self {
            Operation::Eq | Operation::Lt => 1,
            Operation::CountOnes | Operation::CountZeros | Operation::LeadingZeros | Operation::TrailingZeros => 32,
            Operation::Ilog2 => 33,
            Operation::OverflowingAdd | Operation::OverflowingSub | Operation::OverflowingMul => width + 1,
            Operation::DivRem => 2 * width,
            _ => width,
        }
    }
}

/// What one operation costs: see [`FheInteger::cost`](super::FheInteger::cost).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    /// Bootstraps.
    pub bootstraps: usize,
    /// Levels: backend calls when evaluated alone, and the latency in
    /// backend calls when evaluated with others.
    pub levels: usize,
}
