//! The CMux blind rotation kernel, generated once for both rings: the
//! skeleton (step loop, digit formation, forward transform, products into
//! the spectral accumulators, inverse transform, accumulator update) is
//! here; what differs between the folded `f64` FFT and the two-prime `u32`
//! NTT — value type, lanes per ciphertext, the digit and product
//! arithmetic, the write-back — comes from a [`CmuxRing`].
//!
//! Registers: value `i` of lane `l` of slot `t` is `v[(t·L + l)·PER + i]`
//! (`L` lanes per ciphertext); its spectral accumulator for component `c`
//! is `out[((t·(K+1) + c)·L + l)·PER + i]`, or a position of `spec_w` in
//! workgroup memory when the layout keeps the spectra there.

use std::fmt::Write;

use crate::kernel_layout::{self, coefficient, KernelLayout};

/// What a path's CMux does differently, as WGSL text.
pub(crate) trait CmuxRing {
    /// The WGSL type of one transform value.
    const VALUE: &'static str;
    /// Transform lanes per ciphertext (1 on `f64`, one per prime on `u32`).
    const LANES: usize;
    /// How the digits enter the transform, for the kernel's comment.
    const DIGITS_NOTE: &'static str;
    /// The inverse transform's scale, which the key spectra carry.
    const SCALE_NOTE: &'static str;
    /// A zero value.
    const ZERO: &'static str;

    /// The module-scope declaration (with its comment) of the spectral
    /// accumulators in workgroup memory for `slots` ciphertexts of
    /// `components` components.
    fn spectra_declaration(&self, slots: usize, components: usize) -> String;
    /// The `spec_w` element of value `i` of lane `l` of slot `t`, component `c`.
    fn spectrum_slot(&self, t: usize, c: &str, l: usize, i: usize) -> String;
    /// The statement forming the digits of level `q` of coefficient `x`'s
    /// rotated difference into the registers of slot `t`, value `i`
    /// (`reg(l)` is lane `l`'s register); `acc` and `poly` name the
    /// accumulator array and the component's offset in it.
    fn digits(&self, acc: &str, t: usize, i: usize, reg: &dyn Fn(usize) -> usize) -> String;
    /// The offset of the current row's key spectra (`row`), per invocation.
    fn key_row(&self) -> &'static str;
    /// The key value of lane `l`, position `i` of component `c`, from `row`.
    fn key_value(&self, c: &str, l: usize, i: usize) -> String;
    /// The statement adding `value · kv` (lane `l`) to the accumulator `e`.
    fn accumulate(&self, e: &str, value: &str, l: usize) -> String;
    /// The statement adding the inverse transform's value `i` of slot `t`
    /// (registers `v`, lane 0 at `first`) to coefficient `x` of the
    /// accumulator component at `poly`.
    fn write_back(&self, acc: &str, i: usize, per: usize, first: usize) -> String;
}

/// The kernel's opening comment.
fn comment<R: CmuxRing>() -> String {
    format!(
        "// Blind rotation for the GGSWs of the bound window: CMUX_CTS ciphertexts per
// workgroup (slot t holds ciphertext CMUX_CTS·wid.x + t); for each step s,
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
        R::DIGITS_NOTE,
        R::SCALE_NOTE
    )
}

/// Appends the CMux kernel on `ring` with `per` values per invocation and
/// lane, GLWE dimension `k`, laid out by `layout`.
pub(crate) fn cmux<R: CmuxRing>(out: &mut String, ring: &R, per: usize, k: usize, layout: &KernelLayout) {
    let components = k + 1;
    let cts = layout.cts as usize;
    let lanes = R::LANES;
    let on_chip = layout.spectra_on_chip;
    let reg = |t: usize, l: usize, i: usize| (t * lanes + l) * per + i;
    if on_chip {
        out.push_str(&ring.spectra_declaration(cts, components));
    }
    kernel_layout::cmux_opening(out, layout, &comment::<R>());
    let (array, slot_base) = kernel_layout::accumulator(layout);
    // Spectral accumulator `i` of lane `l` of slot `t`, component `c` (a
    // run-time expression on chip, a constant in registers).
    let spectrum = |t: usize, c: &str, l: usize, i: usize| {
        if on_chip {
            ring.spectrum_slot(t, c, l, i)
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
                    let _ = writeln!(out, "            {} = {};", spectrum(t, "c", l, i), R::ZERO);
                }
            }
        }
        out.push_str("        }\n");
    } else {
        let _ = writeln!(out, "        var out: array<{}, {}>;", R::VALUE, cts * components * lanes * per);
    }
    out.push_str("        for (var j = 0u; j <= K; j = j + 1u) {\n");
    out.push_str("            for (var q = 0u; q < LEVELS; q = q + 1u) {\n");
    let _ = writeln!(out, "                var v: array<{}, {}>;", R::VALUE, cts * lanes * per);
    for t in 0..cts {
        let base = slot_base.replace("{t}", &t.to_string());
        let _ = writeln!(out, "                if (live{t}) {{");
        let _ = writeln!(out, "                    let poly = ({base} * (K + 1u) + j) * N;");
        for i in 0..per {
            let _ = writeln!(out, "                    {}", ring.digits(array, t, i, &|l| reg(t, l, i)));
        }
        out.push_str("                }\n");
    }
    let _ = writeln!(out, "                forward_{}(lid, &v);", cts * lanes);
    let _ = writeln!(out, "                let row = {};", ring.key_row());
    let products = |out: &mut String, c: &str| {
        for l in 0..lanes {
            for i in 0..per {
                let _ = write!(out, "                    {{ let kv = {};", ring.key_value(c, l, i));
                for t in 0..cts {
                    let value = format!("v[{}]", reg(t, l, i));
                    let _ = write!(out, " {}", ring.accumulate(&spectrum(t, c, l, i), &value, l));
                }
                out.push_str(" }\n");
            }
        }
    };
    for_each_component(out, layout, components, "                ", &products);
    out.push_str("            }\n        }\n");
    // Each component transformed back and added to the accumulator.
    let inverse = |out: &mut String, c: &str| {
        let _ = writeln!(out, "            var v: array<{}, {}>;", R::VALUE, cts * lanes * per);
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
                let _ = writeln!(
                    out,
                    "                {{ let x = {}; {} }}",
                    coefficient(i),
                    ring.write_back(array, i, per, reg(t, 0, 0))
                );
            }
            out.push_str("            }\n");
        }
    };
    for_each_component(out, layout, components, "        ", &inverse);
    kernel_layout::cmux_closing(out, layout);
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
