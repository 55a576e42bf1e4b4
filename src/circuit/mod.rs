//! Circuits that batch themselves.
//!
//! Build a DAG of boolean gates and small-integer operations with a
//! [`Circuit`], then evaluate it on encrypted inputs. Evaluation *levelizes*
//! the DAG: a bootstrapped node sits one level above the deepest of its
//! inputs, a free node (NOT, linear integer ops, the disjoint OR of a mux or a
//! carry) on the level of its deepest input. Each level is one backend call
//! holding every bootstrap of that level — and with
//! [`Circuit::evaluate_many`], of that level in every instance — so users get
//! large batches without ever thinking about them. ASAP levels are the
//! minimum possible: a node cannot be evaluated before its inputs.
//!
//! Gates are rewritten as they are appended where bitwise code would
//! otherwise pay for its spelling: an XOR chain `a ⊕ b ⊕ c ⊕ …` is one
//! parity bootstrap of up to six booleans, a selection `(x ∧ y) ⊕ (¬x ∧ z)`
//! (or `∨`) the free disjoint OR of its two products, and a majority
//! `(a ∧ b) ⊕ (a ∧ c) ⊕ (b ∧ c)` one bootstrap. A rewrite never adds a
//! bootstrap or a level, and applies only within the noise the hand-built
//! combinations assume.

mod arith;
mod bits;
mod builder;
mod counting;
mod division;
mod execute;
mod fusion;
#[cfg(test)]
mod interpret;
mod node;
mod overflow;
mod schedule;
mod shifter;
mod words;

pub use arith::Shape;
pub(crate) use bits::Bit;
pub use builder::{BoolWire, Circuit, IntWire};
pub use execute::{CircuitInputs, CircuitOutputs, EvaluationStats, Progress};
pub(crate) use shifter::Direction;
