//! Exact negacyclic product of a torus polynomial by a small-integer polynomial.
//!
//! The torus operand `a` is split into signed 16-bit limbs `a = 2^16·a_hi + a_lo`
//! with `a_lo ∈ [−2^15, 2^15)`, `a_hi ∈ [−2^15, 2^15]`. Each limb product has
//! coefficients below `N·2^15·2^15 ≤ 2^44` (`N ≤ 2^14`, `|b| ≤ 2^15`), and the
//! FFT round-off, about `log2(N)·2^-53·‖limb‖₂‖b‖₂ ≤ 14·2^-53·2^44 < 2^-5`,
//! stays far below 1/2: both limb products round to their exact values, and
//! `2^16·hi + lo mod 2^32` is the exact product. (The bootstrapping hot path
//! skips the split, see [`crate::FourierBootstrapKey`].)

use umbra_fhe_core::fft::{FftScratch, NegacyclicFft, C64};
use umbra_fhe_core::params::PolynomialSize;

pub(crate) struct ExactMultiplier {
    fft: NegacyclicFft,
}

pub(crate) struct Buffers {
    lo: Vec<i32>,
    hi: Vec<i32>,
    spec_lo: Vec<C64>,
    spec_hi: Vec<C64>,
    spec_int: Vec<C64>,
    hi_out: Vec<u32>,
    scratch: FftScratch,
}

impl ExactMultiplier {
    pub(crate) fn new(size: PolynomialSize) -> Self {
        Self { fft: NegacyclicFft::new(size) }
    }

    pub(crate) fn buffers(&self) -> Buffers {
        let n = self.fft.polynomial_size().0;
        Buffers {
            lo: vec![0; n],
            hi: vec![0; n],
            spec_lo: self.fft.spectrum(),
            spec_hi: self.fft.spectrum(),
            spec_int: self.fft.spectrum(),
            hi_out: vec![0; n],
            scratch: self.fft.scratch(),
        }
    }

    pub(crate) fn multiply(&self, torus: &[u32], integer: &[i32], out: &mut [u32], b: &mut Buffers) {
        for ((lo, hi), &a) in b.lo.iter_mut().zip(b.hi.iter_mut()).zip(torus) {
            let l = i32::from(a as u16 as i16);
            *lo = l;
            // (a − lo)/2^16 ∈ [0, 2^16], balanced mod 2^16 (2^16·2^16 ≡ 0 mod 2^32).
            *hi = ((i64::from(a) - i64::from(l)) >> 16) as i32;
            if *hi >= 1 << 15 {
                *hi -= 1 << 16;
            }
        }
        self.fft.forward_integer(&b.lo, &mut b.spec_lo, &mut b.scratch);
        self.fft.forward_integer(&b.hi, &mut b.spec_hi, &mut b.scratch);
        self.fft.forward_integer(integer, &mut b.spec_int, &mut b.scratch);
        for ((lo, hi), x) in b.spec_lo.iter_mut().zip(b.spec_hi.iter_mut()).zip(&b.spec_int) {
            *lo *= x;
            *hi *= x;
        }
        self.fft.backward_torus(&mut b.spec_lo, out, &mut b.scratch);
        self.fft.backward_torus(&mut b.spec_hi, &mut b.hi_out, &mut b.scratch);
        for (o, h) in out.iter_mut().zip(&b.hi_out) {
            *o = o.wrapping_add(h.wrapping_shl(16));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limbs_recompose_for_edge_values() {
        let m = ExactMultiplier::new(PolynomialSize(4));
        let mut b = m.buffers();
        for a in [0u32, 1, 0x7fff, 0x8000, 0xffff, 0x1_0000, 1 << 31, u32::MAX, u32::MAX - 0x7fff, u32::MAX - 0x8000] {
            let mut out = [0u32; 4];
            m.multiply(&[a, 0, 0, 0], &[1, 0, 0, 0], &mut out, &mut b);
            assert_eq!(out, [a, 0, 0, 0], "a = {a:#x}");
            assert!(b.hi.iter().chain(&b.lo).all(|x| x.unsigned_abs() <= 1 << 15));
        }
    }
}
