//! The `f64` path's kernels, generated per shape: the key transform, the
//! CMux blind rotation and the batched product, fully unrolled over the
//! values each invocation keeps in registers (WGSL cannot index registers
//! dynamically: a loop over a local array with a run-time index spills it).
//!
//! What stays in registers across a CMux step, per invocation and
//! ciphertext of its workgroup: the rotated differences `X^ã·ACC_j − ACC_j`
//! of its `per` folded coefficients (every level's digits come from them),
//! the `(k+1)·per` spectral accumulators, and the `per` values of the
//! transform in flight. Workgroup memory only carries the transforms'
//! exchanges ([`RegisterFft`]); each key value read serves every ciphertext
//! of the workgroup.

use std::fmt::Write;

use crate::register_fft::{Complex, RegisterFft};

/// How the `f64` kernels of one shape are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct F64Layout {
    /// Values of a transform each invocation holds (a power of two ≥ 2).
    pub per: u32,
    /// Ciphertexts per CMux workgroup.
    pub cts: u32,
    /// Exchange buffers: 2 alternate (one barrier per exchange), 1 needs a
    /// second barrier after each exchange's reads.
    pub buffers: u32,
    /// Whether the CMux keeps its ciphertexts' GLWE accumulators in
    /// workgroup memory for a whole window of steps (read from and written
    /// back to global memory once per window).
    pub acc_on_chip: bool,
}

impl F64Layout {
    /// Bytes of workgroup memory the kernels need for polynomials of size
    /// `n` and GLWE dimension `k`: the exchange buffers, and the
    /// accumulators when they stay on chip.
    pub fn workgroup_bytes(&self, n: usize, k: usize) -> u64 {
        let exchange = 16 * (n as u64 / 2) * u64::from(self.buffers);
        let accumulator = if self.acc_on_chip { 4 * (k as u64 + 1) * n as u64 } else { 0 };
        u64::from(self.cts) * (exchange + accumulator)
    }

    /// The transform plan for polynomials of size `n ≥ 2`.
    pub fn plan(&self, n: usize) -> RegisterFft {
        RegisterFft::new(n / 2, self.per as usize)
    }

    /// The table the kernels read (layout in `fft64.wgsl`).
    pub fn twiddles(&self, n: usize) -> Vec<Complex> {
        let half = n / 2;
        let mut table = self.plan(n).twiddles();
        let angle = std::f64::consts::PI / n as f64;
        let polar = |r: f64, a: f64| [r * a.cos(), r * a.sin()];
        table.extend((0..half).map(|j| polar(1.0, angle * j as f64)));
        table.extend((0..half).map(|j| polar(1.0 / half as f64, -angle * j as f64)));
        table
    }

    /// The generated part of the module for polynomials of size `n ≥ 2`
    /// and GLWE dimension `k` (appended to `fft64.wgsl`).
    pub fn source(&self, n: usize, k: usize) -> String {
        let plan = self.plan(n);
        let half = n / 2;
        let per = plan.per();
        let cts = self.cts as usize;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\n// Generated for N = {n}, {per} values per invocation, {cts} ciphertext(s) per CMux workgroup,"
        );
        let _ =
            writeln!(out, "// {} exchange buffer(s), {} exchange(s) per transform.", self.buffers, plan.exchanges());
        let _ = writeln!(out, "const PER: u32 = {per}u;");
        let _ = writeln!(out, "const TWIST_OFF: u32 = {}u;", plan.twiddles().len());
        out.push_str("const UNTWIST_OFF: u32 = TWIST_OFF + HALF;\n");
        let _ = writeln!(out, "var<workgroup> fft_x: array<vec2<f64>, {}>;", self.buffers as usize * cts * half);
        out.push_str("// Exchanges so far in this invocation (the same in all: uniform).\n");
        out.push_str("var<private> fft_phase: u32;\n\n");
        let stride = cts * half;
        out.push_str(&plan.wgsl(1, self.buffers as usize, stride));
        if cts > 1 {
            out.push_str(&plan.wgsl(cts, self.buffers as usize, stride));
        }
        key_transform(&mut out, per);
        poly_mul(&mut out, per);
        cmux(&mut out, per, cts, k, self.acc_on_chip);
        out
    }
}

/// `let x = lid + i·WG` bindings for the folded coefficients of register `i`.
fn coefficient(i: usize) -> String {
    format!("lid + {i}u * WG")
}

