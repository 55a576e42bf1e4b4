//! The register-resident FFT of the `f64` path: a plan, its host twin, and
//! the unrolled WGSL it generates.
//!
//! A transform of `half` complex values runs on `half / per` invocations, each
//! holding `per` values in registers for the whole transform. It is a
//! mixed-radix decimation in frequency: stage `s` works on sub-transforms of
//! length `L` (first `half`, then `L / r` each stage) with radix
//! `r = min(per, L)`. A butterfly takes the `r` values at `j + m·L/r` of its
//! block (`m < r`), applies the size-`r` DFT in registers (unrolled radix-2
//! steps with constant roots), multiplies output `k` by `ω_L^{jk}`
//! (`ω_L = e^{−2πi/L}`, read from a table) and stores it at `j + k·L/r`: block
//! `k` of the next stage then holds the frequencies `≡ k (mod r)`.
//!
//! Invocation `t` runs the butterflies `t·(per/r) + u` (`u < per/r`) of each
//! stage. In the first stage that is `j = t`, the values `t + m·(half/per)`:
//! the folded coefficients the CMux forms in registers, so no exchange comes
//! before it. In the last stage it is the block of positions
//! `t·per … t·per + per − 1`, which the spectrum keeps (a digit-reversed
//! order: products happen pointwise, and the key is transformed by the same
//! code). Between stages the values go through workgroup memory: `stages − 1`
//! exchanges per transform, one barrier each with two alternating buffers
//! (two with one buffer). The inverse runs the stages backwards with
//! conjugate roots, unnormalised (it returns `half` times the input), and
//! ends on the coefficients the first stage started from.
//!
//! Every arithmetic step of the WGSL is one step of [`RegisterFft::forward`]
//! or [`RegisterFft::inverse`] here, in the same order: both walk the same
//! [`radix2_steps`] and the same twiddle table.

use std::fmt::Write;

/// A complex value `[re, im]`, laid out as WGSL's `vec2<f64>`.
pub(crate) type Complex = [f64; 2];

#[cfg(test)]
fn add(a: Complex, b: Complex) -> Complex {
    [a[0] + b[0], a[1] + b[1]]
}

#[cfg(test)]
fn sub(a: Complex, b: Complex) -> Complex {
    [a[0] - b[0], a[1] - b[1]]
}

#[cfg(test)]
/// The product as the shaders' `cmul` forms it.
pub(crate) fn cmul(a: Complex, b: Complex) -> Complex {
    [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]]
}

#[cfg(test)]
fn conj(a: Complex) -> Complex {
    [a[0], -a[1]]
}

/// `e^{−2πi·e/len}`.
fn root(len: usize, e: usize) -> Complex {
    let angle = -std::f64::consts::TAU * e as f64 / len as f64;
    [angle.cos(), angle.sin()]
}

/// One radix-2 step of a size-`r` DFT in registers:
/// `(v[a], v[b]) ← (v[a] + v[b], (v[a] − v[b])·ω_r^e)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Step {
    a: usize,
    b: usize,
    e: usize,
}

/// The radix-2 decimation-in-frequency steps of a size-`r` DFT: natural
/// order in, register `i` ends holding output `bit_reverse(i)`.
fn radix2_steps(r: usize) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut half = r / 2;
    while half >= 1 {
        for group in (0..r).step_by(2 * half) {
            for e in 0..half {
                steps.push(Step { a: group + e, b: group + e + half, e: e * (r / (2 * half)) });
            }
        }
        half /= 2;
    }
    steps
}

fn bit_reverse(i: usize, r: usize) -> usize {
    if r == 1 {
        0
    } else {
        i.reverse_bits() >> (usize::BITS - r.trailing_zeros())
    }
}

