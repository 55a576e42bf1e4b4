const N: u32 = 1024u;
const LOG2_N: u32 = 10u;
const HALF: u32 = 512u;
const K: u32 = 1u;
const LWE_DIM: u32 = 1u;
const BASE_LOG: u32 = 1u;
const LEVELS: u32 = 1u;
const ROWS: u32 = 2u;
const GADGET_ONES: u32 = 1u;
const KS_BASE_LOG: u32 = 1u;
const KS_LEVELS: u32 = 1u;
const KS_GADGET_ONES: u32 = 1u;
const WG: u32 = 128u;
const P0: u32 = 998244353u;
const P1: u32 = 754974721u;
const CRT_INV: u32 = 416537774u;
const CRT_INV_SHOUP: u32 = 2369637111u;
const M_LOW: u32 = 1753219073u;
const BARRETT0: u32 = 2309898375u;
const BARRETT1: u32 = 3054198961u;
const CMUX_CIPHERTEXTS: u32 = 2u;
// Helpers shared by every Umbra kernel: modulus switch, gadget digits and the
// index arithmetic of monomial products in Z[X]/(X^N + 1).
//
// Constants come from the prelude the host prepends to every module
// (see gpu-backend/src/codegen/shape.rs): N (polynomial size, a power of two, 2..=2^14),
// LOG2_N, K (GLWE dimension), LWE_DIM, the PBS gadget BASE_LOG × LEVELS with
// GADGET_ONES = sum_i 2^(i·BASE_LOG), and the keyswitch gadget KS_BASE_LOG ×
// KS_LEVELS with KS_GADGET_ONES. Torus values are u32 with wrapping arithmetic.
// Every function here has a bit-exact Rust twin in gpu-backend/src/arith.rs.

// round(x · 2N / 2^32) mod 2N: the exponent of the monomial an LWE coefficient
// selects. Bounds: LOG2_N + 1 <= 15, so both shifts are in 17..=31.
fn mod_switch(x: u32) -> u32 {
    let shift = 32u - (LOG2_N + 1u);
    return ((x >> shift) + ((x >> (shift - 1u)) & 1u)) & (2u * N - 1u);
}

// Digit `level` (0 = most significant) of the signed balanced decomposition of
// x, rounded to its top base_log·levels bits; result in [-B/2, B/2), B = 2^base_log.
// Requires 1 <= base_log <= 16 and base_log·levels <= 32; `ones` is
// sum_{i<levels} 2^(i·base_log) (wrapping), so half·ones adds B/2 to every digit.
fn gadget_digit(x: u32, base_log: u32, levels: u32, ones: u32, level: u32) -> i32 {
    let kept = base_log * levels;
    var v = x;
    if (kept < 32u) {
        let shift = 32u - kept;
        v = ((x >> shift) + ((x >> (shift - 1u)) & 1u)) & ((1u << kept) - 1u);
    }
    let half = 1u << (base_log - 1u);
    let mask = (1u << base_log) - 1u;
    let i = levels - 1u - level;
    return i32(((v + half * ones) >> (i * base_log)) & mask) - i32(half);
}

// For (X^e · P)[idx] = ±P[src]: returns (src, 1 if negated else 0), e taken mod 2N.
fn monomial_source(idx: u32, e: u32) -> vec2<u32> {
    var s = e & (2u * N - 1u);
    var neg = 0u;
    if (s >= N) {
        s = s - N;
        neg = 1u;
    }
    if (idx >= s) {
        return vec2<u32>(idx - s, neg);
    }
    return vec2<u32>(idx + N - s, neg ^ 1u);
}

// x, negated (mod 2^32) when neg == 1.
fn apply_sign(x: u32, neg: u32) -> u32 {
    return select(x, 0u - x, neg == 1u);
}
@group(0) @binding(0) var<storage, read> twiddles: array<vec2<f64>>;
@group(0) @binding(9) var<storage, read> pm_torus: array<u32>;
@group(0) @binding(10) var<storage, read> pm_integer: array<u32>;
@group(0) @binding(11) var<storage, read_write> pm_out: array<u32>;

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

// Generated for N = 1024, 4 values per invocation, 2 ciphertext(s) per CMux workgroup,
// 2 exchange buffer(s), 4 exchange(s) per transform, accumulators in global memory,
// spectral accumulators in registers.
const PER: u32 = 4u;
// Exchanges so far in this invocation (the same in all: uniform).
var<private> exchange_phase: u32;
const INV_HALF: f64 = 0.001953125lf;
var<workgroup> exchange: array<vec2<f64>, 2048>;

