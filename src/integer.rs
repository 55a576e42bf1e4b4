//! Small integers: lookup tables by programmable bootstrapping, and linear
//! operations that need no bootstrap.
//!
//! A message `m ∈ [0, 2^bits)` is `m·Δ` with `Δ = 2^{31−bits}`; the top bit
//! of the torus is padding. A value that spills into the padding bit comes out
//! of a bootstrap negated (`−f(m)`), as negacyclic rotation dictates, so every
//! integer ciphertext carries its *degree*, the largest value it may hold. Its
//! error must also stay within `Δ/2` for it to decrypt (or go through a
//! table) right, so it carries a *noise bound* too: what its error is made of,
//! as weights of fresh-encryption and bootstrap-output errors
//! (`crate::noise_bound`). The rules below keep both in range:
//!
//! | operation | degree of the result | noise of the result | error when |
//! |---|---|---|---|
//! | [`ClientKey::encrypt`](crate::ClientKey::encrypt) | `2^bits − 1` | a fresh encryption's | — |
//! | [`ClientKey::encrypt_bounded`](crate::ClientKey::encrypt_bounded)`(m, d)` | `d` | a fresh encryption's | `m > d` or `d ≥ 2^bits` |
//! | [`ServerKey::trivial_int`]`(c)` | `c` | none | `c ≥ 2^bits` |
//! | [`add`](ServerKey::add) | `deg a + deg b` | variances add; bootstrap offsets add | degree above `2^bits − 1`, or noise beyond the target |
//! | [`scalar_add`](ServerKey::scalar_add)`(a, c)` | `deg a + c` | that of `a` | degree above `2^bits − 1` |
//! | [`scalar_mul`](ServerKey::scalar_mul)`(a, c)` | `c · deg a` | `c²` times the variance | `c ≥ 2^bits`, degree above `2^bits − 1`, or noise beyond the target |
//! | [`wrapping_add`](ServerKey::wrapping_add) | `deg a + deg b`, at most `2^(bits+1) − 1` | as `add` | noise beyond the target |
//! | [`wrapping_sub`](ServerKey::wrapping_sub) | `deg a` if `deg b = 0`, else `2^(bits+1) − 1` | variances add; offsets cancel | noise beyond the target |
//! | a lookup table `f` | `max f(m) mod 2^bits` over `m ≤ deg a` | a bootstrap output's | `deg a > 2^bits − 1` |
//!
//! The noise target is a failure probability of 2⁻⁶⁴ per decryption or
//! lookup, or the set's own lookup on a bootstrap output where that is
//! looser (`message-4`, ≈ 2⁻⁶⁴·⁴); [`ServerKey::failure_log2`] reports a
//! ciphertext's. What that allows on a table output, by the noise model of
//! `umbra_fhe_core::noise`: multiplying by up to 2 and summing as many as
//! the degree allows on `message-2`, summing 2 on `message-3`, neither on
//! `message-4`; fresh
//! encryptions, whose error is far smaller, take any constant the degree
//! allows. Apply a table first (it resets the noise) or pick a set with more
//! room.
//!
//! Decryption reduces mod `2^bits`, which is exact for wrapping results too:
//! they are right modulo `2^bits`, but cannot go through a lookup table. The
//! overflow errors are [`Error::MessageOverflow`] and
//! [`Error::NoiseOverflow`]. [`Circuit`](crate::circuit::Circuit) integer
//! nodes follow the same rules, checked before anything is bootstrapped.
//! Both check them through one type each, [`MessageSpace`] and
//! `NoiseModel`.

use umbra_fhe_core::backend::Luts;
use umbra_fhe_core::bootstrap::LookupTable;
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::params::ParameterId;
use umbra_fhe_core::{Error, Result};

use crate::ciphertext::IntCiphertext;
use crate::encoding::MessageSpace;
use crate::noise_bound::{NoiseBound, NoiseModel};
use crate::server_key::ServerKey;

