//! Register-resident transforms, generated as unrolled WGSL: the plan, the
//! arithmetic of each path ([`ComplexF64`] for the folded FFT of the `f64`
//! path, [`ModPrime`] for the two-prime NTT of the `u32` path), and the host
//! twin the tests check against naive transforms.
//!
//! A transform of `size` values runs on `size / per` invocations, each
//! holding `per` values in registers for the whole transform. It evaluates
//! a polynomial `x` of `size` coefficients at the roots `ψ·ω^f` of
//! `X^size − c` (`ψ^size = c`: `c = i` for the folded FFT, `−1` for the
//! NTT), so the negacyclic twist needs no pass of its own: it is folded into
//! the stage twiddles. Stage `s` splits blocks of length `L` (first `size`,
//! then `L / r` each stage), radix `r = min(per, L)`: a block holds
//! `x mod (X^L − γ)` with `γ = ρ^r`, and its butterfly `j` multiplies the `r`
//! values at `j + m·L/r` (`m < r`) by `ρ^m`, applies the size-`r` DFT in
//! registers (unrolled radix-2 steps with constant roots) and stores output
//! `k` at `j + k·L/r`, in sub-block `k`, which then holds
//! `x mod (X^{L/r} − ρ·ω_r^k)`. Sub-block `k` holds the frequencies
//! `≡ k (mod r)` of its block. The first stage's multipliers `ψ^{m·size/r}`
//! are constants of the code; the other stages read theirs from a table, the
//! same `r − 1` entries for every butterfly of a block.
//!
//! Invocation `t` runs the butterflies `t·(per/r) + u` (`u < per/r`) of each
//! stage. In the first stage that is `j = t`, the values `t + m·(size/per)`:
//! the coefficients the kernels form in registers, so no exchange comes
//! before it. In the last stage it is the block of positions
//! `t·per … t·per + per − 1`, which the spectrum keeps (a digit-reversed
//! order: products happen pointwise, and the key is transformed by the same
//! code). Between stages the values go through workgroup memory: `stages − 1`
//! exchanges per transform, one barrier each with two alternating buffers
//! (two with one buffer). The inverse runs the stages backwards, each
//! butterfly the inverse DFT and then the inverse multipliers `ρ^{−m}`,
//! unnormalised (it returns `size` times the input), and ends on the
//! coefficients the first stage started from.
//!
//! Every arithmetic step of the WGSL is one step of [`RegisterFft::forward`]
//! or [`RegisterFft::inverse`] here, in the same order, in the same ring:
//! both walk the same [`radix2_steps`] and the same twiddle table.

use std::fmt::Write;

use crate::arith;

/// A complex value `[re, im]`, laid out as WGSL's `vec2<f64>`.
pub(crate) type Complex = [f64; 2];

/// The product as the shaders' `cmul` forms it.
#[cfg(test)]
fn cmul(a: Complex, b: Complex) -> Complex {
    [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]]
}

/// `e^{−2πi·e/len}`.
fn complex_root(len: usize, e: usize) -> Complex {
    let angle = -std::f64::consts::TAU * e as f64 / len as f64;
    [angle.cos(), angle.sin()]
}

/// The arithmetic a transform runs in: on the host (the twin) and as the
/// WGSL expressions the generated code writes for the same operations.
pub(crate) trait Ring {
    /// One value of the transform.
    type Value: Copy;
    /// The WGSL type of a value.
    const WGSL_TYPE: &'static str;
    #[cfg(test)]
    /// `a + b`.
    fn add(&self, a: Self::Value, b: Self::Value) -> Self::Value;
    #[cfg(test)]
    /// `a − b`.
    fn sub(&self, a: Self::Value, b: Self::Value) -> Self::Value;
    #[cfg(test)]
    /// `a·w`.
    fn mul(&self, a: Self::Value, w: Self::Value) -> Self::Value;
    /// `ω_len^e` (or its inverse), `ω_len` the ring's principal `len`-th root of unity.
    fn root(&self, len: usize, e: usize, inverse: bool) -> Self::Value;
    /// `(ψ·ω_size^offset)^e` (or its inverse), `ψ` the ring's twist for
    /// transforms of `size` values: `ψ·ω_size^f` is the root of `X^size − c`
    /// at which a transform evaluates frequency `f`.
    fn split_root(&self, size: usize, offset: usize, e: usize, inverse: bool) -> Self::Value;
    #[cfg(test)]
    /// `x·ω_r^e` (or by the inverse root) as the generated code forms it,
    /// `x` a difference as [`Ring::sub`] left it: the step's second output.
    fn mul_root(&self, x: Self::Value, r: usize, e: usize, inverse: bool) -> Self::Value {
        if e == 0 {
            x
        } else {
            self.mul(x, self.root(r, e, inverse))
        }
    }
    /// WGSL for `a + b`.
    fn wgsl_add(&self, a: &str, b: &str) -> String;
    /// WGSL for `a − b`.
    fn wgsl_sub(&self, a: &str, b: &str) -> String;
    /// WGSL for `x·w`, `w` a constant of the code.
    fn wgsl_mul_const(&self, x: &str, w: Self::Value) -> String;
    /// WGSL for [`Ring::mul_root`]; `None` where that is `x` itself.
    fn wgsl_mul_root(&self, x: &str, r: usize, e: usize, inverse: bool) -> Option<String>;
    /// WGSL loading stage twiddle `index` of the plan's table (or its inverse).
    fn wgsl_twiddle(&self, index: &str, inverse: bool) -> String;
    /// WGSL for `x` times a twiddle `t` as [`Ring::wgsl_twiddle`] loaded it.
    fn wgsl_mul_twiddle(&self, x: &str, t: &str) -> String;
}

