const N: u32 = 1024u;
const LOG2_N: u32 = 10u;
const HALF: u32 = 512u;
const K: u32 = 1u;
const LWE_DIM: u32 = 630u;
const BASE_LOG: u32 = 7u;
const LEVELS: u32 = 3u;
const ROWS: u32 = 6u;
const GADGET_ONES: u32 = 16513u;
const KS_BASE_LOG: u32 = 2u;
const KS_LEVELS: u32 = 8u;
const KS_GADGET_ONES: u32 = 21845u;
const WG: u32 = 64u;
const P0: u32 = 998244353u;
const P1: u32 = 754974721u;
const CRT_INV: u32 = 416537774u;
const CRT_INV_SHOUP: u32 = 2369637111u;
const M_LOW: u32 = 1753219073u;
const BARRETT0: u32 = 2309898375u;
const BARRETT1: u32 = 3054198961u;
const CMUX_CIPHERTEXTS: u32 = 1u;
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
struct Window {
    first: u32,
    count: u32,
    pad0: u32,
    pad1: u32,
}

@group(0) @binding(0) var<storage, read> twiddles: array<vec2<f64>>;
@group(0) @binding(1) var<storage, read> inputs: array<u32>;
@group(0) @binding(2) var<storage, read_write> acc: array<u32>;
@group(0) @binding(7) var<storage, read> raw_key: array<u32>;
@group(0) @binding(8) var<storage, read_write> key_out: array<vec2<f64>>;
@group(1) @binding(0) var<storage, read> key: array<vec2<f64>>;
@group(1) @binding(1) var<uniform> window: Window;

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

// Generated for N = 1024, 8 values per invocation, 1 ciphertext(s) per CMux workgroup,
// 2 exchange buffer(s), 2 exchange(s) per transform, accumulators in global memory,
// spectral accumulators in workgroup memory.
const PER: u32 = 8u;
// Exchanges so far in this invocation (the same in all: uniform).
var<private> exchange_phase: u32;
const INV_HALF: f64 = 0.001953125lf;
var<workgroup> exchange: array<vec2<f64>, 1024>;

