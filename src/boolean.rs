//! Boolean gates by gate bootstrapping, one backend call per batch.
//!
//! A two-input gate is one linear combination (free) followed by one
//! bootstrap with the sign table; the combinations, and how a mux recombines
//! its two halves, are those of [`crate::encoding`].

use umbra_fhe_core::bootstrap::LookupTable;
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::{Error, Result};

use crate::ciphertext::BoolCiphertext;
use crate::encoding::{self, Amplitude, Gate};
use crate::server_key::ServerKey;

impl ServerKey {
    fn sign_table(&self) -> LookupTable {
        Amplitude::Narrow.sign_table(self.params.polynomial_size)
    }

    fn check_bools<'a>(&self, cts: impl IntoIterator<Item = &'a BoolCiphertext>) -> Result<()> {
        cts.into_iter().try_for_each(|ct| self.tag.check(&ct.tag))
    }

    fn wrap_bools(&self, lwes: Vec<LweCiphertext>) -> Vec<BoolCiphertext> {
        lwes.into_iter().map(|lwe| BoolCiphertext { lwe, tag: self.tag }).collect()
    }

    /// A noiseless encryption of `value` under this key (a public constant).
    pub fn trivial_bool(&self, value: bool) -> BoolCiphertext {
        let lwe = LweCiphertext::trivial(self.params.lwe_dimension, encoding::encode_bool(value));
        BoolCiphertext { lwe, tag: self.tag }
    }

    /// Evaluates a mixed batch of gates in one backend call.
    ///
    /// ```
    /// use umbra_fhe::{ClientKey, Gate, ServerKey, params};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let (t, f) = (client.encrypt_bool(true), client.encrypt_bool(false));
    /// let out = server.gates_batch(&[(Gate::And, &t, &f), (Gate::Or, &t, &f)])?;
    /// assert_eq!((client.decrypt_bool(&out[0])?, client.decrypt_bool(&out[1])?), (false, true));
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn gates_batch(&self, ops: &[(Gate, &BoolCiphertext, &BoolCiphertext)]) -> Result<Vec<BoolCiphertext>> {
        let combined = ops
            .iter()
            .map(|(gate, a, b)| {
                self.check_bools([*a, *b])?;
                gate.linear(&a.lwe, &b.lwe)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(self.wrap_bools(self.bootstrap_shared(&combined, &self.sign_table())?))
    }

    /// Applies `gate` to each pair `(lhs[i], rhs[i])` in one backend call.
    pub fn gate_batch(
        &self,
        gate: Gate,
        lhs: &[BoolCiphertext],
        rhs: &[BoolCiphertext],
    ) -> Result<Vec<BoolCiphertext>> {
        if lhs.len() != rhs.len() {
            return Err(Error::DimensionMismatch { what: "gate batch operands", expected: lhs.len(), got: rhs.len() });
        }
        let ops: Vec<_> = lhs.iter().zip(rhs).map(|(a, b)| (gate, a, b)).collect();
        self.gates_batch(&ops)
    }

    /// Applies `gate` to one pair.
    pub fn gate(&self, gate: Gate, a: &BoolCiphertext, b: &BoolCiphertext) -> Result<BoolCiphertext> {
        Ok(self.gates_batch(&[(gate, a, b)])?.remove(0))
    }

    /// `¬a`: free (negation, no bootstrap).
    pub fn not(&self, a: &BoolCiphertext) -> Result<BoolCiphertext> {
        self.check_bools([a])?;
        let mut lwe = a.lwe.clone();
        lwe.negate();
        Ok(BoolCiphertext { lwe, tag: self.tag })
    }

    /// `¬a` for every element.
    pub fn not_batch(&self, a: &[BoolCiphertext]) -> Result<Vec<BoolCiphertext>> {
        a.iter().map(|x| self.not(x)).collect()
    }

    /// `c ? a : b`, elementwise, in one backend call of `2·len` bootstraps.
    ///
    /// Computes `u = c ∧ a` and `v = ¬c ∧ b`; at most one is true, so
    /// `u ∨ v = u + v + 1/8` needs no third bootstrap. The output's noise is the
    /// sum of two bootstrapped ciphertexts (twice a gate's), which the noise
    /// model includes for every shipped set.
    pub fn mux_batch(
        &self,
        c: &[BoolCiphertext],
        a: &[BoolCiphertext],
        b: &[BoolCiphertext],
    ) -> Result<Vec<BoolCiphertext>> {
        if c.len() != a.len() || c.len() != b.len() {
            return Err(Error::InvalidInput(format!(
                "mux batch operands differ in length: {}, {}, {}",
                c.len(),
                a.len(),
                b.len()
            )));
        }
        self.check_bools(c.iter().chain(a).chain(b))?;
        let mut halves = Vec::with_capacity(2 * c.len());
        for ((c, a), b) in c.iter().zip(a).zip(b) {
            halves.extend(encoding::mux_halves(&c.lwe, &a.lwe, &b.lwe)?);
        }
        self.bootstrap_shared(&halves, &self.sign_table())?
            .chunks_exact(2)
            .map(|uv| Ok(BoolCiphertext { lwe: encoding::disjoint_or(&uv[0], &uv[1])?, tag: self.tag }))
            .collect()
    }

    /// `c ? a : b`.
    ///
    /// ```
    /// let client = umbra_fhe::ClientKey::new(umbra_fhe::params::DEFAULT_BOOLEAN)?;
    /// let server = umbra_fhe::ServerKey::new(&client)?;
    /// let (c, a, b) = (client.encrypt_bool(false), client.encrypt_bool(true), client.encrypt_bool(false));
    /// assert!(!client.decrypt_bool(&server.mux(&c, &a, &b)?)?);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn mux(&self, c: &BoolCiphertext, a: &BoolCiphertext, b: &BoolCiphertext) -> Result<BoolCiphertext> {
        Ok(self.mux_batch(std::slice::from_ref(c), std::slice::from_ref(a), std::slice::from_ref(b))?.remove(0))
    }
}

macro_rules! named_gates {
    ($($gate:ident: $single:ident, $batch:ident;)*) => {
        impl ServerKey {
            $(
                #[doc = concat!("`", stringify!($gate), "` of two encrypted booleans (one bootstrap); see [`Gate::", stringify!($gate), "`].")]
                pub fn $single(&self, a: &BoolCiphertext, b: &BoolCiphertext) -> Result<BoolCiphertext> {
                    self.gate(Gate::$gate, a, b)
                }

                #[doc = concat!("`", stringify!($gate), "` of each pair `(lhs[i], rhs[i])`, in one backend call.")]
                pub fn $batch(&self, lhs: &[BoolCiphertext], rhs: &[BoolCiphertext]) -> Result<Vec<BoolCiphertext>> {
                    self.gate_batch(Gate::$gate, lhs, rhs)
                }
            )*
        }
    };
}

named_gates! {
    And: and, and_batch;
    Or: or, or_batch;
    Nand: nand, nand_batch;
    Nor: nor, nor_batch;
    Xor: xor, xor_batch;
    Xnor: xnor, xnor_batch;
}