/// Complex `f64` arithmetic, roots `e^{−2πi/len}`; the stage twiddles are
/// read from `twiddles[index]` and conjugated for the inverse.
pub(crate) struct ComplexF64;

impl Ring for ComplexF64 {
    type Value = Complex;
    const WGSL_TYPE: &'static str = "vec2<f64>";

    #[cfg(test)]
    fn add(&self, a: Complex, b: Complex) -> Complex {
        [a[0] + b[0], a[1] + b[1]]
    }

    #[cfg(test)]
    fn sub(&self, a: Complex, b: Complex) -> Complex {
        [a[0] - b[0], a[1] - b[1]]
    }

    #[cfg(test)]
    fn mul(&self, a: Complex, w: Complex) -> Complex {
        cmul(a, w)
    }

    fn root(&self, len: usize, e: usize, inverse: bool) -> Complex {
        let w = complex_root(len, e);
        if inverse {
            [w[0], -w[1]]
        } else {
            w
        }
    }

    #[cfg(test)]
    /// `±i` exactly (a swap and a sign), others by `cmul`.
    fn mul_root(&self, x: Complex, r: usize, e: usize, inverse: bool) -> Complex {
        match quarter_turn(r, e, inverse) {
            Some(0) => x,
            Some(1) => [x[1], -x[0]],
            Some(_) => [-x[1], x[0]],
            None => cmul(x, self.root(r, e, inverse)),
        }
    }

    /// `ψ = e^{iπ/(2·size)}` (so `c = i`) and `ω_size = ψ^{−4}`: the power
    /// `(1 − 4·offset)·e` of `ψ`, reduced modulo its order `4·size` before
    /// the angle is formed.
    fn split_root(&self, size: usize, offset: usize, e: usize, inverse: bool) -> Complex {
        let order = 4 * size as i128;
        let power = ((1 - 4 * offset as i128) * e as i128).rem_euclid(order);
        let angle = std::f64::consts::PI * power as f64 / (2 * size) as f64;
        let sign = if inverse { -1.0 } else { 1.0 };
        [angle.cos(), sign * angle.sin()]
    }

    fn wgsl_mul_const(&self, x: &str, w: Complex) -> String {
        format!("cmul({x}, vec2<f64>({}, {}))", lit(w[0]), lit(w[1]))
    }

    fn wgsl_add(&self, a: &str, b: &str) -> String {
        format!("{a} + {b}")
    }

    fn wgsl_sub(&self, a: &str, b: &str) -> String {
        format!("{a} - {b}")
    }

    fn wgsl_mul_root(&self, x: &str, r: usize, e: usize, inverse: bool) -> Option<String> {
        match quarter_turn(r, e, inverse) {
            Some(0) => None,
            Some(1) => Some(format!("vec2<f64>({x}.y, -{x}.x)")),
            Some(_) => Some(format!("vec2<f64>(-{x}.y, {x}.x)")),
            None => Some(self.wgsl_mul_const(x, self.root(r, e, inverse))),
        }
    }

    fn wgsl_twiddle(&self, index: &str, inverse: bool) -> String {
        if inverse {
            format!("conj(twiddles[{index}])")
        } else {
            format!("twiddles[{index}]")
        }
    }

    fn wgsl_mul_twiddle(&self, x: &str, t: &str) -> String {
        format!("cmul({x}, {t})")
    }
}

/// Where `ω_r^e` (or its inverse) is a multiple of a quarter turn: 0 for
/// 1, 1 for `−i`, 3 for `i`; `None` otherwise (a half turn never occurs in
/// the steps).
fn quarter_turn(r: usize, e: usize, inverse: bool) -> Option<usize> {
    let e = if inverse { (r - e) % r } else { e };
    match (4 * e % r, 4 * e / r) {
        (0, q) if q != 2 => Some(q),
        _ => None,
    }
}