/// How a step multiplies by the constant `ω_r^e` (conjugated for the inverse).
#[derive(Clone, Copy, Debug, PartialEq)]
enum RootProduct {
    One,
    /// `−i`: `(x, y) ↦ (y, −x)`, exact.
    MinusI,
    /// `i`: `(x, y) ↦ (−y, x)`, exact.
    PlusI,
    General(Complex),
}

fn root_product(r: usize, e: usize, conjugate: bool) -> RootProduct {
    let e = if conjugate { (r - e) % r } else { e };
    if e == 0 {
        RootProduct::One
    } else if 4 * e == r {
        RootProduct::MinusI
    } else if 4 * e == 3 * r {
        RootProduct::PlusI
    } else {
        RootProduct::General(root(r, e))
    }
}

#[cfg(test)]
fn apply_root(x: Complex, product: RootProduct) -> Complex {
    match product {
        RootProduct::One => x,
        RootProduct::MinusI => [x[1], -x[0]],
        RootProduct::PlusI => [-x[1], x[0]],
        RootProduct::General(w) => cmul(x, w),
    }
}

#[cfg(test)]
/// A size-`r` DFT of `v` in place, natural order in and out, as the
/// generated WGSL computes it (conjugate roots for the inverse).
fn small_dft(v: &mut [Complex], conjugate: bool) {
    let r = v.len();
    let mut work = v.to_vec();
    for s in radix2_steps(r) {
        let (a, b) = (work[s.a], work[s.b]);
        work[s.a] = add(a, b);
        work[s.b] = apply_root(sub(a, b), root_product(r, s.e, conjugate));
    }
    for (k, out) in v.iter_mut().enumerate() {
        *out = work[bit_reverse(k, r)];
    }
}

/// One stage: sub-transforms of length `len`, radix `radix`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Stage {
    pub len: usize,
    pub radix: usize,
    /// Where this stage's twiddles `ω_len^{jk}` start in the table
    /// (`j < len/radix`, `1 ≤ k < radix`, at `j·(radix − 1) + k − 1`); the last
    /// stage (`len = radix`, so `j = 0`) has none.
    twiddle_offset: usize,
}

impl Stage {
    /// Distance between the values of one butterfly.
    fn stride(&self) -> usize {
        self.len / self.radix
    }
}

/// The plan of a register-resident transform of `half` values, `per` per invocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RegisterFft {
    half: usize,
    per: usize,
    stages: Vec<Stage>,
    twiddle_count: usize,
}

impl RegisterFft {
    /// A plan for `half` values (a power of two), `per` per invocation (a
    /// power of two ≥ 2; at most `half` are used).
    pub fn new(half: usize, per: usize) -> Self {
        assert!(half.is_power_of_two() && per.is_power_of_two() && per >= 2, "sizes must be powers of two");
        let per = per.min(half);
        let mut stages = Vec::new();
        let (mut len, mut offset) = (half, 0);
        while len > 1 {
            let radix = per.min(len);
            stages.push(Stage { len, radix, twiddle_offset: offset });
            if len > radix {
                offset += (len / radix) * (radix - 1);
            }
            len /= radix;
        }
        Self { half, per, stages, twiddle_count: offset }
    }

    /// Values per invocation.
    pub fn per(&self) -> usize {
        self.per
    }

    /// Invocations per transform.
    pub fn invocations(&self) -> usize {
        self.half / self.per
    }

    /// Exchanges through workgroup memory per transform.
    pub fn exchanges(&self) -> usize {
        self.stages.len().saturating_sub(1)
    }

    /// The stage twiddles, `ω_len^{jk}` per stage in the layout of [`Stage`].
    pub fn twiddles(&self) -> Vec<Complex> {
        let mut table = Vec::with_capacity(self.twiddle_count);
        for stage in self.stages.iter().filter(|s| s.len > s.radix) {
            for j in 0..stage.stride() {
                table.extend((1..stage.radix).map(|k| root(stage.len, j * k)));
            }
        }
        table
    }