fn forward_1(lid: u32, v: ptr<function, array<vec2<f64>, 4>>) {
    // Stage 0: length 512, radix 4.
    {
    {
    {
    let y1 = cmul((*v)[1], vec2<f64>(0.9238795325112867lf, 0.3826834323650898lf));
    let y2 = cmul((*v)[2], vec2<f64>(0.7071067811865476lf, 0.7071067811865475lf));
    let y3 = cmul((*v)[3], vec2<f64>(0.38268343236508984lf, 0.9238795325112867lf));
    let s0 = (*v)[0] + y2;
    let d0 = (*v)[0] - y2;
    let s1 = y1 + y3;
    let d1 = y1 - y3;
    let p1 = vec2<f64>(d1.y, -d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = s3;
    (*v)[2] = d2;
    (*v)[3] = d3;
    }
    }
    }
    // Exchange: stage 0 order to stage 1 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 7u) * 512u + ((lid * 1u + 0u) & 127u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 128u] = (*v)[1];
    exchange[xb + 0u + w0 + 256u] = (*v)[2];
    exchange[xb + 0u + w0 + 384u] = (*v)[3];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 5u) * 128u + ((lid * 1u + 0u) & 31u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 32u];
    (*v)[2] = exchange[xb + 0u + r0 + 64u];
    (*v)[3] = exchange[xb + 0u + r0 + 96u];
    }
    // Stage 1: length 128, radix 4.
    {
    let tw0 = ((lid * 1u + 0u) >> 5u) * 3u + 0u;
    {
    let t1 = twiddles[tw0 + 0u];
    let t2 = twiddles[tw0 + 1u];
    let t3 = twiddles[tw0 + 2u];
    {
    let y1 = cmul((*v)[1], t1);
    let y2 = cmul((*v)[2], t2);
    let y3 = cmul((*v)[3], t3);
    let s0 = (*v)[0] + y2;
    let d0 = (*v)[0] - y2;
    let s1 = y1 + y3;
    let d1 = y1 - y3;
    let p1 = vec2<f64>(d1.y, -d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = s3;
    (*v)[2] = d2;
    (*v)[3] = d3;
    }
    }
    }
    // Exchange: stage 1 order to stage 2 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 5u) * 128u + ((lid * 1u + 0u) & 31u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 32u] = (*v)[1];
    exchange[xb + 0u + w0 + 64u] = (*v)[2];
    exchange[xb + 0u + w0 + 96u] = (*v)[3];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 3u) * 32u + ((lid * 1u + 0u) & 7u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 8u];
    (*v)[2] = exchange[xb + 0u + r0 + 16u];
    (*v)[3] = exchange[xb + 0u + r0 + 24u];
    }
    // Stage 2: length 32, radix 4.
    {
    let tw0 = ((lid * 1u + 0u) >> 3u) * 3u + 12u;
    {
    let t1 = twiddles[tw0 + 0u];
    let t2 = twiddles[tw0 + 1u];
    let t3 = twiddles[tw0 + 2u];
    {
    let y1 = cmul((*v)[1], t1);
    let y2 = cmul((*v)[2], t2);
    let y3 = cmul((*v)[3], t3);
    let s0 = (*v)[0] + y2;
    let d0 = (*v)[0] - y2;
    let s1 = y1 + y3;
    let d1 = y1 - y3;
    let p1 = vec2<f64>(d1.y, -d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = s3;
    (*v)[2] = d2;
    (*v)[3] = d3;
    }
    }
    }
    // Exchange: stage 2 order to stage 3 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 3u) * 32u + ((lid * 1u + 0u) & 7u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 8u] = (*v)[1];
    exchange[xb + 0u + w0 + 16u] = (*v)[2];
    exchange[xb + 0u + w0 + 24u] = (*v)[3];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 1u) * 8u + ((lid * 1u + 0u) & 1u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 2u];
    (*v)[2] = exchange[xb + 0u + r0 + 4u];
    (*v)[3] = exchange[xb + 0u + r0 + 6u];
    }
    // Stage 3: length 8, radix 4.
    {
    let tw0 = ((lid * 1u + 0u) >> 1u) * 3u + 60u;
    {
    let t1 = twiddles[tw0 + 0u];
    let t2 = twiddles[tw0 + 1u];
    let t3 = twiddles[tw0 + 2u];
    {
    let y1 = cmul((*v)[1], t1);
    let y2 = cmul((*v)[2], t2);
    let y3 = cmul((*v)[3], t3);
    let s0 = (*v)[0] + y2;
    let d0 = (*v)[0] - y2;
    let s1 = y1 + y3;
    let d1 = y1 - y3;
    let p1 = vec2<f64>(d1.y, -d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = s3;
    (*v)[2] = d2;
    (*v)[3] = d3;
    }
    }
    }
    // Exchange: stage 3 order to stage 4 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 1u) * 8u + ((lid * 1u + 0u) & 1u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 2u] = (*v)[1];
    exchange[xb + 0u + w0 + 4u] = (*v)[2];
    exchange[xb + 0u + w0 + 6u] = (*v)[3];
    workgroupBarrier();
    let r0 = ((lid * 2u + 0u) >> 0u) * 2u + ((lid * 2u + 0u) & 0u);
    let r1 = ((lid * 2u + 1u) >> 0u) * 2u + ((lid * 2u + 1u) & 0u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 1u];
    (*v)[2] = exchange[xb + 0u + r1 + 0u];
    (*v)[3] = exchange[xb + 0u + r1 + 1u];
    }
    // Stage 4: length 2, radix 2.
    {
    let tw0 = ((lid * 2u + 0u) >> 0u) * 1u + 252u;
    {
    let t1 = twiddles[tw0 + 0u];
    {
    let y1 = cmul((*v)[1], t1);
    let s0 = (*v)[0] + y1;
    let d0 = (*v)[0] - y1;
    (*v)[0] = s0;
    (*v)[1] = d0;
    }
    }
    let tw1 = ((lid * 2u + 1u) >> 0u) * 1u + 252u;
    {
    let t1 = twiddles[tw1 + 0u];
    {
    let y1 = cmul((*v)[3], t1);
    let s0 = (*v)[2] + y1;
    let d0 = (*v)[2] - y1;
    (*v)[2] = s0;
    (*v)[3] = d0;
    }
    }
    }
}

