//! The [`Backend`] trait: where the heavy arithmetic of Umbra runs.
//!
//! A backend multiplies negacyclic polynomials and bootstraps batches of LWE
//! ciphertexts against a key it prepared itself. The trait is object-safe, so
//! `Arc<dyn Backend>` selects an implementation at run time; every failure is
//! an [`Error`], never a panic.

use std::any::Any;

use crate::bootstrap::{BootstrapKey, LookupTable};
use crate::error::{check_len, Error, Result};
use crate::keyswitch::LweKeyswitchKey;
use crate::lwe::LweCiphertext;
use crate::params::Parameters;
use crate::polynomial::{IntegerPolynomial, TorusPolynomial, MAX_INTEGER_COEFFICIENT};

/// Which lookup table each input of a batch is bootstrapped with.
#[derive(Clone, Copy, Debug)]
pub enum Luts<'a> {
    /// One table for the whole batch.
    Shared(&'a LookupTable),
    /// `tables[selection[i]]` for input `i`.
    PerInput {
        /// The distinct tables.
        tables: &'a [LookupTable],
        /// One index into `tables` per input.
        selection: &'a [usize],
    },
}

impl<'a> Luts<'a> {
    /// The table for input `i`; call [`validate`](Self::validate) first.
    pub fn get(&self, i: usize) -> &'a LookupTable {
        match *self {
            Luts::Shared(t) => t,
            Luts::PerInput { tables, selection } => &tables[selection[i]],
        }
    }

    /// Checks that there is one in-range selection per input and every table has size `N`.
    pub fn validate(&self, inputs: usize, params: &Parameters) -> Result<()> {
        let n = params.polynomial_size.0;
        match *self {
            Luts::Shared(t) => check_len("lookup table size", n, t.polynomial_size().0),
            Luts::PerInput { tables, selection } => {
                check_len("lookup table selections", inputs, selection.len())?;
                if let Some(bad) = selection.iter().find(|&&s| s >= tables.len()) {
                    return Err(Error::InvalidInput(format!(
                        "lookup table index {bad} out of range for {} tables",
                        tables.len()
                    )));
                }
                tables.iter().try_for_each(|t| check_len("lookup table size", n, t.polynomial_size().0))
            }
        }
    }
}

/// A server key converted into one backend's own representation
/// (Fourier-domain key on the CPU, device buffers on a GPU).
pub struct PreparedKey {
    backend: String,
    params: Parameters,
    inner: Box<dyn Any + Send + Sync>,
}

impl PreparedKey {
    /// Wraps a backend's representation, tagged with the backend's name.
    pub fn new<T: Any + Send + Sync>(backend: &str, params: Parameters, inner: T) -> Self {
        Self { backend: backend.to_owned(), params, inner: Box::new(inner) }
    }

    /// The parameter set the key was generated for.
    pub fn params(&self) -> &Parameters {
        &self.params
    }

    /// Name of the backend that prepared the key.
    pub fn backend(&self) -> &str {
        &self.backend
    }

    /// The backend's representation, if `backend` prepared it as a `T`.
    pub fn downcast<T: Any>(&self, backend: &str) -> Result<&T> {
        let wrong = || Error::WrongBackend { backend: backend.to_owned(), prepared_by: self.backend.clone() };
        if self.backend != backend {
            return Err(wrong());
        }
        self.inner.downcast_ref::<T>().ok_or_else(wrong)
    }

    /// What every [`Backend::bootstrap_batch`] starts with: the backend's
    /// representation (as [`downcast`](Self::downcast)) after checking that
    /// `inputs` and `luts` fit the key's parameter set.
    pub fn for_batch<T: Any>(&self, backend: &str, inputs: &[LweCiphertext], luts: &Luts<'_>) -> Result<&T> {
        let prepared = self.downcast(backend)?;
        luts.validate(inputs.len(), &self.params)?;
        inputs
            .iter()
            .try_for_each(|ct| check_len("input LWE dimension", self.params.lwe_dimension.0, ct.dimension().0))?;
        Ok(prepared)
    }
}

impl std::fmt::Debug for PreparedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedKey").field("backend", &self.backend).field("params", &self.params.name).finish()
    }
}

/// An implementation of Umbra's heavy arithmetic.
pub trait Backend: Send + Sync {
    /// Short name, e.g. `"cpu-fft"`, used in reports and to tag prepared keys.
    fn name(&self) -> &str;

