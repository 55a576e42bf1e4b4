//! Small integers: lookup tables by programmable bootstrapping, and linear
//! operations that need no bootstrap.
//!
//! A message `m ∈ [0, 2^bits)` is `m·Δ` with `Δ = 2^{31−bits}`; the top bit
//! of the torus is padding. Linear results must stay below `2^bits` before
//! they go through a lookup table: a value that spills into the padding bit
//! comes out of a bootstrap negated (`−f(m)`), as negacyclic rotation dictates.
//! Decryption always reduces mod `2^bits`.

use umbra_fhe_core::backend::Luts;
use umbra_fhe_core::bootstrap::LookupTable;
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::{Error, Result};

use crate::ciphertext::IntCiphertext;
use crate::server_key::ServerKey;

/// A lookup table for one server key's parameter set, built once and reused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntLookupTable {
    table: LookupTable,
    params: &'static str,
}

impl ServerKey {
    fn check_ints<'a>(&self, cts: impl IntoIterator<Item = &'a IntCiphertext>) -> Result<()> {
        cts.into_iter().try_for_each(|ct| self.tag.check(&ct.tag))
    }

    fn wrap_ints(&self, lwes: Vec<LweCiphertext>) -> Vec<IntCiphertext> {
        lwes.into_iter().map(|lwe| IntCiphertext { lwe, tag: self.tag }).collect()
    }

    fn delta(&self) -> u32 {
        1 << (31 - self.params.message_bits)
    }

    fn check_table(&self, table: &IntLookupTable) -> Result<()> {
        if table.params != self.params.name {
            return Err(Error::ParameterMismatch { expected: self.params.name.into(), found: table.params.into() });
        }
        Ok(())
    }

    /// The table of `f` (outputs reduced mod `2^bits`), for reuse across calls.
    ///
    /// ```
    /// use umbra_fhe::{ClientKey, ServerKey, params};
    /// let client = ClientKey::new(params::MESSAGE_2_BITS)?;
    /// let server = ServerKey::new(&client)?;
    /// let square = server.lookup_table(|m| m * m)?;
    /// let inputs: Vec<_> = (0..4).map(|m| client.encrypt(m)).collect::<Result<_, _>>()?;
    /// let out = server.apply_lookup_table_batch(&inputs, &square)?;
    /// let plain: Vec<u64> = out.iter().map(|c| client.decrypt(c)).collect::<Result<_, _>>()?;
    /// assert_eq!(plain, [0, 1, 0, 1]); // m² mod 4
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn lookup_table(&self, f: impl Fn(u64) -> u64) -> Result<IntLookupTable> {
        let table = LookupTable::from_function(self.params.polynomial_size, self.params.message_bits, f)?;
        Ok(IntLookupTable { table, params: self.params.name })
    }

    /// `table(m)` for every input, in one backend call.
    pub fn apply_lookup_table_batch(
        &self,
        cts: &[IntCiphertext],
        table: &IntLookupTable,
    ) -> Result<Vec<IntCiphertext>> {
        self.check_table(table)?;
        self.check_ints(cts)?;
        let lwes: Vec<LweCiphertext> = cts.iter().map(|c| c.lwe.clone()).collect();
        Ok(self.wrap_ints(self.bootstrap(&lwes, Luts::Shared(&table.table))?))
    }

    /// `tables[selection[i]](cts[i])` for every input, in one backend call.
    pub fn apply_lookup_tables_batch(
        &self,
        cts: &[IntCiphertext],
        tables: &[IntLookupTable],
        selection: &[usize],
    ) -> Result<Vec<IntCiphertext>> {
        tables.iter().try_for_each(|t| self.check_table(t))?;
        self.check_ints(cts)?;
        let raw: Vec<LookupTable> = tables.iter().map(|t| t.table.clone()).collect();
        let lwes: Vec<LweCiphertext> = cts.iter().map(|c| c.lwe.clone()).collect();
        Ok(self.wrap_ints(self.bootstrap(&lwes, Luts::PerInput { tables: &raw, selection })?))
    }

    /// `f(m)` for every input, in one backend call.
    pub fn apply_lut_batch(&self, cts: &[IntCiphertext], f: impl Fn(u64) -> u64) -> Result<Vec<IntCiphertext>> {
        self.apply_lookup_table_batch(cts, &self.lookup_table(f)?)
    }

    /// `f(m)` (one bootstrap).
    ///
    /// ```
    /// let client = umbra_fhe::ClientKey::new(umbra_fhe::params::MESSAGE_3_BITS)?;
    /// let server = umbra_fhe::ServerKey::new(&client)?;
    /// let ct = server.apply_lut(&client.encrypt(5)?, |m| 7 - m)?;
    /// assert_eq!(client.decrypt(&ct)?, 2);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn apply_lut(&self, ct: &IntCiphertext, f: impl Fn(u64) -> u64) -> Result<IntCiphertext> {
        Ok(self.apply_lut_batch(std::slice::from_ref(ct), f)?.remove(0))
    }

    /// A noiseless encryption of `m` under this key (a public constant).
    pub fn trivial_int(&self, m: u64) -> Result<IntCiphertext> {
        let bits = self.params.message_bits;
        if m >> bits != 0 {
            return Err(Error::InvalidInput(format!("message {m} does not fit in {bits} bits")));
        }
        let lwe = LweCiphertext::trivial(self.params.lwe_dimension, (m as u32).wrapping_mul(self.delta()));
        Ok(IntCiphertext { lwe, tag: self.tag })
    }

    /// `a + b` (no bootstrap; noise variances add).
    ///
    /// ```
    /// let client = umbra_fhe::ClientKey::new(umbra_fhe::params::MESSAGE_4_BITS)?;
    /// let server = umbra_fhe::ServerKey::new(&client)?;
    /// let sum = server.add(&client.encrypt(9)?, &client.encrypt(4)?)?;
    /// assert_eq!(client.decrypt(&sum)?, 13);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn add(&self, a: &IntCiphertext, b: &IntCiphertext) -> Result<IntCiphertext> {
        self.check_ints([a, b])?;
        let mut lwe = a.lwe.clone();
        lwe.add_assign(&b.lwe)?;
        Ok(IntCiphertext { lwe, tag: self.tag })
    }

    /// `a − b` (no bootstrap); negative results wrap into the padding bit.
    pub fn sub(&self, a: &IntCiphertext, b: &IntCiphertext) -> Result<IntCiphertext> {
        self.check_ints([a, b])?;
        let mut lwe = a.lwe.clone();
        lwe.sub_assign(&b.lwe)?;
        Ok(IntCiphertext { lwe, tag: self.tag })
    }

    /// `c·a` for a small constant `c < 2^bits` (no bootstrap; noise deviation grows by `c`).
    pub fn scalar_mul(&self, a: &IntCiphertext, c: u64) -> Result<IntCiphertext> {
        self.check_ints([a])?;
        let bits = self.params.message_bits;
        if c >> bits != 0 {
            return Err(Error::InvalidInput(format!("scalar {c} does not fit in {bits} bits")));
        }
        let mut lwe = a.lwe.clone();
        lwe.scalar_mul_assign(c as i32);
        Ok(IntCiphertext { lwe, tag: self.tag })
    }

    /// `a + c` for a constant `c < 2^bits` (no bootstrap, no extra noise).
    pub fn scalar_add(&self, a: &IntCiphertext, c: u64) -> Result<IntCiphertext> {
        self.check_ints([a])?;
        let constant = self.trivial_int(c)?;
        let mut lwe = a.lwe.clone();
        lwe.add_assign(&constant.lwe)?;
        Ok(IntCiphertext { lwe, tag: self.tag })
    }
}