/// Arithmetic modulo one NTT prime of [`arith`], roots from the primitive
/// `2·size`-th root `ψ` (so `ω_size = ψ²`), with the shaders' Shoup
/// products, lazily reduced (Harvey): values lie in `[0, 2p)` (inputs in
/// `[0, p)` are too), a difference in `[0, 4p)` until its product (any
/// `u32` operand of a Shoup product is fine) or, for `ω^0`, one conditional
/// subtraction of `2p`; roots and twiddles are fully reduced. The host ops
/// assert these ranges, so the tests check them. The stage multipliers are
/// read as `(w, ⌊w·2³²/p⌋)` pairs from `twiddles[base + index]`, `base` the
/// start of this prime's forward (or inverse) table.
pub(crate) struct ModPrime {
    /// Index into [`arith::PRIMES`].
    pub prime: usize,
    /// The transform size.
    pub size: usize,
    /// Where this prime's forward and inverse stage twiddles start.
    pub bases: [usize; 2],
}

impl ModPrime {
    fn p(&self) -> u32 {
        arith::PRIMES[self.prime]
    }
}

impl Ring for ModPrime {
    type Value = u32;
    const WGSL_TYPE: &'static str = "u32";

    #[cfg(test)]
    fn add(&self, a: u32, b: u32) -> u32 {
        let p = self.p();
        assert!(a < 2 * p && b < 2 * p, "butterfly operands {a}, {b} out of range");
        arith::add_lazy(a, b, p)
    }

    #[cfg(test)]
    fn sub(&self, a: u32, b: u32) -> u32 {
        let p = self.p();
        assert!(a < 2 * p && b < 2 * p, "butterfly operands {a}, {b} out of range");
        arith::sub_lazy(a, b, p)
    }

    #[cfg(test)]
    fn mul(&self, a: u32, w: u32) -> u32 {
        let p = self.p();
        assert!(w < p, "twiddle {w} not reduced");
        arith::mul_shoup_lazy(a, w, arith::shoup_companion(w, p), p)
    }

    #[cfg(test)]
    fn mul_root(&self, x: u32, r: usize, e: usize, inverse: bool) -> u32 {
        if e == 0 {
            arith::reduce_twice(x, self.p())
        } else {
            self.mul(x, self.root(r, e, inverse))
        }
    }

    fn root(&self, len: usize, e: usize, inverse: bool) -> u32 {
        let p = self.p();
        let psi = arith::negacyclic_root(self.prime, self.size);
        let omega = arith::pow_mod(psi, 2 * (self.size / len) as u64, p);
        let w = arith::pow_mod(omega, e as u64, p);
        if inverse {
            arith::pow_mod(w, u64::from(p - 2), p)
        } else {
            w
        }
    }

    /// `ψ` the primitive `2·size`-th root of [`arith::negacyclic_root`]
    /// (so `c = −1`) and `ω_size = ψ²`: the power `(1 + 2·offset)·e` of `ψ`.
    fn split_root(&self, size: usize, offset: usize, e: usize, inverse: bool) -> u32 {
        assert_eq!(size, self.size, "a ring serves transforms of its own size");
        let p = self.p();
        let psi = arith::negacyclic_root(self.prime, size);
        let power = ((1 + 2 * offset as u64) * e as u64) % (2 * size as u64);
        let w = arith::pow_mod(psi, power, p);
        if inverse {
            arith::pow_mod(w, u64::from(p - 2), p)
        } else {
            w
        }
    }

    fn wgsl_mul_const(&self, x: &str, w: u32) -> String {
        format!("mul_shoup_lazy({x}, {w}u, {}u, P{})", arith::shoup_companion(w, self.p()), self.prime)
    }

    fn wgsl_add(&self, a: &str, b: &str) -> String {
        format!("add_lazy({a}, {b}, P{})", self.prime)
    }

    fn wgsl_sub(&self, a: &str, b: &str) -> String {
        format!("sub_lazy({a}, {b}, P{})", self.prime)
    }

    fn wgsl_mul_root(&self, x: &str, r: usize, e: usize, inverse: bool) -> Option<String> {
        if e == 0 {
            return Some(format!("reduce_twice({x}, P{})", self.prime));
        }
        Some(self.wgsl_mul_const(x, self.root(r, e, inverse)))
    }

    fn wgsl_twiddle(&self, index: &str, inverse: bool) -> String {
        format!("twiddles[{}u + {index}]", self.bases[usize::from(inverse)])
    }

    fn wgsl_mul_twiddle(&self, x: &str, t: &str) -> String {
        format!("mul_pair_lazy({x}, {t}, P{})", self.prime)
    }
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
    arith::bit_reverse(i, r.trailing_zeros())
}