    #[cfg(test)]
    /// The position register `reg` of invocation `lid` holds in stage `s`
    /// (register `u·r + m` is value `m` of butterfly `u`).
    fn position(&self, s: usize, lid: usize, reg: usize) -> usize {
        let stage = self.stages[s];
        let (u, m) = (reg / stage.radix, reg % stage.radix);
        let beta = lid * (self.per / stage.radix) + u;
        let stride = stage.stride();
        (beta / stride) * stage.len + beta % stride + m * stride
    }

    #[cfg(test)]
    /// The DFT frequency held at spectrum position `p`.
    pub fn frequency_at(&self, p: usize) -> usize {
        let (mut freq, mut scale, mut p) = (0, 1, p);
        for stage in &self.stages {
            let stride = stage.stride();
            freq += scale * (p / stride);
            scale *= stage.radix;
            p %= stride;
        }
        freq
    }

    #[cfg(test)]
    /// One stage's butterflies on one invocation's registers.
    fn butterflies(&self, s: usize, lid: usize, regs: &mut [Complex], table: &[Complex], inverse: bool) {
        let stage = self.stages[s];
        let r = stage.radix;
        for (u, values) in regs.chunks_exact_mut(r).enumerate() {
            let j = (lid * (self.per / r) + u) % stage.stride();
            let twiddle = |k: usize| table[stage.twiddle_offset + j * (r - 1) + k - 1];
            if inverse {
                if stage.len > r {
                    for (k, v) in values.iter_mut().enumerate().skip(1) {
                        *v = cmul(*v, conj(twiddle(k)));
                    }
                }
                small_dft(values, true);
            } else {
                small_dft(values, false);
                if stage.len > r {
                    for (k, v) in values.iter_mut().enumerate().skip(1) {
                        *v = cmul(*v, twiddle(k));
                    }
                }
            }
        }
    }

    #[cfg(test)]
    /// The host twin of the generated forward transform: `values` in natural
    /// order, the spectrum returned in position order. `exchange` plays the
    /// workgroup memory (at least `half` long, contents arbitrary): every
    /// value read from it must have been written by the same transform.
    pub fn forward(&self, values: &[Complex], exchange: &mut [Complex]) -> Vec<Complex> {
        self.run(values, exchange, false)
    }

    #[cfg(test)]
    /// The host twin of the generated inverse: a spectrum in position order
    /// in, `half` times the values out, in natural order.
    pub fn inverse(&self, spectrum: &[Complex], exchange: &mut [Complex]) -> Vec<Complex> {
        self.run(spectrum, exchange, true)
    }

    #[cfg(test)]
    fn run(&self, input: &[Complex], exchange: &mut [Complex], inverse: bool) -> Vec<Complex> {
        assert_eq!(input.len(), self.half);
        let table = self.twiddles();
        let last = self.stages.len().saturating_sub(1);
        let (first_stage, order): (usize, Vec<usize>) = if inverse {
            (last, (0..self.stages.len()).rev().collect())
        } else {
            (0, (0..self.stages.len()).collect())
        };
        let lanes = self.invocations();
        let mut regs: Vec<Vec<Complex>> = (0..lanes)
            .map(|lid| {
                (0..self.per)
                    .map(|g| {
                        if self.stages.is_empty() {
                            input[lid * self.per + g]
                        } else {
                            input[self.position(first_stage, lid, g)]
                        }
                    })
                    .collect()
            })
            .collect();
        for (i, &s) in order.iter().enumerate() {
            if i > 0 {
                let previous = order[i - 1];
                for (lid, lane) in regs.iter().enumerate() {
                    for (g, v) in lane.iter().enumerate() {
                        exchange[self.position(previous, lid, g)] = *v;
                    }
                }
                for (lid, lane) in regs.iter_mut().enumerate() {
                    for (g, v) in lane.iter_mut().enumerate() {
                        *v = exchange[self.position(s, lid, g)];
                    }
                }
            }
            for (lid, lane) in regs.iter_mut().enumerate() {
                self.butterflies(s, lid, lane, &table, inverse);
            }
        }
        let end_stage = if inverse { 0 } else { last };
        let mut out = vec![[0.0; 2]; self.half];
        for (lid, lane) in regs.iter().enumerate() {
            for (g, v) in lane.iter().enumerate() {
                let at = if self.stages.is_empty() { lid * self.per + g } else { self.position(end_stage, lid, g) };
                out[at] = *v;
            }
        }
        out
    }