fn forward_1(lid: u32, v: ptr<function, array<vec2<f64>, 8>>) {
    // Stage 0: length 512, radix 8.
    {
    {
    {
    let y1 = cmul((*v)[1], vec2<f64>(0.9807852804032304lf, 0.19509032201612825lf));
    let y2 = cmul((*v)[2], vec2<f64>(0.9238795325112867lf, 0.3826834323650898lf));
    let y3 = cmul((*v)[3], vec2<f64>(0.8314696123025452lf, 0.5555702330196022lf));
    let y4 = cmul((*v)[4], vec2<f64>(0.7071067811865476lf, 0.7071067811865475lf));
    let y5 = cmul((*v)[5], vec2<f64>(0.5555702330196023lf, 0.8314696123025452lf));
    let y6 = cmul((*v)[6], vec2<f64>(0.38268343236508984lf, 0.9238795325112867lf));
    let y7 = cmul((*v)[7], vec2<f64>(0.19509032201612833lf, 0.9807852804032304lf));
    let s0 = (*v)[0] + y4;
    let d0 = (*v)[0] - y4;
    let s1 = y1 + y5;
    let d1 = y1 - y5;
    let p1 = cmul(d1, vec2<f64>(0.7071067811865476lf, -0.7071067811865475lf));
    let s2 = y2 + y6;
    let d2 = y2 - y6;
    let p2 = vec2<f64>(d2.y, -d2.x);
    let s3 = y3 + y7;
    let d3 = y3 - y7;
    let p3 = cmul(d3, vec2<f64>(-0.7071067811865475lf, -0.7071067811865476lf));
    let s4 = s0 + s2;
    let d4 = s0 - s2;
    let s5 = s1 + s3;
    let d5 = s1 - s3;
    let p5 = vec2<f64>(d5.y, -d5.x);
    let s6 = d0 + p2;
    let d6 = d0 - p2;
    let s7 = p1 + p3;
    let d7 = p1 - p3;
    let p7 = vec2<f64>(d7.y, -d7.x);
    let s8 = s4 + s5;
    let d8 = s4 - s5;
    let s9 = d4 + p5;
    let d9 = d4 - p5;
    let s10 = s6 + s7;
    let d10 = s6 - s7;
    let s11 = d6 + p7;
    let d11 = d6 - p7;
    (*v)[0] = s8;
    (*v)[1] = s10;
    (*v)[2] = s9;
    (*v)[3] = s11;
    (*v)[4] = d8;
    (*v)[5] = d10;
    (*v)[6] = d9;
    (*v)[7] = d11;
    }
    }
    }
    // Exchange: stage 0 order to stage 1 order.
    {
    let xb = (exchange_phase & 1u) * 512u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 6u) * 512u + ((lid * 1u + 0u) & 63u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 64u] = (*v)[1];
    exchange[xb + 0u + w0 + 128u] = (*v)[2];
    exchange[xb + 0u + w0 + 192u] = (*v)[3];
    exchange[xb + 0u + w0 + 256u] = (*v)[4];
    exchange[xb + 0u + w0 + 320u] = (*v)[5];
    exchange[xb + 0u + w0 + 384u] = (*v)[6];
    exchange[xb + 0u + w0 + 448u] = (*v)[7];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 3u) * 64u + ((lid * 1u + 0u) & 7u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 8u];
    (*v)[2] = exchange[xb + 0u + r0 + 16u];
    (*v)[3] = exchange[xb + 0u + r0 + 24u];
    (*v)[4] = exchange[xb + 0u + r0 + 32u];
    (*v)[5] = exchange[xb + 0u + r0 + 40u];
    (*v)[6] = exchange[xb + 0u + r0 + 48u];
    (*v)[7] = exchange[xb + 0u + r0 + 56u];
    }
    // Stage 1: length 64, radix 8.
    {
    let tw0 = ((lid * 1u + 0u) >> 3u) * 7u + 0u;
    {
    let t1 = twiddles[tw0 + 0u];
    let t2 = twiddles[tw0 + 1u];
    let t3 = twiddles[tw0 + 2u];
    let t4 = twiddles[tw0 + 3u];
    let t5 = twiddles[tw0 + 4u];
    let t6 = twiddles[tw0 + 5u];
    let t7 = twiddles[tw0 + 6u];
    {
    let y1 = cmul((*v)[1], t1);
    let y2 = cmul((*v)[2], t2);
    let y3 = cmul((*v)[3], t3);
    let y4 = cmul((*v)[4], t4);
    let y5 = cmul((*v)[5], t5);
    let y6 = cmul((*v)[6], t6);
    let y7 = cmul((*v)[7], t7);
    let s0 = (*v)[0] + y4;
    let d0 = (*v)[0] - y4;
    let s1 = y1 + y5;
    let d1 = y1 - y5;
    let p1 = cmul(d1, vec2<f64>(0.7071067811865476lf, -0.7071067811865475lf));
    let s2 = y2 + y6;
    let d2 = y2 - y6;
    let p2 = vec2<f64>(d2.y, -d2.x);
    let s3 = y3 + y7;
    let d3 = y3 - y7;
    let p3 = cmul(d3, vec2<f64>(-0.7071067811865475lf, -0.7071067811865476lf));
    let s4 = s0 + s2;
    let d4 = s0 - s2;
    let s5 = s1 + s3;
    let d5 = s1 - s3;
    let p5 = vec2<f64>(d5.y, -d5.x);
    let s6 = d0 + p2;
    let d6 = d0 - p2;
    let s7 = p1 + p3;
    let d7 = p1 - p3;
    let p7 = vec2<f64>(d7.y, -d7.x);
    let s8 = s4 + s5;
    let d8 = s4 - s5;
    let s9 = d4 + p5;
    let d9 = d4 - p5;
    let s10 = s6 + s7;
    let d10 = s6 - s7;
    let s11 = d6 + p7;
    let d11 = d6 - p7;
    (*v)[0] = s8;
    (*v)[1] = s10;
    (*v)[2] = s9;
    (*v)[3] = s11;
    (*v)[4] = d8;
    (*v)[5] = d10;
    (*v)[6] = d9;
    (*v)[7] = d11;
    }
    }
    }
    // Exchange: stage 1 order to stage 2 order.
    {
    let xb = (exchange_phase & 1u) * 512u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 3u) * 64u + ((lid * 1u + 0u) & 7u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 8u] = (*v)[1];
    exchange[xb + 0u + w0 + 16u] = (*v)[2];
    exchange[xb + 0u + w0 + 24u] = (*v)[3];
    exchange[xb + 0u + w0 + 32u] = (*v)[4];
    exchange[xb + 0u + w0 + 40u] = (*v)[5];
    exchange[xb + 0u + w0 + 48u] = (*v)[6];
    exchange[xb + 0u + w0 + 56u] = (*v)[7];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 0u) * 8u + ((lid * 1u + 0u) & 0u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 1u];
    (*v)[2] = exchange[xb + 0u + r0 + 2u];
    (*v)[3] = exchange[xb + 0u + r0 + 3u];
    (*v)[4] = exchange[xb + 0u + r0 + 4u];
    (*v)[5] = exchange[xb + 0u + r0 + 5u];
    (*v)[6] = exchange[xb + 0u + r0 + 6u];
    (*v)[7] = exchange[xb + 0u + r0 + 7u];
    }
    // Stage 2: length 8, radix 8.
    {
    let tw0 = ((lid * 1u + 0u) >> 0u) * 7u + 56u;
    {
    let t1 = twiddles[tw0 + 0u];
    let t2 = twiddles[tw0 + 1u];
    let t3 = twiddles[tw0 + 2u];
    let t4 = twiddles[tw0 + 3u];
    let t5 = twiddles[tw0 + 4u];
    let t6 = twiddles[tw0 + 5u];
    let t7 = twiddles[tw0 + 6u];
    {
    let y1 = cmul((*v)[1], t1);
    let y2 = cmul((*v)[2], t2);
    let y3 = cmul((*v)[3], t3);
    let y4 = cmul((*v)[4], t4);
    let y5 = cmul((*v)[5], t5);
    let y6 = cmul((*v)[6], t6);
    let y7 = cmul((*v)[7], t7);
    let s0 = (*v)[0] + y4;
    let d0 = (*v)[0] - y4;
    let s1 = y1 + y5;
    let d1 = y1 - y5;
    let p1 = cmul(d1, vec2<f64>(0.7071067811865476lf, -0.7071067811865475lf));
    let s2 = y2 + y6;
    let d2 = y2 - y6;
    let p2 = vec2<f64>(d2.y, -d2.x);
    let s3 = y3 + y7;
    let d3 = y3 - y7;
    let p3 = cmul(d3, vec2<f64>(-0.7071067811865475lf, -0.7071067811865476lf));
    let s4 = s0 + s2;
    let d4 = s0 - s2;
    let s5 = s1 + s3;
    let d5 = s1 - s3;
    let p5 = vec2<f64>(d5.y, -d5.x);
    let s6 = d0 + p2;
    let d6 = d0 - p2;
    let s7 = p1 + p3;
    let d7 = p1 - p3;
    let p7 = vec2<f64>(d7.y, -d7.x);
    let s8 = s4 + s5;
    let d8 = s4 - s5;
    let s9 = d4 + p5;
    let d9 = d4 - p5;
    let s10 = s6 + s7;
    let d10 = s6 - s7;
    let s11 = d6 + p7;
    let d11 = d6 - p7;
    (*v)[0] = s8;
    (*v)[1] = s10;
    (*v)[2] = s9;
    (*v)[3] = s11;
    (*v)[4] = d8;
    (*v)[5] = d10;
    (*v)[6] = d9;
    (*v)[7] = d11;
    }
    }
    }
}

