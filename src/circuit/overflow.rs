//! Arithmetic that also says whether it overflowed, as Rust's
//! `overflowing_*` methods do.
//!
//! The operation is computed one width up (operands zero-extended when
//! unsigned, sign-extended when signed): the extra bit is the unsigned
//! carry or borrow, and a signed result overflowed exactly when the top two
//! bits of the wider result differ. A product is computed on `2n` bits; it
//! overflowed when its top `n` bits (unsigned), or its top `n + 1` bits
//! (signed), are not all equal to the sign of the `n`-bit result.

use super::arith::Shape;
use super::bits::Bit;
use super::builder::Circuit;

/// `x` extended to `width` bits: with copies of its top bit when `signed`.
fn extend(x: &[Bit], width: usize, signed: bool) -> Vec<Bit> {
    let fill = if signed { x.last().copied().unwrap_or(Bit::ZERO) } else { Bit::ZERO };
    (0..width).map(|i| x.get(i).copied().unwrap_or(fill)).collect()
}

impl Circuit {
    /// `a + b` (or `a − b` when `subtract`) mod `2^n`, and whether the
    /// exact result lies outside the `n`-bit range.
    pub(crate) fn overflowing_add_bits(
        &mut self,
        a: &[Bit],
        b: &[Bit],
        subtract: bool,
        signed: bool,
        shape: Shape,
    ) -> (Vec<Bit>, Bit) {
        let n = a.len();
        let x = extend(a, n + 1, signed);
        let mut y = extend(b, n + 1, signed);
        if subtract {
            y = y.into_iter().map(|bit| self.bit_not(bit)).collect();
        }
        let mut wide = self.add_bits(&x, &y, Bit::Const(subtract), shape);
        let top = wide.pop().expect("n + 1 bits");
        // Unsigned: the carry out of `a + b`, or the borrow of `a − b`
        // (the top bit of `a + ¬b + 1` on `n + 1` bits is set exactly when `a < b`).
        let flag = match (signed, n.checked_sub(1)) {
            (true, Some(sign)) => self.bit_xor(top, wide[sign]),
            _ => top,
        };
        (wide, flag)
    }

    /// `a · b mod 2^n`, and whether the exact product lies outside the
    /// `n`-bit range.
    pub(crate) fn overflowing_mul_bits(&mut self, a: &[Bit], b: &[Bit], signed: bool, shape: Shape) -> (Vec<Bit>, Bit) {
        let n = a.len();
        let mut product = self.mul_bits(&extend(a, 2 * n, signed), &extend(b, 2 * n, signed), shape);
        let high = product.split_off(n);
        let sign = if signed { product.last().copied().unwrap_or(Bit::ZERO) } else { Bit::ZERO };
        let differs: Vec<Bit> = high.into_iter().map(|h| self.bit_xor(h, sign)).collect();
        let flag = self.any_bit(&differs);
        (product, flag)
    }

    /// `x₀ ∨ … ∨ x_{n−1}` by a balanced tree.
    pub(crate) fn any_bit(&mut self, x: &[Bit]) -> Bit {
        let mut layer = x.to_vec();
        while layer.len() > 1 {
            layer = layer.chunks(2).map(|p| if let [l, r] = *p { self.bit_or(l, r) } else { p[0] }).collect();
        }
        layer.first().copied().unwrap_or(Bit::ZERO)
    }
}