    /// WGSL for `fft_forward_{slots}` and `fft_inverse_{slots}`: transforms
    /// of `slots` polynomials at once, slot `t` in registers
    /// `t·per … t·per + per − 1` of the array `v` points to (stage-0 order
    /// for the forward input and inverse output, position order for the
    /// spectra: register `g` of invocation `lid` is position `lid·per + g`).
    /// Slot `t` exchanges through `fft_x[base + t·HALF …]`; with `buffers`
    /// = 2 the base alternates between two halves of `fft_x` (`buffer_stride`
    /// values apart) on the private counter `fft_phase`, so one barrier per
    /// exchange suffices; with 1, a second barrier follows the reads.
    pub fn wgsl(&self, slots: usize, buffers: usize, buffer_stride: usize) -> String {
        let mut out = String::new();
        let regs = slots * self.per;
        for inverse in [false, true] {
            let name = if inverse { "fft_inverse" } else { "fft_forward" };
            let _ = writeln!(out, "fn {name}_{slots}(lid: u32, v: ptr<function, array<vec2<f64>, {regs}>>) {{");
            let order: Vec<usize> =
                if inverse { (0..self.stages.len()).rev().collect() } else { (0..self.stages.len()).collect() };
            for (i, &s) in order.iter().enumerate() {
                if i > 0 {
                    self.emit_exchange(&mut out, order[i - 1], s, slots, buffers, buffer_stride);
                }
                self.emit_butterflies(&mut out, s, slots, inverse);
            }
            out.push_str("}\n\n");
        }
        out
    }

    /// `let` bindings of the butterfly bases of stage `s`, named `{prefix}{u}`.
    fn emit_bases(&self, out: &mut String, s: usize, prefix: &str) {
        let stage = self.stages[s];
        let stride = stage.stride();
        for u in 0..self.per / stage.radix {
            let beta = format!("(lid * {}u + {u}u)", self.per / stage.radix);
            let _ = writeln!(
                out,
                "    let {prefix}{u} = ({beta} >> {}u) * {}u + ({beta} & {}u);",
                stride.trailing_zeros(),
                stage.len,
                stride - 1
            );
        }
    }

    fn emit_exchange(&self, out: &mut String, from: usize, to: usize, slots: usize, buffers: usize, stride: usize) {
        let _ = writeln!(out, "    // Exchange: stage {from} order to stage {to} order.");
        out.push_str("    {\n");
        if buffers == 2 {
            let _ = writeln!(out, "    let xb = (fft_phase & 1u) * {stride}u;");
            out.push_str("    fft_phase = fft_phase + 1u;\n");
        } else {
            out.push_str("    let xb = 0u;\n");
        }
        self.emit_bases(out, from, "w");
        let (wr, ws) = (self.stages[from].radix, self.stages[from].stride());
        for t in 0..slots {
            for g in 0..self.per {
                let (u, m) = (g / wr, g % wr);
                let _ = writeln!(
                    out,
                    "    fft_x[xb + {}u + w{u} + {}u] = (*v)[{}];",
                    t * self.half,
                    m * ws,
                    t * self.per + g
                );
            }
        }
        out.push_str("    workgroupBarrier();\n");
        self.emit_bases(out, to, "r");
        let (rr, rs) = (self.stages[to].radix, self.stages[to].stride());
        for t in 0..slots {
            for g in 0..self.per {
                let (u, m) = (g / rr, g % rr);
                let _ = writeln!(
                    out,
                    "    (*v)[{}] = fft_x[xb + {}u + r{u} + {}u];",
                    t * self.per + g,
                    t * self.half,
                    m * rs
                );
            }
        }
        if buffers == 1 {
            out.push_str("    workgroupBarrier();\n");
        }
        out.push_str("    }\n");
    }

