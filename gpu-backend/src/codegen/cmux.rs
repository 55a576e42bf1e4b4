//! The CMux blind rotation kernel, generated once for both paths: the
//! skeleton (step loop, digit formation, forward transform, products into
//! the spectral accumulators, inverse transform, accumulator update) is
//! here; what differs between the folded `f64` FFT and the two-prime `u32`
//! NTT — value type, lanes per ciphertext, the digit and product
//! arithmetic, the write-back — comes from a [`TransformPath`].
//!
//! Registers: value `i` of lane `l` of slot `t` is `v[(t·L + l)·PER + i]`
//! (`L` lanes per ciphertext, [`register`]); its spectral accumulator for
//! component `c` is `out[((t·(K+1) + c)·L + l)·PER + i]`, or a position of
//! `spec_w` in workgroup memory when the layout keeps the spectra there.

use std::fmt::Write;

use super::layout::KernelLayout;
use super::path::{coefficient, register, TransformPath};

/// The kernel's opening comment.
fn comment<P: TransformPath>() -> String {
    format!(
        "// Blind rotation for the GGSWs of the bound window: CMUX_CIPHERTEXTS ciphertexts per
// workgroup (slot t holds ciphertext CMUX_CIPHERTEXTS·wid.x + t); for each step s,
// acc += BSK_s ⊡ (X^rot·acc − acc).
//
// Per step: for each component j and level q, the digits of the rotated
// differences of the owned coefficients are formed from the accumulator
// ({}) into `v` (nothing but `v` and the spectral
// accumulators stays live across a transform), transformed (the negacyclic
// twist is in the transform's multipliers), and multiplied into the (K+1)
// spectral accumulators (registers `out`, or `spec_w` in workgroup memory)
// with the key values at the owned positions (each key value read serves
// every slot; the key spectra carry the inverse's {}); rows are added in
// increasing order. Then each output component is transformed back and added
// to the accumulator. A step with rot = 0 is computed like any other (it adds
// 0): the slots' rotations differ, and the barriers need uniform control flow.
// Slots past the chunk's last ciphertext (count = arrayLength(&inputs) /
// (LWE_DIM + 1)) neither read nor write `acc`. Every transform has at least
// one exchange (a barrier) whenever WG > 1, so no invocation writes the
// accumulator before all have read it.
",
        P::DIGITS_NOTE,
        P::SCALE_NOTE
    )
}

/// Appends the CMux kernel on `path` with `per` values per invocation and
/// lane, GLWE dimension `k`, laid out by `layout`.
pub(crate) fn cmux<P: TransformPath>(out: &mut String, path: &P, per: usize, k: usize, layout: &KernelLayout) {
    let components = k + 1;
    let cts = layout.ciphertexts_per_workgroup as usize;
    let lanes = P::LANES;
    let on_chip = layout.spectra_on_chip;
    let reg = |t: usize, l: usize, i: usize| register(lanes, per, t, l, i);
    if on_chip {
        out.push_str(&path.spectra_declaration(cts, components));
    }
    opening(out, layout, &comment::<P>());
    let (array, slot_base) = accumulator(layout);
    // Spectral accumulator `i` of lane `l` of slot `t`, component `c` (a
    // run-time expression on chip, a constant in registers).
    let spectrum = |t: usize, c: &str, l: usize, i: usize| {
        if on_chip {
            path.spectrum_slot(t, c, l, i)
        } else {
            let c: usize = c.trim_end_matches('u').parse().expect("registers need a constant component");
            format!("out[{}]", ((t * components + c) * lanes + l) * per + i)
        }
    };
    if on_chip {
        out.push_str("        for (var c = 0u; c <= K; c = c + 1u) {\n");
        for t in 0..cts {
            for l in 0..lanes {
                for i in 0..per {
                    let _ = writeln!(out, "            {} = {};", spectrum(t, "c", l, i), P::ZERO);
                }
            }
        }
        out.push_str("        }\n");
    } else {
        let _ = writeln!(out, "        var out: array<{}, {}>;", P::VALUE, cts * components * lanes * per);
    }
    out.push_str("        for (var j = 0u; j <= K; j = j + 1u) {\n");
    out.push_str("            for (var q = 0u; q < LEVELS; q = q + 1u) {\n");
    let _ = writeln!(out, "                var v: array<{}, {}>;", P::VALUE, cts * lanes * per);
    for t in 0..cts {
        let base = slot_base.replace("{t}", &t.to_string());
        let _ = writeln!(out, "                if (live{t}) {{");
        let _ = writeln!(out, "                    let poly = ({base} * (K + 1u) + j) * N;");
        for i in 0..per {
            let digits = path.digits(array, t, &|l| reg(t, l, i));
            let _ = writeln!(out, "                    {{ let x = {}; {digits} }}", coefficient(i));
        }
        out.push_str("                }\n");
    }
    let _ = writeln!(out, "                forward_{}(lid, &v);", cts * lanes);
    let _ = writeln!(out, "                let row = {};", path.key_row());
    let products = |out: &mut String, c: &str| {
        for l in 0..lanes {
            for i in 0..per {
                let _ = write!(out, "                    {{ let kv = {};", path.key_value(c, l, i));
                for t in 0..cts {
                    let value = format!("v[{}]", reg(t, l, i));
                    let _ = write!(out, " {}", path.accumulate(&spectrum(t, c, l, i), &value, l));
                }
                out.push_str(" }\n");
            }
        }
    };
    for_each_component(out, layout, components, "                ", &products);
    out.push_str("            }\n        }\n");
    // Each component transformed back and added to the accumulator.
    let inverse = |out: &mut String, c: &str| {
        let _ = writeln!(out, "            var v: array<{}, {}>;", P::VALUE, cts * lanes * per);
        for t in 0..cts {
            for l in 0..lanes {
                for i in 0..per {
                    let _ = writeln!(out, "            v[{}] = {};", reg(t, l, i), spectrum(t, c, l, i));
                }
            }
        }
        let _ = writeln!(out, "            inverse_{}(lid, &v);", cts * lanes);
        for t in 0..cts {
            let base = slot_base.replace("{t}", &t.to_string());
            let _ = writeln!(out, "            if (live{t}) {{");
            let _ = writeln!(out, "                let poly = ({base} * (K + 1u) + {c}) * N;");
            for i in 0..per {
                let store = path.store(array, "poly", "v", &|l| reg(t, l, i), true);
                let _ = writeln!(out, "                {{ let x = {}; {store} }}", coefficient(i));
            }
            out.push_str("            }\n");
        }
    };
    for_each_component(out, layout, components, "        ", &inverse);
    closing(out, layout);
}

