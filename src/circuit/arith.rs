//! Word arithmetic on little-endian vectors of [`Bit`]s, shaped for depth:
//! every level of these circuits is as wide as possible, so that a wide
//! backend (a GPU) spends time in proportion to the depth, not the size.
//!
//! Adders and comparators come in two [`Shape`]s; the shallow ones:
//!
//! * Addition is a parallel-prefix (Sklansky) adder: generate `gᵢ = aᵢ ∧ bᵢ`
//!   and propagate `pᵢ = aᵢ ⊕ bᵢ` on one level, `⌈log₂ n⌉` levels of
//!   prefix combination `(G, P)ₕᵢ ∘ (G, P)ₗₒ = (Gₕᵢ ∨ Pₕᵢ·Gₗₒ, Pₕᵢ·Pₗₒ)`, then
//!   the sums `pᵢ ⊕ cᵢ`. `Gₕᵢ ∨ Pₕᵢ·Gₗₒ` is one bootstrap
//!   ([`Circuit::carry`]), since a block cannot both generate and propagate.
//! * Comparison is the carry out of `a + ¬b + 1` (no borrow ⇔ `a ≥ b`): the
//!   same prefix, of which only the top element is kept.
//! * Multiplication is a carry-save (Dadda) reduction of the partial
//!   products, full adders ([`Circuit::xor3`], [`Circuit::majority`]) and
//!   half adders on one level per stage, then one prefix addition of the two
//!   rows left.
//!
//! Nodes an output does not depend on are never evaluated (see
//! [`Circuit::bootstraps`]), so these builders create the whole prefix and
//! leave the pruning to evaluation.

use super::{Bit, Circuit};

/// How word circuits trade depth for size.
///
/// A backend that runs many bootstraps side by side (a GPU) finishes a
/// level in about the time of one bootstrap, so depth sets the latency; a
/// backend with few cores (a CPU) takes time in proportion to the
/// bootstraps, so size does. [`ServerKey::evaluate`](crate::ServerKey::evaluate)
/// picks per evaluation (see there); the shapes compute the same values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// Logarithmic depth: parallel-prefix (Sklansky) carries and borrows.
    /// An 8-bit addition: 34 bootstraps in 5 levels.
    Shallow,
    /// Fewest bootstraps: ripple carries and borrows, one full adder
    /// (majority and three-way XOR, two bootstraps on one level) per bit.
    /// An 8-bit addition: 15 bootstraps in 8 levels.
    Small,
}

impl Circuit {
    /// `G[i:0]` for every `i`: the carry out of bits `0..=i`, given each
    /// bit's generate `g` and propagate `p` (never both true; the carry-in
    /// already folded into `g[0]`).
    fn prefix_carries(&mut self, mut g: Vec<Bit>, mut p: Vec<Bit>) -> Vec<Bit> {
        let n = g.len();
        let mut span = 1;
        while span < n {
            let (g_prev, p_prev) = (g.clone(), p.clone());
            for i in (0..n).filter(|i| i & span != 0) {
                // Bit i covers [i : i − i mod span]; j ends the block below it.
                let j = (i & !(span - 1)) - 1;
                g[i] = self.bit_carry(g_prev[i], p_prev[i], g_prev[j]);
                p[i] = self.bit_and(p_prev[i], p_prev[j]);
            }
            span *= 2;
        }
        g
    }

    /// `(a + b + carry_in) mod 2^n`.
    pub(crate) fn add_bits(&mut self, a: &[Bit], b: &[Bit], carry_in: Bit, shape: Shape) -> Vec<Bit> {
        match shape {
            Shape::Shallow => self.add_bits_prefix(a, b, carry_in),
            Shape::Small => self.add_bits_ripple(a, b, carry_in),
        }
    }

    /// Ripple carry: `sᵢ = aᵢ ⊕ bᵢ ⊕ cᵢ`, `cᵢ₊₁ = maj(aᵢ, bᵢ, cᵢ)`.
    fn add_bits_ripple(&mut self, a: &[Bit], b: &[Bit], carry_in: Bit) -> Vec<Bit> {
        let mut carry = carry_in;
        let mut sum = Vec::with_capacity(a.len());
        for (i, (&x, &y)) in a.iter().zip(b).enumerate() {
            sum.push(self.bit_xor3(x, y, carry));
            if i + 1 < a.len() {
                carry = self.bit_majority(x, y, carry);
            }
        }
        sum
    }

    /// Parallel prefix (Sklansky).
    fn add_bits_prefix(&mut self, a: &[Bit], b: &[Bit], carry_in: Bit) -> Vec<Bit> {
        let Some(first) = a.first().zip(b.first()) else { return Vec::new() };
        let p: Vec<Bit> = a.iter().zip(b).map(|(&x, &y)| self.bit_xor(x, y)).collect();
        let mut g: Vec<Bit> = a.iter().zip(b).map(|(&x, &y)| self.bit_and(x, y)).collect();
        // Bit 0 generates a carry from the carry-in too; nothing lies below it.
        g[0] = self.bit_majority(*first.0, *first.1, carry_in);
        let mut p_prefix = p.clone();
        p_prefix[0] = Bit::ZERO;
        let carries = self.prefix_carries(g, p_prefix);
        let mut sum = vec![self.bit_xor(p[0], carry_in)];
        for i in 1..a.len() {
            sum.push(self.bit_xor(p[i], carries[i - 1]));
        }
        sum
    }

