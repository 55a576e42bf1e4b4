//! The WGSL the backend would compile, without a device: every module of a
//! parameter set's bootstrap and of `poly_mul`, laid out as the backend
//! lays them out under a given workgroup memory limit.
//!
//! This is what `benches/kernel-stats` hands to a driver's compiler to read
//! back registers, spills and occupancy, and what `--dump` writes for a
//! reviewer: the exact text [`GpuBackend`](crate::GpuBackend) compiles.

use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::Result;

use crate::codegen::choice::{cmux_layout, keyswitch_group, poly_mul_layout};
use crate::codegen::layout::Kernels;
use crate::codegen::model::predicted_registers;
use crate::codegen::module::{pbs_module, transform_module};
use crate::codegen::shape::Shape;
use crate::options::{Arithmetic, GpuOptions, HighProduct};

/// One WGSL module and the compute entry points the backend builds from it.
#[derive(Clone, Debug)]
pub struct KernelModule {
    /// `transform` (key transform and CMux), `pbs` (accumulator
    /// initialisation and keyswitch) or `poly_mul`.
    pub name: &'static str,
    /// The entry points the backend makes pipelines of.
    pub entry_points: Vec<&'static str>,
    /// How the module is laid out, in words (for reports).
    pub layout: String,
    /// The CMux layout, for the `transform` module.
    pub cmux: Option<CmuxLayout>,
    /// The complete module.
    pub wgsl: String,
}

/// A CMux layout as chosen (or forced), with the register count the
/// backend's model predicts for it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CmuxLayout {
    /// Values of a transform per invocation (the radix).
    pub values_per_invocation: u32,
    /// Ciphertexts per workgroup.
    pub ciphertexts: u32,
    /// Exchange buffers.
    pub exchange_buffers: u32,
    /// Whether the GLWE accumulators stay in workgroup memory for a window.
    pub accumulators_on_chip: bool,
    /// Whether the spectral accumulators live in workgroup memory.
    pub spectra_on_chip: bool,
    /// Workgroup memory, bytes.
    pub workgroup_bytes: u64,
    /// 32-bit registers per invocation the backend's model predicts.
    pub predicted_registers: f64,
}

/// The two modules of `params`'s bootstrap on `arithmetic` as a device with
/// `workgroup_memory` bytes per workgroup would get them from a backend built
/// with `options` (layout choices and forced values as there).
///
/// ```
/// use umbra_fhe_core::params::TFHE_LIB;
/// use umbra_fhe_gpu::{kernel_source, Arithmetic, GpuOptions, HighProduct};
/// let modules = kernel_source::bootstrap_modules(
///     &TFHE_LIB, Arithmetic::U32, HighProduct::Int64, 48 << 10, &GpuOptions::default())?;
/// assert_eq!(modules[0].entry_points, ["key_transform", "cmux"]);
/// assert!(modules[0].wgsl.contains("fn cmux("));
/// # Ok::<(), umbra_fhe_core::Error>(())
/// ```
///
/// Errors: as the backend's layout choice when it prepares a key,
/// [`umbra_fhe_core::Error::Unsupported`] where the layout does not fit
/// `workgroup_memory`, [`umbra_fhe_core::Error::InvalidInput`] for a forced
/// value no layout can have.
pub fn bootstrap_modules(
    params: &Parameters,
    arithmetic: Arithmetic,
    high_product: HighProduct,
    workgroup_memory: u32,
    options: &GpuOptions,
) -> Result<Vec<KernelModule>> {
    let shape = Shape::of(params)?;
    let layout = cmux_layout(
        workgroup_memory,
        arithmetic,
        &shape,
        options.cmux_ciphertexts_per_workgroup,
        &options.cmux_kernel,
    )?;
    let keyswitch_ciphertexts = keyswitch_group(workgroup_memory, &shape, options.keyswitch_ciphertexts_per_workgroup)?;
    Ok(vec![
        KernelModule {
            name: "transform",
            entry_points: vec!["key_transform", "cmux"],
            layout: layout.describe(),
            cmux: Some(CmuxLayout {
                values_per_invocation: layout.values_per_invocation,
                ciphertexts: layout.ciphertexts_per_workgroup,
                exchange_buffers: layout.exchange_buffers,
                accumulators_on_chip: layout.accumulators_on_chip,
                spectra_on_chip: layout.spectra_on_chip,
                workgroup_bytes: layout.workgroup_bytes(params.polynomial_size.0, params.glwe_dimension.0),
                predicted_registers: predicted_registers(&layout, params.glwe_dimension.0, params.polynomial_size.0),
            }),
            wgsl: transform_module(&shape, high_product, &layout, Kernels::Bootstrap),
        },
        KernelModule {
            name: "pbs",
            cmux: None,
            entry_points: vec!["init", "keyswitch"],
            layout: format!("keyswitch: {keyswitch_ciphertexts} ciphertexts per workgroup"),
            wgsl: pbs_module(&shape, keyswitch_ciphertexts),
        },
    ])
}

