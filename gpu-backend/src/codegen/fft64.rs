//! The `f64` path: the folded negacyclic FFT ([`ComplexF64`]) of `N/2`
//! complex values per polynomial, coefficients `x` and `x + N/2` of one
//! register folded into one complex value, one lane per polynomial.

use std::fmt::Write;

use umbra_fhe_shaders::FFT64;

use super::layout::KernelLayout;
use super::path::TransformPath;
use super::register_fft::{lit, ComplexF64, Exchange, RegisterFft};
use crate::options::HighProduct;

/// The kernels' arithmetic on the folded `f64` FFT.
pub(crate) struct FoldedFft;

impl TransformPath for FoldedFft {
    const VALUE: &'static str = "vec2<f64>";
    const LANES: usize = 1;
    const ZERO: &'static str = "vec2<f64>(0.0lf, 0.0lf)";
    const PAIR: &'static str = "vec2<f64>";
    const DIGITS_NOTE: &'static str = "coefficients x and x + HALF folded into one complex value";
    const SCALE_NOTE: &'static str = "1/HALF";

    fn fragments(_: HighProduct) -> Vec<&'static str> {
        vec![FFT64]
    }

    /// The stage multipliers of the plan (conjugated by the inverse), as
    /// `fft64.wgsl` lays them out.
    fn twiddle_bytes(plan: &RegisterFft) -> Vec<u8> {
        bytemuck::cast_slice(&plan.twiddles(&ComplexF64, false)).to_vec()
    }

    fn declarations(&self, out: &mut String, plan: &RegisterFft, layout: &KernelLayout, n: usize) {
        let half = n / 2;
        let cts = layout.ciphertexts_per_workgroup as usize;
        let _ = writeln!(out, "const INV_HALF: f64 = {};", lit(1.0 / half as f64));
        let _ = writeln!(
            out,
            "var<workgroup> exchange: array<vec2<f64>, {}>;\n",
            layout.exchange_buffers as usize * cts * half
        );
        let exchange = Exchange { buffers: layout.exchange_buffers as usize, stride: cts * half };
        out.push_str(&plan.wgsl("1", &[&ComplexF64], exchange));
        if cts > 1 {
            out.push_str(&plan.wgsl(&cts.to_string(), &vec![&ComplexF64; cts], exchange));
        }
    }

    fn load(&self, array: &str, base: &str, reg: &dyn Fn(usize) -> usize) -> String {
        format!("v[{}] = folded({array}[{base} + x], {array}[{base} + x + HALF]);", reg(0))
    }

    fn store(&self, array: &str, base: &str, registers: &str, reg: &dyn Fn(usize) -> usize, add: bool) -> String {
        let target = |at: &str| {
            let element = format!("{array}[{base} + {at}]");
            let sum = if add { format!("{element} + ") } else { String::new() };
            (element, sum)
        };
        let ((lo, lo_sum), (hi, hi_sum)) = (target("x"), target("x + HALF"));
        format!("let u = {registers}[{}]; {lo} = {lo_sum}to_torus(u.x); {hi} = {hi_sum}to_torus(u.y);", reg(0))
    }

    fn key_store(&self, _lane: usize, i: usize, r: usize) -> String {
        format!("key_out[poly * HALF + lid * PER + {i}u] = v[{r}] * INV_HALF;")
    }

    fn scaled_product(&self, _lane: usize, a: &str, b: &str) -> String {
        format!("cmul({a}, {b}) * INV_HALF")
    }

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

    fn digits(&self, acc: &str, t: usize, reg: &dyn Fn(usize) -> usize) -> String {
        format!(
            "let lo = monomial_source(x, rot{t}); let hi = monomial_source(x + HALF, rot{t}); \
             let d = vec2<u32>(apply_sign({acc}[poly + lo.x], lo.y) - {acc}[poly + x], \
             apply_sign({acc}[poly + hi.x], hi.y) - {acc}[poly + x + HALF]); \
             v[{}] = vec2<f64>(f64(gadget_digit(d.x, BASE_LOG, LEVELS, GADGET_ONES, q)), \
             f64(gadget_digit(d.y, BASE_LOG, LEVELS, GADGET_ONES, q)));",
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
}