/// A size-`r` DFT of `v` in place, natural order in and out, as the
/// generated WGSL computes it (inverse roots for the inverse).
#[cfg(test)]
fn small_dft<R: Ring>(ring: &R, v: &mut [R::Value], inverse: bool) {
    let r = v.len();
    let mut work = v.to_vec();
    for s in radix2_steps(r) {
        let (a, b) = (work[s.a], work[s.b]);
        work[s.a] = ring.add(a, b);
        work[s.b] = ring.mul_root(ring.sub(a, b), r, s.e, inverse);
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
    /// Where this stage's multipliers start in the table: block `b`'s
    /// `ρ_b^m` (`1 ≤ m < radix`) at `b·(radix − 1) + m − 1`, read alike by
    /// every butterfly of the block. The first stage (one block) has none:
    /// its multipliers are constants of the code.
    twiddle_offset: usize,
}

impl Stage {
    /// Distance between the values of one butterfly.
    fn stride(&self) -> usize {
        self.len / self.radix
    }
}

/// The plan of a register-resident transform of `size` values, `per` per invocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RegisterFft {
    size: usize,
    per: usize,
    stages: Vec<Stage>,
    twiddle_count: usize,
}

/// How a generated transform reaches its workgroup memory: `lanes`
/// polynomials are transformed together, lane `l` in registers
/// `l·per … l·per + per − 1` and exchanging through `exchange[base + l·size …]`;
/// with `buffers` = 2 the base alternates between two halves of `exchange`
/// (`stride` values apart) on the private counter `exchange_phase`, so one
/// barrier per exchange suffices; with 1, a second barrier follows the reads.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Exchange {
    pub buffers: usize,
    pub stride: usize,
}

impl RegisterFft {
    /// A plan for `size` values (a power of two), `per` per invocation (a
    /// power of two ≥ 2; at most `size` are used).
    pub fn new(size: usize, per: usize) -> Self {
        assert!(size.is_power_of_two() && per.is_power_of_two() && per >= 2, "sizes must be powers of two");
        let per = per.min(size);
        let mut stages = Vec::new();
        let (mut len, mut offset) = (size, 0);
        while len > 1 {
            let radix = per.min(len);
            stages.push(Stage { len, radix, twiddle_offset: offset });
            if len < size {
                offset += (size / len) * (radix - 1);
            }
            len /= radix;
        }
        Self { size, per, stages, twiddle_count: offset }
    }

    /// Values per transform.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Values per invocation.
    pub fn per(&self) -> usize {
        self.per
    }

    /// Invocations per transform.
    pub fn invocations(&self) -> usize {
        self.size / self.per
    }

    /// Exchanges through workgroup memory per transform.
    pub fn exchanges(&self) -> usize {
        self.stages.len().saturating_sub(1)
    }

    /// Entries of the stage multiplier table.
    pub fn twiddle_count(&self) -> usize {
        self.twiddle_count
    }

    /// Table entries one transform reads: `r − 1` per butterfly of every
    /// stage but the first.
    pub fn twiddle_reads(&self) -> usize {
        self.stages.iter().skip(1).map(|s| self.size / s.radix * (s.radix - 1)).sum()
    }

    /// The frequency offset of `position` after the first `stages` stages:
    /// the frequencies of the block that holds it are this plus multiples of
    /// the radices' product. With every stage, the frequency at `position`.
    fn frequency_offset(&self, stages: usize, position: usize) -> usize {
        let (mut freq, mut scale, mut p) = (0, 1, position);
        for stage in &self.stages[..stages] {
            let stride = stage.stride();
            freq += scale * (p / stride);
            scale *= stage.radix;
            p %= stride;
        }
        freq
    }

    /// Multiplier `m` of block `block` of stage `s`: `ρ^m = (ψ·ω^f)^{m·L/r}`,
    /// `f` the block's frequency offset (or its inverse).
    fn multiplier<R: Ring>(&self, ring: &R, s: usize, block: usize, m: usize, inverse: bool) -> R::Value {
        let stage = self.stages[s];
        let offset = self.frequency_offset(s, block * stage.len);
        ring.split_root(self.size, offset, m * stage.stride(), inverse)
    }

    /// The stage multipliers of `ring` (or their inverses), in the layout of [`Stage`].
    pub fn twiddles<R: Ring>(&self, ring: &R, inverse: bool) -> Vec<R::Value> {
        let mut table = Vec::with_capacity(self.twiddle_count);
        for (s, stage) in self.stages.iter().enumerate().skip(1) {
            for block in 0..self.size / stage.len {
                table.extend((1..stage.radix).map(|m| self.multiplier(ring, s, block, m, inverse)));
            }
        }
        table
    }

