//! The `f64` path's generated kernels: the folded negacyclic FFT
//! ([`ComplexF64`]) of `N/2` complex values per polynomial, `per` per
//! invocation, the coefficients `x` and `x + N/2` of one register folded into
//! one complex value.

use std::fmt::Write;

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
            cmux(out, per, k, layout);
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

fn cmux(out: &mut String, per: usize, k: usize, layout: &KernelLayout) {
    let components = k + 1;
    let cts = layout.cts as usize;
    let on_chip = layout.spectra_on_chip;
    if on_chip {
        let _ = writeln!(
            out,
            "// The spectral accumulators of each step (slot t, component c at (t·(K+1) + c)·HALF); each\n\
             // invocation reads and writes its own positions only.\n\
             var<workgroup> spec_w: array<vec2<f64>, {}u * HALF>;",
            cts * components
        );
    }
    kernel_layout::cmux_opening(out, layout, CMUX_COMMENT);
    let (array, slot_base) = kernel_layout::accumulator(layout);
    // Spectral accumulator `i` of slot `t`, component `c` (a run-time
    // expression on chip, a constant in registers).
    let spectrum = |t: usize, c: &str, i: usize| {
        if on_chip {
            format!("spec_w[({t}u * (K + 1u) + {c}) * HALF + lid * PER + {i}u]")
        } else {
            let c: usize = c.trim_end_matches('u').parse().expect("registers need a constant component");
            format!("out[{}]", (t * components + c) * per + i)
        }
    };
    if on_chip {
        out.push_str("        for (var c = 0u; c <= K; c = c + 1u) {\n");
        for t in 0..cts {
            for i in 0..per {
                let _ = writeln!(out, "            {} = vec2<f64>(0.0lf, 0.0lf);", spectrum(t, "c", i));
            }
        }
        out.push_str("        }\n");
    } else {
        let _ = writeln!(out, "        var out: array<vec2<f64>, {}>;", cts * components * per);
    }
    out.push_str("        for (var j = 0u; j <= K; j = j + 1u) {\n");
    out.push_str("            for (var q = 0u; q < LEVELS; q = q + 1u) {\n");
    let _ = writeln!(out, "                var v: array<vec2<f64>, {}>;", cts * per);
    for t in 0..cts {
        let base = slot_base.replace("{t}", &t.to_string());
        let _ = writeln!(out, "                if (live{t}) {{");
        let _ = writeln!(out, "                    let poly = ({base} * (K + 1u) + j) * N;");
        for i in 0..per {
            let _ = writeln!(
                out,
                "                    {{ let x = {}; let lo = monomial_source(x, rot{t}); let hi = monomial_source(x + HALF, rot{t}); \
                 let d = vec2<u32>(apply_sign({array}[poly + lo.x], lo.y) - {array}[poly + x], \
                 apply_sign({array}[poly + hi.x], hi.y) - {array}[poly + x + HALF]); \
                 v[{}] = vec2<f64>(f64(gadget_digit(d.x, BASE_LOG, LEVELS, GADGET_ONES, q)), \
                 f64(gadget_digit(d.y, BASE_LOG, LEVELS, GADGET_ONES, q))); }}",
                coefficient(i),
                t * per + i
            );
        }
        out.push_str("                }\n");
    }
    let _ = writeln!(out, "                forward_{cts}(lid, &v);");
    out.push_str("                let row = (s * ROWS + j * LEVELS + q) * (K + 1u) * HALF + lid * PER;\n");
    let products = |out: &mut String, c: &str, indent: &str| {
        for i in 0..per {
            let _ = write!(out, "{indent}{{ let kv = key[row + {c} * HALF + {i}u];");
            for t in 0..cts {
                let e = spectrum(t, c, i);
                let _ = write!(out, " {e} = {e} + cmul(v[{}], kv);", t * per + i);
            }
            out.push_str(" }\n");
        }
    };
    kernel_layout::for_each_component(out, layout, components, "                ", &|out, c| {
        products(out, c, "                    ")
    });
    out.push_str("            }\n        }\n");
    // Each component transformed back and added to the accumulator.
    let inverse = |out: &mut String, c: &str| {
        let _ = writeln!(out, "            var v: array<vec2<f64>, {}>;", cts * per);
        for t in 0..cts {
            for i in 0..per {
                let _ = writeln!(out, "            v[{}] = {};", t * per + i, spectrum(t, c, i));
            }
        }
        let _ = writeln!(out, "            inverse_{cts}(lid, &v);");
        for t in 0..cts {
            let base = slot_base.replace("{t}", &t.to_string());
            let _ = writeln!(out, "            if (live{t}) {{");
            let _ = writeln!(out, "                let poly = ({base} * (K + 1u) + {c}) * N;");
            for i in 0..per {
                let _ = writeln!(
                    out,
                    "                {{ let x = {}; let u = v[{}]; \
                     {array}[poly + x] = {array}[poly + x] + to_torus(u.x); \
                     {array}[poly + x + HALF] = {array}[poly + x + HALF] + to_torus(u.y); }}",
                    coefficient(i),
                    t * per + i
                );
            }
            out.push_str("            }\n");
        }
    };
    kernel_layout::for_each_component(out, layout, components, "        ", &inverse);
    kernel_layout::cmux_closing(out, layout);
}

const CMUX_COMMENT: &str = "// Blind rotation for the GGSWs of the bound window: CMUX_CTS ciphertexts per
// workgroup (slot t holds ciphertext CMUX_CTS·wid.x + t); for each step s,
// acc += BSK_s ⊡ (X^rot·acc − acc).
//
// Per step: for each component j and level q, the digits of the rotated
// differences of the owned coefficients (x and x + HALF folded) are formed
// from the accumulator into `v` (nothing but `v` and the spectral
// accumulators stays live across a transform), transformed, and multiplied
// into the (K+1) spectral accumulators (registers `out`, or `spec_w` in
// workgroup memory) with the key values
// at the owned positions (each key value read serves every slot; the key
// spectra carry the inverse's 1/HALF); rows are added in increasing order.
// Then each output component is transformed back and added to the
// accumulator. A step with rot = 0 is computed like any
// other (it adds 0): the slots' rotations differ, and the barriers need
// uniform control flow. Slots past the chunk's last ciphertext (count =
// arrayLength(&inputs) / (LWE_DIM + 1)) neither read nor write `acc`. Every
// transform has at least one exchange (a barrier) whenever WG > 1, so no
// invocation writes the accumulator before all have read it.
";