/// A lookup table for one server key's parameter set, built once and reused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntLookupTable {
    pub(crate) table: LookupTable,
    params: ParameterId,
    /// `f(m) mod 2^bits` for every message `m`: the output degrees.
    outputs: Vec<u64>,
}

impl IntLookupTable {
    /// Degree of the output for an input of degree `input` (at most the
    /// largest message, checked by [`MessageSpace::in_range`] first).
    pub(crate) fn output_degree(&self, input: u64) -> u64 {
        let end = usize::try_from(input).map_or(self.outputs.len(), |i| (i + 1).min(self.outputs.len()));
        self.outputs[..end].iter().copied().max().unwrap_or(0)
    }
}

impl ServerKey {
    fn check_ints<'a>(&self, cts: impl IntoIterator<Item = &'a IntCiphertext>) -> Result<()> {
        cts.into_iter().try_for_each(|ct| self.tag.check(&ct.tag))
    }

    pub(crate) fn message_space(&self) -> MessageSpace {
        MessageSpace::of(&self.params)
    }

    pub(crate) fn noise_model(&self) -> NoiseModel {
        NoiseModel::integers(&self.params)
    }

    pub(crate) fn int(&self, lwe: LweCiphertext, degree: u64, noise: NoiseBound) -> IntCiphertext {
        IntCiphertext { lwe, tag: self.tag, degree, noise }
    }

    /// `log2` of the predicted probability that `ct` decrypts, or goes
    /// through a lookup table, wrongly: from its noise bound (public, like
    /// its degree) and the noise model of the parameter set
    /// (`umbra_fhe_core::noise`). Linear operations refuse a result above
    /// the set's target, 2⁻⁶⁴ (or the set's own lookup on a bootstrapped
    /// input, where that is looser), with an [`Error::NoiseOverflow`]; a
    /// lookup table resets it. An error for another key's ciphertext.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, ServerKey};
    /// let client = ClientKey::new(params::MESSAGE_2_BITS)?;
    /// let server = ServerKey::new(&client)?;
    /// let bit = server.apply_lut(&client.encrypt(3)?, |m| m & 1)?;
    /// let doubled = server.scalar_mul(&bit, 2)?;
    /// assert!(server.failure_log2(&doubled)? > server.failure_log2(&bit)?);
    /// assert!(server.failure_log2(&doubled)? <= -64.0);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn failure_log2(&self, ct: &IntCiphertext) -> Result<f64> {
        self.check_ints([ct])?;
        Ok(self.noise_model().failure_log2(ct.noise))
    }

    fn check_table(&self, table: &IntLookupTable) -> Result<()> {
        if table.params != self.tag.params {
            return Err(Error::ParameterMismatch {
                expected: self.tag.params.to_string(),
                found: table.params.to_string(),
            });
        }
        Ok(())
    }

    /// Checks every input's key and degree, then bootstraps input `i` with
    /// `tables[selection[i]]`, or with `tables[0]` when `selection` is `None`.
    fn apply_tables(
        &self,
        cts: &[IntCiphertext],
        tables: &[IntLookupTable],
        selection: Option<&[usize]>,
    ) -> Result<Vec<IntCiphertext>> {
        tables.iter().try_for_each(|t| self.check_table(t))?;
        self.check_ints(cts)?;
        let space = self.message_space();
        let degrees = cts
            .iter()
            .enumerate()
            .map(|(i, ct)| {
                let index = selection.map_or(Some(0), |s| s.get(i).copied());
                let table = index.and_then(|t| tables.get(t)).ok_or_else(|| {
                    Error::InvalidInput(format!("input {i} selects none of the {} tables", tables.len()))
                })?;
                Ok(table.output_degree(space.in_range(ct.degree)?))
            })
            .collect::<Result<Vec<u64>>>()?;
        let lwes: Vec<LweCiphertext> = cts.iter().map(|c| c.lwe.clone()).collect();
        let raw: Vec<LookupTable> = tables.iter().map(|t| t.table.clone()).collect();
        let out = match selection {
            Some(selection) => self.bootstrap(&lwes, Luts::PerInput { tables: &raw, selection })?,
            None => match raw.first() {
                Some(table) => self.bootstrap(&lwes, Luts::Shared(table))?,
                None => return Err(Error::InvalidInput("no lookup table given".into())),
            },
        };
        Ok(out.into_iter().zip(degrees).map(|(lwe, degree)| self.int(lwe, degree, NoiseBound::BOOTSTRAPPED)).collect())
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
    /// assert_eq!(out[0].degree(), 1); // every output is 0 or 1
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn lookup_table(&self, f: impl Fn(u64) -> u64) -> Result<IntLookupTable> {
        let space = self.message_space();
        let outputs: Vec<u64> = (0..=space.max()).map(|m| f(m) & space.max()).collect();
        let table = LookupTable::from_function(self.params.polynomial_size, self.params.message_bits, |m| {
            outputs.get(m as usize).copied().unwrap_or(0)
        })?;
        Ok(IntLookupTable { table, params: self.tag.params, outputs })
    }

    /// `table(m)` for every input, in one backend call. An
    /// [`Error::MessageOverflow`] for an input whose degree exceeds the largest
    /// message (the result of a `wrapping_` operation).
    pub fn apply_lookup_table_batch(
        &self,
        cts: &[IntCiphertext],
        table: &IntLookupTable,
    ) -> Result<Vec<IntCiphertext>> {
        self.apply_tables(cts, std::slice::from_ref(table), None)
    }

    /// `tables[selection[i]](cts[i])` for every input, in one backend call.
    pub fn apply_lookup_tables_batch(
        &self,
        cts: &[IntCiphertext],
        tables: &[IntLookupTable],
        selection: &[usize],
    ) -> Result<Vec<IntCiphertext>> {
        self.apply_tables(cts, tables, Some(selection))
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

    /// A noiseless encryption of `m < 2^bits` under this key (a public
    /// constant), of degree `m`.
    pub fn trivial_int(&self, m: u64) -> Result<IntCiphertext> {
        let space = self.message_space();
        let m = space.constant(m)?;
        let lwe = LweCiphertext::trivial(self.params.lwe_dimension, space.encode(m));
        Ok(self.int(lwe, m, NoiseBound::NONE))
    }

    /// `a + b` (no bootstrap; noise variances add). An
    /// [`Error::MessageOverflow`] when `deg a + deg b` exceeds the largest
    /// message `2^bits − 1`: declare smaller bounds with
    /// [`ClientKey::encrypt_bounded`](crate::ClientKey::encrypt_bounded),
    /// reduce an operand through a lookup table, or use
    /// [`wrapping_add`](Self::wrapping_add). An [`Error::NoiseOverflow`]
    /// when the sum's noise is beyond the set's target
    /// ([`failure_log2`](Self::failure_log2)).
    ///
    /// ```
    /// let client = umbra_fhe::ClientKey::new(umbra_fhe::params::MESSAGE_4_BITS)?;
    /// let server = umbra_fhe::ServerKey::new(&client)?;
    /// let (a, b) = (client.encrypt_bounded(9, 9)?, client.encrypt_bounded(4, 6)?);
    /// let sum = server.add(&a, &b)?;
    /// assert_eq!((client.decrypt(&sum)?, sum.degree()), (13, 15));
    /// // Two full-range values could sum to 30: refused, not wrapped.
    /// assert!(server.add(&client.encrypt(9)?, &client.encrypt(9)?).is_err());
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn add(&self, a: &IntCiphertext, b: &IntCiphertext) -> Result<IntCiphertext> {
        self.check_ints([a, b])?;
        let degree = self.message_space().add(a.degree, b.degree)?;
        self.linear(a, |lwe| lwe.add_assign(&b.lwe), degree, a.noise.plus(b.noise))
    }

    /// `(a + b) mod 2^bits`, never an error: the sum may spill into the
    /// padding bit, so a result of degree above `2^bits − 1` decrypts
    /// correctly (mod `2^bits`) but is refused by lookup tables.
    ///
    /// ```
    /// let client = umbra_fhe::ClientKey::new(umbra_fhe::params::MESSAGE_4_BITS)?;
    /// let server = umbra_fhe::ServerKey::new(&client)?;
    /// let sum = server.wrapping_add(&client.encrypt(9)?, &client.encrypt(9)?)?;
    /// assert_eq!(client.decrypt(&sum)?, 2); // 18 mod 16
    /// assert!(server.apply_lut(&sum, |m| m).is_err());
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn wrapping_add(&self, a: &IntCiphertext, b: &IntCiphertext) -> Result<IntCiphertext> {
        self.check_ints([a, b])?;
        let degree = self.message_space().wrapping_add(a.degree, b.degree);
        self.linear(a, |lwe| lwe.add_assign(&b.lwe), degree, a.noise.plus(b.noise))
    }

    /// `(a − b) mod 2^bits` (no bootstrap). A negative difference lands in the
    /// padding bit, so unless `b` is a constant 0 the result is a wrapping
    /// one: it decrypts correctly but is refused by lookup tables.
    pub fn wrapping_sub(&self, a: &IntCiphertext, b: &IntCiphertext) -> Result<IntCiphertext> {
        self.check_ints([a, b])?;
        let degree = self.message_space().wrapping_sub(a.degree, b.degree);
        self.linear(a, |lwe| lwe.sub_assign(&b.lwe), degree, a.noise.minus(b.noise))
    }

    /// `c·a` for a constant `c < 2^bits` (no bootstrap; noise deviation grows
    /// by `c`). An [`Error::MessageOverflow`] when `c · deg a` exceeds the
    /// largest message, an [`Error::NoiseOverflow`] when `c` times the noise
    /// is beyond the set's target: on `message-4`, a lookup table's output
    /// may be multiplied by 1 only, a fresh encryption by any constant.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, Error, ServerKey};
    /// let client = ClientKey::new(params::MESSAGE_4_BITS)?;
    /// let server = ServerKey::new(&client)?;
    /// let bit = server.apply_lut(&client.encrypt(5)?, |m| m & 1)?;
    /// assert!(matches!(server.scalar_mul(&bit, 15), Err(Error::NoiseOverflow { .. })));
    /// let fresh = client.encrypt_bounded(1, 1)?;
    /// assert_eq!(client.decrypt(&server.scalar_mul(&fresh, 15)?)?, 15);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn scalar_mul(&self, a: &IntCiphertext, c: u64) -> Result<IntCiphertext> {
        self.check_ints([a])?;
        let space = self.message_space();
        let degree = space.scalar_mul(a.degree, c)?;
        let c = space.scalar(c)?;
        self.linear(
            a,
            |lwe| {
                lwe.scalar_mul_assign(c);
                Ok(())
            },
            degree,
            a.noise.times(i64::from(c)),
        )
    }

    /// `a + c` for a constant `c < 2^bits` (no bootstrap, no extra noise); an
    /// [`Error::MessageOverflow`] when `deg a + c` exceeds the largest message.
    pub fn scalar_add(&self, a: &IntCiphertext, c: u64) -> Result<IntCiphertext> {
        self.check_ints([a])?;
        let degree = self.message_space().scalar_add(a.degree, c)?;
        let constant = self.trivial_int(c)?;
        self.linear(a, |lwe| lwe.add_assign(&constant.lwe), degree, a.noise)
    }

    /// `a` changed by `op`, of degree `degree` and noise bound `noise`
    /// (checked before `op` runs).
    fn linear(
        &self,
        a: &IntCiphertext,
        op: impl FnOnce(&mut LweCiphertext) -> Result<()>,
        degree: u64,
        noise: NoiseBound,
    ) -> Result<IntCiphertext> {
        let noise = self.noise_model().check(noise)?;
        let mut lwe = a.lwe.clone();
        op(&mut lwe)?;
        Ok(self.int(lwe, degree, noise))
    }
}
