//! Division, arithmetic with an overflow flag, and sums of many values.

use std::sync::Arc;

use super::lazy::{Kind, Word};
use super::operand::Operand;
use super::operation::Operation;
use super::value::{FheBool, FheInteger, Integer};

impl<T: Integer> FheInteger<T> {
    /// A word of `op` on `self` and `rhs`, whose result is wider than `T`.
    fn wide_op(&self, op: Operation, rhs: impl Operand<T>) -> Arc<Word> {
        let width = T::BITS as usize;
        let kind = Kind::Op { op, signed: T::SIGNED };
        Word::pending(op.output_width(width), kind, vec![self.word.clone(), rhs.into_operand().word])
    }

    /// The value in bits `0..BITS` of `word` (free).
    fn low_part(word: &Arc<Word>) -> Self {
        Self::from_word(Word::pending(T::BITS as usize, Kind::Slice { start: 0 }, vec![word.clone()]))
    }

    /// The value and its flag, the bit just above it: one word's two parts.
    fn with_flag(word: Arc<Word>) -> (Self, FheBool) {
        let flag = FheBool { word: Word::pending(1, Kind::Slice { start: T::BITS as usize }, vec![word.clone()]) };
        (Self::low_part(&word), flag)
    }

    /// `(self / rhs, self % rhs)` by one restoring division (about `2n²`
    /// bootstraps for `n` bits; see [`FheInteger::cost`] with
    /// [`Operation::DivRem`]). Rust's semantics: the quotient truncates
    /// towards zero, the remainder has the dividend's sign, `MIN / −1`
    /// wraps to `MIN`.
    ///
    /// Division by zero cannot be refused (the divisor is encrypted), and is
    /// defined as the circuit computes it with no extra cost: the quotient
    /// has every bit set (`MAX` unsigned; `−1` for a dividend ≥ 0 and `1`
    /// for a negative one, signed) and the remainder is the dividend. This
    /// is what the incumbent library returns for unsigned integers too.
    ///
    /// A plaintext divisor folds into the circuit: steps it cannot divide
    /// vanish, and a power of two is a free shift and mask.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheUint8, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let x = FheUint8::encrypt(200, &client);
    /// let (q, r) = x.div_rem(&FheUint8::encrypt(7, &client));
    /// let (by_zero, _) = x.div_rem(0u8);
    /// server.evaluate(&(&q, &r, &by_zero))?;
    /// assert_eq!((q.decrypt(&client)?, r.decrypt(&client)?), (28, 4));
    /// assert_eq!(by_zero.decrypt(&client)?, u8::MAX);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn div_rem(&self, rhs: impl Operand<T>) -> (Self, Self) {
        let word = self.wide_op(Operation::DivRem, rhs);
        let remainder = Word::pending(T::BITS as usize, Kind::Slice { start: T::BITS as usize }, vec![word.clone()]);
        (Self::low_part(&word), Self::from_word(remainder))
    }

    /// `self + rhs` (wrapping) and whether it overflowed, as Rust's
    /// `overflowing_add`: one bootstrap more than `+` unsigned.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheInt8, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let (sum, overflowed) = FheInt8::encrypt(100, &client).overflowing_add(50i8);
    /// server.evaluate(&(&sum, &overflowed))?;
    /// assert_eq!((sum.decrypt(&client)?, overflowed.decrypt(&client)?), 100i8.overflowing_add(50));
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn overflowing_add(&self, rhs: impl Operand<T>) -> (Self, FheBool) {
        Self::with_flag(self.wide_op(Operation::OverflowingAdd, rhs))
    }

    /// `self − rhs` (wrapping) and whether it overflowed, as Rust's `overflowing_sub`.
    pub fn overflowing_sub(&self, rhs: impl Operand<T>) -> (Self, FheBool) {
        Self::with_flag(self.wide_op(Operation::OverflowingSub, rhs))
    }

    /// `self · rhs` (wrapping) and whether it overflowed, as Rust's
    /// `overflowing_mul`. The product is computed on twice the width, so
    /// this costs several times `*` (see [`FheInteger::cost`]).
    pub fn overflowing_mul(&self, rhs: impl Operand<T>) -> (Self, FheBool) {
        Self::with_flag(self.wide_op(Operation::OverflowingMul, rhs))
    }

    /// Rust's `checked_add` for encrypted values: the wrapping sum and an
    /// `FheBool` that is true when it is exact (where Rust returns
    /// `Some`). The negation of [`overflowing_add`](Self::overflowing_add)'s
    /// flag, free.
    pub fn checked_add(&self, rhs: impl Operand<T>) -> (Self, FheBool) {
        let (value, overflowed) = self.overflowing_add(rhs);
        (value, !overflowed)
    }

    /// Rust's `checked_sub` for encrypted values, as [`checked_add`](Self::checked_add).
    pub fn checked_sub(&self, rhs: impl Operand<T>) -> (Self, FheBool) {
        let (value, overflowed) = self.overflowing_sub(rhs);
        (value, !overflowed)
    }

    /// Rust's `checked_mul` for encrypted values, as [`checked_add`](Self::checked_add).
    pub fn checked_mul(&self, rhs: impl Operand<T>) -> (Self, FheBool) {
        let (value, overflowed) = self.overflowing_mul(rhs);
        (value, !overflowed)
    }

    /// `Σ wᵢ·xᵢ` (wrapping) for plaintext weights, as one tree of counters.
    ///
    /// Each weight is written in non-adjacent form (digits `0, ±1`, at
    /// most one in two nonzero), and every nonzero digit adds one shifted
    /// copy of its value (negated for `−1`, with the `+1` of the negation
    /// gathered into one public constant): the copies are free, and the
    /// whole sum is one [`Operation::Sum`]. An empty sum is zero.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheUint16, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let xs: Vec<_> = [3u16, 5, 7].iter().map(|&x| FheUint16::encrypt(x, &client)).collect();
    /// let total = FheUint16::dot(xs.iter().zip([10u16, 255, 1]));
    /// server.evaluate(&total)?;
    /// assert_eq!(total.decrypt(&client)?, 3 * 10 + 5 * 255 + 7);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn dot<'a>(terms: impl IntoIterator<Item = (&'a Self, T)>) -> Self {
        let width = T::BITS;
        let mask = u64::MAX >> (64 - width);
        let mut words = Vec::new();
        let mut constant = 0u64;
        for (x, weight) in terms {
            for (k, digit) in non_adjacent_form(weight.to_u64() & mask).filter(|&(k, _)| k < width) {
                let term = if digit > 0 { x.clone() } else { !x };
                words.push(if k == 0 { term.word } else { (&term << k).word });
                if digit < 0 {
                    constant = constant.wrapping_add(1 << k);
                }
            }
        }
        if constant & mask != 0 {
            words.push(Self::constant(T::from_u64_wrapping(constant)));
        }
        Self::sum_of(words)
    }

    /// The wrapping sum of `words` (an empty one is zero).
    fn sum_of(mut words: Vec<Arc<Word>>) -> Self {
        match words.len() {
            0 => Self::trivial(T::from_u64_wrapping(0)),
            1 => Self::from_word(words.remove(0)),
            n => Self::op(Operation::Sum(n), words),
        }
    }
}

