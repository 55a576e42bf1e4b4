//! Questions about the bits of a value (counts, zeros, the logarithm) and
//! rotations by an encrypted amount.

use super::lazy::{Kind, Word};
use super::operation::Operation;
use super::value::{FheBool, FheInteger, FheUint32, Integer};

impl<T: Integer> FheInteger<T> {
    /// The count `op` of this value, a `u32` as in Rust (its bits above
    /// `log₂ BITS + 1` are public zeros).
    fn count(&self, op: Operation) -> FheUint32 {
        let kind = Kind::Op { op, signed: T::SIGNED };
        FheUint32::from_word(Word::pending(op.output_width(T::BITS as usize), kind, vec![self.word.clone()]))
    }

    /// The number of ones in the binary representation, by one tree of
    /// counters (the multiplier's column adder).
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheUint16, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let x = FheUint16::encrypt(0b1011_0000_1110_0001, &client);
    /// let (ones, lead, trail) = (x.count_ones(), x.leading_zeros(), x.trailing_zeros());
    /// server.evaluate(&(&ones, &lead, &trail))?;
    /// assert_eq!((ones.decrypt(&client)?, lead.decrypt(&client)?, trail.decrypt(&client)?), (7, 0, 0));
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn count_ones(&self) -> FheUint32 {
        self.count(Operation::CountOnes)
    }

    /// The number of zeros in the binary representation.
    pub fn count_zeros(&self) -> FheUint32 {
        self.count(Operation::CountZeros)
    }

    /// The number of zeros above the highest one (`BITS` for zero): a
    /// prefix OR from the top, then a count.
    pub fn leading_zeros(&self) -> FheUint32 {
        self.count(Operation::LeadingZeros)
    }

    /// The number of zeros below the lowest one (`BITS` for zero).
    pub fn trailing_zeros(&self) -> FheUint32 {
        self.count(Operation::TrailingZeros)
    }

    /// `⌊log₂ self⌋` and whether it is defined (`self > 0`), as Rust's
    /// `checked_ilog2` returns `Some` or `None`. Where it is not defined the
    /// value is `BITS − 1` for zero and, signed, the position of the top
    /// one bit for a negative value.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheUint8, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let (log, defined) = FheUint8::encrypt(100, &client).checked_ilog2();
    /// server.evaluate(&(&log, &defined))?;
    /// assert_eq!(log.decrypt(&client)?, 6);
    /// assert!(defined.decrypt(&client)?);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn checked_ilog2(&self) -> (FheUint32, FheBool) {
        let word = self.count(Operation::Ilog2).word;
        let defined = FheBool { word: Word::pending(1, Kind::Slice { start: 32 }, vec![word.clone()]) };
        (FheUint32::from_word(Word::pending(32, Kind::Slice { start: 0 }, vec![word])), defined)
    }

    /// `⌊log₂ self⌋` (Rust panics for `self ≤ 0`; here the value is that of
    /// [`checked_ilog2`](Self::checked_ilog2)).
    pub fn ilog2(&self) -> FheUint32 {
        self.checked_ilog2().0
    }

    /// Bits move `amount mod BITS` places up, the top ones wrapping to the
    /// bottom: a barrel shifter, `log₂ BITS` levels of multiplexers.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheUint8, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let x = FheUint8::encrypt(0b1000_0011, &client);
    /// let k = FheUint8::encrypt(10, &client);
    /// let (rotated, shifted) = (x.rotate_left_by(&k), &x << &k);
    /// server.evaluate(&(&rotated, &shifted))?;
    /// assert_eq!(rotated.decrypt(&client)?, 0b1000_0011u8.rotate_left(10));
    /// assert_eq!(shifted.decrypt(&client)?, 0b1000_0011u8.wrapping_shl(10));
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn rotate_left_by(&self, amount: &Self) -> Self {
        Self::op(Operation::RotateLeftBy, vec![self.word.clone(), amount.word.clone()])
    }

    /// Bits move `amount mod BITS` places down, the bottom ones wrapping to
    /// the top (see [`rotate_left_by`](Self::rotate_left_by)).
    pub fn rotate_right_by(&self, amount: &Self) -> Self {
        Self::op(Operation::RotateRightBy, vec![self.word.clone(), amount.word.clone()])
    }
}
