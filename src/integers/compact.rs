//! Encrypted integers from a public key: a list of values of one type, its
//! bits in one [`CompactBoolList`](crate::CompactBoolList), 8 bytes a bit.

use super::lists::{bits_of, values_of, CompactFheIntegers};
use super::value::{FheInteger, Integer};
use crate::public_key::PublicKey;

impl<T: Integer> FheInteger<T> {
    /// Encrypts `values` under a public key, as one compact list;
    /// [`expand`](CompactFheIntegers::expand) gives the values a server
    /// computes on.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, CompactFheIntegers, FheUint8, PublicKey, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let public = PublicKey::new(&client)?;
    /// // Anyone with the public key:
    /// let bytes = FheUint8::encrypt_public(&[200, 100], &public).to_bytes()?;
    /// // The server:
    /// let values = CompactFheIntegers::<u8>::from_bytes(&bytes)?.expand();
    /// let sum = &values[0] + &values[1];
    /// server.evaluate(&sum)?;
    /// assert_eq!(sum.decrypt(&client)?, 44);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn encrypt_public(values: &[T], key: &PublicKey) -> CompactFheIntegers<T> {
        CompactFheIntegers::new(key.encrypt_bools(&bits_of(values)))
    }
}

impl<T: Integer> CompactFheIntegers<T> {
    /// The values, as evaluated [`FheInteger`]s.
    pub fn expand(&self) -> Vec<FheInteger<T>> {
        values_of(self.bits.expand())
    }
}