    fn emit_butterflies(&self, out: &mut String, s: usize, slots: usize, inverse: bool) {
        let stage = self.stages[s];
        let r = stage.radix;
        let twiddled = stage.len > r;
        let _ = writeln!(out, "    // Stage {s}: length {}, radix {r}.", stage.len);
        out.push_str("    {\n");
        for u in 0..self.per / r {
            if twiddled {
                let _ = writeln!(
                    out,
                    "    let tw{u} = (((lid * {}u + {u}u) & {}u) * {}u) + {}u;",
                    self.per / r,
                    stage.stride() - 1,
                    r - 1,
                    stage.twiddle_offset
                );
            }
        }
        for t in 0..slots {
            for u in 0..self.per / r {
                let base = t * self.per + u * r;
                let _ = writeln!(out, "    {{");
                // SSA names of the registers as the steps rewrite them.
                let mut names: Vec<String> = (0..r).map(|m| format!("(*v)[{}]", base + m)).collect();
                if inverse && twiddled {
                    for (k, name) in names.iter_mut().enumerate().skip(1) {
                        let _ = writeln!(out, "    let y{k} = cmul({name}, conj(twiddles[tw{u} + {}u]));", k - 1);
                        *name = format!("y{k}");
                    }
                }
                for (i, step) in radix2_steps(r).iter().enumerate() {
                    let (a, b) = (names[step.a].clone(), names[step.b].clone());
                    let _ = writeln!(out, "    let s{i} = {a} + {b};");
                    let _ = writeln!(out, "    let d{i} = {a} - {b};");
                    let product = match root_product(r, step.e, inverse) {
                        RootProduct::One => format!("d{i}"),
                        RootProduct::MinusI => format!("vec2<f64>(d{i}.y, -d{i}.x)"),
                        RootProduct::PlusI => format!("vec2<f64>(-d{i}.y, d{i}.x)"),
                        RootProduct::General([c, s]) => format!("cmul(d{i}, vec2<f64>({}, {}))", lit(c), lit(s)),
                    };
                    let _ = writeln!(out, "    let p{i} = {product};");
                    names[step.a] = format!("s{i}");
                    names[step.b] = format!("p{i}");
                }
                for k in 0..r {
                    let value = &names[bit_reverse(k, r)];
                    let value = if !inverse && twiddled && k > 0 {
                        format!("cmul({value}, twiddles[tw{u} + {}u])", k - 1)
                    } else {
                        value.clone()
                    };
                    let _ = writeln!(out, "    (*v)[{}] = {value};", base + k);
                }
                let _ = writeln!(out, "    }}");
            }
        }
        out.push_str("    }\n");
    }
}

