//! Multi-bit integers as little-endian vectors of boolean wires: addition,
//! comparison, selection, minimum and maximum.
//!
//! Carries and borrows use [`Circuit::disjoint_or`]: in each step the two
//! terms OR-ed together are never both true, so the OR costs no bootstrap.

use umbra_fhe_core::{Error, Result};

use super::{BoolWire, Circuit, CircuitInputs};
use crate::ciphertext::BoolCiphertext;
use crate::server_key::ServerKey;

fn same_width<T>(what: &'static str, a: &[T], b: &[T]) -> Result<()> {
    if a.len() == b.len() {
        Ok(())
    } else {
        Err(Error::DimensionMismatch { what, expected: a.len(), got: b.len() })
    }
}

impl Circuit {
    /// `a + b mod 2^width` (ripple carry): `2·width` bootstraps on level 1, then
    /// two per bit, one level per bit; `width` levels in all.
    pub fn add_words(&mut self, a: &[BoolWire], b: &[BoolWire]) -> Result<Vec<BoolWire>> {
        same_width("add_words operand width", a, b)?;
        let xor: Vec<_> = a.iter().zip(b).map(|(&x, &y)| self.xor(x, y)).collect();
        let and: Vec<_> = a.iter().zip(b).map(|(&x, &y)| self.and(x, y)).collect();
        let mut sum = Vec::with_capacity(a.len());
        let Some((&first, _)) = xor.split_first() else { return Ok(sum) };
        sum.push(first);
        let mut carry = and[0];
        for i in 1..a.len() {
            sum.push(self.xor(xor[i], carry));
            // g_i = a_i ∧ b_i and p_i = (a_i ⊕ b_i) ∧ c_i exclude each other.
            let propagated = self.and(xor[i], carry);
            carry = self.disjoint_or(and[i], propagated);
        }
        Ok(sum)
    }

    /// `a < b` as unsigned numbers (ripple borrow): `width` levels.
    pub fn lt_words(&mut self, a: &[BoolWire], b: &[BoolWire]) -> Result<BoolWire> {
        same_width("lt_words operand width", a, b)?;
        // borrow_{i+1} = (¬a_i ∧ b_i) ∨ (¬(a_i ⊕ b_i) ∧ borrow_i); the two terms exclude each other.
        let mut borrow: Option<BoolWire> = None;
        for (&x, &y) in a.iter().zip(b) {
            let not_x = self.not(x);
            let strictly = self.and(not_x, y);
            borrow = Some(match borrow {
                None => strictly,
                Some(previous) => {
                    let same = self.xnor(x, y);
                    let kept = self.and(same, previous);
                    self.disjoint_or(strictly, kept)
                }
            });
        }
        Ok(borrow.unwrap_or_else(|| self.bool_constant(false)))
    }

    /// `a == b`: XNOR per bit, then a balanced AND tree (`1 + ⌈log2 width⌉` levels).
    pub fn eq_words(&mut self, a: &[BoolWire], b: &[BoolWire]) -> Result<BoolWire> {
        same_width("eq_words operand width", a, b)?;
        let mut layer: Vec<_> = a.iter().zip(b).map(|(&x, &y)| self.xnor(x, y)).collect();
        if layer.is_empty() {
            return Ok(self.bool_constant(true));
        }
        while layer.len() > 1 {
            layer = layer.chunks(2).map(|p| if let [x, y] = *p { self.and(x, y) } else { p[0] }).collect();
        }
        Ok(layer[0])
    }

    /// `c ? a : b`, bit by bit (one level).
    pub fn select_words(&mut self, c: BoolWire, a: &[BoolWire], b: &[BoolWire]) -> Result<Vec<BoolWire>> {
        same_width("select_words operand width", a, b)?;
        Ok(a.iter().zip(b).map(|(&x, &y)| self.mux(c, x, y)).collect())
    }

    /// `(min(a, b), max(a, b))`: one comparison and two selections, the
    /// compare-exchange of a sorting network.
    pub fn min_max_words(&mut self, a: &[BoolWire], b: &[BoolWire]) -> Result<(Vec<BoolWire>, Vec<BoolWire>)> {
        let a_smaller = self.lt_words(a, b)?;
        Ok((self.select_words(a_smaller, a, b)?, self.select_words(a_smaller, b, a)?))
    }
}

impl ServerKey {
    /// Adds two little-endian encrypted numbers of the same width, modulo
    /// `2^width`, with the ripple-carry circuit of [`Circuit::add_words`]
    /// (`4·width − 2` bootstraps in `width` backend calls).
    ///
    /// ```
    /// use umbra_fhe::{ClientKey, ServerKey, params};
    /// let client = ClientKey::new(params::DEFAULT_BOOLEAN)?;
    /// let server = ServerKey::new(&client)?;
    /// let bits = |x: u8| (0..4).map(|i| client.encrypt_bool(x >> i & 1 == 1)).collect::<Vec<_>>();
    /// let sum = server.add_bits(&bits(9), &bits(5))?;
    /// let value = sum.iter().enumerate().try_fold(0u8, |acc, (i, b)| {
    ///     client.decrypt_bool(b).map(|bit| acc | (u8::from(bit) << i))
    /// })?;
    /// assert_eq!(value, 14);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn add_bits(&self, a: &[BoolCiphertext], b: &[BoolCiphertext]) -> Result<Vec<BoolCiphertext>> {
        same_width("adder operand width", a, b)?;
        let mut circuit = Circuit::new();
        let x = circuit.bool_inputs(a.len());
        let y = circuit.bool_inputs(b.len());
        for s in circuit.add_words(&x, &y)? {
            circuit.output_bool(s);
        }
        let inputs = CircuitInputs::bools(a.iter().chain(b).cloned().collect());
        Ok(circuit.evaluate(self, &inputs)?.0.bools)
    }
}
