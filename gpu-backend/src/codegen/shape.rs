//! The shape a module is generated for: the constants of a parameter set
//! that the kernels are specialised to (workgroup arrays need a constant
//! size, and fixed loop bounds let the compiler unroll), and the prelude of
//! WGSL constants that states them.

use std::fmt::Write;

use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::{Error, Result};

use crate::arith;
use crate::options::Arithmetic;

/// The constants a module is specialised for. Fields that a module does not
/// use (e.g. keyswitch constants in a `poly_mul` module) may be any valid value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shape {
    /// `N`, a power of two ≥ 2.
    pub polynomial_size: u32,
    /// `k`.
    pub glwe_dimension: u32,
    /// `n`.
    pub lwe_dimension: u32,
    /// PBS gadget `β`.
    pub base_log: u32,
    /// PBS gadget `l`.
    pub levels: u32,
    /// Keyswitch gadget `β`.
    pub ks_base_log: u32,
    /// Keyswitch gadget `t`.
    pub ks_levels: u32,
}

impl Shape {
    /// The shape of a parameter set's bootstrap kernels.
    pub fn of(params: &Parameters) -> Result<Self> {
        let u = |x: usize| u32::try_from(x).map_err(|_| Error::InvalidParameters(format!("{x} does not fit in u32")));
        Ok(Self {
            polynomial_size: u(params.polynomial_size.0)?,
            glwe_dimension: u(params.glwe_dimension.0)?,
            lwe_dimension: u(params.lwe_dimension.0)?,
            base_log: u(params.pbs_base_log.0)?,
            levels: u(params.pbs_level.0)?,
            ks_base_log: u(params.ks_base_log.0)?,
            ks_levels: u(params.ks_level.0)?,
        })
    }

    /// A shape for the polynomial product of size `n` alone.
    pub fn for_poly_mul(n: usize) -> Self {
        Self {
            polynomial_size: n as u32,
            glwe_dimension: 1,
            lwe_dimension: 1,
            base_log: 1,
            levels: 1,
            ks_base_log: 1,
            ks_levels: 1,
        }
    }

    /// The constants every module of this shape starts with, for
    /// workgroups of `workgroup_size` invocations.
    pub(crate) fn prelude(&self, workgroup_size: u32) -> String {
        let n = self.polynomial_size;
        let half = n / 2;
        let consts = [
            ("N", n),
            ("LOG2_N", n.trailing_zeros()),
            ("HALF", half),
            ("K", self.glwe_dimension),
            ("LWE_DIM", self.lwe_dimension),
            ("BASE_LOG", self.base_log),
            ("LEVELS", self.levels),
            ("ROWS", (self.glwe_dimension + 1) * self.levels),
            ("GADGET_ONES", arith::gadget_ones(self.base_log, self.levels)),
            ("KS_BASE_LOG", self.ks_base_log),
            ("KS_LEVELS", self.ks_levels),
            ("KS_GADGET_ONES", arith::gadget_ones(self.ks_base_log, self.ks_levels)),
            ("WG", workgroup_size),
            ("P0", arith::P0),
            ("P1", arith::P1),
            ("CRT_INV", arith::CRT_INV),
            ("CRT_INV_SHOUP", arith::CRT_INV_SHOUP),
            ("M_LOW", arith::M_LOW),
            ("BARRETT0", arith::barrett(arith::P0)),
            ("BARRETT1", arith::barrett(arith::P1)),
        ];
        let mut out = String::new();
        for (name, value) in consts {
            // Writing to a String cannot fail.
            let _ = writeln!(out, "const {name}: u32 = {value}u;");
        }
        out
    }

    /// Workgroup memory of the keyswitch per ciphertext it serves: the
    /// digits of one tile of 64 coefficients.
    pub fn keyswitch_bytes_per_ciphertext(&self) -> u32 {
        4 * 64 * self.ks_levels
    }

    /// Bytes of one GGSW of the prepared (transformed) bootstrapping key on
    /// `arithmetic`: `(k+1)·l` rows of `k+1` spectra each.
    pub(crate) fn ggsw_bytes(&self, arithmetic: Arithmetic) -> u64 {
        let rows = u64::from((self.glwe_dimension + 1) * self.levels);
        let polys = rows * u64::from(self.glwe_dimension + 1);
        let n = u64::from(self.polynomial_size);
        match arithmetic {
            // Per prime, a (value, companion) pair of u32 per coefficient.
            Arithmetic::U32 => polys * 2 * n * 8,
            // N/2 complex f64 values.
            Arithmetic::F64 => polys * (n / 2) * 16,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ggsw_sizes_match_the_shader_layouts() {
        let shape = Shape::of(&umbra_fhe_core::params::TFHE_LIB).unwrap();
        // 6 rows × 2 components × 2 primes × 1024 (value, companion) pairs.
        assert_eq!(shape.ggsw_bytes(Arithmetic::U32), 6 * 2 * 2 * 1024 * 8);
        // 6 rows × 2 components × 512 complex f64.
        assert_eq!(shape.ggsw_bytes(Arithmetic::F64), 6 * 2 * 512 * 16);
    }
}
