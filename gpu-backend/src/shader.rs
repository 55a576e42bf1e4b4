//! Assembly of WGSL modules: a generated prelude of constants for one shape,
//! followed by the shader fragments of `umbra-fhe-shaders` (the top-level `shaders/`).
//!
//! Shapes are compile-time constants in the shaders (workgroup arrays need a
//! constant size, and fixed loop bounds let the compiler unroll), so every
//! distinct parameter shape gets its own modules, built once and cached.

use std::fmt::Write;

use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::{Error, Result};
use umbra_fhe_shaders::{COMMON, FFT64, MULHI_U32, MULHI_U64, NTT, NTT_ARITH, PBS};

use crate::arith;
use crate::kernel_layout::{KernelLayout, Kernels};

/// Which arithmetic a module uses for polynomial products.
///
/// ```no_run
/// use umbra_fhe_gpu::{Arithmetic, GpuBackend, GpuOptions, PathChoice};
/// let gpu = GpuBackend::new(GpuOptions { path: PathChoice::U32, ..GpuOptions::default() })?;
/// assert_eq!(gpu.arithmetic(), Arithmetic::U32);
/// # Ok::<(), umbra_fhe_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arithmetic {
    /// Folded negacyclic FFT over `f64` (`SHADER_F64`).
    F64,
    /// Exact two-prime NTT with CRT, `u32` only.
    U32,
}

/// How the `u32` path forms the high half of a 32×32-bit product.
///
/// ```no_run
/// use umbra_fhe_gpu::{GpuBackend, GpuOptions, HighProduct};
/// // Forbidding SHADER_INT64 forces the 16-bit limbs; results are identical.
/// let gpu = GpuBackend::new(GpuOptions { shader_int64: false, ..GpuOptions::default() })?;
/// assert_eq!(gpu.high_product(), HighProduct::Limbs16);
/// # Ok::<(), umbra_fhe_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HighProduct {
    /// One 64-bit multiply (needs `SHADER_INT64`).
    Int64,
    /// Four 16×16-bit products, for any adapter.
    Limbs16,
}

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

    fn prelude(&self, workgroup_size: u32) -> String {
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

    /// The transform module holding `kernels` (key transform and CMux, or
    /// `poly_mul`) laid out by `layout` (which names the path);
    /// `high_product` matters to the `u32` path only. Needs
    /// `polynomial_size ≥ 2`, and `layout.cts = 2` for `poly_mul`.
    pub(crate) fn transform_source(
        &self,
        high_product: HighProduct,
        layout: &KernelLayout,
        kernels: Kernels,
    ) -> String {
        let mulhi = match high_product {
            HighProduct::Int64 => MULHI_U64,
            HighProduct::Limbs16 => MULHI_U32,
        };
        let n = self.polynomial_size as usize;
        let generated = layout.source(n, self.glwe_dimension as usize, kernels);
        let body = match layout.arithmetic {
            Arithmetic::U32 => [mulhi, NTT_ARITH, NTT, &generated].concat(),
            Arithmetic::F64 => [FFT64, &generated].concat(),
        };
        let group = format!("const CMUX_CTS: u32 = {}u;\n", layout.cts);
        [self.prelude(layout.workgroup_size(n)), group, COMMON.to_owned(), body].concat()
    }

    /// The path-independent module (accumulator initialisation, extraction +
    /// keyswitch), the keyswitch serving `ks_cts` ciphertexts per workgroup.
    pub fn pbs_source(&self, ks_cts: u32) -> String {
        let group = format!("const KS_CTS: u32 = {ks_cts}u;\n");
        [self.prelude(64), group, COMMON.to_owned(), PBS.to_owned()].concat()
    }

    /// Workgroup memory of the keyswitch per ciphertext it serves: the
    /// digits of one tile of 64 coefficients.
    pub fn keyswitch_bytes_per_ciphertext(&self) -> u32 {
        4 * 64 * self.ks_levels
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses and validates `source` as naga (wgpu's shader compiler) does
    /// before any driver sees it, with the capabilities the paths rely on.
    fn validate(what: &str, source: &str) {
        let module = naga::front::wgsl::parse_str(source)
            .unwrap_or_else(|e| panic!("{what} does not parse:\n{}", e.emit_to_string(source)));
        let capabilities = naga::valid::Capabilities::FLOAT64 | naga::valid::Capabilities::SHADER_INT64;
        naga::valid::Validator::new(naga::valid::ValidationFlags::all(), capabilities)
            .validate(&module)
            .unwrap_or_else(|e| panic!("{what} does not validate:\n{}", e.emit_to_string(source)));
    }

    fn every_source(shape: &Shape) -> Vec<(String, String)> {
        let mut sources: Vec<(String, String)> =
            [1, 4].iter().map(|&c| (format!("pbs ×{c} {shape:?}"), shape.pbs_source(c))).collect();
        for (arithmetic, high) in [
            (Arithmetic::F64, HighProduct::Int64),
            (Arithmetic::U32, HighProduct::Int64),
            (Arithmetic::U32, HighProduct::Limbs16),
        ] {
            for cts in [1, 2] {
                for per in [2, 4, 8, 16] {
                    for (buffers, acc_on_chip, spectra_on_chip) in
                        [(1, false, false), (2, false, true), (1, true, true), (2, true, false)]
                    {
                        let layout = KernelLayout { arithmetic, per, cts, buffers, acc_on_chip, spectra_on_chip };
                        let what = format!("{high:?} {layout:?} {shape:?}");
                        if cts == 2 && !spectra_on_chip {
                            let product = shape.transform_source(high, &layout, Kernels::Product);
                            sources.push((format!("product {what}"), product));
                        }
                        sources.push((what, shape.transform_source(high, &layout, Kernels::Bootstrap)));
                    }
                }
            }
        }
        sources
    }

    #[test]
    fn every_module_of_every_shipped_shape_validates() {
        for params in Parameters::all() {
            for (what, source) in every_source(&Shape::of(&params).unwrap()) {
                validate(&what, &source);
            }
        }
    }

    #[test]
    fn every_poly_mul_module_validates() {
        for log_n in 1..=12 {
            for (what, source) in every_source(&Shape::for_poly_mul(1 << log_n)) {
                validate(&what, &source);
            }
        }
    }
}
