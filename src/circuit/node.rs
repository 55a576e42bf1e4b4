//! The operations a [`Circuit`](super::Circuit) is made of: one [`Node`] per
//! value, whose operands are earlier nodes (by index), so the node list is
//! always in topological order.

use crate::encoding::{Combine3, CountBit, Gate};

/// One value of a circuit and how it is computed from earlier nodes.
#[derive(Clone)]
pub(super) enum Node {
    /// The boolean input of that index.
    BoolInput(usize),
    /// The integer input of that index.
    IntInput(usize),
    /// A public boolean.
    BoolConst(bool),
    /// A public integer.
    IntConst(u64),
    /// `¬a` (free).
    Not(usize),
    /// A two-input gate by one bootstrap.
    Gate(Gate, usize, usize),
    /// `c ? a : b`: two bootstraps (`c ∧ a`, `¬c ∧ b`) and a free disjoint OR.
    Mux(usize, usize, usize),
    /// `a ∨ b` for inputs that are never both true: `a + b + 1/8`, free.
    DisjointOr(usize, usize),
    /// The phase `a + b` (free): no boolean, only an operand of a
    /// [`Combine3`] that reads it as one term.
    PhaseSum(usize, usize),
    /// A three-input function of booleans by one bootstrap.
    Combine3(Combine3, usize, usize, usize),
    /// A bit of the number of true inputs, by one bootstrap.
    Count(CountBit, Vec<usize>),
    /// `Lut(t, a)`: the circuit's lookup function `t` of the integer `a`, by one bootstrap.
    Lut(usize, usize),
    /// `a + b` of integers (free).
    Add(usize, usize),
    /// `(a + b) mod 2^bits` (free).
    WrappingAdd(usize, usize),
    /// `(a − b) mod 2^bits` (free).
    WrappingSub(usize, usize),
    /// `c·a` for a public `c` (free).
    ScalarMul(usize, u64),
    /// `a + c` for a public `c` (free).
    ScalarAdd(usize, u64),
}

impl Node {
    /// Bootstraps this node needs.
    pub(super) fn bootstraps(&self) -> usize {
        match self {
            Node::Gate(..) | Node::Lut(..) | Node::Combine3(..) | Node::Count(..) => 1,
            Node::Mux(..) => 2,
            Node::BoolInput(_)
            | Node::IntInput(_)
            | Node::BoolConst(_)
            | Node::IntConst(_)
            | Node::Not(_)
            | Node::DisjointOr(..)
            | Node::PhaseSum(..)
            | Node::Add(..)
            | Node::WrappingAdd(..)
            | Node::WrappingSub(..)
            | Node::ScalarMul(..)
            | Node::ScalarAdd(..) => 0,
        }
    }

    pub(super) fn operands(&self) -> Vec<usize> {
        match *self {
            Node::BoolInput(_) | Node::IntInput(_) | Node::BoolConst(_) | Node::IntConst(_) => vec![],
            Node::Not(a) | Node::Lut(_, a) | Node::ScalarMul(a, _) | Node::ScalarAdd(a, _) => vec![a],
            Node::Gate(_, a, b)
            | Node::DisjointOr(a, b)
            | Node::PhaseSum(a, b)
            | Node::Add(a, b)
            | Node::WrappingAdd(a, b)
            | Node::WrappingSub(a, b) => vec![a, b],
            Node::Mux(c, a, b) | Node::Combine3(_, c, a, b) => vec![c, a, b],
            Node::Count(_, ref inputs) => inputs.clone(),
        }
    }
}