fn inverse_1(lid: u32, v: ptr<function, array<vec2<f64>, 8>>) {
    // Stage 2: length 8, radix 8.
    {
    let tw0 = ((lid * 1u + 0u) >> 0u) * 7u + 56u;
    {
    let t1 = conj(twiddles[tw0 + 0u]);
    let t2 = conj(twiddles[tw0 + 1u]);
    let t3 = conj(twiddles[tw0 + 2u]);
    let t4 = conj(twiddles[tw0 + 3u]);
    let t5 = conj(twiddles[tw0 + 4u]);
    let t6 = conj(twiddles[tw0 + 5u]);
    let t7 = conj(twiddles[tw0 + 6u]);
    {
    let s0 = (*v)[0] + (*v)[4];
    let d0 = (*v)[0] - (*v)[4];
    let s1 = (*v)[1] + (*v)[5];
    let d1 = (*v)[1] - (*v)[5];
    let p1 = cmul(d1, vec2<f64>(0.7071067811865476lf, 0.7071067811865475lf));
    let s2 = (*v)[2] + (*v)[6];
    let d2 = (*v)[2] - (*v)[6];
    let p2 = vec2<f64>(-d2.y, d2.x);
    let s3 = (*v)[3] + (*v)[7];
    let d3 = (*v)[3] - (*v)[7];
    let p3 = cmul(d3, vec2<f64>(-0.7071067811865475lf, 0.7071067811865476lf));
    let s4 = s0 + s2;
    let d4 = s0 - s2;
    let s5 = s1 + s3;
    let d5 = s1 - s3;
    let p5 = vec2<f64>(-d5.y, d5.x);
    let s6 = d0 + p2;
    let d6 = d0 - p2;
    let s7 = p1 + p3;
    let d7 = p1 - p3;
    let p7 = vec2<f64>(-d7.y, d7.x);
    let s8 = s4 + s5;
    let d8 = s4 - s5;
    let s9 = d4 + p5;
    let d9 = d4 - p5;
    let s10 = s6 + s7;
    let d10 = s6 - s7;
    let s11 = d6 + p7;
    let d11 = d6 - p7;
    (*v)[0] = s8;
    (*v)[1] = cmul(s10, t1);
    (*v)[2] = cmul(s9, t2);
    (*v)[3] = cmul(s11, t3);
    (*v)[4] = cmul(d8, t4);
    (*v)[5] = cmul(d10, t5);
    (*v)[6] = cmul(d9, t6);
    (*v)[7] = cmul(d11, t7);
    }
    }
    }
    // Exchange: stage 2 order to stage 1 order.
    {
    let xb = (exchange_phase & 1u) * 512u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 0u) * 8u + ((lid * 1u + 0u) & 0u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 1u] = (*v)[1];
    exchange[xb + 0u + w0 + 2u] = (*v)[2];
    exchange[xb + 0u + w0 + 3u] = (*v)[3];
    exchange[xb + 0u + w0 + 4u] = (*v)[4];
    exchange[xb + 0u + w0 + 5u] = (*v)[5];
    exchange[xb + 0u + w0 + 6u] = (*v)[6];
    exchange[xb + 0u + w0 + 7u] = (*v)[7];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 3u) * 64u + ((lid * 1u + 0u) & 7u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 8u];
    (*v)[2] = exchange[xb + 0u + r0 + 16u];
    (*v)[3] = exchange[xb + 0u + r0 + 24u];
    (*v)[4] = exchange[xb + 0u + r0 + 32u];
    (*v)[5] = exchange[xb + 0u + r0 + 40u];
    (*v)[6] = exchange[xb + 0u + r0 + 48u];
    (*v)[7] = exchange[xb + 0u + r0 + 56u];
    }
    // Stage 1: length 64, radix 8.
    {
    let tw0 = ((lid * 1u + 0u) >> 3u) * 7u + 0u;
    {
    let t1 = conj(twiddles[tw0 + 0u]);
    let t2 = conj(twiddles[tw0 + 1u]);
    let t3 = conj(twiddles[tw0 + 2u]);
    let t4 = conj(twiddles[tw0 + 3u]);
    let t5 = conj(twiddles[tw0 + 4u]);
    let t6 = conj(twiddles[tw0 + 5u]);
    let t7 = conj(twiddles[tw0 + 6u]);
    {
    let s0 = (*v)[0] + (*v)[4];
    let d0 = (*v)[0] - (*v)[4];
    let s1 = (*v)[1] + (*v)[5];
    let d1 = (*v)[1] - (*v)[5];
    let p1 = cmul(d1, vec2<f64>(0.7071067811865476lf, 0.7071067811865475lf));
    let s2 = (*v)[2] + (*v)[6];
    let d2 = (*v)[2] - (*v)[6];
    let p2 = vec2<f64>(-d2.y, d2.x);
    let s3 = (*v)[3] + (*v)[7];
    let d3 = (*v)[3] - (*v)[7];
    let p3 = cmul(d3, vec2<f64>(-0.7071067811865475lf, 0.7071067811865476lf));
    let s4 = s0 + s2;
    let d4 = s0 - s2;
    let s5 = s1 + s3;
    let d5 = s1 - s3;
    let p5 = vec2<f64>(-d5.y, d5.x);
    let s6 = d0 + p2;
    let d6 = d0 - p2;
    let s7 = p1 + p3;
    let d7 = p1 - p3;
    let p7 = vec2<f64>(-d7.y, d7.x);
    let s8 = s4 + s5;
    let d8 = s4 - s5;
    let s9 = d4 + p5;
    let d9 = d4 - p5;
    let s10 = s6 + s7;
    let d10 = s6 - s7;
    let s11 = d6 + p7;
    let d11 = d6 - p7;
    (*v)[0] = s8;
    (*v)[1] = cmul(s10, t1);
    (*v)[2] = cmul(s9, t2);
    (*v)[3] = cmul(s11, t3);
    (*v)[4] = cmul(d8, t4);
    (*v)[5] = cmul(d10, t5);
    (*v)[6] = cmul(d9, t6);
    (*v)[7] = cmul(d11, t7);
    }
    }
    }
    // Exchange: stage 1 order to stage 0 order.
    {
    let xb = (exchange_phase & 1u) * 512u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 3u) * 64u + ((lid * 1u + 0u) & 7u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 8u] = (*v)[1];
    exchange[xb + 0u + w0 + 16u] = (*v)[2];
    exchange[xb + 0u + w0 + 24u] = (*v)[3];
    exchange[xb + 0u + w0 + 32u] = (*v)[4];
    exchange[xb + 0u + w0 + 40u] = (*v)[5];
    exchange[xb + 0u + w0 + 48u] = (*v)[6];
    exchange[xb + 0u + w0 + 56u] = (*v)[7];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 6u) * 512u + ((lid * 1u + 0u) & 63u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 64u];
    (*v)[2] = exchange[xb + 0u + r0 + 128u];
    (*v)[3] = exchange[xb + 0u + r0 + 192u];
    (*v)[4] = exchange[xb + 0u + r0 + 256u];
    (*v)[5] = exchange[xb + 0u + r0 + 320u];
    (*v)[6] = exchange[xb + 0u + r0 + 384u];
    (*v)[7] = exchange[xb + 0u + r0 + 448u];
    }
    // Stage 0: length 512, radix 8.
    {
    {
    {
    let s0 = (*v)[0] + (*v)[4];
    let d0 = (*v)[0] - (*v)[4];
    let s1 = (*v)[1] + (*v)[5];
    let d1 = (*v)[1] - (*v)[5];
    let p1 = cmul(d1, vec2<f64>(0.7071067811865476lf, 0.7071067811865475lf));
    let s2 = (*v)[2] + (*v)[6];
    let d2 = (*v)[2] - (*v)[6];
    let p2 = vec2<f64>(-d2.y, d2.x);
    let s3 = (*v)[3] + (*v)[7];
    let d3 = (*v)[3] - (*v)[7];
    let p3 = cmul(d3, vec2<f64>(-0.7071067811865475lf, 0.7071067811865476lf));
    let s4 = s0 + s2;
    let d4 = s0 - s2;
    let s5 = s1 + s3;
    let d5 = s1 - s3;
    let p5 = vec2<f64>(-d5.y, d5.x);
    let s6 = d0 + p2;
    let d6 = d0 - p2;
    let s7 = p1 + p3;
    let d7 = p1 - p3;
    let p7 = vec2<f64>(-d7.y, d7.x);
    let s8 = s4 + s5;
    let d8 = s4 - s5;
    let s9 = d4 + p5;
    let d9 = d4 - p5;
    let s10 = s6 + s7;
    let d10 = s6 - s7;
    let s11 = d6 + p7;
    let d11 = d6 - p7;
    (*v)[0] = s8;
    (*v)[1] = cmul(s10, vec2<f64>(0.9807852804032304lf, -0.19509032201612825lf));
    (*v)[2] = cmul(s9, vec2<f64>(0.9238795325112867lf, -0.3826834323650898lf));
    (*v)[3] = cmul(s11, vec2<f64>(0.8314696123025452lf, -0.5555702330196022lf));
    (*v)[4] = cmul(d8, vec2<f64>(0.7071067811865476lf, -0.7071067811865475lf));
    (*v)[5] = cmul(d10, vec2<f64>(0.5555702330196023lf, -0.8314696123025452lf));
    (*v)[6] = cmul(d9, vec2<f64>(0.38268343236508984lf, -0.9238795325112867lf));
    (*v)[7] = cmul(d11, vec2<f64>(0.19509032201612833lf, -0.9807852804032304lf));
    }
    }
    }
}

