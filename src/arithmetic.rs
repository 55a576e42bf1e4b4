//! Multi-bit arithmetic on encrypted booleans.

use umbra_core::{Error, Result};

use crate::boolean::Gate;
use crate::ciphertext::BoolCiphertext;
use crate::client_key::BOOL_MU;
use crate::server_key::ServerKey;

impl ServerKey {
    /// Adds two little-endian encrypted numbers of the same width, modulo `2^width`.
    ///
    /// Ripple carry with `2 + 2·(width−1)` bootstraps over `width` backend calls:
    /// first `x_i = a_i ⊕ b_i` and `g_i = a_i ∧ b_i` for every bit in one batch,
    /// then per bit `s_i = x_i ⊕ c_i` and `p_i = x_i ∧ c_i`. The carry
    /// `c_{i+1} = g_i ∨ p_i` is free: `g_i` and `p_i` are never both true, so
    /// `g_i + p_i + 1/8` encrypts their disjunction.
    ///
    /// ```
    /// use umbra::{ClientKey, ServerKey, params};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let bits = |x: u8| (0..4).map(|i| client.encrypt_bool(x >> i & 1 == 1)).collect::<Vec<_>>();
    /// let sum = server.add_bits(&bits(9), &bits(5))?;
    /// let value = sum.iter().enumerate().try_fold(0u8, |acc, (i, b)| {
    ///     client.decrypt_bool(b).map(|bit| acc | (u8::from(bit) << i))
    /// })?;
    /// assert_eq!(value, 14);
    /// # Ok::<(), umbra::Error>(())
    /// ```
    pub fn add_bits(&self, a: &[BoolCiphertext], b: &[BoolCiphertext]) -> Result<Vec<BoolCiphertext>> {
        if a.len() != b.len() {
            return Err(Error::DimensionMismatch { what: "adder operand width", expected: a.len(), got: b.len() });
        }
        if a.is_empty() {
            return Ok(Vec::new());
        }
        let width = a.len();
        let mut first: Vec<_> = a.iter().zip(b).map(|(x, y)| (Gate::Xor, x, y)).collect();
        first.extend(a.iter().zip(b).map(|(x, y)| (Gate::And, x, y)));
        let level = self.gates_batch(&first)?;
        let (xor, and) = level.split_at(width);

        let mut sum = Vec::with_capacity(width);
        sum.push(xor[0].clone());
        let mut carry = and[0].clone();
        for i in 1..width {
            let step = self.gates_batch(&[(Gate::Xor, &xor[i], &carry), (Gate::And, &xor[i], &carry)])?;
            let mut next = and[i].clone();
            next.lwe.add_assign(&step[1].lwe)?;
            next.lwe.add_plaintext(BOOL_MU);
            sum.push(step[0].clone());
            carry = next;
        }
        Ok(sum)
    }
}
