//! Counting bits: population count, leading and trailing zeros, and the
//! prefix ORs they rest on.
//!
//! * The population count sums one column of bits with the multiplier's
//!   column adder ([`Circuit::sum_columns`]): six-bit counters and full
//!   adders, or a Dadda tree and a prefix addition where that is shallower.
//! * Trailing zeros are the count of `tᵢ = ¬x₀ ∧ … ∧ ¬xᵢ`, leading zeros the
//!   count of `¬(xᵢ ∨ … ∨ x_{n−1})`: a prefix OR (a chain on the small
//!   shape, a Sklansky tree on the shallow one), then a population count.

use super::arith::Shape;
use super::bits::Bit;
use super::builder::Circuit;

/// Bits needed to write every count of `n` bits, `0 ..= n`.
fn count_width(n: usize) -> usize {
    (usize::BITS - n.leading_zeros()) as usize
}

impl Circuit {
    /// `oᵢ = x₀ ∨ … ∨ xᵢ` for every `i`: a ripple of ORs (small), or
    /// Sklansky's prefix tree (shallow: `⌈log₂ n⌉` levels).
    pub(crate) fn prefix_or(&mut self, x: &[Bit], shape: Shape) -> Vec<Bit> {
        let mut o = x.to_vec();
        match shape {
            Shape::Small => {
                for i in 1..o.len() {
                    o[i] = self.bit_or(o[i - 1], o[i]);
                }
            }
            Shape::Shallow => {
                let mut span = 1;
                while span < o.len() {
                    let previous = o.clone();
                    for i in (0..o.len()).filter(|i| i & span != 0) {
                        // Bit i covers [i : i − i mod span]; j ends the block below it.
                        let j = (i & !(span - 1)) - 1;
                        o[i] = self.bit_or(previous[i], previous[j]);
                    }
                    span *= 2;
                }
            }
        }
        o
    }

    /// The number of true bits among `x`, as `count_width(x.len())` bits.
    /// On the shallow shape, the column adder of either shape, whichever
    /// has fewer levels: one column of equal weights is often summed
    /// shallower by the small shape's six-bit counters than by a Dadda tree.
    pub(crate) fn count_ones_bits(&mut self, x: &[Bit], shape: Shape) -> Vec<Bit> {
        let build = |c: &mut Circuit, adder: Shape| {
            let mut columns = vec![Vec::new(); count_width(x.len())];
            if let Some(first) = columns.first_mut() {
                first.extend_from_slice(x);
            }
            c.sum_columns(columns, adder)
        };
        let adder = match shape {
            Shape::Small => Shape::Small,
            Shape::Shallow => {
                let start = self.nodes.len();
                let cost = |c: &mut Circuit, adder: Shape| {
                    let count = build(c, adder);
                    let (bootstraps, levels) = c.appended_cost(start, &count);
                    c.nodes.truncate(start);
                    (levels, bootstraps)
                };
                if cost(self, Shape::Small) <= cost(self, Shape::Shallow) {
                    Shape::Small
                } else {
                    Shape::Shallow
                }
            }
        };
        build(self, adder)
    }

    /// The number of zero bits below the lowest one (`n` for zero).
    pub(crate) fn trailing_zeros_bits(&mut self, x: &[Bit], shape: Shape) -> Vec<Bit> {
        let below_first_one: Vec<Bit> = self.prefix_or(x, shape).into_iter().map(|o| self.bit_not(o)).collect();
        self.count_ones_bits(&below_first_one, shape)
    }

    /// The number of zero bits above the highest one (`n` for zero), and
    /// whether any bit is one (the last prefix OR, free).
    pub(crate) fn leading_zeros_bits(&mut self, x: &[Bit], shape: Shape) -> (Vec<Bit>, Bit) {
        let reversed: Vec<Bit> = x.iter().rev().copied().collect();
        let ors = self.prefix_or(&reversed, shape);
        let any = ors.last().copied().unwrap_or(Bit::ZERO);
        let above_last_one: Vec<Bit> = ors.into_iter().map(|o| self.bit_not(o)).collect();
        (self.count_ones_bits(&above_last_one, shape), any)
    }
}