// One workgroup per torus polynomial of the raw bootstrapping key (2-D grid):
// its spectrum times 1/HALF (the inverse transform's scale), in the order the CMux reads it.
@compute @workgroup_size(WG)
fn key_transform(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let poly = wid.y * 65535u + wid.x;
    if (poly >= arrayLength(&raw_key) / N) {
        return;
    }
    var v: array<vec2<f64>, 8>;
    { let x = lid + 0u * WG; v[0] = folded(raw_key[poly * N + x], raw_key[poly * N + x + HALF]); }
    { let x = lid + 1u * WG; v[1] = folded(raw_key[poly * N + x], raw_key[poly * N + x + HALF]); }
    { let x = lid + 2u * WG; v[2] = folded(raw_key[poly * N + x], raw_key[poly * N + x + HALF]); }
    { let x = lid + 3u * WG; v[3] = folded(raw_key[poly * N + x], raw_key[poly * N + x + HALF]); }
    { let x = lid + 4u * WG; v[4] = folded(raw_key[poly * N + x], raw_key[poly * N + x + HALF]); }
    { let x = lid + 5u * WG; v[5] = folded(raw_key[poly * N + x], raw_key[poly * N + x + HALF]); }
    { let x = lid + 6u * WG; v[6] = folded(raw_key[poly * N + x], raw_key[poly * N + x + HALF]); }
    { let x = lid + 7u * WG; v[7] = folded(raw_key[poly * N + x], raw_key[poly * N + x + HALF]); }
    forward_1(lid, &v);
    key_out[poly * HALF + lid * PER + 0u] = v[0] * INV_HALF;
    key_out[poly * HALF + lid * PER + 1u] = v[1] * INV_HALF;
    key_out[poly * HALF + lid * PER + 2u] = v[2] * INV_HALF;
    key_out[poly * HALF + lid * PER + 3u] = v[3] * INV_HALF;
    key_out[poly * HALF + lid * PER + 4u] = v[4] * INV_HALF;
    key_out[poly * HALF + lid * PER + 5u] = v[5] * INV_HALF;
    key_out[poly * HALF + lid * PER + 6u] = v[6] * INV_HALF;
    key_out[poly * HALF + lid * PER + 7u] = v[7] * INV_HALF;
}

