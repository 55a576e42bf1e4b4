// f64 path (needs SHADER_F64): scalar helpers of the folded negacyclic FFT
// kernels (key transform, CMux blind rotation, batched product). The
// bindings (gpu-backend/src/codegen/bindings.rs), the transforms
// (codegen/register_fft.rs) and the kernels (codegen/key_transform.rs,
// codegen/cmux.rs, codegen/poly_mul.rs over codegen/fft64.rs) are generated
// per shape, fully unrolled, around this fragment.
//
// Needs common.wgsl plus the prelude constants N, HALF = N/2, K, LEVELS,
// BASE_LOG, GADGET_ONES, LWE_DIM, ROWS = (K+1)·LEVELS, WG (invocations per
// workgroup = HALF / PER) and CMUX_CIPHERTEXTS (ciphertexts per CMux workgroup); the
// generated part defines PER (values per invocation) and INV_HALF = 1/HALF.
//
// Transform: a polynomial p is folded into HALF complex values
// c_j = p_j + i·p_{j+HALF} (p mod X^HALF − i); a register-resident
// mixed-radix transform of size HALF evaluates c at the roots w·ω^f of
// X^HALF − i (w = e^{iπ/N}, ω = e^{−2πi/HALF}: the negacyclic twist is
// folded into its stage multipliers), in a fixed digit-reversed order
// (invocation lid holds positions lid·PER … lid·PER + PER − 1). The inverse
// returns HALF·c; the 1/HALF is carried by the key spectra (and poly_mul's
// products), exact as a power of two. The result is unfolded and rounded to
// the nearest integer mod 2^32.
//
// Precision: exact CMux sums are at most (K+1)·LEVELS·N·2^(BASE_LOG-1)·2^31
// (below 2^53 for every shipped set); the FFT round-off is far below 1/2 for
// all but rare coefficients, which may then differ from the exact result by ±1.
// poly_mul's host side splits torus operands into 16-bit halves so each
// product stays below N·2^30 and is exact.
//
// Memory layout of the bindings (vec2<f64> = one complex value unless stated):
//   twiddles the stage multipliers of every stage but the first
//            (register_fft.rs), conjugated by the inverse; computed on the host.
//   key      [ggsw][row = j·LEVELS + q][component c][HALF positions]; a window
//            of `window.count` GGSWs is bound, starting at GGSW `window.first`.
//   inputs   u32 [ciphertext][LWE_DIM + 1].
//   acc      u32 [ciphertext][K + 1][N].
// Workgroup memory: exchange, BUFFERS·CMUX_CIPHERTEXTS·HALF complex values (16 bytes
// each), the exchanges between transform stages; with the accumulators on
// chip, acc_w, CMUX_CIPHERTEXTS·(K + 1)·N words for a whole window of CMux steps;
// with the spectral accumulators on chip, spec_w, CMUX_CIPHERTEXTS·(K + 1)·HALF
// complex values (each invocation touches only its own positions).

fn cmul(a: vec2<f64>, b: vec2<f64>) -> vec2<f64> {
    return vec2<f64>(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}

fn conj(a: vec2<f64>) -> vec2<f64> {
    return vec2<f64>(a.x, -a.y);
}

fn signed(x: u32) -> f64 {
    return f64(bitcast<i32>(x));
}

// Nearest integer to x, mod 2^32. |x| < 2^53, so every step is exact.
// Not round(): Mesa's llvmpipe (LLVM 15) returns some f64 values one below
// the nearest integer on hosts without AVX-512, which broke exact products.
// floor(x + 0.5) is the nearest integer below 2^52 (ties, which exact
// integer products never produce, go up); from 2^52 on x is an integer.
fn to_torus(x: f64) -> u32 {
    let r = select(floor(x + 0.5lf), x, abs(x) >= 4503599627370496.0lf);
    let wraps = floor(r * (1.0lf / 4294967296.0lf));
    return u32(r - wraps * 4294967296.0lf);
}

// The folded value lo + i·hi of the coefficients lo = p_x and hi = p_{x+HALF}
// of a polynomial, read as i32.
fn folded(lo: u32, hi: u32) -> vec2<f64> {
    return vec2<f64>(signed(lo), signed(hi));
}