fn inverse_1(lid: u32, v: ptr<function, array<vec2<f64>, 4>>) {
    // Stage 4: length 2, radix 2.
    {
    let tw0 = ((lid * 2u + 0u) >> 0u) * 1u + 252u;
    {
    let t1 = conj(twiddles[tw0 + 0u]);
    {
    let s0 = (*v)[0] + (*v)[1];
    let d0 = (*v)[0] - (*v)[1];
    (*v)[0] = s0;
    (*v)[1] = cmul(d0, t1);
    }
    }
    let tw1 = ((lid * 2u + 1u) >> 0u) * 1u + 252u;
    {
    let t1 = conj(twiddles[tw1 + 0u]);
    {
    let s0 = (*v)[2] + (*v)[3];
    let d0 = (*v)[2] - (*v)[3];
    (*v)[2] = s0;
    (*v)[3] = cmul(d0, t1);
    }
    }
    }
    // Exchange: stage 4 order to stage 3 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 2u + 0u) >> 0u) * 2u + ((lid * 2u + 0u) & 0u);
    let w1 = ((lid * 2u + 1u) >> 0u) * 2u + ((lid * 2u + 1u) & 0u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 1u] = (*v)[1];
    exchange[xb + 0u + w1 + 0u] = (*v)[2];
    exchange[xb + 0u + w1 + 1u] = (*v)[3];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 1u) * 8u + ((lid * 1u + 0u) & 1u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 2u];
    (*v)[2] = exchange[xb + 0u + r0 + 4u];
    (*v)[3] = exchange[xb + 0u + r0 + 6u];
    }
    // Stage 3: length 8, radix 4.
    {
    let tw0 = ((lid * 1u + 0u) >> 1u) * 3u + 60u;
    {
    let t1 = conj(twiddles[tw0 + 0u]);
    let t2 = conj(twiddles[tw0 + 1u]);
    let t3 = conj(twiddles[tw0 + 2u]);
    {
    let s0 = (*v)[0] + (*v)[2];
    let d0 = (*v)[0] - (*v)[2];
    let s1 = (*v)[1] + (*v)[3];
    let d1 = (*v)[1] - (*v)[3];
    let p1 = vec2<f64>(-d1.y, d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = cmul(s3, t1);
    (*v)[2] = cmul(d2, t2);
    (*v)[3] = cmul(d3, t3);
    }
    }
    }
    // Exchange: stage 3 order to stage 2 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 1u) * 8u + ((lid * 1u + 0u) & 1u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 2u] = (*v)[1];
    exchange[xb + 0u + w0 + 4u] = (*v)[2];
    exchange[xb + 0u + w0 + 6u] = (*v)[3];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 3u) * 32u + ((lid * 1u + 0u) & 7u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 8u];
    (*v)[2] = exchange[xb + 0u + r0 + 16u];
    (*v)[3] = exchange[xb + 0u + r0 + 24u];
    }
    // Stage 2: length 32, radix 4.
    {
    let tw0 = ((lid * 1u + 0u) >> 3u) * 3u + 12u;
    {
    let t1 = conj(twiddles[tw0 + 0u]);
    let t2 = conj(twiddles[tw0 + 1u]);
    let t3 = conj(twiddles[tw0 + 2u]);
    {
    let s0 = (*v)[0] + (*v)[2];
    let d0 = (*v)[0] - (*v)[2];
    let s1 = (*v)[1] + (*v)[3];
    let d1 = (*v)[1] - (*v)[3];
    let p1 = vec2<f64>(-d1.y, d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = cmul(s3, t1);
    (*v)[2] = cmul(d2, t2);
    (*v)[3] = cmul(d3, t3);
    }
    }
    }
    // Exchange: stage 2 order to stage 1 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 3u) * 32u + ((lid * 1u + 0u) & 7u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 8u] = (*v)[1];
    exchange[xb + 0u + w0 + 16u] = (*v)[2];
    exchange[xb + 0u + w0 + 24u] = (*v)[3];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 5u) * 128u + ((lid * 1u + 0u) & 31u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 32u];
    (*v)[2] = exchange[xb + 0u + r0 + 64u];
    (*v)[3] = exchange[xb + 0u + r0 + 96u];
    }
    // Stage 1: length 128, radix 4.
    {
    let tw0 = ((lid * 1u + 0u) >> 5u) * 3u + 0u;
    {
    let t1 = conj(twiddles[tw0 + 0u]);
    let t2 = conj(twiddles[tw0 + 1u]);
    let t3 = conj(twiddles[tw0 + 2u]);
    {
    let s0 = (*v)[0] + (*v)[2];
    let d0 = (*v)[0] - (*v)[2];
    let s1 = (*v)[1] + (*v)[3];
    let d1 = (*v)[1] - (*v)[3];
    let p1 = vec2<f64>(-d1.y, d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = cmul(s3, t1);
    (*v)[2] = cmul(d2, t2);
    (*v)[3] = cmul(d3, t3);
    }
    }
    }
    // Exchange: stage 1 order to stage 0 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 5u) * 128u + ((lid * 1u + 0u) & 31u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 32u] = (*v)[1];
    exchange[xb + 0u + w0 + 64u] = (*v)[2];
    exchange[xb + 0u + w0 + 96u] = (*v)[3];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 7u) * 512u + ((lid * 1u + 0u) & 127u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 128u];
    (*v)[2] = exchange[xb + 0u + r0 + 256u];
    (*v)[3] = exchange[xb + 0u + r0 + 384u];
    }
    // Stage 0: length 512, radix 4.
    {
    {
    {
    let s0 = (*v)[0] + (*v)[2];
    let d0 = (*v)[0] - (*v)[2];
    let s1 = (*v)[1] + (*v)[3];
    let d1 = (*v)[1] - (*v)[3];
    let p1 = vec2<f64>(-d1.y, d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = cmul(s3, vec2<f64>(0.9238795325112867lf, -0.3826834323650898lf));
    (*v)[2] = cmul(d2, vec2<f64>(0.7071067811865476lf, -0.7071067811865475lf));
    (*v)[3] = cmul(d3, vec2<f64>(0.38268343236508984lf, -0.9238795325112867lf));
    }
    }
    }
}

