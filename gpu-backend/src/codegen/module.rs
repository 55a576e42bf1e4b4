//! Assembly of whole WGSL modules: the shape's prelude of constants, the
//! shared fragment, the path's hand-written fragments from
//! `umbra-fhe-shaders` (the top-level `shaders/`), and the generated
//! transforms and kernels.
//!
//! Shapes are compile-time constants in the shaders, so every distinct
//! parameter shape gets its own modules, built once and cached by the runtime.

use std::fmt::Write;

use umbra_fhe_shaders::{COMMON, PBS};

use super::bindings;
use super::cmux::cmux;
use super::fft64::FoldedFft;
use super::key_transform::key_transform;
use super::layout::{KernelLayout, Kernels};
use super::ntt32::TwoPrimeNtt;
use super::path::TransformPath;
use super::poly_mul::poly_mul;
use super::shape::Shape;
use crate::options::{Arithmetic, HighProduct};

/// The transform module of `shape` holding `kernels` (key transform and
/// CMux, or `poly_mul`) laid out by `layout` (which names the path);
/// `high_product` matters to the `u32` path only. Needs
/// `polynomial_size ≥ 2`, and `layout.ciphertexts_per_workgroup = 2` for `poly_mul`.
pub(crate) fn transform_module(
    shape: &Shape,
    high_product: HighProduct,
    layout: &KernelLayout,
    kernels: Kernels,
) -> String {
    match layout.arithmetic {
        Arithmetic::F64 => assemble(&FoldedFft, shape, high_product, layout, kernels),
        Arithmetic::U32 => assemble(&TwoPrimeNtt, shape, high_product, layout, kernels),
    }
}

fn assemble<P: TransformPath>(
    path: &P,
    shape: &Shape,
    high_product: HighProduct,
    layout: &KernelLayout,
    kernels: Kernels,
) -> String {
    let n = shape.polynomial_size as usize;
    let k = shape.glwe_dimension as usize;
    let plan = layout.plan(n);
    let mut generated = String::new();
    let _ = writeln!(
        generated,
        "\n// Generated for N = {n}, {} values per invocation, {} ciphertext(s) per CMux workgroup,\n\
         // {} exchange buffer(s), {} exchange(s) per transform, accumulators in {} memory,\n\
         // spectral accumulators in {}.",
        plan.per(),
        layout.ciphertexts_per_workgroup,
        layout.exchange_buffers,
        plan.exchanges(),
        if layout.accumulators_on_chip { "workgroup" } else { "global" },
        if layout.spectra_on_chip { "workgroup memory" } else { "registers" }
    );
    let _ = writeln!(generated, "const PER: u32 = {}u;", plan.per());
    generated.push_str(
        "// Exchanges so far in this invocation (the same in all: uniform).\nvar<private> exchange_phase: u32;\n",
    );
    path.declarations(&mut generated, &plan, layout, n);
    match kernels {
        Kernels::Bootstrap => {
            key_transform(&mut generated, path, plan.per());
            cmux(&mut generated, path, plan.per(), k, layout);
        }
        Kernels::Product => poly_mul(&mut generated, path, plan.per()),
    }
    let group = format!("const CMUX_CIPHERTEXTS: u32 = {}u;\n", layout.ciphertexts_per_workgroup);
    let entries = match kernels {
        Kernels::Bootstrap => [bindings::KEY_TRANSFORM, bindings::CMUX].as_slice(),
        Kernels::Product => &[bindings::POLY_MUL],
    };
    let declarations = bindings::declarations(entries, P::PAIR);
    let mut module = [shape.prelude(layout.workgroup_size(n)), group, COMMON.to_owned(), declarations].concat();
    for fragment in P::fragments(high_product) {
        module.push_str(fragment);
    }
    module + &generated
}

/// The stage multiplier table the transform kernels laid out by `layout`
/// read for polynomials of size `n ≥ 2`, as bytes (empty for a
/// single-stage transform).
pub(crate) fn twiddle_bytes(layout: &KernelLayout, n: usize) -> Vec<u8> {
    let plan = layout.plan(n);
    match layout.arithmetic {
        Arithmetic::F64 => FoldedFft::twiddle_bytes(&plan),
        Arithmetic::U32 => TwoPrimeNtt::twiddle_bytes(&plan),
    }
}

/// The path-independent module of `shape` (accumulator initialisation,
/// extraction + keyswitch), the keyswitch serving `keyswitch_ciphertexts`
/// ciphertexts per workgroup.
pub(crate) fn pbs_module(shape: &Shape, keyswitch_ciphertexts: u32) -> String {
    let group = format!("const KEYSWITCH_CIPHERTEXTS: u32 = {keyswitch_ciphertexts}u;\n");
    let declarations = bindings::declarations(&[bindings::INIT, bindings::KEYSWITCH], "vec2<u32>");
    [shape.prelude(64), group, COMMON.to_owned(), declarations, PBS.to_owned()].concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use umbra_fhe_core::params::Parameters;

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
            [1, 4].iter().map(|&c| (format!("pbs ×{c} {shape:?}"), pbs_module(shape, c))).collect();
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
                        let layout = KernelLayout {
                            arithmetic,
                            values_per_invocation: per,
                            ciphertexts_per_workgroup: cts,
                            exchange_buffers: buffers,
                            accumulators_on_chip: acc_on_chip,
                            spectra_on_chip,
                        };
                        let what = format!("{high:?} {layout:?} {shape:?}");
                        if cts == 2 && !spectra_on_chip {
                            let product = transform_module(shape, high, &layout, Kernels::Product);
                            sources.push((format!("product {what}"), product));
                        }
                        sources.push((what, transform_module(shape, high, &layout, Kernels::Bootstrap)));
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