    /// The position register `reg` of invocation `lid` holds in stage `s`
    /// (register `u·r + m` is value `m` of butterfly `u`).
    #[cfg(test)]
    fn position(&self, s: usize, lid: usize, reg: usize) -> usize {
        let stage = self.stages[s];
        let (u, m) = (reg / stage.radix, reg % stage.radix);
        let beta = lid * (self.per / stage.radix) + u;
        let stride = stage.stride();
        (beta / stride) * stage.len + beta % stride + m * stride
    }

    /// The frequency `f` held at spectrum position `p`: the value there is
    /// the polynomial at `ψ·ω^f`.
    #[cfg(test)]
    pub fn frequency_at(&self, p: usize) -> usize {
        self.frequency_offset(self.stages.len(), p)
    }

    /// One stage's butterflies on one invocation's registers.
    #[cfg(test)]
    fn butterflies<R: Ring>(
        &self,
        ring: &R,
        s: usize,
        lid: usize,
        regs: &mut [R::Value],
        table: &[R::Value],
        inverse: bool,
    ) {
        let stage = self.stages[s];
        let r = stage.radix;
        for (u, values) in regs.chunks_exact_mut(r).enumerate() {
            let block = (lid * (self.per / r) + u) / stage.stride();
            // The first stage's constants as the code has them, the others from the table.
            let w = |m: usize| match s {
                0 => self.multiplier(ring, 0, 0, m, inverse),
                _ => table[stage.twiddle_offset + block * (r - 1) + m - 1],
            };
            if inverse {
                small_dft(ring, values, true);
            }
            for (m, v) in values.iter_mut().enumerate().skip(1) {
                *v = ring.mul(*v, w(m));
            }
            if !inverse {
                small_dft(ring, values, false);
            }
        }
    }

    /// The host twin of the generated forward transform: `values` in natural
    /// order, the spectrum returned in position order. `exchange` plays the
    /// workgroup memory (at least `size` long, contents arbitrary): every
    /// value read from it must have been written by the same transform.
    #[cfg(test)]
    pub fn forward<R: Ring>(&self, ring: &R, values: &[R::Value], exchange: &mut [R::Value]) -> Vec<R::Value> {
        self.run(ring, values, exchange, false)
    }

    /// The host twin of the generated inverse: a spectrum in position order
    /// in, `size` times the values out, in natural order.
    #[cfg(test)]
    pub fn inverse<R: Ring>(&self, ring: &R, spectrum: &[R::Value], exchange: &mut [R::Value]) -> Vec<R::Value> {
        self.run(ring, spectrum, exchange, true)
    }

