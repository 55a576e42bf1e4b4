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
            | Operation::RotateRight(_) => 1,
            Operation::Select => 3,
            _ => 2,
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
