//! Shifts and rotations by an encrypted amount: a barrel shifter.
//!
//! Stage `j` moves the word by `2^j` places where bit `j` of the amount is
//! set, by one multiplexer per bit (two bootstraps; one where a zero is
//! shifted in, none where both sides are the same public bit). The amount is
//! taken modulo the width (a power of two), as for public amounts, so only
//! its low `log₂ n` bits are read: `log₂ n` levels, at most `2n·log₂ n`
//! bootstraps.

use super::bits::Bit;
use super::builder::Circuit;

/// Which way a [`Circuit::barrel_shift`] moves bits, and what comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Towards the top; zeros come in at the bottom.
    Left,
    /// Towards the bottom; copies of the top bit come in when `arithmetic`,
    /// zeros otherwise.
    Right { arithmetic: bool },
    /// Towards the top, the top bits coming back in at the bottom.
    RotateLeft,
    /// Towards the bottom, the bottom bits coming back in at the top.
    RotateRight,
}

impl Circuit {
    /// `x` moved by `amount mod n` places in `direction`, for `n = x.len()`
    /// a power of two (a word's width).
    pub(crate) fn barrel_shift(&mut self, x: &[Bit], amount: &[Bit], direction: Direction) -> Vec<Bit> {
        let n = x.len();
        debug_assert!(n.is_power_of_two(), "word widths are powers of two");
        let stages = n.trailing_zeros() as usize;
        let mut word = x.to_vec();
        for (j, &select) in amount.iter().enumerate().take(stages) {
            let k = 1 << j;
            let top = word[n - 1];
            let moved: Vec<Bit> = (0..n)
                .map(|i| match direction {
                    Direction::Left => i.checked_sub(k).map_or(Bit::ZERO, |s| word[s]),
                    Direction::Right { arithmetic } => {
                        word.get(i + k).copied().unwrap_or(if arithmetic { top } else { Bit::ZERO })
                    }
                    Direction::RotateLeft => word[(i + n - k) % n],
                    Direction::RotateRight => word[(i + k) % n],
                })
                .collect();
            word = moved.into_iter().zip(&word).map(|(m, &w)| self.bit_mux(select, m, w)).collect();
        }
        word
    }
}