fn key_transform(out: &mut String, per: usize) {
    out.push_str(
        "// One workgroup per torus polynomial of the raw bootstrapping key (2-D grid):
// its spectrum, in the order the CMux reads it.
@compute @workgroup_size(WG)
fn key_transform(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let poly = wid.y * 65535u + wid.x;
    if (poly >= arrayLength(&raw_key) / N) {
        return;
    }
",
    );
    let _ = writeln!(out, "    var v: array<vec2<f64>, {per}>;");
    for i in 0..per {
        let _ = writeln!(
            out,
            "    {{ let x = {}; v[{i}] = twisted(raw_key[poly * N + x], raw_key[poly * N + x + HALF], x); }}",
            coefficient(i)
        );
    }
    out.push_str("    fft_forward_1(lid, &v);\n");
    for i in 0..per {
        let _ = writeln!(out, "    key_out[poly * HALF + lid * PER + {i}u] = v[{i}];");
    }
    out.push_str("}\n\n");
}

fn poly_mul(out: &mut String, per: usize) {
    out.push_str(
        "// Batched negacyclic product: one workgroup per pair, pm_out = pm_torus · pm_integer
// (both read as i32), 2-D grid as key_transform.
@compute @workgroup_size(WG)
fn poly_mul(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let pair = wid.y * 65535u + wid.x;
    if (pair >= arrayLength(&pm_torus) / N) {
        return;
    }
    let base = pair * N;
",
    );
    let _ = writeln!(out, "    var a: array<vec2<f64>, {per}>;");
    let _ = writeln!(out, "    var b: array<vec2<f64>, {per}>;");
    for i in 0..per {
        let _ = writeln!(
            out,
            "    {{ let x = {}; a[{i}] = twisted(pm_torus[base + x], pm_torus[base + x + HALF], x); \
             b[{i}] = twisted(pm_integer[base + x], pm_integer[base + x + HALF], x); }}",
            coefficient(i)
        );
    }
    out.push_str("    fft_forward_1(lid, &a);\n    fft_forward_1(lid, &b);\n");
    for i in 0..per {
        let _ = writeln!(out, "    a[{i}] = cmul(a[{i}], b[{i}]);");
    }
    out.push_str("    fft_inverse_1(lid, &a);\n");
    for i in 0..per {
        let _ = writeln!(
            out,
            "    {{ let x = {}; let u = cmul(a[{i}], twiddles[UNTWIST_OFF + x]); \
             pm_out[base + x] = to_torus(u.x); pm_out[base + x + HALF] = to_torus(u.y); }}",
            coefficient(i)
        );
    }
    out.push_str("}\n\n");
}

fn cmux(out: &mut String, per: usize, cts: usize, k: usize, acc_on_chip: bool) {
    let components = k + 1;
    out.push_str(
        "// Blind rotation for the GGSWs of the bound window: CMUX_CTS ciphertexts per
// workgroup (slot t holds ciphertext CMUX_CTS·wid.x + t); for each step s,
// acc += BSK_s ⊡ (X^rot·acc − acc).
//
// Per step: for each component j, the rotated differences of the owned
// coefficients are read from the accumulator once into `diff`; each level's
// digits are twisted into `v`, transformed, and multiplied into the (K+1)
// spectral accumulators `out` with the key values at the owned positions
// (each key value read serves every slot); rows are added in increasing
// order. Then each output component is transformed back and added to the
// accumulator. A step with rot = 0 is computed like any other (it adds 0):
// the slots' rotations differ, and the barriers need uniform control flow.
// Slots past the chunk's last ciphertext (count = arrayLength(&inputs) /
// (LWE_DIM + 1)) neither read nor write `acc`. Every transform has at least
// one exchange (a barrier) whenever WG > 1, so no invocation writes the
// accumulator before all have read it.
",
    );
    let (array, slot_base) = if acc_on_chip {
        let _ = writeln!(
            out,
            "// The accumulators stay in `acc_w` (slot t at t·(K+1)·N) for the whole window.
var<workgroup> acc_w: array<u32, {}u * N>;",
            cts * components
        );
        ("acc_w", "{t}u")
    } else {
        ("acc", "(first + {t}u)")
    };
    out.push_str(
        "@compute @workgroup_size(WG)
fn cmux(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let first = wid.x * CMUX_CTS;
    let count = arrayLength(&inputs) / (LWE_DIM + 1u);
",
    );
    for t in 0..cts {
        let _ = writeln!(out, "    let live{t} = first + {t}u < count;");
    }
    if acc_on_chip {
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
    let _ = writeln!(out, "        var out: array<vec2<f64>, {}>;", cts * components * per);
    out.push_str("        for (var j = 0u; j <= K; j = j + 1u) {\n");
    let _ = writeln!(out, "            var diff: array<vec2<u32>, {}>;", cts * per);
    for t in 0..cts {
        let base = slot_base.replace("{t}", &t.to_string());
        let _ = writeln!(out, "            if (live{t}) {{");
        let _ = writeln!(out, "                let poly = ({base} * (K + 1u) + j) * N;");
        for i in 0..per {
            let _ = writeln!(
                out,
                "                {{ let x = {}; let lo = monomial_source(x, rot{t}); let hi = monomial_source(x + HALF, rot{t}); \
                 diff[{}] = vec2<u32>(apply_sign({array}[poly + lo.x], lo.y) - {array}[poly + x], \
                 apply_sign({array}[poly + hi.x], hi.y) - {array}[poly + x + HALF]); }}",
                coefficient(i),
                t * per + i
            );
        }
        out.push_str("            }\n");
    }
    out.push_str("            for (var q = 0u; q < LEVELS; q = q + 1u) {\n");
    let _ = writeln!(out, "                var v: array<vec2<f64>, {}>;", cts * per);
    for r in 0..cts * per {
        let i = r % per;
        let _ = writeln!(
            out,
            "                {{ let x = {}; let d = diff[{r}]; v[{r}] = cmul(vec2<f64>(\
             f64(gadget_digit(d.x, BASE_LOG, LEVELS, GADGET_ONES, q)), \
             f64(gadget_digit(d.y, BASE_LOG, LEVELS, GADGET_ONES, q))), twiddles[TWIST_OFF + x]); }}",
            coefficient(i)
        );
    }
    let _ = writeln!(out, "                fft_forward_{cts}(lid, &v);");
    out.push_str("                let row = (s * ROWS + j * LEVELS + q) * (K + 1u) * HALF + lid * PER;\n");
    for c in 0..components {
        for i in 0..per {
            let _ = write!(out, "                {{ let kv = key[row + {c}u * HALF + {i}u];");
            for t in 0..cts {
                let e = (t * components + c) * per + i;
                let _ = write!(out, " out[{e}] = out[{e}] + cmul(v[{}], kv);", t * per + i);
            }
            out.push_str(" }\n");
        }
    }
    out.push_str("            }\n        }\n");
    for c in 0..components {
        out.push_str("        {\n");
        let _ = writeln!(out, "            var v: array<vec2<f64>, {}>;", cts * per);
        for t in 0..cts {
            for i in 0..per {
                let _ = writeln!(out, "            v[{}] = out[{}];", t * per + i, (t * components + c) * per + i);
            }
        }
        let _ = writeln!(out, "            fft_inverse_{cts}(lid, &v);");
        for t in 0..cts {
            let base = slot_base.replace("{t}", &t.to_string());
            let _ = writeln!(out, "            if (live{t}) {{");
            let _ = writeln!(out, "                let poly = ({base} * (K + 1u) + {c}u) * N;");
            for i in 0..per {
                let _ = writeln!(
                    out,
                    "                {{ let x = {}; let u = cmul(v[{}], twiddles[UNTWIST_OFF + x]); \
                     {array}[poly + x] = {array}[poly + x] + to_torus(u.x); \
                     {array}[poly + x + HALF] = {array}[poly + x + HALF] + to_torus(u.y); }}",
                    coefficient(i),
                    t * per + i
                );
            }
            out.push_str("            }\n");
        }
        out.push_str("        }\n");
    }
    if acc_on_chip {
        out.push_str("        // The next step reads coefficients other invocations wrote.\n        workgroupBarrier();\n    }\n");
        for t in 0..cts {
            let _ = writeln!(
                out,
                "    if (live{t}) {{ for (var x = lid; x < (K + 1u) * N; x = x + WG) {{ \
                 acc[(first + {t}u) * (K + 1u) * N + x] = acc_w[{t}u * (K + 1u) * N + x]; }} }}"
            );
        }
        out.push_str("}\n");
    } else {
        out.push_str("        // The next step reads coefficients other invocations wrote.\n        storageBarrier();\n    }\n}\n");
    }
}