/// `sets` less those whose kernels are the same as an earlier one's (one
/// shape: e.g. `message-1` and `message-2` share `default-boolean`'s).
///
/// ```
/// use umbra_fhe_core::params::Parameters;
/// let distinct = umbra_fhe_gpu::kernel_source::distinct_shapes(&Parameters::all());
/// assert!(distinct.len() < Parameters::all().len());
/// ```
pub fn distinct_shapes(sets: &[Parameters]) -> Vec<Parameters> {
    let mut seen: Vec<Shape> = Vec::new();
    let mut out = Vec::new();
    for params in sets {
        if let Ok(shape) = Shape::of(params) {
            if !seen.contains(&shape) {
                seen.push(shape);
                out.push(*params);
            }
        }
    }
    out
}

/// The `poly_mul` module for polynomials of size `n ≥ 2`, as the backend
/// builds it under `workgroup_memory` bytes per workgroup.
///
/// ```
/// use umbra_fhe_gpu::{kernel_source, Arithmetic, GpuOptions, HighProduct};
/// let module = kernel_source::poly_mul_module(
///     1024, Arithmetic::F64, HighProduct::Int64, 48 << 10, &GpuOptions::default())?;
/// assert_eq!(module.entry_points, ["poly_mul"]);
/// # Ok::<(), umbra_fhe_core::Error>(())
/// ```
///
/// Errors: [`umbra_fhe_core::Error::Unsupported`] where `n < 2` or the
/// layout does not fit, [`umbra_fhe_core::Error::InvalidInput`] for a forced
/// value no layout can have.
pub fn poly_mul_module(
    n: usize,
    arithmetic: Arithmetic,
    high_product: HighProduct,
    workgroup_memory: u32,
    options: &GpuOptions,
) -> Result<KernelModule> {
    if n < 2 || !n.is_power_of_two() {
        return Err(umbra_fhe_core::Error::Unsupported(format!(
            "poly_mul kernels exist for powers of two from 2, not {n}"
        )));
    }
    let layout = poly_mul_layout(workgroup_memory, arithmetic, n, &options.cmux_kernel)?;
    Ok(KernelModule {
        name: "poly_mul",
        entry_points: vec!["poly_mul"],
        layout: format!(
            "{} values per invocation, the two operands as the two slots of each transform, {} exchange buffer(s)",
            layout.values_per_invocation, layout.exchange_buffers
        ),
        cmux: None,
        wgsl: transform_module(&Shape::for_poly_mul(n), high_product, &layout, Kernels::Product),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use umbra_fhe_core::params::TFHE_LIB;

    /// The generated `tfhe-lib` modules of both paths (and `poly_mul` at its
    /// `N`) as NVIDIA's 48 KiB gets them, against the committed snapshots in
    /// `snapshots/`: a change
    /// to the generator shows in review as a diff of the kernels themselves.
    /// `UMBRA_UPDATE_SNAPSHOTS=1` rewrites them.
    #[test]
    fn tfhe_lib_modules_match_their_snapshots() {
        let options = GpuOptions::default();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots");
        let update = std::env::var_os("UMBRA_UPDATE_SNAPSHOTS").is_some();
        let mut stale = Vec::new();
        for (arithmetic, path) in [(Arithmetic::F64, "f64"), (Arithmetic::U32, "u32")] {
            let mut modules = bootstrap_modules(&TFHE_LIB, arithmetic, HighProduct::Int64, 48 << 10, &options).unwrap();
            modules.push(poly_mul_module(1024, arithmetic, HighProduct::Int64, 48 << 10, &options).unwrap());
            for module in modules {
                // The accumulator initialisation and keyswitch are the same on both paths.
                let file = match (module.name, arithmetic) {
                    ("pbs", Arithmetic::F64) => dir.join("tfhe-lib-pbs.wgsl"),
                    ("pbs", Arithmetic::U32) => continue,
                    (name, _) => dir.join(format!("tfhe-lib-{path}-{name}.wgsl")),
                };
                if update {
                    std::fs::create_dir_all(&dir).unwrap();
                    std::fs::write(&file, &module.wgsl).unwrap();
                } else if std::fs::read_to_string(&file).ok().as_deref() != Some(module.wgsl.as_str()) {
                    stale.push(file.display().to_string());
                }
            }
        }
        assert!(stale.is_empty(), "generated WGSL differs from {stale:?}; review, then UMBRA_UPDATE_SNAPSHOTS=1");
    }
}
