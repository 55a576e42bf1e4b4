//! Multi-bit integers as little-endian vectors of boolean wires: addition,
//! multiplication, comparison, selection, minimum and maximum (the circuits
//! themselves are described in `arith`).

use umbra_fhe_core::{Error, Result};

use super::arith::Shape;
use super::bits::Bit;
use super::builder::{BoolWire, Circuit};
use super::execute::CircuitInputs;
use crate::ciphertext::BoolCiphertext;
use crate::server_key::ServerKey;

fn same_width<T>(what: &'static str, a: &[T], b: &[T]) -> Result<()> {
    if a.len() == b.len() {
        Ok(())
    } else {
        Err(Error::DimensionMismatch { what, expected: a.len(), got: b.len() })
    }
}

fn bits(words: &[BoolWire]) -> Vec<Bit> {
    words.iter().map(|&w| Bit::Wire(w)).collect()
}

impl Circuit {
    fn wires(&mut self, bits: Vec<Bit>) -> Vec<BoolWire> {
        bits.into_iter().map(|b| self.bit_wire(b)).collect()
    }

    /// `a + b mod 2^width` by a parallel-prefix adder: `1 + ⌈log₂ width⌉ + 1`
    /// levels (the top prefix level drops out when no carry needs it).
    pub fn add_words(&mut self, a: &[BoolWire], b: &[BoolWire]) -> Result<Vec<BoolWire>> {
        same_width("add_words operand width", a, b)?;
        let sum = self.add_bits(&bits(a), &bits(b), Bit::ZERO, Shape::Shallow);
        Ok(self.wires(sum))
    }

    /// `a < b` as unsigned numbers: the borrow of `a − b` by a prefix tree,
    /// `1 + ⌈log₂ width⌉` levels.
    pub fn lt_words(&mut self, a: &[BoolWire], b: &[BoolWire]) -> Result<BoolWire> {
        same_width("lt_words operand width", a, b)?;
        let lt = self.less_than_bits(&bits(a), &bits(b), Shape::Shallow);
        Ok(self.bit_wire(lt))
    }

    /// `a == b`: XNOR per bit, then a balanced AND tree (`1 + ⌈log2 width⌉` levels).
    pub fn eq_words(&mut self, a: &[BoolWire], b: &[BoolWire]) -> Result<BoolWire> {
        same_width("eq_words operand width", a, b)?;
        let eq = self.equal_bits(&bits(a), &bits(b));
        Ok(self.bit_wire(eq))
    }

    /// `a · b mod 2^width`: rows of partial products (one per bit, or
    /// radix-4 rows, whichever is shallower), a carry-save (Dadda) tree, then
    /// a parallel-prefix addition.
    pub fn mul_words(&mut self, a: &[BoolWire], b: &[BoolWire]) -> Result<Vec<BoolWire>> {
        same_width("mul_words operand width", a, b)?;
        let product = self.mul_bits(&bits(a), &bits(b), Shape::Shallow);
        Ok(self.wires(product))
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
    /// `2^width`, with the parallel-prefix circuit of [`Circuit::add_words`]
    /// (`2 + ⌈log₂ width⌉` backend calls at most).
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
