//! What the generic kernels ([`cmux`](super::cmux),
//! [`key_transform`](super::key_transform), [`poly_mul`](super::poly_mul))
//! are written against: a [`TransformPath`], whose hooks say in WGSL what
//! the folded `f64` FFT ([`FoldedFft`](super::fft64::FoldedFft)) and the
//! two-prime `u32` NTT ([`TwoPrimeNtt`](super::ntt32::TwoPrimeNtt)) do
//! differently, and the register layout every kernel shares.
//!
//! Registers: a kernel's transform holds `slots` polynomials (ciphertexts
//! of a CMux workgroup, or the two operands of a product), each as
//! [`TransformPath::LANES`] lanes of `PER` values per invocation; value `i`
//! of lane `l` of slot `t` is register [`register`]`(t, l, i)`. Invocation
//! `lid` starts from the coefficients [`coefficient`]`(i)` and ends on the
//! spectrum positions `lid·PER + i`.

use std::fmt::Write;

use super::layout::KernelLayout;
use super::register_fft::RegisterFft;
use crate::options::HighProduct;

/// One arithmetic path of the transform kernels, as WGSL text.
pub(crate) trait TransformPath {
    /// The WGSL type of one transform value.
    const VALUE: &'static str;
    /// Transform lanes per polynomial (1 on `f64`, one per prime on `u32`).
    const LANES: usize;
    /// A zero value.
    const ZERO: &'static str;
    /// The WGSL type of one element of the stage multiplier table and the
    /// key spectra ([`Element::Pair`](super::bindings::Element::Pair)).
    const PAIR: &'static str;
    /// How the CMux digits enter the transform, for the kernel's comment.
    const DIGITS_NOTE: &'static str;
    /// The inverse transform's scale, which the key spectra carry.
    const SCALE_NOTE: &'static str;

    /// The hand-written WGSL fragments the generated part follows.
    fn fragments(high_product: HighProduct) -> Vec<&'static str>;
    /// The stage multiplier table the kernels read, as bytes (empty for a
    /// single-stage transform).
    fn twiddle_bytes(plan: &RegisterFft) -> Vec<u8>;
    /// Appends the path's generated constants, its exchange buffer and the
    /// transforms of one slot and of a CMux workgroup's slots.
    fn declarations(&self, out: &mut String, plan: &RegisterFft, layout: &KernelLayout, n: usize);

    /// The statements setting the registers `reg(l)` of every lane to
    /// coefficient `x` (and, folded on `f64`, `x + HALF`) of the polynomial
    /// at `array[base + …]`, read as `i32`.
    fn load(&self, array: &str, base: &str, reg: &dyn Fn(usize) -> usize) -> String;
    /// The statements writing (`add`: adding to) coefficient `x` (and, on
    /// `f64`, `x + HALF`) of the polynomial at `array[base + …]` from the
    /// inverse transform's value `i` of `registers`, lane `l` at `reg(l)`.
    fn store(&self, array: &str, base: &str, registers: &str, reg: &dyn Fn(usize) -> usize, add: bool) -> String;
    /// The statement storing the key transform's value `i` of lane `l`
    /// (register `r`) of polynomial `poly`, scaled for the inverse, in the
    /// order the CMux reads it.
    fn key_store(&self, l: usize, i: usize, r: usize) -> String;
    /// The pointwise product of `a` and `b` (lane `l`) with the inverse's
    /// scale, as `poly_mul` forms it.
    fn scaled_product(&self, l: usize, a: &str, b: &str) -> String;

    /// The module-scope declaration (with its comment) of the CMux's
    /// spectral accumulators in workgroup memory for `slots` ciphertexts of
    /// `components` components.
    fn spectra_declaration(&self, slots: usize, components: usize) -> String;
    /// The `spec_w` element of value `i` of lane `l` of slot `t`, component `c`.
    fn spectrum_slot(&self, t: usize, c: &str, l: usize, i: usize) -> String;
    /// The statement forming the digits of level `q` of coefficient `x`'s
    /// rotated difference into the registers of slot `t` (`reg(l)` is lane
    /// `l`'s register); `acc` and `poly` name the accumulator array and the
    /// component's offset in it.
    fn digits(&self, acc: &str, t: usize, reg: &dyn Fn(usize) -> usize) -> String;
    /// The offset of the current CMux row's key spectra (`row`), per invocation.
    fn key_row(&self) -> &'static str;
    /// The key value of lane `l`, position `i` of component `c`, from `row`.
    fn key_value(&self, c: &str, l: usize, i: usize) -> String;
    /// The statement adding `value · kv` (lane `l`) to the accumulator `e`.
    fn accumulate(&self, e: &str, value: &str, l: usize) -> String;
}

/// Register of value `i` of lane `l` of slot `t`, with `lanes` lanes per
/// slot and `per` values per lane.
pub(crate) fn register(lanes: usize, per: usize, t: usize, l: usize, i: usize) -> usize {
    (t * lanes + l) * per + i
}

/// The coefficient register `i` of invocation `lid` starts from.
pub(crate) fn coefficient(i: usize) -> String {
    format!("lid + {i}u * WG")
}

/// Workgroups per grid dimension of the kernels with one workgroup per
/// polynomial, which index them as `wid.y · GRID_WIDTH + wid.x`.
pub(crate) const GRID_WIDTH: u32 = 65_535;

/// The opening of a kernel with one workgroup per polynomial (2-D grid):
/// `index` is the polynomial's index, `array` the input whose length bounds it.
pub(crate) fn per_polynomial_opening(out: &mut String, name: &str, index: &str, array: &str) {
    let _ = write!(
        out,
        "@compute @workgroup_size(WG)
fn {name}(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {{
    let {index} = wid.y * {GRID_WIDTH}u + wid.x;
    if ({index} >= arrayLength(&{array}) / N) {{
        return;
    }}
"
    );
}
