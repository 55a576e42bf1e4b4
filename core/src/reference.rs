//! The exact reference backend: schoolbook products, no transform.
//!
//! O(N²) per product, so far too slow for production parameter sets; it is the
//! ground truth that the transform backends are tested against, on small sets.

use crate::backend::{check_key_material, check_poly_mul, Backend, Luts, PreparedKey};
use crate::bootstrap::{programmable_bootstrap, BootstrapBuffers, BootstrapKey, CmuxEngine, LookupTable};
use crate::error::Result;
use crate::ggsw::cmux_rotate_reference;
use crate::keyswitch::LweKeyswitchKey;
use crate::lwe::LweCiphertext;
use crate::params::Parameters;
use crate::polynomial::{negacyclic_mul_reference, IntegerPolynomial, TorusPolynomial};

/// Schoolbook implementation of [`Backend`].
///
/// ```
/// use umbra_fhe_core::backend::Backend;
/// use umbra_fhe_core::polynomial::{IntegerPolynomial, TorusPolynomial};
/// use umbra_fhe_core::reference::ReferenceBackend;
/// let a = TorusPolynomial::from_coefficients(vec![1, 2, 3, 4]).unwrap();
/// let x = IntegerPolynomial::from_coefficients(vec![0, 1, 0, 0]).unwrap();
/// let out = ReferenceBackend.poly_mul(&[a], &[x]).unwrap();
/// assert_eq!(out[0].as_slice(), &[4u32.wrapping_neg(), 1, 2, 3]);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ReferenceBackend;

const NAME: &str = "reference";

struct ReferenceKey {
    bsk: BootstrapKey,
    ksk: LweKeyswitchKey,
}

struct ReferenceCmux<'a> {
    bsk: &'a BootstrapKey,
}

impl CmuxEngine for ReferenceCmux<'_> {
    fn cmux_rotate(&mut self, acc: &mut [u32], key_index: usize, rotation: usize) {
        cmux_rotate_reference(self.bsk.shape(), self.bsk.ggsw(key_index), acc, rotation)
            .expect("shapes checked when the key was prepared");
    }
}

impl Backend for ReferenceBackend {
    fn name(&self) -> &str {
        NAME
    }

    fn poly_mul(&self, torus: &[TorusPolynomial], integer: &[IntegerPolynomial]) -> Result<Vec<TorusPolynomial>> {
        let n = check_poly_mul(torus, integer)?;
        torus
            .iter()
            .zip(integer)
            .map(|(t, i)| {
                let mut out = vec![0u32; n];
                negacyclic_mul_reference(t.as_slice(), i.as_slice(), &mut out)?;
                TorusPolynomial::from_coefficients(out)
            })
            .collect()
    }

    fn prepare_key(&self, params: &Parameters, bsk: &BootstrapKey, ksk: &LweKeyswitchKey) -> Result<PreparedKey> {
        check_key_material(params, bsk, ksk)?;
        Ok(PreparedKey::new(NAME, *params, ReferenceKey { bsk: bsk.clone(), ksk: ksk.clone() }))
    }

    fn bootstrap_batch(
        &self,
        key: &PreparedKey,
        inputs: &[LweCiphertext],
        luts: Luts<'_>,
    ) -> Result<Vec<LweCiphertext>> {
        let params = *key.params();
        let prepared: &ReferenceKey = key.for_batch(NAME, inputs, &luts)?;
        let mut engine = ReferenceCmux { bsk: &prepared.bsk };
        let inputs: Vec<&LweCiphertext> = inputs.iter().collect();
        let tables: Vec<&LookupTable> = (0..inputs.len()).map(|i| luts.get(i)).collect();
        programmable_bootstrap(&mut engine, &params, &prepared.ksk, &inputs, &tables, &mut BootstrapBuffers::default())
    }
}