/// The nonzero digits `(k, ±1)` of `Σ dₖ·2ᵏ = value`, no two adjacent.
fn non_adjacent_form(mut value: u64) -> impl Iterator<Item = (u32, i8)> {
    let mut k = 0;
    let mut carry = false;
    std::iter::from_fn(move || loop {
        // Digits of value + carry, from the bottom: an odd rest takes the
        // digit that leaves a multiple of 4 (+1 for ...01, −1 for ...11).
        if value == 0 && !carry {
            return None;
        }
        let low = (value & 3) + u64::from(carry);
        let even_carry = carry && value & 1 == 1;
        let position = k;
        value >>= 1;
        k += 1;
        match low {
            1 => {
                carry = false;
                return Some((position, 1));
            }
            3 => {
                carry = true;
                return Some((position, -1));
            }
            _ => carry = even_carry,
        }
    })
}

/// The wrapping sum, by one tree of counters over all the values' bits
/// (not a chain of additions): `xs.iter().sum()`.
///
/// ```
/// use umbra_fhe::{params, ClientKey, FheUint8, ServerKey};
/// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
/// let server = ServerKey::new(&client)?;
/// let xs: Vec<_> = [30u8, 40, 50, 60].iter().map(|&x| FheUint8::encrypt(x, &client)).collect();
/// let total: FheUint8 = xs.iter().sum();
/// server.evaluate(&total)?;
/// assert_eq!(total.decrypt(&client)?, 180);
/// # Ok::<(), umbra_fhe::Error>(())
/// ```
impl<'a, T: Integer> std::iter::Sum<&'a FheInteger<T>> for FheInteger<T> {
    fn sum<I: Iterator<Item = &'a FheInteger<T>>>(iter: I) -> Self {
        Self::sum_of(iter.map(|x| x.word.clone()).collect())
    }
}

/// The wrapping sum, as for references.
impl<T: Integer> std::iter::Sum<FheInteger<T>> for FheInteger<T> {
    fn sum<I: Iterator<Item = FheInteger<T>>>(iter: I) -> Self {
        Self::sum_of(iter.map(|x| x.word).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::non_adjacent_form;

    #[test]
    fn non_adjacent_form_adds_up_with_no_two_digits_adjacent() {
        for value in (0..4096u64).chain([u64::MAX, u64::MAX - 1, 1 << 63, (1 << 63) - 1, 0x5555_5555_5555_5555]) {
            let digits: Vec<(u32, i8)> = non_adjacent_form(value).collect();
            let total = digits.iter().fold(0i128, |sum, &(k, d)| sum + i128::from(d) * (1i128 << k));
            assert_eq!(total, i128::from(value), "{value}");
            assert!(digits.windows(2).all(|w| w[1].0 > w[0].0 + 1), "{value}: {digits:?}");
        }
    }
}
