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
//! * Multiplication sums rows of partial products: one row per bit of `b`
//!   (`aⱼ ∧ bᵢ`) or one per radix-4 digit (Booth digits, two bootstraps a
//!   bit; odd digits `±1, ±3`, one bootstrap a bit after `3a`), whichever
//!   is cheapest for the width. The shallow shape sums them by Dadda stages
//!   of full adders ([`Circuit::xor3`], [`Circuit::majority`]) and half
//!   adders, one level each, then one prefix addition; the small one column
//!   by column with six-bit counters and full adders.
//!
//! Nodes an output does not depend on are never evaluated (see
//! [`Circuit::bootstraps`]), so these builders create the whole prefix and
//! leave the pruning to evaluation.

use super::bits::Bit;
use super::builder::Circuit;

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
    /// An 8-bit addition: 33 bootstraps in 5 levels.
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

    /// `(a + b + carry_in) mod 2^n`: `sᵢ = aᵢ ⊕ bᵢ ⊕ cᵢ` with the carries of
    /// [`carries_into`](Self::carries_into).
    pub(crate) fn add_bits(&mut self, a: &[Bit], b: &[Bit], carry_in: Bit, shape: Shape) -> Vec<Bit> {
        let carries = self.carries_into(a, b, carry_in, shape);
        a.iter().zip(b).zip(carries).map(|((&x, &y), c)| self.bit_xor3(x, y, c)).collect()
    }

    /// The carry into every bit of `a + b + carry_in` (`carry_in` first).
    /// Small: ripple, `cᵢ₊₁ = maj(aᵢ, bᵢ, cᵢ)`. Shallow: parallel prefix
    /// (Sklansky) over `gᵢ = aᵢ ∧ bᵢ`, `pᵢ = aᵢ ⊕ bᵢ`.
    fn carries_into(&mut self, a: &[Bit], b: &[Bit], carry_in: Bit, shape: Shape) -> Vec<Bit> {
        let n = a.len();
        let mut carries = vec![carry_in];
        match shape {
            Shape::Small => {
                for (&x, &y) in a.iter().zip(b).take(n.saturating_sub(1)) {
                    let carry = self.bit_majority(x, y, carries[carries.len() - 1]);
                    carries.push(carry);
                }
            }
            Shape::Shallow if n > 1 => {
                let mut p: Vec<Bit> = a.iter().zip(b).map(|(&x, &y)| self.bit_xor(x, y)).collect();
                let mut g: Vec<Bit> = a.iter().zip(b).map(|(&x, &y)| self.bit_and(x, y)).collect();
                // Bit 0 generates a carry from the carry-in too; nothing lies below it.
                g[0] = self.bit_majority(a[0], b[0], carry_in);
                p[0] = Bit::ZERO;
                carries.extend(self.prefix_carries(g, p).into_iter().take(n - 1));
            }
            Shape::Shallow => {}
        }
        carries.truncate(n);
        carries
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

    /// `(a · b) mod 2^n`: rows of partial products summed by
    /// [`sum_columns`](Self::sum_columns), the rows built the cheapest of
    /// three ways for this width, shape and pattern of public bits:
    /// [`and_rows`](Self::and_rows) (`n` rows, one bootstrap a bit, none for
    /// a public operand), [`booth_rows`](Self::booth_rows) (`n/2` rows, two
    /// bootstraps a bit) and [`odd_digit_rows`](Self::odd_digit_rows)
    /// (`n/2 + 1` rows, one bootstrap a bit after computing `3a`): the fewer
    /// rows, the fewer bits to sum, for a fixed cost per row and per
    /// multiplication. Each candidate is built, measured (bootstraps, then
    /// levels; levels first for the shallow shape) and removed again; the
    /// best is rebuilt. (On the small shape: AND rows win on 8 bits, Booth
    /// rows on 16, odd digits from 32.)
    pub(crate) fn mul_bits(&mut self, a: &[Bit], b: &[Bit], shape: Shape) -> Vec<Bit> {
        type Rows = fn(&mut Circuit, &[Bit], &[Bit], Shape) -> Vec<Vec<Bit>>;
        let candidates: [(Rows, bool); 5] = [
            (|c, a, b, _| c.and_rows(a, b), false),
            (|c, a, b, _| c.booth_rows(a, b), false),
            (|c, a, b, _| c.booth_rows(a, b), true),
            (Circuit::odd_digit_rows, false),
            (Circuit::odd_digit_rows, true),
        ];
        let build = |c: &mut Circuit, (rows, swap): (Rows, bool)| {
            let (x, y) = if swap { (b, a) } else { (a, b) };
            let columns = rows(c, x, y, shape);
            c.sum_columns(columns, shape)
        };
        // With no public bit on either side, swapping the operands changes nothing.
        let public = |x: &[Bit]| x.iter().any(|bit| matches!(bit, Bit::Const(_)));
        let symmetric = !public(a) && !public(b);
        let start = self.nodes.len();
        let best = candidates
            .into_iter()
            .filter(|&(_, swap)| !(swap && symmetric))
            .min_by_key(|&candidate| {
                let product = build(self, candidate);
                let (bootstraps, levels) = self.appended_cost(start, &product);
                self.nodes.truncate(start);
                match shape {
                    Shape::Small => (bootstraps, levels),
                    Shape::Shallow => (levels, bootstraps),
                }
            })
            .expect("the unswapped candidates remain");
        build(self, best)
    }

    /// The bits of `Σᵢ bᵢ·2ⁱ·a mod 2^n` by column: `aⱼ ∧ bᵢ` in column
    /// `i + j` (one bootstrap each unless an operand is public).
    fn and_rows(&mut self, a: &[Bit], b: &[Bit]) -> Vec<Vec<Bit>> {
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
        columns
    }

    /// The bits of `a·b mod 2^n` by column, in radix-4 Booth rows: `b` is
    /// recoded into digits `dⱼ = −2b₂ⱼ₊₁ + b₂ⱼ + b₂ⱼ₋₁ ∈ {−2, …, 2}`
    /// (`b₋₁ = 0`, `Σ dⱼ·4ʲ ≡ b mod 2^n`), so `⌈n/2⌉` rows `dⱼ·a·4ʲ` replace
    /// the `n` rows of `bᵢ·a·2ⁱ`, and the reduction has half the bits.
    ///
    /// Row `j` is `|dⱼ|·a` with every bit XOR-ed with the sign `s = b₂ⱼ₊₁`,
    /// plus `s` in its lowest column (`−x = ¬x + 1`; a row past bit `n − 1`
    /// is dropped, so no sign extension). With `one = b₂ⱼ ⊕ b₂ⱼ₋₁` and
    /// `two = [b₂ⱼ₊₁ ≠ b₂ⱼ = b₂ⱼ₋₁]` (`|d| = 1` and `|d| = 2`, never both;
    /// a bootstrap each),
    /// bit `i` of the row is `(two ∧ aᵢ₋₁) ⊕ (one ∧ aᵢ) ⊕ s`: two bootstraps
    /// of [`Combine3::AndXor`](crate::encoding::Combine3), the inner one with a wide
    /// result and `s` wide, so that every combination stays at the noise of
    /// a majority. (The digit `0` of `b = …111` gives `¬0 + 1 = 0` as well.)
    fn booth_rows(&mut self, a: &[Bit], b: &[Bit]) -> Vec<Vec<Bit>> {
        let n = a.len();
        let bit = |x: &[Bit], i: usize| x.get(i).copied().unwrap_or(Bit::ZERO);
        let mut columns = vec![Vec::new(); n];
        for j in 0..n.div_ceil(2) {
            let low = if j == 0 { Bit::ZERO } else { b[2 * j - 1] };
            let (mid, sign) = (b[2 * j], bit(b, 2 * j + 1));
            let one = self.bit_xor(mid, low);
            let two = self.bit_booth_two(sign, mid, low);
            let wide_sign = self.bit_widen(sign);
            for i in 0..n - 2 * j {
                let shifted = if i == 0 { Bit::ZERO } else { a[i - 1] };
                let row_bit = if shifted == Bit::ZERO || two == Bit::ZERO {
                    self.bit_and_xor(one, a[i], wide_sign)
                } else {
                    let single = self.bit_and_xor_wide(one, a[i], wide_sign);
                    self.bit_and_xor(two, shifted, single)
                };
                if row_bit != Bit::ZERO {
                    columns[2 * j + i].push(row_bit);
                }
            }
            if sign != Bit::ZERO {
                columns[2 * j].push(sign);
            }
        }
        columns
    }

    /// The bits of `a·b mod 2^n` by column, in radix-4 rows of odd digits.
    ///
    /// `b̂ = b | 1` is odd, so with `sₖ = 2b̂ₖ₊₁ − 1 ∈ {±1}` (and `b̂ₖ = 1`
    /// from `k = n`), `Σ sₖ·2ᵏ ≡ b̂ mod 2^n`; the digits `dⱼ = s₂ⱼ + 2s₂ⱼ₊₁ ∈
    /// {±1, ±3}` are never 0. Rows `dⱼ·a·4ʲ` then choose between `a` and
    /// `t = 3a` (computed once, one addition), and each bit of a row is one
    /// bootstrap of [`Combine3::RowSelect`](crate::encoding::Combine3) (a digit 0
    /// would need a constant from the same bootstrap, which its four-state
    /// encoding cannot give). A negative row is `¬x + 1`, its `+1` in its
    /// lowest column; `a·b = a·b̂ − ¬b₀·a` adds one row `¬b₀ ∧ ¬aᵢ` and
    /// `¬b₀`. Against Booth rows (digit 0 allowed, two bootstraps a bit),
    /// about half the bootstraps before the reduction, for one more row.
    fn odd_digit_rows(&mut self, a: &[Bit], b: &[Bit], shape: Shape) -> Vec<Vec<Bit>> {
        let n = a.len();
        let shifted: Vec<Bit> = std::iter::once(Bit::ZERO).chain(a.iter().copied()).take(n).collect();
        // Column i: u = aᵢ ⊙ tᵢ = ¬(aᵢ₋₁ ⊕ cᵢ) for the carries c of a + 2a, v = ¬aᵢ (wide).
        let carries = self.carries_into(a, &shifted, Bit::ZERO, shape);
        let mut column_terms = Vec::with_capacity(n);
        for i in 0..n {
            let u = self.bit_xnor(shifted[i], carries[i]);
            let u = self.bit_wire(u);
            let not_a = self.bit_not(a[i]);
            let v = self.bit_widen(not_a);
            column_terms.push((u, self.wide_wire(v)));
        }
        let b_hat = |k: usize| if k == 0 || k >= n { Bit::ONE } else { b[k] };
        let mut columns = vec![Vec::new(); n];
        for j in 0..n.div_ceil(2) {
            let (p, q) = (b_hat(2 * j + 1), b_hat(2 * j + 2));
            let big = self.bit_xnor(p, q);
            let not_big = self.bit_not(big);
            let not_big = self.bit_wire(not_big);
            let negative = self.bit_not(q);
            let wide_negative = self.bit_widen(negative);
            let wide_negative = self.wide_wire(wide_negative);
            let row = self.phase_sum(not_big, wide_negative);
            for (i, &(u, v)) in column_terms.iter().take(n - 2 * j).enumerate() {
                let bit = self.row_select(u, v, row);
                columns[2 * j + i].push(Bit::Wire(bit));
            }
            if negative != Bit::ZERO {
                columns[2 * j].push(negative);
            }
        }
        // The even correction −¬b₀·a = (¬b₀ ∧ ¬a) + ¬b₀.
        let even = self.bit_not(b[0]);
        for (i, &x) in a.iter().enumerate() {
            let not_x = self.bit_not(x);
            let bit = self.bit_and(even, not_x);
            columns[i].push(bit);
        }
        columns[0].push(even);
        columns
    }

    /// `Σ_k Σ columns[k] · 2^k mod 2^n` for `n = columns.len()`, shaped
    /// like the rest: column by column for [`Shape::Small`]
    /// ([`sum_columns_in_order`](Self::sum_columns_in_order)), a Dadda tree
    /// and a prefix addition for [`Shape::Shallow`]
    /// ([`sum_columns_dadda`](Self::sum_columns_dadda)).
    pub(crate) fn sum_columns(&mut self, columns: Vec<Vec<Bit>>, shape: Shape) -> Vec<Bit> {
        match shape {
            Shape::Small => self.sum_columns_in_order(columns),
            Shape::Shallow => self.sum_columns_dadda(columns),
        }
    }

    /// Dadda stages of full and half adders (each stage one level, bringing
    /// every column down to the next height of 2, 3, 4, 6, 9, 13, …,
    /// counting the carries it receives), then one prefix addition of the
    /// two rows left.
    fn sum_columns_dadda(&mut self, mut columns: Vec<Vec<Bit>>) -> Vec<Bit> {
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
        self.add_bits(&x, &y, Bit::ZERO, Shape::Shallow)
    }

    /// Column by column from the lowest, each brought down to its one bit
    /// of the sum, its carries added to the columns above before they are
    /// summed: the fewest bootstraps, as every carry of weight `2^n` or
    /// more is dropped where it would arise.
    ///
    /// * Public bits: their count's parity stays, half of it moves up, free.
    /// * Column `n − 1` needs only its parity ([`Circuit::parity`], six bits
    ///   a bootstrap).
    /// * Column `n − 2` needs its parity and the bit of weight 2 of its count
    ///   ([`Circuit::count_twos`]); weight 4 falls outside: two bootstraps
    ///   per five bits.
    /// * Lower columns: six bits at a time by a counter (parity, weight 2 and
    ///   weight 4 of their count: five bootstraps for three bits fewer) while
    ///   six are left, then full adders (two bootstraps for one bit fewer),
    ///   and a half adder for a last pair.
    fn sum_columns_in_order(&mut self, mut columns: Vec<Vec<Bit>>) -> Vec<Bit> {
        let n = columns.len();
        let mut sum = Vec::with_capacity(n);
        for k in 0..n {
            let mut bits = std::mem::take(&mut columns[k]);
            let ones = bits.iter().filter(|&&b| b == Bit::ONE).count();
            bits.retain(|b| matches!(b, Bit::Wire(_)));
            if ones % 2 == 1 {
                bits.push(Bit::ONE);
            }
            if k + 1 < n {
                columns[k + 1].extend(std::iter::repeat_n(Bit::ONE, ones / 2));
            }
            while bits.len() > 1 {
                let h = bits.len();
                if k + 1 == n {
                    let group = self.noise_group(&mut bits);
                    let parity = self.bit_parity(&group);
                    bits.push(parity);
                } else if k + 2 == n {
                    let group = self.noise_group(&mut bits);
                    let twos = self.bit_count_twos(&group);
                    columns[k + 1].push(twos);
                    let parity = self.bit_parity(&group);
                    bits.push(parity);
                } else if h >= 6 && bits[..6].iter().map(|&b| self.noise_units(b)).sum::<usize>() <= 6 {
                    let group: Vec<Bit> = bits.drain(..6).collect();
                    let (parity, twos, fours) = self.count_six(&group);
                    columns[k + 1].push(twos);
                    columns[k + 2].push(fours);
                    bits.push(parity);
                } else if h >= 3 {
                    let (x, y, z) = (bits[0], bits[1], bits[2]);
                    bits.drain(..3);
                    let carry = self.bit_majority(x, y, z);
                    columns[k + 1].push(carry);
                    let parity = self.bit_xor3(x, y, z);
                    bits.push(parity);
                } else {
                    let (x, y) = (bits[0], bits[1]);
                    bits.clear();
                    let carry = self.bit_and(x, y);
                    columns[k + 1].push(carry);
                    let parity = self.bit_xor(x, y);
                    bits.push(parity);
                }
            }
            sum.push(bits.pop().unwrap_or(Bit::ZERO));
        }
        sum
    }

    /// The count of six bits as `(bit 0, bit 1, bit 2)`: [`Circuit::parity`],
    /// [`Circuit::count_twos`], and bit 2 as `maj(¬bit 1, m₁, m₂)` for the
    /// majorities `mᵢ` of each half (five bootstraps on two levels).
    ///
    /// Bit 2 is `[s ≥ 4]`; with `s = s₁ + s₂` over the halves: for `s ≥ 4`
    /// both halves reach 2 unless one is 3 (then `m₁ + m₂ ≥ 1`, and both are 1
    /// unless `s = 4` with halves 1 and 3, where bit 1 is 0); for `s ≤ 3` at
    /// most one half reaches 2, and where one does, `s ≥ 2` with bit 1 set
    /// unless `s = 4`, excluded: the majority is 0. (Checked on all 64
    /// inputs by the tests.)
    fn count_six(&mut self, bits: &[Bit]) -> (Bit, Bit, Bit) {
        let parity = self.bit_parity(bits);
        let twos = self.bit_count_twos(bits);
        let low = self.bit_majority(bits[0], bits[1], bits[2]);
        let high = self.bit_majority(bits[3], bits[4], bits[5]);
        let not_twos = self.bit_not(twos);
        let fours = self.bit_majority(not_twos, low, high);
        (parity, twos, fours)
    }

    /// Takes from the front of `bits` the longest run (up to six, at least
    /// two) whose noise adds up to at most six bootstraps' worth, the bound
    /// every combination here keeps.
    fn noise_group(&self, bits: &mut Vec<Bit>) -> Vec<Bit> {
        let mut units = 0;
        let mut len = 0;
        for &bit in bits.iter().take(6) {
            let u = self.noise_units(bit);
            if len >= 2 && units + u > 6 {
                break;
            }
            units += u;
            len += 1;
        }
        bits.drain(..len).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    type Rows = fn(&mut Circuit, &[Bit], &[Bit], Shape) -> Vec<Vec<Bit>>;

    const BUILDERS: [(&str, Rows); 3] = [
        ("and", |c, a, b, _| c.and_rows(a, b)),
        ("booth", |c, a, b, _| c.booth_rows(a, b)),
        ("odd digit", Circuit::odd_digit_rows),
    ];

    /// `rows` on `width`-bit operands whose bits are public where `public`
    /// has a 1 (`a` in the low 8 bits, `b` above), the value of a public bit
    /// taken from `constants`; returns the product of two plaintexts by
    /// interpreting the circuit on noiseless phases.
    struct Product {
        circuit: Circuit,
        out: Vec<Bit>,
    }

    impl Product {
        fn new(rows: Rows, width: usize, public: u16, constants: u16, shape: Shape) -> Self {
            let mut circuit = Circuit::new();
            let inputs = circuit.bool_inputs(2 * width);
            let operand = |k: usize| -> Vec<Bit> {
                (0..width)
                    .map(|i| {
                        let bit = 8 * k + i;
                        if public >> bit & 1 == 1 {
                            Bit::Const(constants >> bit & 1 == 1)
                        } else {
                            Bit::Wire(inputs[k * width + i])
                        }
                    })
                    .collect()
            };
            let (a, b) = (operand(0), operand(1));
            let columns = rows(&mut circuit, &a, &b, shape);
            let out = circuit.sum_columns(columns, shape);
            Self { circuit, out }
        }

        fn run(&self, width: usize, a: u64, b: u64) -> u64 {
            let inputs: Vec<bool> =
                (0..width).map(|i| a >> i & 1 == 1).chain((0..width).map(|i| b >> i & 1 == 1)).collect();
            self.circuit.interpret_word(&inputs, &self.out) as u64
        }
    }

    /// The operand value a circuit input pattern stands for: public bits
    /// replaced by their constants.
    fn effective(x: u64, k: usize, width: usize, public: u16, constants: u16) -> u64 {
        (0..width)
            .map(|i| {
                let bit = 8 * k + i;
                let set = if public >> bit & 1 == 1 { constants >> bit & 1 == 1 } else { x >> i & 1 == 1 };
                u64::from(set) << i
            })
            .sum()
    }

    #[test]
    fn counts_of_up_to_six_bits_give_their_binary_digits() {
        // Each of up to six operands: a wire, or a public 0 or 1.
        for k in 1..=6usize {
            for kinds in 0..3usize.pow(k as u32) {
                let kind = |i: usize| kinds / 3usize.pow(i as u32) % 3;
                let mut c = Circuit::new();
                let wires = c.bool_inputs(k);
                let bits: Vec<Bit> = (0..k)
                    .map(|i| match kind(i) {
                        0 => Bit::ZERO,
                        1 => Bit::ONE,
                        _ => Bit::Wire(wires[i]),
                    })
                    .collect();
                let parity = c.bit_parity(&bits);
                let twos = c.bit_count_twos(&bits);
                let six = (k == 6).then(|| c.count_six(&bits));
                for values in 0..1u32 << k {
                    let inputs: Vec<bool> = (0..k).map(|i| values >> i & 1 == 1).collect();
                    let count = (0..k).filter(|&i| if kind(i) == 2 { inputs[i] } else { kind(i) == 1 }).count();
                    let what = format!("{k} operands of kinds {kinds}, values {values:06b}, count {count}");
                    let count = count as u128;
                    assert_eq!(c.interpret_word(&inputs, &[parity, twos]), count & 3, "parity and twos: {what}");
                    if let Some((p, t, f)) = six {
                        assert_eq!(c.interpret_word(&inputs, &[p, t, f]), count, "count_six: {what}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_row_builder_multiplies_every_pair_of_all_widths_up_to_8_bits() {
        for (name, rows) in BUILDERS {
            for shape in [Shape::Small, Shape::Shallow] {
                for width in 1..=8usize {
                    let product = Product::new(rows, width, 0, 0, shape);
                    let mask = u64::MAX >> (64 - width);
                    for a in 0..=mask {
                        for b in 0..=mask {
                            assert_eq!(
                                product.run(width, a, b),
                                (a * b) & mask,
                                "{name} {shape:?} {width} bits: {a} · {b}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_row_builder_folds_public_bits_correctly() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        let width = 6;
        let mask = (1u64 << width) - 1;
        // Zero-extended operands (the high bits public zeros), then random patterns.
        let mut patterns = vec![(0b111000_000000u16 << 2 | 0b111000, 0u16), (0b111100_000000 << 2, 0)];
        patterns.extend((0..24).map(|_| (rng.random::<u16>(), rng.random::<u16>())));
        for (name, rows) in BUILDERS {
            for shape in [Shape::Small, Shape::Shallow] {
                for &(public, constants) in &patterns {
                    let product = Product::new(rows, width, public, constants, shape);
                    for a in 0..=mask {
                        for b in 0..=mask {
                            let (x, y) =
                                (effective(a, 0, width, public, constants), effective(b, 1, width, public, constants));
                            assert_eq!(
                                product.run(width, a, b),
                                (x * y) & mask,
                                "{name} {shape:?}, public {public:016b} = {constants:016b}: {x} · {y}"
                            );
                        }
                    }
                }
            }
        }
    }
}