fn forward_2(lid: u32, v: ptr<function, array<vec2<f64>, 8>>) {
    // Stage 0: length 512, radix 4.
    {
    {
    {
    let y1 = cmul((*v)[1], vec2<f64>(0.9238795325112867lf, 0.3826834323650898lf));
    let y2 = cmul((*v)[2], vec2<f64>(0.7071067811865476lf, 0.7071067811865475lf));
    let y3 = cmul((*v)[3], vec2<f64>(0.38268343236508984lf, 0.9238795325112867lf));
    let s0 = (*v)[0] + y2;
    let d0 = (*v)[0] - y2;
    let s1 = y1 + y3;
    let d1 = y1 - y3;
    let p1 = vec2<f64>(d1.y, -d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = s3;
    (*v)[2] = d2;
    (*v)[3] = d3;
    }
    {
    let y1 = cmul((*v)[5], vec2<f64>(0.9238795325112867lf, 0.3826834323650898lf));
    let y2 = cmul((*v)[6], vec2<f64>(0.7071067811865476lf, 0.7071067811865475lf));
    let y3 = cmul((*v)[7], vec2<f64>(0.38268343236508984lf, 0.9238795325112867lf));
    let s0 = (*v)[4] + y2;
    let d0 = (*v)[4] - y2;
    let s1 = y1 + y3;
    let d1 = y1 - y3;
    let p1 = vec2<f64>(d1.y, -d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[4] = s2;
    (*v)[5] = s3;
    (*v)[6] = d2;
    (*v)[7] = d3;
    }
    }
    }
    // Exchange: stage 0 order to stage 1 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 7u) * 512u + ((lid * 1u + 0u) & 127u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 128u] = (*v)[1];
    exchange[xb + 0u + w0 + 256u] = (*v)[2];
    exchange[xb + 0u + w0 + 384u] = (*v)[3];
    exchange[xb + 512u + w0 + 0u] = (*v)[4];
    exchange[xb + 512u + w0 + 128u] = (*v)[5];
    exchange[xb + 512u + w0 + 256u] = (*v)[6];
    exchange[xb + 512u + w0 + 384u] = (*v)[7];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 5u) * 128u + ((lid * 1u + 0u) & 31u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 32u];
    (*v)[2] = exchange[xb + 0u + r0 + 64u];
    (*v)[3] = exchange[xb + 0u + r0 + 96u];
    (*v)[4] = exchange[xb + 512u + r0 + 0u];
    (*v)[5] = exchange[xb + 512u + r0 + 32u];
    (*v)[6] = exchange[xb + 512u + r0 + 64u];
    (*v)[7] = exchange[xb + 512u + r0 + 96u];
    }
    // Stage 1: length 128, radix 4.
    {
    let tw0 = ((lid * 1u + 0u) >> 5u) * 3u + 0u;
    {
    let t1 = twiddles[tw0 + 0u];
    let t2 = twiddles[tw0 + 1u];
    let t3 = twiddles[tw0 + 2u];
    {
    let y1 = cmul((*v)[1], t1);
    let y2 = cmul((*v)[2], t2);
    let y3 = cmul((*v)[3], t3);
    let s0 = (*v)[0] + y2;
    let d0 = (*v)[0] - y2;
    let s1 = y1 + y3;
    let d1 = y1 - y3;
    let p1 = vec2<f64>(d1.y, -d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = s3;
    (*v)[2] = d2;
    (*v)[3] = d3;
    }
    {
    let y1 = cmul((*v)[5], t1);
    let y2 = cmul((*v)[6], t2);
    let y3 = cmul((*v)[7], t3);
    let s0 = (*v)[4] + y2;
    let d0 = (*v)[4] - y2;
    let s1 = y1 + y3;
    let d1 = y1 - y3;
    let p1 = vec2<f64>(d1.y, -d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[4] = s2;
    (*v)[5] = s3;
    (*v)[6] = d2;
    (*v)[7] = d3;
    }
    }
    }
    // Exchange: stage 1 order to stage 2 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 5u) * 128u + ((lid * 1u + 0u) & 31u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 32u] = (*v)[1];
    exchange[xb + 0u + w0 + 64u] = (*v)[2];
    exchange[xb + 0u + w0 + 96u] = (*v)[3];
    exchange[xb + 512u + w0 + 0u] = (*v)[4];
    exchange[xb + 512u + w0 + 32u] = (*v)[5];
    exchange[xb + 512u + w0 + 64u] = (*v)[6];
    exchange[xb + 512u + w0 + 96u] = (*v)[7];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 3u) * 32u + ((lid * 1u + 0u) & 7u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 8u];
    (*v)[2] = exchange[xb + 0u + r0 + 16u];
    (*v)[3] = exchange[xb + 0u + r0 + 24u];
    (*v)[4] = exchange[xb + 512u + r0 + 0u];
    (*v)[5] = exchange[xb + 512u + r0 + 8u];
    (*v)[6] = exchange[xb + 512u + r0 + 16u];
    (*v)[7] = exchange[xb + 512u + r0 + 24u];
    }
    // Stage 2: length 32, radix 4.
    {
    let tw0 = ((lid * 1u + 0u) >> 3u) * 3u + 12u;
    {
    let t1 = twiddles[tw0 + 0u];
    let t2 = twiddles[tw0 + 1u];
    let t3 = twiddles[tw0 + 2u];
    {
    let y1 = cmul((*v)[1], t1);
    let y2 = cmul((*v)[2], t2);
    let y3 = cmul((*v)[3], t3);
    let s0 = (*v)[0] + y2;
    let d0 = (*v)[0] - y2;
    let s1 = y1 + y3;
    let d1 = y1 - y3;
    let p1 = vec2<f64>(d1.y, -d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = s3;
    (*v)[2] = d2;
    (*v)[3] = d3;
    }
    {
    let y1 = cmul((*v)[5], t1);
    let y2 = cmul((*v)[6], t2);
    let y3 = cmul((*v)[7], t3);
    let s0 = (*v)[4] + y2;
    let d0 = (*v)[4] - y2;
    let s1 = y1 + y3;
    let d1 = y1 - y3;
    let p1 = vec2<f64>(d1.y, -d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[4] = s2;
    (*v)[5] = s3;
    (*v)[6] = d2;
    (*v)[7] = d3;
    }
    }
    }
    // Exchange: stage 2 order to stage 3 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 3u) * 32u + ((lid * 1u + 0u) & 7u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 8u] = (*v)[1];
    exchange[xb + 0u + w0 + 16u] = (*v)[2];
    exchange[xb + 0u + w0 + 24u] = (*v)[3];
    exchange[xb + 512u + w0 + 0u] = (*v)[4];
    exchange[xb + 512u + w0 + 8u] = (*v)[5];
    exchange[xb + 512u + w0 + 16u] = (*v)[6];
    exchange[xb + 512u + w0 + 24u] = (*v)[7];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 1u) * 8u + ((lid * 1u + 0u) & 1u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 2u];
    (*v)[2] = exchange[xb + 0u + r0 + 4u];
    (*v)[3] = exchange[xb + 0u + r0 + 6u];
    (*v)[4] = exchange[xb + 512u + r0 + 0u];
    (*v)[5] = exchange[xb + 512u + r0 + 2u];
    (*v)[6] = exchange[xb + 512u + r0 + 4u];
    (*v)[7] = exchange[xb + 512u + r0 + 6u];
    }
    // Stage 3: length 8, radix 4.
    {
    let tw0 = ((lid * 1u + 0u) >> 1u) * 3u + 60u;
    {
    let t1 = twiddles[tw0 + 0u];
    let t2 = twiddles[tw0 + 1u];
    let t3 = twiddles[tw0 + 2u];
    {
    let y1 = cmul((*v)[1], t1);
    let y2 = cmul((*v)[2], t2);
    let y3 = cmul((*v)[3], t3);
    let s0 = (*v)[0] + y2;
    let d0 = (*v)[0] - y2;
    let s1 = y1 + y3;
    let d1 = y1 - y3;
    let p1 = vec2<f64>(d1.y, -d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = s3;
    (*v)[2] = d2;
    (*v)[3] = d3;
    }
    {
    let y1 = cmul((*v)[5], t1);
    let y2 = cmul((*v)[6], t2);
    let y3 = cmul((*v)[7], t3);
    let s0 = (*v)[4] + y2;
    let d0 = (*v)[4] - y2;
    let s1 = y1 + y3;
    let d1 = y1 - y3;
    let p1 = vec2<f64>(d1.y, -d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[4] = s2;
    (*v)[5] = s3;
    (*v)[6] = d2;
    (*v)[7] = d3;
    }
    }
    }
    // Exchange: stage 3 order to stage 4 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 1u) * 8u + ((lid * 1u + 0u) & 1u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 2u] = (*v)[1];
    exchange[xb + 0u + w0 + 4u] = (*v)[2];
    exchange[xb + 0u + w0 + 6u] = (*v)[3];
    exchange[xb + 512u + w0 + 0u] = (*v)[4];
    exchange[xb + 512u + w0 + 2u] = (*v)[5];
    exchange[xb + 512u + w0 + 4u] = (*v)[6];
    exchange[xb + 512u + w0 + 6u] = (*v)[7];
    workgroupBarrier();
    let r0 = ((lid * 2u + 0u) >> 0u) * 2u + ((lid * 2u + 0u) & 0u);
    let r1 = ((lid * 2u + 1u) >> 0u) * 2u + ((lid * 2u + 1u) & 0u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 1u];
    (*v)[2] = exchange[xb + 0u + r1 + 0u];
    (*v)[3] = exchange[xb + 0u + r1 + 1u];
    (*v)[4] = exchange[xb + 512u + r0 + 0u];
    (*v)[5] = exchange[xb + 512u + r0 + 1u];
    (*v)[6] = exchange[xb + 512u + r1 + 0u];
    (*v)[7] = exchange[xb + 512u + r1 + 1u];
    }
    // Stage 4: length 2, radix 2.
    {
    let tw0 = ((lid * 2u + 0u) >> 0u) * 1u + 252u;
    {
    let t1 = twiddles[tw0 + 0u];
    {
    let y1 = cmul((*v)[1], t1);
    let s0 = (*v)[0] + y1;
    let d0 = (*v)[0] - y1;
    (*v)[0] = s0;
    (*v)[1] = d0;
    }
    {
    let y1 = cmul((*v)[5], t1);
    let s0 = (*v)[4] + y1;
    let d0 = (*v)[4] - y1;
    (*v)[4] = s0;
    (*v)[5] = d0;
    }
    }
    let tw1 = ((lid * 2u + 1u) >> 0u) * 1u + 252u;
    {
    let t1 = twiddles[tw1 + 0u];
    {
    let y1 = cmul((*v)[3], t1);
    let s0 = (*v)[2] + y1;
    let d0 = (*v)[2] - y1;
    (*v)[2] = s0;
    (*v)[3] = d0;
    }
    {
    let y1 = cmul((*v)[7], t1);
    let s0 = (*v)[6] + y1;
    let d0 = (*v)[6] - y1;
    (*v)[6] = s0;
    (*v)[7] = d0;
    }
    }
    }
}

fn inverse_2(lid: u32, v: ptr<function, array<vec2<f64>, 8>>) {
    // Stage 4: length 2, radix 2.
    {
    let tw0 = ((lid * 2u + 0u) >> 0u) * 1u + 252u;
    {
    let t1 = conj(twiddles[tw0 + 0u]);
    {
    let s0 = (*v)[0] + (*v)[1];
    let d0 = (*v)[0] - (*v)[1];
    (*v)[0] = s0;
    (*v)[1] = cmul(d0, t1);
    }
    {
    let s0 = (*v)[4] + (*v)[5];
    let d0 = (*v)[4] - (*v)[5];
    (*v)[4] = s0;
    (*v)[5] = cmul(d0, t1);
    }
    }
    let tw1 = ((lid * 2u + 1u) >> 0u) * 1u + 252u;
    {
    let t1 = conj(twiddles[tw1 + 0u]);
    {
    let s0 = (*v)[2] + (*v)[3];
    let d0 = (*v)[2] - (*v)[3];
    (*v)[2] = s0;
    (*v)[3] = cmul(d0, t1);
    }
    {
    let s0 = (*v)[6] + (*v)[7];
    let d0 = (*v)[6] - (*v)[7];
    (*v)[6] = s0;
    (*v)[7] = cmul(d0, t1);
    }
    }
    }
    // Exchange: stage 4 order to stage 3 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 2u + 0u) >> 0u) * 2u + ((lid * 2u + 0u) & 0u);
    let w1 = ((lid * 2u + 1u) >> 0u) * 2u + ((lid * 2u + 1u) & 0u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 1u] = (*v)[1];
    exchange[xb + 0u + w1 + 0u] = (*v)[2];
    exchange[xb + 0u + w1 + 1u] = (*v)[3];
    exchange[xb + 512u + w0 + 0u] = (*v)[4];
    exchange[xb + 512u + w0 + 1u] = (*v)[5];
    exchange[xb + 512u + w1 + 0u] = (*v)[6];
    exchange[xb + 512u + w1 + 1u] = (*v)[7];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 1u) * 8u + ((lid * 1u + 0u) & 1u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 2u];
    (*v)[2] = exchange[xb + 0u + r0 + 4u];
    (*v)[3] = exchange[xb + 0u + r0 + 6u];
    (*v)[4] = exchange[xb + 512u + r0 + 0u];
    (*v)[5] = exchange[xb + 512u + r0 + 2u];
    (*v)[6] = exchange[xb + 512u + r0 + 4u];
    (*v)[7] = exchange[xb + 512u + r0 + 6u];
    }
    // Stage 3: length 8, radix 4.
    {
    let tw0 = ((lid * 1u + 0u) >> 1u) * 3u + 60u;
    {
    let t1 = conj(twiddles[tw0 + 0u]);
    let t2 = conj(twiddles[tw0 + 1u]);
    let t3 = conj(twiddles[tw0 + 2u]);
    {
    let s0 = (*v)[0] + (*v)[2];
    let d0 = (*v)[0] - (*v)[2];
    let s1 = (*v)[1] + (*v)[3];
    let d1 = (*v)[1] - (*v)[3];
    let p1 = vec2<f64>(-d1.y, d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = cmul(s3, t1);
    (*v)[2] = cmul(d2, t2);
    (*v)[3] = cmul(d3, t3);
    }
    {
    let s0 = (*v)[4] + (*v)[6];
    let d0 = (*v)[4] - (*v)[6];
    let s1 = (*v)[5] + (*v)[7];
    let d1 = (*v)[5] - (*v)[7];
    let p1 = vec2<f64>(-d1.y, d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[4] = s2;
    (*v)[5] = cmul(s3, t1);
    (*v)[6] = cmul(d2, t2);
    (*v)[7] = cmul(d3, t3);
    }
    }
    }
    // Exchange: stage 3 order to stage 2 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 1u) * 8u + ((lid * 1u + 0u) & 1u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 2u] = (*v)[1];
    exchange[xb + 0u + w0 + 4u] = (*v)[2];
    exchange[xb + 0u + w0 + 6u] = (*v)[3];
    exchange[xb + 512u + w0 + 0u] = (*v)[4];
    exchange[xb + 512u + w0 + 2u] = (*v)[5];
    exchange[xb + 512u + w0 + 4u] = (*v)[6];
    exchange[xb + 512u + w0 + 6u] = (*v)[7];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 3u) * 32u + ((lid * 1u + 0u) & 7u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 8u];
    (*v)[2] = exchange[xb + 0u + r0 + 16u];
    (*v)[3] = exchange[xb + 0u + r0 + 24u];
    (*v)[4] = exchange[xb + 512u + r0 + 0u];
    (*v)[5] = exchange[xb + 512u + r0 + 8u];
    (*v)[6] = exchange[xb + 512u + r0 + 16u];
    (*v)[7] = exchange[xb + 512u + r0 + 24u];
    }
    // Stage 2: length 32, radix 4.
    {
    let tw0 = ((lid * 1u + 0u) >> 3u) * 3u + 12u;
    {
    let t1 = conj(twiddles[tw0 + 0u]);
    let t2 = conj(twiddles[tw0 + 1u]);
    let t3 = conj(twiddles[tw0 + 2u]);
    {
    let s0 = (*v)[0] + (*v)[2];
    let d0 = (*v)[0] - (*v)[2];
    let s1 = (*v)[1] + (*v)[3];
    let d1 = (*v)[1] - (*v)[3];
    let p1 = vec2<f64>(-d1.y, d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = cmul(s3, t1);
    (*v)[2] = cmul(d2, t2);
    (*v)[3] = cmul(d3, t3);
    }
    {
    let s0 = (*v)[4] + (*v)[6];
    let d0 = (*v)[4] - (*v)[6];
    let s1 = (*v)[5] + (*v)[7];
    let d1 = (*v)[5] - (*v)[7];
    let p1 = vec2<f64>(-d1.y, d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[4] = s2;
    (*v)[5] = cmul(s3, t1);
    (*v)[6] = cmul(d2, t2);
    (*v)[7] = cmul(d3, t3);
    }
    }
    }
    // Exchange: stage 2 order to stage 1 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 3u) * 32u + ((lid * 1u + 0u) & 7u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 8u] = (*v)[1];
    exchange[xb + 0u + w0 + 16u] = (*v)[2];
    exchange[xb + 0u + w0 + 24u] = (*v)[3];
    exchange[xb + 512u + w0 + 0u] = (*v)[4];
    exchange[xb + 512u + w0 + 8u] = (*v)[5];
    exchange[xb + 512u + w0 + 16u] = (*v)[6];
    exchange[xb + 512u + w0 + 24u] = (*v)[7];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 5u) * 128u + ((lid * 1u + 0u) & 31u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 32u];
    (*v)[2] = exchange[xb + 0u + r0 + 64u];
    (*v)[3] = exchange[xb + 0u + r0 + 96u];
    (*v)[4] = exchange[xb + 512u + r0 + 0u];
    (*v)[5] = exchange[xb + 512u + r0 + 32u];
    (*v)[6] = exchange[xb + 512u + r0 + 64u];
    (*v)[7] = exchange[xb + 512u + r0 + 96u];
    }
    // Stage 1: length 128, radix 4.
    {
    let tw0 = ((lid * 1u + 0u) >> 5u) * 3u + 0u;
    {
    let t1 = conj(twiddles[tw0 + 0u]);
    let t2 = conj(twiddles[tw0 + 1u]);
    let t3 = conj(twiddles[tw0 + 2u]);
    {
    let s0 = (*v)[0] + (*v)[2];
    let d0 = (*v)[0] - (*v)[2];
    let s1 = (*v)[1] + (*v)[3];
    let d1 = (*v)[1] - (*v)[3];
    let p1 = vec2<f64>(-d1.y, d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = cmul(s3, t1);
    (*v)[2] = cmul(d2, t2);
    (*v)[3] = cmul(d3, t3);
    }
    {
    let s0 = (*v)[4] + (*v)[6];
    let d0 = (*v)[4] - (*v)[6];
    let s1 = (*v)[5] + (*v)[7];
    let d1 = (*v)[5] - (*v)[7];
    let p1 = vec2<f64>(-d1.y, d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[4] = s2;
    (*v)[5] = cmul(s3, t1);
    (*v)[6] = cmul(d2, t2);
    (*v)[7] = cmul(d3, t3);
    }
    }
    }
    // Exchange: stage 1 order to stage 0 order.
    {
    let xb = (exchange_phase & 1u) * 1024u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 5u) * 128u + ((lid * 1u + 0u) & 31u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 32u] = (*v)[1];
    exchange[xb + 0u + w0 + 64u] = (*v)[2];
    exchange[xb + 0u + w0 + 96u] = (*v)[3];
    exchange[xb + 512u + w0 + 0u] = (*v)[4];
    exchange[xb + 512u + w0 + 32u] = (*v)[5];
    exchange[xb + 512u + w0 + 64u] = (*v)[6];
    exchange[xb + 512u + w0 + 96u] = (*v)[7];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 7u) * 512u + ((lid * 1u + 0u) & 127u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 128u];
    (*v)[2] = exchange[xb + 0u + r0 + 256u];
    (*v)[3] = exchange[xb + 0u + r0 + 384u];
    (*v)[4] = exchange[xb + 512u + r0 + 0u];
    (*v)[5] = exchange[xb + 512u + r0 + 128u];
    (*v)[6] = exchange[xb + 512u + r0 + 256u];
    (*v)[7] = exchange[xb + 512u + r0 + 384u];
    }
    // Stage 0: length 512, radix 4.
    {
    {
    {
    let s0 = (*v)[0] + (*v)[2];
    let d0 = (*v)[0] - (*v)[2];
    let s1 = (*v)[1] + (*v)[3];
    let d1 = (*v)[1] - (*v)[3];
    let p1 = vec2<f64>(-d1.y, d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[0] = s2;
    (*v)[1] = cmul(s3, vec2<f64>(0.9238795325112867lf, -0.3826834323650898lf));
    (*v)[2] = cmul(d2, vec2<f64>(0.7071067811865476lf, -0.7071067811865475lf));
    (*v)[3] = cmul(d3, vec2<f64>(0.38268343236508984lf, -0.9238795325112867lf));
    }
    {
    let s0 = (*v)[4] + (*v)[6];
    let d0 = (*v)[4] - (*v)[6];
    let s1 = (*v)[5] + (*v)[7];
    let d1 = (*v)[5] - (*v)[7];
    let p1 = vec2<f64>(-d1.y, d1.x);
    let s2 = s0 + s1;
    let d2 = s0 - s1;
    let s3 = d0 + p1;
    let d3 = d0 - p1;
    (*v)[4] = s2;
    (*v)[5] = cmul(s3, vec2<f64>(0.9238795325112867lf, -0.3826834323650898lf));
    (*v)[6] = cmul(d2, vec2<f64>(0.7071067811865476lf, -0.7071067811865475lf));
    (*v)[7] = cmul(d3, vec2<f64>(0.38268343236508984lf, -0.9238795325112867lf));
    }
    }
    }
}