/// Emits `body(out, c)` for each of the `components` GLWE components, `c`
/// the component's WGSL expression: inside one run-time loop over `c` where
/// the spectra are on chip (one copy of the code), unrolled with constant
/// components where they are registers (which need constant indices).
fn for_each_component(
    out: &mut String,
    layout: &KernelLayout,
    components: usize,
    indent: &str,
    body: &dyn Fn(&mut String, &str),
) {
    if layout.spectra_on_chip {
        let _ = writeln!(out, "{indent}for (var c = 0u; c <= K; c = c + 1u) {{");
        body(out, "c");
        let _ = writeln!(out, "{indent}}}");
    } else {
        for c in 0..components {
            let _ = writeln!(out, "{indent}{{");
            body(out, &format!("{c}u"));
            let _ = writeln!(out, "{indent}}}");
        }
    }
}

/// The accumulator array the CMux reads and writes, and the expression of
/// slot `t`'s ciphertext index in it (`{t}` stands for the slot).
fn accumulator(layout: &KernelLayout) -> (&'static str, &'static str) {
    if layout.accumulators_on_chip {
        ("acc_w", "{t}u")
    } else {
        ("acc", "(first + {t}u)")
    }
}

/// The CMux's opening: its workgroup memory for on-chip accumulators, the
/// entry point, which slots hold a ciphertext (`live{t}`), the accumulators
/// brought on chip, and the start of the step loop with each slot's
/// rotation `rot{t}`.
fn opening(out: &mut String, layout: &KernelLayout, comment: &str) {
    let cts = layout.ciphertexts_per_workgroup;
    out.push_str(comment);
    if layout.accumulators_on_chip {
        let _ = writeln!(
            out,
            "// The accumulators stay in `acc_w` (slot t at t·(K+1)·N) for the whole window.\n\
             var<workgroup> acc_w: array<u32, {cts}u * (K + 1u) * N>;"
        );
    }
    out.push_str(
        "@compute @workgroup_size(WG)
fn cmux(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let first = wid.x * CMUX_CIPHERTEXTS;
    let count = arrayLength(&inputs) / (LWE_DIM + 1u);
",
    );
    for t in 0..cts {
        let _ = writeln!(out, "    let live{t} = first + {t}u < count;");
    }
    if layout.accumulators_on_chip {
        for t in 0..cts {
            let _ = writeln!(
                out,
                "    if (live{t}) {{ for (var x = lid; x < (K + 1u) * N; x = x + WG) {{ \
                 acc_w[{t}u * (K + 1u) * N + x] = acc[(first + {t}u) * (K + 1u) * N + x]; }} }}"
            );
        }
        out.push_str("    workgroupBarrier();\n");
    }
    out.push_str("    for (var s = 0u; s < window.count; s = s + 1u) {\n");
    for t in 0..cts {
        let _ = writeln!(out, "        var rot{t} = 0u;");
        let _ = writeln!(
            out,
            "        if (live{t}) {{ rot{t} = mod_switch(inputs[(first + {t}u) * (LWE_DIM + 1u) + window.first + s]); }}"
        );
    }
}

/// The CMux's closing: the barrier between steps, and the accumulators
/// written back at the window's end when they were on chip.
fn closing(out: &mut String, layout: &KernelLayout) {
    out.push_str("        // The next step reads coefficients other invocations wrote.\n");
    if layout.accumulators_on_chip {
        out.push_str("        workgroupBarrier();\n    }\n");
        for t in 0..layout.ciphertexts_per_workgroup {
            let _ = writeln!(
                out,
                "    if (live{t}) {{ for (var x = lid; x < (K + 1u) * N; x = x + WG) {{ \
                 acc[(first + {t}u) * (K + 1u) * N + x] = acc_w[{t}u * (K + 1u) * N + x]; }} }}"
            );
        }
        out.push_str("}\n");
    } else {
        out.push_str("        storageBarrier();\n    }\n}\n");
    }
}