// The spectral accumulators of each step (slot t, component c at (t·(K+1) + c)·HALF); each
// invocation reads and writes its own positions only.
var<workgroup> spec_w: array<vec2<f64>, 2u * HALF>;
// Blind rotation for the GGSWs of the bound window: CMUX_CIPHERTEXTS ciphertexts per
// workgroup (slot t holds ciphertext CMUX_CIPHERTEXTS·wid.x + t); for each step s,
// acc += BSK_s ⊡ (X^rot·acc − acc).
//
// Per step: for each component j and level q, the digits of the rotated
// differences of the owned coefficients are formed from the accumulator
// (coefficients x and x + HALF folded into one complex value) into `v` (nothing but `v` and the spectral
// accumulators stays live across a transform), transformed (the negacyclic
// twist is in the transform's multipliers), and multiplied into the (K+1)
// spectral accumulators (registers `out`, or `spec_w` in workgroup memory)
// with the key values at the owned positions (each key value read serves
// every slot; the key spectra carry the inverse's 1/HALF); rows are added in
// increasing order. Then each output component is transformed back and added
// to the accumulator. A step with rot = 0 is computed like any other (it adds
// 0): the slots' rotations differ, and the barriers need uniform control flow.
// Slots past the chunk's last ciphertext (count = arrayLength(&inputs) /
// (LWE_DIM + 1)) neither read nor write `acc`. Every transform has at least
// one exchange (a barrier) whenever WG > 1, so no invocation writes the
// accumulator before all have read it.
@compute @workgroup_size(WG)
fn cmux(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let first = wid.x * CMUX_CIPHERTEXTS;
    let count = arrayLength(&inputs) / (LWE_DIM + 1u);
    let live0 = first + 0u < count;
    for (var s = 0u; s < window.count; s = s + 1u) {
        var rot0 = 0u;
        if (live0) { rot0 = mod_switch(inputs[(first + 0u) * (LWE_DIM + 1u) + window.first + s]); }
        for (var c = 0u; c <= K; c = c + 1u) {
            spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 0u] = vec2<f64>(0.0lf, 0.0lf);
            spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 1u] = vec2<f64>(0.0lf, 0.0lf);
            spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 2u] = vec2<f64>(0.0lf, 0.0lf);
            spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 3u] = vec2<f64>(0.0lf, 0.0lf);
            spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 4u] = vec2<f64>(0.0lf, 0.0lf);
            spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 5u] = vec2<f64>(0.0lf, 0.0lf);
            spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 6u] = vec2<f64>(0.0lf, 0.0lf);
            spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 7u] = vec2<f64>(0.0lf, 0.0lf);
        }
        for (var j = 0u; j <= K; j = j + 1u) {
            for (var q = 0u; q < LEVELS; q = q + 1u) {
                var v: array<vec2<f64>, 8>;
                if (live0) {
                    let poly = ((first + 0u) * (K + 1u) + j) * N;
                    { let x = lid + 0u * WG; let lo = monomial_source(x, rot0); let hi = monomial_source(x + HALF, rot0); let d = vec2<u32>(apply_sign(acc[poly + lo.x], lo.y) - acc[poly + x], apply_sign(acc[poly + hi.x], hi.y) - acc[poly + x + HALF]); v[0] = vec2<f64>(f64(gadget_digit(d.x, BASE_LOG, LEVELS, GADGET_ONES, q)), f64(gadget_digit(d.y, BASE_LOG, LEVELS, GADGET_ONES, q))); }
                    { let x = lid + 1u * WG; let lo = monomial_source(x, rot0); let hi = monomial_source(x + HALF, rot0); let d = vec2<u32>(apply_sign(acc[poly + lo.x], lo.y) - acc[poly + x], apply_sign(acc[poly + hi.x], hi.y) - acc[poly + x + HALF]); v[1] = vec2<f64>(f64(gadget_digit(d.x, BASE_LOG, LEVELS, GADGET_ONES, q)), f64(gadget_digit(d.y, BASE_LOG, LEVELS, GADGET_ONES, q))); }
                    { let x = lid + 2u * WG; let lo = monomial_source(x, rot0); let hi = monomial_source(x + HALF, rot0); let d = vec2<u32>(apply_sign(acc[poly + lo.x], lo.y) - acc[poly + x], apply_sign(acc[poly + hi.x], hi.y) - acc[poly + x + HALF]); v[2] = vec2<f64>(f64(gadget_digit(d.x, BASE_LOG, LEVELS, GADGET_ONES, q)), f64(gadget_digit(d.y, BASE_LOG, LEVELS, GADGET_ONES, q))); }
                    { let x = lid + 3u * WG; let lo = monomial_source(x, rot0); let hi = monomial_source(x + HALF, rot0); let d = vec2<u32>(apply_sign(acc[poly + lo.x], lo.y) - acc[poly + x], apply_sign(acc[poly + hi.x], hi.y) - acc[poly + x + HALF]); v[3] = vec2<f64>(f64(gadget_digit(d.x, BASE_LOG, LEVELS, GADGET_ONES, q)), f64(gadget_digit(d.y, BASE_LOG, LEVELS, GADGET_ONES, q))); }
                    { let x = lid + 4u * WG; let lo = monomial_source(x, rot0); let hi = monomial_source(x + HALF, rot0); let d = vec2<u32>(apply_sign(acc[poly + lo.x], lo.y) - acc[poly + x], apply_sign(acc[poly + hi.x], hi.y) - acc[poly + x + HALF]); v[4] = vec2<f64>(f64(gadget_digit(d.x, BASE_LOG, LEVELS, GADGET_ONES, q)), f64(gadget_digit(d.y, BASE_LOG, LEVELS, GADGET_ONES, q))); }
                    { let x = lid + 5u * WG; let lo = monomial_source(x, rot0); let hi = monomial_source(x + HALF, rot0); let d = vec2<u32>(apply_sign(acc[poly + lo.x], lo.y) - acc[poly + x], apply_sign(acc[poly + hi.x], hi.y) - acc[poly + x + HALF]); v[5] = vec2<f64>(f64(gadget_digit(d.x, BASE_LOG, LEVELS, GADGET_ONES, q)), f64(gadget_digit(d.y, BASE_LOG, LEVELS, GADGET_ONES, q))); }
                    { let x = lid + 6u * WG; let lo = monomial_source(x, rot0); let hi = monomial_source(x + HALF, rot0); let d = vec2<u32>(apply_sign(acc[poly + lo.x], lo.y) - acc[poly + x], apply_sign(acc[poly + hi.x], hi.y) - acc[poly + x + HALF]); v[6] = vec2<f64>(f64(gadget_digit(d.x, BASE_LOG, LEVELS, GADGET_ONES, q)), f64(gadget_digit(d.y, BASE_LOG, LEVELS, GADGET_ONES, q))); }
                    { let x = lid + 7u * WG; let lo = monomial_source(x, rot0); let hi = monomial_source(x + HALF, rot0); let d = vec2<u32>(apply_sign(acc[poly + lo.x], lo.y) - acc[poly + x], apply_sign(acc[poly + hi.x], hi.y) - acc[poly + x + HALF]); v[7] = vec2<f64>(f64(gadget_digit(d.x, BASE_LOG, LEVELS, GADGET_ONES, q)), f64(gadget_digit(d.y, BASE_LOG, LEVELS, GADGET_ONES, q))); }
                }
                forward_1(lid, &v);
                let row = (s * ROWS + j * LEVELS + q) * (K + 1u) * HALF + lid * PER;
                for (var c = 0u; c <= K; c = c + 1u) {
                    { let kv = key[row + c * HALF + 0u]; spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 0u] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 0u] + cmul(v[0], kv); }
                    { let kv = key[row + c * HALF + 1u]; spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 1u] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 1u] + cmul(v[1], kv); }
                    { let kv = key[row + c * HALF + 2u]; spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 2u] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 2u] + cmul(v[2], kv); }
                    { let kv = key[row + c * HALF + 3u]; spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 3u] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 3u] + cmul(v[3], kv); }
                    { let kv = key[row + c * HALF + 4u]; spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 4u] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 4u] + cmul(v[4], kv); }
                    { let kv = key[row + c * HALF + 5u]; spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 5u] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 5u] + cmul(v[5], kv); }
                    { let kv = key[row + c * HALF + 6u]; spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 6u] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 6u] + cmul(v[6], kv); }
                    { let kv = key[row + c * HALF + 7u]; spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 7u] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 7u] + cmul(v[7], kv); }
                }
            }
        }
        for (var c = 0u; c <= K; c = c + 1u) {
            var v: array<vec2<f64>, 8>;
            v[0] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 0u];
            v[1] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 1u];
            v[2] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 2u];
            v[3] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 3u];
            v[4] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 4u];
            v[5] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 5u];
            v[6] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 6u];
            v[7] = spec_w[(0u * (K + 1u) + c) * HALF + lid * PER + 7u];
            inverse_1(lid, &v);
            if (live0) {
                let poly = ((first + 0u) * (K + 1u) + c) * N;
                { let x = lid + 0u * WG; let u = v[0]; acc[poly + x] = acc[poly + x] + to_torus(u.x); acc[poly + x + HALF] = acc[poly + x + HALF] + to_torus(u.y); }
                { let x = lid + 1u * WG; let u = v[1]; acc[poly + x] = acc[poly + x] + to_torus(u.x); acc[poly + x + HALF] = acc[poly + x + HALF] + to_torus(u.y); }
                { let x = lid + 2u * WG; let u = v[2]; acc[poly + x] = acc[poly + x] + to_torus(u.x); acc[poly + x + HALF] = acc[poly + x + HALF] + to_torus(u.y); }
                { let x = lid + 3u * WG; let u = v[3]; acc[poly + x] = acc[poly + x] + to_torus(u.x); acc[poly + x + HALF] = acc[poly + x + HALF] + to_torus(u.y); }
                { let x = lid + 4u * WG; let u = v[4]; acc[poly + x] = acc[poly + x] + to_torus(u.x); acc[poly + x + HALF] = acc[poly + x + HALF] + to_torus(u.y); }
                { let x = lid + 5u * WG; let u = v[5]; acc[poly + x] = acc[poly + x] + to_torus(u.x); acc[poly + x + HALF] = acc[poly + x + HALF] + to_torus(u.y); }
                { let x = lid + 6u * WG; let u = v[6]; acc[poly + x] = acc[poly + x] + to_torus(u.x); acc[poly + x + HALF] = acc[poly + x + HALF] + to_torus(u.y); }
                { let x = lid + 7u * WG; let u = v[7]; acc[poly + x] = acc[poly + x] + to_torus(u.x); acc[poly + x + HALF] = acc[poly + x + HALF] + to_torus(u.y); }
            }
        }
        // The next step reads coefficients other invocations wrote.
        storageBarrier();
    }
}