    /// How many bootstraps a batch runs side by side, so that a batch of
    /// up to this many takes about as long as one. Circuit builders use it
    /// to trade depth for size. The default, 1, suits a backend that
    /// bootstraps one input at a time.
    fn parallel_width(&self) -> usize {
        1
    }

    /// Estimated time of one [`bootstrap_batch`](Self::bootstrap_batch)
    /// call of `bootstraps` inputs on `params`, in units of a lone bootstrap
    /// on one thread of this backend. Circuit builders choose between shapes
    /// with it: a circuit's estimated time is the sum over its levels. The
    /// default charges a round of [`parallel_width`](Self::parallel_width)
    /// bootstraps the time of one, `⌈bootstraps / width⌉`; a backend whose
    /// costs differ (a batch of one faster on several threads, a large batch
    /// cheaper per bootstrap) says so here.
    ///
    /// ```
    /// use umbra_fhe_core::{backend::Backend, params::TFHE_LIB, reference::ReferenceBackend};
    /// assert_eq!(ReferenceBackend.batch_cost(&TFHE_LIB, 0), 0.0);
    /// assert_eq!(ReferenceBackend.batch_cost(&TFHE_LIB, 3), 3.0);
    /// ```
    fn batch_cost(&self, _params: &Parameters, bootstraps: usize) -> f64 {
        bootstraps.div_ceil(self.parallel_width().max(1)) as f64
    }

    /// Negacyclic products `torus[i] · integer[i] mod (X^N + 1)` over `Z/2^32`, exactly.
    ///
    /// Integer coefficients must satisfy `|c| ≤` [`MAX_INTEGER_COEFFICIENT`]
    /// (every gadget digit does); see [`check_poly_mul`].
    fn poly_mul(&self, torus: &[TorusPolynomial], integer: &[IntegerPolynomial]) -> Result<Vec<TorusPolynomial>>;

    /// Converts a bootstrapping key and keyswitching key once into this backend's domain.
    fn prepare_key(&self, params: &Parameters, bsk: &BootstrapKey, ksk: &LweKeyswitchKey) -> Result<PreparedKey>;

    /// Programmable bootstrap then keyswitch of every input: modulus switch,
    /// blind rotation, sample extraction, keyswitch. Output `i` encrypts
    /// `luts.get(i)` applied to the message of `inputs[i]`, under the small key.
    fn bootstrap_batch(
        &self,
        key: &PreparedKey,
        inputs: &[LweCiphertext],
        luts: Luts<'_>,
    ) -> Result<Vec<LweCiphertext>>;
}

/// Validates the inputs of [`Backend::poly_mul`]: equal counts, one power-of-two size
/// `N ≤ 2^14`, integer coefficients within [`MAX_INTEGER_COEFFICIENT`].
/// Returns `N` (0 for an empty batch).
pub fn check_poly_mul(torus: &[TorusPolynomial], integer: &[IntegerPolynomial]) -> Result<usize> {
    check_len("number of integer polynomials", torus.len(), integer.len())?;
    let Some(first) = torus.first() else { return Ok(0) };
    let n = first.size().0;
    if n > 1 << 14 {
        return Err(Error::InvalidInput(format!("polynomial size {n} exceeds 16384")));
    }
    for (t, i) in torus.iter().zip(integer) {
        check_len("torus polynomial size", n, t.size().0)?;
        check_len("integer polynomial size", n, i.size().0)?;
        if let Some(c) = i.as_slice().iter().find(|c| c.unsigned_abs() > MAX_INTEGER_COEFFICIENT as u32) {
            return Err(Error::InvalidInput(format!("integer coefficient {c} exceeds ±{MAX_INTEGER_COEFFICIENT}")));
        }
    }
    Ok(n)
}

/// Validates a prepared key against the keys it is built from.
pub fn check_key_material(params: &Parameters, bsk: &BootstrapKey, ksk: &LweKeyswitchKey) -> Result<()> {
    params.validate()?;
    let shape = BootstrapKey::shape_for(params);
    if bsk.shape() != shape {
        return Err(Error::InvalidInput("bootstrapping key shape does not match the parameters".into()));
    }
    check_len("bootstrapping key length", params.lwe_dimension.0, bsk.input_dimension())?;
    check_len("keyswitch input dimension", params.extracted_lwe_dimension().0, ksk.input_dimension().0)?;
    check_len("keyswitch output dimension", params.lwe_dimension.0, ksk.output_dimension().0)?;
    if (ksk.base_log(), ksk.level()) != (params.ks_base_log, params.ks_level) {
        return Err(Error::InvalidInput("keyswitching key gadget does not match the parameters".into()));
    }
    Ok(())
}
