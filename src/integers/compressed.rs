//! Encrypted integers that travel light: a list of values of one type, its
//! bits encrypted with masks from one public seed
//! ([`CompressedBoolBatch`](crate::CompressedBoolBatch)),
//! 4 bytes a bit plus a fixed header.

use super::lists::{bits_of, values_of, CompressedFheIntegers};
use super::value::{FheInteger, Integer};
use crate::client_key::ClientKey;

impl<T: Integer> FheInteger<T> {
    /// Encrypts `values` for upload: bit by bit, with masks from one fresh
    /// public seed. A `[u8; 128]` is 4,196 bytes this way on
    /// `default-boolean`, against 3.3 MB as ordinary ciphertexts;
    /// [`expand`](CompressedFheIntegers::expand) gives the values a server
    /// computes on.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, CompressedFheIntegers, FheUint8, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let template = [7u8; 128];
    /// let bytes = FheUint8::encrypt_compressed(&template, &client).to_bytes()?;
    /// assert!(bytes.len() <= 6 * 1024);
    /// // On the server:
    /// let values = CompressedFheIntegers::<u8>::from_bytes(&bytes)?.expand();
    /// let sum: FheUint8 = values.iter().sum();
    /// server.evaluate(&sum)?;
    /// assert_eq!(sum.decrypt(&client)?, 7u8.wrapping_mul(128));
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn encrypt_compressed(values: &[T], client: &ClientKey) -> CompressedFheIntegers<T> {
        CompressedFheIntegers::new(client.encrypt_bools_compressed(&bits_of(values)))
    }
}

impl<T: Integer> CompressedFheIntegers<T> {
    /// The values, as evaluated [`FheInteger`]s: the masks regenerated from
    /// the seed.
    pub fn expand(&self) -> Vec<FheInteger<T>> {
        values_of(self.bits.expand())
    }
}
