//! Helpers shared by the user-level tests.

use umbra_fhe::{BoolCiphertext, ClientKey};

/// Encrypts the low `width` bits of `x`, least significant first.
pub fn encrypt_bits(client: &ClientKey, x: u64, width: usize) -> Vec<BoolCiphertext> {
    (0..width).map(|i| client.encrypt_bool(x >> i & 1 == 1)).collect()
}

/// Decrypts little-endian bits into a number.
pub fn decrypt_bits(client: &ClientKey, bits: &[BoolCiphertext]) -> u64 {
    bits.iter().enumerate().map(|(i, b)| u64::from(client.decrypt_bool(b).unwrap()) << i).sum()
}
