//! Encrypted integers packed for the way back: their bits in one
//! [`PackedBoolList`](crate::PackedBoolList), which only the client decrypts.

use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::Result;

use super::lazy::ReadyBit;
use super::lists::PackedFheIntegers;
use super::value::{FheInteger, Integer};
use crate::ciphertext::BoolCiphertext;
use crate::client_key::ClientKey;
use crate::encoding;
use crate::packing::PackingKey;

impl PackingKey {
    /// Packs evaluated `values`, their bits in order; an error for a value
    /// not evaluated yet, or of another key. Public bits travel as noiseless
    /// encryptions. On `default-boolean` a chunk of 512 bits is 8 KB, 16
    /// bytes a bit (a single `u32` result: 8,260 bytes instead of 103,228).
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, FheUint32, PackedFheIntegers, PackingKey, ServerKey};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let packing = PackingKey::new(&client)?;
    /// let sum = FheUint32::encrypt(3_000_000_000, &client) + 1_000_000u32;
    /// server.evaluate(&sum)?;
    /// let bytes = packing.pack_integers(&[sum])?.to_bytes()?;
    /// let back = PackedFheIntegers::<u32>::from_bytes(&bytes)?.decrypt(&client)?;
    /// assert_eq!(back, [3_001_000_000]);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn pack_integers<T: Integer>(&self, values: &[FheInteger<T>]) -> Result<PackedFheIntegers<T>> {
        let mut bits = Vec::with_capacity(values.len() * T::BITS as usize);
        for value in values {
            for bit in value.word.ready_bits()? {
                bits.push(match bit {
                    ReadyBit::Encrypted(ct) => ct,
                    ReadyBit::Const(v) => self.public_bit(v),
                });
            }
        }
        Ok(PackedFheIntegers::new(self.pack(&bits)?))
    }

    /// The noiseless encryption of a public bit, under this key's pair.
    fn public_bit(&self, value: bool) -> BoolCiphertext {
        BoolCiphertext {
            lwe: LweCiphertext::trivial(self.lwe_dimension(), encoding::encode_bool(value)),
            tag: self.tag(),
        }
    }
}

impl<T: Integer> PackedFheIntegers<T> {
    /// The values, decrypted by the client whose packing key packed them.
    pub fn decrypt(&self, client: &ClientKey) -> Result<Vec<T>> {
        let bits = client.decrypt_packed(&self.bits)?;
        Ok(bits
            .chunks_exact(T::BITS as usize)
            .map(|value| T::from_u64_wrapping(value.iter().enumerate().map(|(i, &b)| u64::from(b) << i).sum()))
            .collect())
    }
}
