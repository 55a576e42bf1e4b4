//! The right-hand side of an [`FheInteger`] method: an encrypted value or a
//! plaintext one.

use super::value::{FheInteger, Integer};

mod sealed {
    pub trait Sealed {}
}

/// A right-hand operand of the methods of [`FheInteger<T>`]: another
/// `FheInteger<T>`, by reference or by value, or a plaintext `T`.
///
/// A plaintext operand is a public value: its bits fold into the circuit,
/// so `x.lt(5u8)` costs less than `x.lt(&y)` (7 bootstraps instead of 8 on
/// the small shape: the borrow below the lowest one of the constant is
/// known), `x.lt(128u8)` and `x / 8u8` nothing at all.
///
/// ```
/// use umbra_fhe::{params, ClientKey, FheUint8, ServerKey};
/// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
/// let server = ServerKey::new(&client)?;
/// let x = FheUint8::encrypt(4, &client);
/// let (small, large) = (x.lt(5u8), x.ge(&FheUint8::encrypt(200, &client)));
/// server.evaluate(&(&small, &large))?;
/// assert!(small.decrypt(&client)?);
/// assert!(!large.decrypt(&client)?);
/// # Ok::<(), umbra_fhe::Error>(())
/// ```
pub trait Operand<T: Integer>: sealed::Sealed {
    /// The operand as an encrypted value (a public one for a plaintext).
    fn into_operand(self) -> FheInteger<T>;
}

impl<T: Integer> sealed::Sealed for &FheInteger<T> {}
impl<T: Integer> Operand<T> for &FheInteger<T> {
    fn into_operand(self) -> FheInteger<T> {
        self.clone()
    }
}

impl<T: Integer> sealed::Sealed for FheInteger<T> {}
impl<T: Integer> Operand<T> for FheInteger<T> {
    fn into_operand(self) -> FheInteger<T> {
        self
    }
}

impl<T: Integer> sealed::Sealed for T {}
impl<T: Integer> Operand<T> for T {
    fn into_operand(self) -> FheInteger<T> {
        FheInteger::trivial(self)
    }
}