/// An `f64` WGSL literal that reads back as exactly `x`.
fn lit(x: f64) -> String {
    format!("{x:?}lf")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    fn naive_dft(x: &[Complex], inverse: bool) -> Vec<Complex> {
        let n = x.len();
        (0..n)
            .map(|f| {
                x.iter().enumerate().fold([0.0, 0.0], |acc, (j, &v)| {
                    let w = root(n, (j * f) % n);
                    add(acc, cmul(v, if inverse { conj(w) } else { w }))
                })
            })
            .collect()
    }

    fn random(n: usize, seed: u64) -> Vec<Complex> {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        (0..n).map(|_| [rng.random_range(-1e6..1e6), rng.random_range(-1e6..1e6)]).collect()
    }

    /// Workgroup memory as the shaders find it: left over from earlier work.
    fn garbage(n: usize) -> Vec<Complex> {
        (0..n).map(|i| [f64::NAN, 1e300 * i as f64]).collect()
    }

    fn close(a: &[Complex], b: &[Complex], scale: f64) -> bool {
        a.iter().zip(b).all(|(x, y)| (x[0] - y[0]).abs() <= 1e-9 * scale && (x[1] - y[1]).abs() <= 1e-9 * scale)
    }

    #[test]
    fn small_dfts_match_the_naive_dft() {
        for r in [1, 2, 4, 8, 16, 32] {
            let x = random(r, r as u64);
            for inverse in [false, true] {
                let mut v = x.clone();
                small_dft(&mut v, inverse);
                assert!(close(&v, &naive_dft(&x, inverse), 1e6 * r as f64), "r = {r}, inverse {inverse}");
            }
        }
    }

    #[test]
    fn every_plan_matches_the_naive_dft_and_inverts() {
        for log_half in 0..=11 {
            let half = 1usize << log_half;
            for per in [2, 4, 8, 16] {
                let plan = RegisterFft::new(half, per);
                let x = random(half, (log_half * 100 + per) as u64);
                let expected = naive_dft(&x, false);
                let spectrum = plan.forward(&x, &mut garbage(half));
                let scale = 1e6 * half as f64;
                for (p, v) in spectrum.iter().enumerate() {
                    let want = expected[plan.frequency_at(p)];
                    assert!(close(&[*v], &[want], scale), "half {half}, per {per}, position {p}");
                }
                let back = plan.inverse(&spectrum, &mut garbage(half));
                let scaled: Vec<Complex> = x.iter().map(|v| [v[0] * half as f64, v[1] * half as f64]).collect();
                assert!(close(&back, &scaled, scale * half as f64), "half {half}, per {per}: inverse");
            }
        }
    }

    #[test]
    fn positions_are_a_permutation_in_every_stage() {
        for (half, per) in [(256, 8), (512, 8), (1024, 8), (1024, 16), (512, 4), (8, 16)] {
            let plan = RegisterFft::new(half, per);
            for s in 0..plan.stages.len() {
                let mut seen = vec![false; half];
                for lid in 0..plan.invocations() {
                    for g in 0..plan.per() {
                        let p = plan.position(s, lid, g);
                        assert!(!seen[p], "half {half}, per {per}, stage {s}: {p} twice");
                        seen[p] = true;
                    }
                }
            }
            // First stage: the folded coefficients lid + m·invocations; last: lid·per + g.
            let last = plan.stages.len() - 1;
            for lid in 0..plan.invocations() {
                for g in 0..plan.per() {
                    assert_eq!(plan.position(0, lid, g), lid + g * plan.invocations());
                    assert_eq!(plan.position(last, lid, g), lid * plan.per() + g);
                }
            }
        }
    }

    #[test]
    fn exchanges_for_the_shipped_sizes() {
        // N = 512, 1024, 2048 with 8 values per invocation: 2, 2 and 3 exchanges.
        assert_eq!(RegisterFft::new(256, 8).exchanges(), 2);
        assert_eq!(RegisterFft::new(512, 8).exchanges(), 2);
        assert_eq!(RegisterFft::new(1024, 8).exchanges(), 3);
        assert_eq!(RegisterFft::new(1024, 16).exchanges(), 2);
        assert_eq!(RegisterFft::new(512, 4).exchanges(), 4);
        assert_eq!(RegisterFft::new(1, 8).exchanges(), 0);
    }

    #[test]
    fn literals_read_back_exactly() {
        for x in [std::f64::consts::FRAC_1_SQRT_2, -0.38268343236508984, 1e-300, 0.1] {
            let text = lit(x);
            let parsed: f64 = text.trim_end_matches("lf").parse().unwrap();
            assert_eq!(parsed.to_bits(), x.to_bits());
        }
    }
}