    /// `a < b` as unsigned numbers.
    pub(crate) fn less_than_bits(&mut self, a: &[Bit], b: &[Bit], shape: Shape) -> Bit {
        match shape {
            Shape::Shallow => self.less_than_prefix(a, b),
            Shape::Small => {
                // The borrow of a − b: borrowᵢ₊₁ = maj(¬aᵢ, bᵢ, borrowᵢ), one bootstrap per bit.
                let mut borrow = Bit::ZERO;
                for (&x, &y) in a.iter().zip(b) {
                    let not_x = self.bit_not(x);
                    borrow = self.bit_majority(not_x, y, borrow);
                }
                borrow
            }
        }
    }

    /// `¬carry_out(a + ¬b + 1)` by the prefix tree.
    fn less_than_prefix(&mut self, a: &[Bit], b: &[Bit]) -> Bit {
        let Some((&a0, &b0)) = a.first().zip(b.first()) else { return Bit::ZERO };
        // gᵢ = aᵢ ∧ ¬bᵢ, pᵢ = ¬(aᵢ ⊕ bᵢ); bit 0 with carry-in 1: a₀ ∨ ¬b₀.
        let mut g = Vec::with_capacity(a.len());
        let mut p = Vec::with_capacity(a.len());
        for (&x, &y) in a.iter().zip(b) {
            let not_y = self.bit_not(y);
            g.push(self.bit_and(x, not_y));
            p.push(self.bit_xnor(x, y));
        }
        let not_b0 = self.bit_not(b0);
        g[0] = self.bit_or(a0, not_b0);
        p[0] = Bit::ZERO;
        let no_borrow = self.prefix_carries(g, p)[a.len() - 1];
        self.bit_not(no_borrow)
    }

    /// `a == b`: XNOR per bit, then a balanced AND tree.
    pub(crate) fn equal_bits(&mut self, a: &[Bit], b: &[Bit]) -> Bit {
        let mut layer: Vec<Bit> = a.iter().zip(b).map(|(&x, &y)| self.bit_xnor(x, y)).collect();
        if layer.is_empty() {
            return Bit::ONE;
        }
        while layer.len() > 1 {
            layer = layer.chunks(2).map(|p| if let [x, y] = *p { self.bit_and(x, y) } else { p[0] }).collect();
        }
        layer[0]
    }

    /// `(a · b) mod 2^n`: the partial products of weight below `2^n`, summed
    /// by [`sum_columns`](Self::sum_columns).
    pub(crate) fn mul_bits(&mut self, a: &[Bit], b: &[Bit], shape: Shape) -> Vec<Bit> {
        let n = a.len();
        let mut columns = vec![Vec::new(); n];
        for (i, &bi) in b.iter().enumerate() {
            for (j, &aj) in a.iter().take(n - i).enumerate() {
                let product = self.bit_and(aj, bi);
                if product != Bit::ZERO {
                    columns[i + j].push(product);
                }
            }
        }
        self.sum_columns(columns, shape)
    }

    /// `Σ_k Σ columns[k] · 2^k mod 2^n` for `n = columns.len()`: Dadda
    /// stages of full and half adders (each stage one level, bringing every
    /// column down to the next height of 2, 3, 4, 6, 9, 13, …, counting the
    /// carries it receives), then one prefix addition of the two rows left.
    fn sum_columns(&mut self, mut columns: Vec<Vec<Bit>>, shape: Shape) -> Vec<Bit> {
        let n = columns.len();
        let tallest = columns.iter().map(Vec::len).max().unwrap_or(0);
        let mut targets = vec![2];
        while targets.last().is_some_and(|&d| d * 3 / 2 < tallest) {
            targets.push(targets[targets.len() - 1] * 3 / 2);
        }
        let mut targets = targets.into_iter().rev();
        while columns.iter().any(|c| c.len() > 2) {
            // Past the planned stages (a column short of bits to reduce), go on towards 2.
            let target = targets.next().unwrap_or(2);
            let mut next: Vec<Vec<Bit>> = vec![Vec::new(); n];
            for (k, column) in columns.iter().enumerate() {
                let mut height = column.len() + next[k].len();
                let mut rest = column.as_slice();
                while height > target && rest.len() >= 2 {
                    let (sum, carry, used) = if height == target + 1 || rest.len() == 2 {
                        (self.bit_xor(rest[0], rest[1]), self.bit_and(rest[0], rest[1]), 2)
                    } else {
                        (self.bit_xor3(rest[0], rest[1], rest[2]), self.bit_majority(rest[0], rest[1], rest[2]), 3)
                    };
                    next[k].push(sum);
                    if k + 1 < n {
                        next[k + 1].push(carry);
                    }
                    rest = &rest[used..];
                    height -= used - 1;
                }
                next[k].extend_from_slice(rest);
            }
            columns = next;
        }
        let row = |i: usize| columns.iter().map(|c| c.get(i).copied().unwrap_or(Bit::ZERO)).collect::<Vec<_>>();
        let (x, y) = (row(0), row(1));
        self.add_bits(&x, &y, Bit::ZERO, shape)
    }
}
