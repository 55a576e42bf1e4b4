//! The `f64` path's generated kernels: the folded negacyclic FFT
//! ([`ComplexF64`]) of `N/2` complex values per polynomial, `per` per
//! invocation, the coefficients `x` and `x + N/2` of one register folded into
//! one complex value.

use std::fmt::Write;

use crate::cmux::{self, CmuxRing};
use crate::kernel_layout::{self, coefficient, KernelLayout, Kernels};
use crate::register_fft::{lit, Complex, ComplexF64, Exchange, RegisterFft};

/// The table the kernels read (layout in `fft64.wgsl`): the stage
/// multipliers of the plan (conjugated for the inverse).
pub(crate) fn twiddles(plan: &RegisterFft) -> Vec<Complex> {
    plan.twiddles(&ComplexF64, false)
}

/// Appends the generated `kernels` for polynomials of size `n` and GLWE dimension `k`.
pub(crate) fn source(
    out: &mut String,
    plan: &RegisterFft,
    layout: &KernelLayout,
    n: usize,
    k: usize,
    kernels: Kernels,
) {
    let half = n / 2;
    let per = plan.per();
    let cts = layout.cts as usize;
    let _ = writeln!(out, "const INV_HALF: f64 = {};", lit(1.0 / half as f64));
    let _ = writeln!(out, "var<workgroup> xfer: array<vec2<f64>, {}>;\n", layout.buffers as usize * cts * half);
    let exchange = Exchange { buffers: layout.buffers as usize, stride: cts * half };
    out.push_str(&plan.wgsl("1", &[&ComplexF64], exchange));
    if cts > 1 {
        out.push_str(&plan.wgsl(&cts.to_string(), &vec![&ComplexF64; cts], exchange));
    }
    match kernels {
        Kernels::Bootstrap => {
            key_transform(out, per);
            cmux::cmux(out, &FoldedFft, per, k, layout);
        }
        Kernels::Product => poly_mul(out, per),
    }
}

fn key_transform(out: &mut String, per: usize) {
    out.push_str(
        "// One workgroup per torus polynomial of the raw bootstrapping key (2-D grid):
// its spectrum, in the order the CMux reads it.
",
    );
    kernel_layout::per_polynomial_opening(out, "key_transform", "poly", "raw_key");
    let _ = writeln!(out, "    var v: array<vec2<f64>, {per}>;");
    for i in 0..per {
        let _ = writeln!(
            out,
            "    {{ let x = {}; v[{i}] = folded(raw_key[poly * N + x], raw_key[poly * N + x + HALF]); }}",
            coefficient(i)
        );
    }
    out.push_str("    forward_1(lid, &v);\n");
    for i in 0..per {
        let _ = writeln!(out, "    key_out[poly * HALF + lid * PER + {i}u] = v[{i}] * INV_HALF;");
    }
    out.push_str("}\n\n");
}

fn poly_mul(out: &mut String, per: usize) {
    out.push_str(
        "// Batched negacyclic product: one workgroup per pair, pm_out = pm_torus · pm_integer
// (both read as i32), 2-D grid as key_transform. The two operands are the two
// slots of one transform (registers 0.. and PER..), so its multipliers serve both.
",
    );
    kernel_layout::per_polynomial_opening(out, "poly_mul", "pair", "pm_torus");
    out.push_str("    let base = pair * N;\n");
    let _ = writeln!(out, "    var v: array<vec2<f64>, {}>;", 2 * per);
    for i in 0..per {
        let _ = writeln!(
            out,
            "    {{ let x = {}; v[{i}] = folded(pm_torus[base + x], pm_torus[base + x + HALF]); \
             v[{}] = folded(pm_integer[base + x], pm_integer[base + x + HALF]); }}",
            coefficient(i),
            per + i
        );
    }
    out.push_str("    forward_2(lid, &v);\n");
    let _ = writeln!(out, "    var a: array<vec2<f64>, {per}>;");
    for i in 0..per {
        let _ = writeln!(out, "    a[{i}] = cmul(v[{i}], v[{}]) * INV_HALF;", per + i);
    }
    out.push_str("    inverse_1(lid, &a);\n");
    for i in 0..per {
        let _ = writeln!(
            out,
            "    {{ let x = {}; pm_out[base + x] = to_torus(a[{i}].x); pm_out[base + x + HALF] = to_torus(a[{i}].y); }}",
            coefficient(i)
        );
    }
    out.push_str("}\n\n");
}

/// The CMux's arithmetic on the folded `f64` FFT: one lane per ciphertext,
/// coefficients `x` and `x + HALF` folded into one complex value.
struct FoldedFft;

impl CmuxRing for FoldedFft {
    const VALUE: &'static str = "vec2<f64>";
    const LANES: usize = 1;
    const DIGITS_NOTE: &'static str = "coefficients x and x + HALF folded into one complex value";
    const SCALE_NOTE: &'static str = "1/HALF";
    const ZERO: &'static str = "vec2<f64>(0.0lf, 0.0lf)";

    fn spectra_declaration(&self, slots: usize, components: usize) -> String {
        format!(
            "// The spectral accumulators of each step (slot t, component c at (t·(K+1) + c)·HALF); each\n\
             // invocation reads and writes its own positions only.\n\
             var<workgroup> spec_w: array<vec2<f64>, {}u * HALF>;\n",
            slots * components
        )
    }

    fn spectrum_slot(&self, t: usize, c: &str, _lane: usize, i: usize) -> String {
        format!("spec_w[({t}u * (K + 1u) + {c}) * HALF + lid * PER + {i}u]")
    }

    fn digits(&self, acc: &str, t: usize, i: usize, reg: &dyn Fn(usize) -> usize) -> String {
        format!(
            "{{ let x = {}; let lo = monomial_source(x, rot{t}); let hi = monomial_source(x + HALF, rot{t}); \
             let d = vec2<u32>(apply_sign({acc}[poly + lo.x], lo.y) - {acc}[poly + x], \
             apply_sign({acc}[poly + hi.x], hi.y) - {acc}[poly + x + HALF]); \
             v[{}] = vec2<f64>(f64(gadget_digit(d.x, BASE_LOG, LEVELS, GADGET_ONES, q)), \
             f64(gadget_digit(d.y, BASE_LOG, LEVELS, GADGET_ONES, q))); }}",
            coefficient(i),
            reg(0)
        )
    }

    fn key_row(&self) -> &'static str {
        "(s * ROWS + j * LEVELS + q) * (K + 1u) * HALF + lid * PER"
    }

    fn key_value(&self, c: &str, _lane: usize, i: usize) -> String {
        format!("key[row + {c} * HALF + {i}u]")
    }

    fn accumulate(&self, e: &str, value: &str, _lane: usize) -> String {
        format!("{e} = {e} + cmul({value}, kv);")
    }

    fn write_back(&self, acc: &str, i: usize, _per: usize, first: usize) -> String {
        format!(
            "let u = v[{}]; {acc}[poly + x] = {acc}[poly + x] + to_torus(u.x); \
             {acc}[poly + x + HALF] = {acc}[poly + x + HALF] + to_torus(u.y);",
            first + i
        )
    }
}
