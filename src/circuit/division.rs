//! Division with remainder, restoring and trimmed to the bits that matter.
//!
//! Step `s = 1 … n` brings down dividend bit `n − s` into a partial
//! remainder `r` of `s` bits (it is below `2^s`), and subtracts the divisor
//! `d` when `r ≥ d`: that needs `d < 2^s`, i.e. every bit of `d` from `s` up
//! clear (one suffix OR per step, shared by all steps), and no borrow from
//! `r − d mod 2^s` computed on `s + 1` bits. The quotient bit is the
//! success; the remainder keeps the difference where it succeeded (one
//! multiplexer per bit). `Σ s` bits of subtraction in all, half of a
//! schoolbook `n × n`.
//!
//! Public bits fold: a public divisor removes the steps it cannot divide
//! and subtracts a constant; a public power of two is a free shift and mask.
//!
//! Dividing by zero never borrows: the quotient is all ones and the
//! remainder the dividend (Rust panics instead; an encrypted divisor cannot
//! be inspected). Signed operands divide their magnitudes and take Rust's
//! signs (the quotient truncates towards zero, the remainder has the sign of
//! the dividend), so `MIN / −1` wraps to `MIN` as `wrapping_div` does.

use super::arith::Shape;
use super::bits::Bit;
use super::builder::Circuit;

impl Circuit {
    /// `(a / d, a % d)` of unsigned `n`-bit words (quotient all ones and
    /// remainder `a` for `d = 0`).
    pub(crate) fn div_rem_unsigned(&mut self, a: &[Bit], d: &[Bit], shape: Shape) -> (Vec<Bit>, Vec<Bit>) {
        let n = a.len();
        if let Some(k) = public_power_of_two(d) {
            let quotient = (0..n).map(|i| a.get(i + k).copied().unwrap_or(Bit::ZERO)).collect();
            let remainder = (0..n).map(|i| if i < k { a[i] } else { Bit::ZERO }).collect();
            return (quotient, remainder);
        }
        // high[s] = d_s ∨ … ∨ d_{n−1}: the divisor is 2^s or more.
        let reversed: Vec<Bit> = d.iter().rev().copied().collect();
        let mut high = self.prefix_or(&reversed, shape);
        high.reverse();
        let mut quotient = vec![Bit::ZERO; n];
        let mut r: Vec<Bit> = Vec::with_capacity(n);
        for s in 1..=n {
            let i = n - s;
            r.insert(0, a[i]);
            // r + ¬d + 1 on s + 1 bits: its top bit is the borrow of r − d.
            let mut x = r.clone();
            x.push(Bit::ZERO);
            let mut y: Vec<Bit> = d[..s].iter().map(|&b| self.bit_not(b)).collect();
            y.push(Bit::ONE);
            let mut difference = self.add_bits(&x, &y, Bit::ONE, shape);
            let borrow = difference.pop().expect("s + 1 bits");
            let too_large = high.get(s).copied().unwrap_or(Bit::ZERO);
            let refused = self.bit_or(borrow, too_large);
            let fits = self.bit_not(refused);
            quotient[i] = fits;
            r = r.iter().zip(difference).map(|(&kept, subtracted)| self.bit_mux(fits, subtracted, kept)).collect();
        }
        (quotient, r)
    }

    /// `(a / d, a % d)` of two's-complement `n`-bit words: the magnitudes
    /// divided, the quotient negated when the signs differ, the remainder
    /// when the dividend is negative.
    pub(crate) fn div_rem_signed(&mut self, a: &[Bit], d: &[Bit], shape: Shape) -> (Vec<Bit>, Vec<Bit>) {
        let (Some(&a_negative), Some(&d_negative)) = (a.last(), d.last()) else { return (Vec::new(), Vec::new()) };
        let a_magnitude = self.negate_if(a_negative, a, shape);
        let d_magnitude = self.negate_if(d_negative, d, shape);
        let (q, r) = self.div_rem_unsigned(&a_magnitude, &d_magnitude, shape);
        let signs_differ = self.bit_xor(a_negative, d_negative);
        (self.negate_if(signs_differ, &q, shape), self.negate_if(a_negative, &r, shape))
    }

    /// `−x mod 2^n` where `c`, else `x`: `(x ⊕ c) + c`.
    pub(crate) fn negate_if(&mut self, c: Bit, x: &[Bit], shape: Shape) -> Vec<Bit> {
        let flipped: Vec<Bit> = x.iter().map(|&b| self.bit_xor(b, c)).collect();
        self.add_bits(&flipped, &vec![Bit::ZERO; x.len()], c, shape)
    }
}

/// `k` when `d` is the public value `2^k`.
fn public_power_of_two(d: &[Bit]) -> Option<usize> {
    let mut ones = d.iter().enumerate().filter(|(_, &b)| b != Bit::ZERO);
    match (ones.next(), ones.next()) {
        (Some((k, &Bit::ONE)), None) => Some(k),
        _ => None,
    }
}