    #[cfg(test)]
    fn run<R: Ring>(&self, ring: &R, input: &[R::Value], exchange: &mut [R::Value], inverse: bool) -> Vec<R::Value> {
        assert_eq!(input.len(), self.size);
        let order: Vec<usize> =
            if inverse { (0..self.stages.len()).rev().collect() } else { (0..self.stages.len()).collect() };
        // Where register g of invocation lid sits before the first stage run
        // and after the last (identity when there are no stages).
        let at = |stage: Option<&usize>, lid: usize, g: usize| match stage {
            Some(&s) => self.position(s, lid, g),
            None => lid * self.per + g,
        };
        let table = self.twiddles(ring, inverse);
        let lanes = self.invocations();
        let mut regs: Vec<Vec<R::Value>> =
            (0..lanes).map(|lid| (0..self.per).map(|g| input[at(order.first(), lid, g)]).collect()).collect();
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
                self.butterflies(ring, s, lid, lane, &table, inverse);
            }
        }
        let mut out = input.to_vec();
        for (lid, lane) in regs.iter().enumerate() {
            for (g, v) in lane.iter().enumerate() {
                out[at(order.last(), lid, g)] = *v;
            }
        }
        out
    }

    /// WGSL for `forward_{name}` and `inverse_{name}`: transforms of one
    /// polynomial per lane, lane `l` in `rings[l]` (stage-0 order for the
    /// forward input and inverse output, position order for the spectra:
    /// register `g` of a lane of invocation `lid` is position `lid·per + g`).
    pub fn wgsl<R: Ring>(&self, name: &str, rings: &[&R], exchange: Exchange) -> String {
        let mut out = String::new();
        let regs = rings.len() * self.per;
        for inverse in [false, true] {
            let kind = if inverse { "inverse" } else { "forward" };
            let _ = writeln!(out, "fn {kind}_{name}(lid: u32, v: ptr<function, array<{}, {regs}>>) {{", R::WGSL_TYPE);
            let order: Vec<usize> =
                if inverse { (0..self.stages.len()).rev().collect() } else { (0..self.stages.len()).collect() };
            for (i, &s) in order.iter().enumerate() {
                if i > 0 {
                    self.emit_exchange(&mut out, order[i - 1], s, rings.len(), exchange);
                }
                self.emit_butterflies(&mut out, s, rings, inverse);
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

    fn emit_exchange(&self, out: &mut String, from: usize, to: usize, lanes: usize, exchange: Exchange) {
        let _ = writeln!(out, "    // Exchange: stage {from} order to stage {to} order.");
        out.push_str("    {\n");
        if exchange.buffers == 2 {
            let _ = writeln!(out, "    let xb = (exchange_phase & 1u) * {}u;", exchange.stride);
            out.push_str("    exchange_phase = exchange_phase + 1u;\n");
        } else {
            out.push_str("    let xb = 0u;\n");
        }
        self.emit_bases(out, from, "w");
        let (wr, ws) = (self.stages[from].radix, self.stages[from].stride());
        for l in 0..lanes {
            for g in 0..self.per {
                let (u, m) = (g / wr, g % wr);
                let _ = writeln!(
                    out,
                    "    exchange[xb + {}u + w{u} + {}u] = (*v)[{}];",
                    l * self.size,
                    m * ws,
                    l * self.per + g
                );
            }
        }
        out.push_str("    workgroupBarrier();\n");
        self.emit_bases(out, to, "r");
        let (rr, rs) = (self.stages[to].radix, self.stages[to].stride());
        for l in 0..lanes {
            for g in 0..self.per {
                let (u, m) = (g / rr, g % rr);
                let _ = writeln!(
                    out,
                    "    (*v)[{}] = exchange[xb + {}u + r{u} + {}u];",
                    l * self.per + g,
                    l * self.size,
                    m * rs
                );
            }
        }
        if exchange.buffers == 1 {
            out.push_str("    workgroupBarrier();\n");
        }
        out.push_str("    }\n");
    }

    /// Stage `s`'s butterflies on every lane. Lanes that read the same
    /// table (all on `f64`; one prime's lanes on `u32`) run one after the
    /// other behind one load of each multiplier they share.
    fn emit_butterflies<R: Ring>(&self, out: &mut String, s: usize, rings: &[&R], inverse: bool) {
        let stage = self.stages[s];
        let r = stage.radix;
        let _ = writeln!(out, "    // Stage {s}: length {}, radix {r}.", stage.len);
        out.push_str("    {\n");
        for u in 0..self.per / r {
            if s > 0 {
                let _ = writeln!(
                    out,
                    "    let tw{u} = ((lid * {}u + {u}u) >> {}u) * {}u + {}u;",
                    self.per / r,
                    stage.stride().trailing_zeros(),
                    r - 1,
                    stage.twiddle_offset
                );
            }
            // Lanes grouped by their arithmetic and the table they read (the
            // load and the product as written), in order of first appearance.
            let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
            for (l, ring) in rings.iter().enumerate() {
                let table = ring.wgsl_mul_twiddle("x", &ring.wgsl_twiddle("0u", inverse));
                match groups.iter_mut().find(|(t, _)| *t == table) {
                    Some((_, lanes)) => lanes.push(l),
                    None => groups.push((table, vec![l])),
                }
            }
            for (_, lanes) in &groups {
                let ring = rings[lanes[0]];
                out.push_str("    {\n");
                if s > 0 {
                    for m in 1..r {
                        let _ = writeln!(
                            out,
                            "    let t{m} = {};",
                            ring.wgsl_twiddle(&format!("tw{u} + {}u", m - 1), inverse)
                        );
                    }
                }
                // `x·ρ^m`: a constant in the first stage, else the loaded `t{m}`.
                let multiply = |x: &str, m: usize| match s {
                    0 => ring.wgsl_mul_const(x, self.multiplier(ring, 0, 0, m, inverse)),
                    _ => ring.wgsl_mul_twiddle(x, &format!("t{m}")),
                };
                for &l in lanes {
                    emit_butterfly(out, rings[l], l * self.per + u * r, r, inverse, &multiply);
                }
                out.push_str("    }\n");
            }
        }
        out.push_str("    }\n");
    }
}

/// One radix-`r` butterfly on registers `base …`: forward, the values
/// times their multipliers (`multiply(x, m)`, `m ≥ 1`) and then the small
/// DFT; inverse, the small inverse DFT and then the multipliers.
fn emit_butterfly<R: Ring>(
    out: &mut String,
    ring: &R,
    base: usize,
    r: usize,
    inverse: bool,
    multiply: &dyn Fn(&str, usize) -> String,
) {
    out.push_str("    {\n");
    // SSA names of the registers as the steps rewrite them.
    let mut names: Vec<String> = (0..r).map(|m| format!("(*v)[{}]", base + m)).collect();
    if !inverse {
        for (m, name) in names.iter_mut().enumerate().skip(1) {
            let _ = writeln!(out, "    let y{m} = {};", multiply(name, m));
            *name = format!("y{m}");
        }
    }
    for (i, step) in radix2_steps(r).iter().enumerate() {
        let (a, b) = (names[step.a].clone(), names[step.b].clone());
        let _ = writeln!(out, "    let s{i} = {};", ring.wgsl_add(&a, &b));
        let _ = writeln!(out, "    let d{i} = {};", ring.wgsl_sub(&a, &b));
        names[step.a] = format!("s{i}");
        names[step.b] = match ring.wgsl_mul_root(&format!("d{i}"), r, step.e, inverse) {
            Some(product) => {
                let _ = writeln!(out, "    let p{i} = {product};");
                format!("p{i}")
            }
            None => format!("d{i}"),
        };
    }
    for k in 0..r {
        let value = &names[bit_reverse(k, r)];
        let value = if inverse && k > 0 { multiply(value, k) } else { value.clone() };
        let _ = writeln!(out, "    (*v)[{}] = {value};", base + k);
    }
    out.push_str("    }\n");
}

/// An `f64` WGSL literal that reads back as exactly `x`.
pub(crate) fn lit(x: f64) -> String {
    format!("{x:?}lf")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    fn naive_dft<R: Ring>(ring: &R, x: &[R::Value], inverse: bool) -> Vec<R::Value> {
        let n = x.len();
        let roots: Vec<R::Value> = (0..n).map(|e| ring.root(n, e, inverse)).collect();
        (0..n)
            .map(|f| {
                let mut acc = ring.sub(x[0], x[0]);
                for (j, &v) in x.iter().enumerate() {
                    acc = ring.add(acc, ring.mul(v, roots[(j * f) % n]));
                }
                acc
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

    /// `Σ_j x_j·(ψ·ω^f)^j`: the values at the roots of `X^n − i`.
    fn naive_twisted_dft(x: &[Complex]) -> Vec<Complex> {
        let n = x.len();
        (0..n)
            .map(|f| {
                x.iter().enumerate().fold([0.0, 0.0], |acc, (j, &v)| {
                    ComplexF64.add(acc, cmul(v, ComplexF64.split_root(n, f, j, false)))
                })
            })
            .collect()
    }

    #[test]
    fn small_dfts_match_the_naive_dft() {
        for r in [1, 2, 4, 8, 16, 32] {
            let x = random(r, r as u64);
            for inverse in [false, true] {
                let mut v = x.clone();
                small_dft(&ComplexF64, &mut v, inverse);
                assert!(close(&v, &naive_dft(&ComplexF64, &x, inverse), 1e6 * r as f64), "r = {r}, inverse {inverse}");
            }
        }
    }

    #[test]
    fn every_complex_plan_matches_the_naive_twisted_dft_and_inverts() {
        for log_size in 0..=11 {
            let size = 1usize << log_size;
            for per in [2, 4, 8, 16] {
                let plan = RegisterFft::new(size, per);
                let x = random(size, (log_size * 100 + per) as u64);
                let expected = naive_twisted_dft(&x);
                let spectrum = plan.forward(&ComplexF64, &x, &mut garbage(size));
                let scale = 1e6 * size as f64;
                for (p, v) in spectrum.iter().enumerate() {
                    let want = expected[plan.frequency_at(p)];
                    assert!(close(&[*v], &[want], scale), "size {size}, per {per}, position {p}");
                }
                let back = plan.inverse(&ComplexF64, &spectrum, &mut garbage(size));
                let scaled: Vec<Complex> = x.iter().map(|v| [v[0] * size as f64, v[1] * size as f64]).collect();
                assert!(close(&back, &scaled, scale * size as f64), "size {size}, per {per}: inverse");
            }
        }
    }

    /// The NTT `Σ_j x_j·ω^{jf}` mod `p` in `u64`, from the ring's roots.
    /// `Σ_j x_j·(ψ·ω^f)^j` mod `p` in `u64`: the values at the roots of `X^n + 1`.
    fn naive_ntt(ring: &ModPrime, x: &[u32]) -> Vec<u64> {
        let (n, p) = (x.len(), u64::from(ring.p()));
        (0..n)
            .map(|f| {
                x.iter()
                    .enumerate()
                    .fold(0, |acc, (j, &v)| (acc + u64::from(v) * u64::from(ring.split_root(n, f, j, false))) % p)
            })
            .collect()
    }

    /// Exact: every plan of every size from 2 to 2048, both primes, against
    /// the naive NTT, with edge residues (0, 1, p − 1) among seeded ones and
    /// garbage (2³² − 1, never a value) in the exchange. The outputs are
    /// lazily reduced: below 2p, and equal to the reference mod p (the twin's
    /// ops assert every intermediate range on the way).
    #[test]
    fn every_prime_plan_matches_the_naive_ntt_exactly_and_inverts() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        for log_size in 1..=11 {
            let size = 1usize << log_size;
            for prime in 0..2 {
                let ring = ModPrime { prime, size, bases: [0, 0] };
                let p = arith::PRIMES[prime];
                let mut x: Vec<u32> = (0..size).map(|_| rng.random_range(0..p)).collect();
                for (i, edge) in [0, 1, p - 1].into_iter().enumerate().take(size) {
                    x[i] = edge;
                }
                let expected = naive_ntt(&ring, &x);
                for per in [2, 4, 8, 16] {
                    let plan = RegisterFft::new(size, per);
                    let spectrum = plan.forward(&ring, &x, &mut vec![u32::MAX; size]);
                    for (pos, &v) in spectrum.iter().enumerate() {
                        assert!(v < 2 * p, "size {size}, prime {prime}, per {per}: {v} out of range");
                        assert_eq!(
                            u64::from(v) % u64::from(p),
                            expected[plan.frequency_at(pos)],
                            "size {size}, prime {prime}, per {per}"
                        );
                    }
                    let back = plan.inverse(&ring, &spectrum, &mut vec![u32::MAX; size]);
                    for (&b, &v) in back.iter().zip(&x) {
                        assert!(b < 2 * p, "size {size}, prime {prime}, per {per}: inverse {b} out of range");
                        assert_eq!(
                            u64::from(b) % u64::from(p),
                            u64::from(v) * size as u64 % u64::from(p),
                            "size {size}, prime {prime}, per {per}: inverse"
                        );
                    }
                }
            }
        }
    }

    /// Inputs anywhere in the lazy range `[0, 2p)` (the inverse receives
    /// fully reduced products, the forward fully reduced residues, but the
    /// transforms promise more): edges 2p − 1 and p included.
    #[test]
    fn prime_plans_accept_every_value_below_2p() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(6);
        for prime in 0..2 {
            let size = 1024;
            let ring = ModPrime { prime, size, bases: [0, 0] };
            let p = arith::PRIMES[prime];
            let mut x: Vec<u32> = (0..size).map(|_| rng.random_range(0..2 * p)).collect();
            x[..4].copy_from_slice(&[2 * p - 1, p, p - 1, 0]);
            let reduced: Vec<u32> = x.iter().map(|&v| v % p).collect();
            let expected = naive_ntt(&ring, &reduced);
            for per in [4, 16] {
                let plan = RegisterFft::new(size, per);
                let spectrum = plan.forward(&ring, &x, &mut vec![u32::MAX; size]);
                for (pos, &v) in spectrum.iter().enumerate() {
                    assert_eq!(u64::from(v) % u64::from(p), expected[plan.frequency_at(pos)], "prime {prime}");
                }
                let back = plan.inverse(&ring, &x, &mut vec![u32::MAX; size]);
                assert!(back.iter().all(|&b| b < 2 * p), "prime {prime}, per {per}");
            }
        }
    }

    #[test]
    fn positions_are_a_permutation_in_every_stage() {
        for (size, per) in [(256, 8), (512, 8), (1024, 8), (1024, 16), (512, 4), (8, 16)] {
            let plan = RegisterFft::new(size, per);
            for s in 0..plan.stages.len() {
                let mut seen = vec![false; size];
                for lid in 0..plan.invocations() {
                    for g in 0..plan.per() {
                        let p = plan.position(s, lid, g);
                        assert!(!seen[p], "size {size}, per {per}, stage {s}: {p} twice");
                        seen[p] = true;
                    }
                }
            }
            // First stage: the coefficients lid + m·invocations; last: lid·per + g.
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
        // f64 (N/2 values) with 8 per invocation: 2, 2 and 3 exchanges at
        // N = 512, 1024, 2048; u32 (N values) with 16: 2 at 1024 and 2048.
        assert_eq!(RegisterFft::new(256, 8).exchanges(), 2);
        assert_eq!(RegisterFft::new(512, 8).exchanges(), 2);
        assert_eq!(RegisterFft::new(1024, 8).exchanges(), 3);
        assert_eq!(RegisterFft::new(1024, 16).exchanges(), 2);
        assert_eq!(RegisterFft::new(2048, 16).exchanges(), 2);
        assert_eq!(RegisterFft::new(512, 4).exchanges(), 4);
        assert_eq!(RegisterFft::new(1, 8).exchanges(), 0);
        // 512 values at radix 8: two stages with twiddles, 64 butterflies of 7 each.
        assert_eq!(RegisterFft::new(512, 8).twiddle_reads(), 2 * 64 * 7);
        assert_eq!(RegisterFft::new(8, 8).twiddle_reads(), 0);
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