// Batched negacyclic product: one workgroup per pair, pm_out = pm_torus · pm_integer
// (both read as i32), 2-D grid as key_transform. The two operands are the two
// slots of one transform, so its multipliers serve both.
@compute @workgroup_size(WG)
fn poly_mul(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let pair = wid.y * 65535u + wid.x;
    if (pair >= arrayLength(&pm_torus) / N) {
        return;
    }
    let base = pair * N;
    var v: array<vec2<f64>, 8>;
    { let x = lid + 0u * WG; v[0] = folded(pm_torus[base + x], pm_torus[base + x + HALF]); v[4] = folded(pm_integer[base + x], pm_integer[base + x + HALF]); }
    { let x = lid + 1u * WG; v[1] = folded(pm_torus[base + x], pm_torus[base + x + HALF]); v[5] = folded(pm_integer[base + x], pm_integer[base + x + HALF]); }
    { let x = lid + 2u * WG; v[2] = folded(pm_torus[base + x], pm_torus[base + x + HALF]); v[6] = folded(pm_integer[base + x], pm_integer[base + x + HALF]); }
    { let x = lid + 3u * WG; v[3] = folded(pm_torus[base + x], pm_torus[base + x + HALF]); v[7] = folded(pm_integer[base + x], pm_integer[base + x + HALF]); }
    forward_2(lid, &v);
    var a: array<vec2<f64>, 4>;
    a[0] = cmul(v[0], v[4]) * INV_HALF;
    a[1] = cmul(v[1], v[5]) * INV_HALF;
    a[2] = cmul(v[2], v[6]) * INV_HALF;
    a[3] = cmul(v[3], v[7]) * INV_HALF;
    inverse_1(lid, &a);
    { let x = lid + 0u * WG; let u = a[0]; pm_out[base + x] = to_torus(u.x); pm_out[base + x + HALF] = to_torus(u.y); }
    { let x = lid + 1u * WG; let u = a[1]; pm_out[base + x] = to_torus(u.x); pm_out[base + x + HALF] = to_torus(u.y); }
    { let x = lid + 2u * WG; let u = a[2]; pm_out[base + x] = to_torus(u.x); pm_out[base + x + HALF] = to_torus(u.y); }
    { let x = lid + 3u * WG; let u = a[3]; pm_out[base + x] = to_torus(u.x); pm_out[base + x + HALF] = to_torus(u.y); }
}

