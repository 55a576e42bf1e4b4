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
@group(0) @binding(0) var<storage, read> twiddles: array<vec2<u32>>;
@group(0) @binding(9) var<storage, read> pm_torus: array<u32>;
@group(0) @binding(10) var<storage, read> pm_integer: array<u32>;
@group(0) @binding(11) var<storage, read_write> pm_out: array<u32>;

// The high half of a 32×32-bit product with one 64-bit multiply: for adapters
// with SHADER_INT64 (the module is only built for those). Rust twin: `mulhi`
// in gpu-backend/src/arith.rs, which equals (a·b) >> 32 for every a, b.

// High 32 bits of a·b; a·b < 2^64, so the u64 product is exact.
fn mulhi(a: u32, b: u32) -> u32 {
    return u32((u64(a) * u64(b)) >> 32u);
}
// Modular arithmetic of the portable u32 path: two NTT primes below 2^30,
// P0 = 998244353 and P1 = 754974721 (constants from the prelude), and the CRT
// back to Z/2^32. Since 4p < 2^32, no sum of two values below 2p overflows,
// which the lazy (Harvey) butterfly arithmetic relies on.
// Every function has a bit-exact Rust twin of the same name in
// gpu-backend/src/arith.rs, property-tested at 0, p-1 and 2^32-1.
// `mulhi` (the high half of a 32×32-bit product) comes from mulhi_u64.wgsl
// when the device has SHADER_INT64, else from mulhi_u32.wgsl.
//
// CRT exactness: M = P0·P1 ≈ 2^59.39; an integer X with |X| < M/2 is
// recovered exactly from its residues (then reduced mod 2^32).

fn prime(index: u32) -> u32 {
    return select(P0, P1, index == 1u);
}

// floor(w · 2^32 / p) for w < p < 2^30, by long division.
fn shoup_companion(w: u32, p: u32) -> u32 {
    var r = w;
    var q = 0u;
    for (var i = 0u; i < 32u; i = i + 1u) {
        r = r << 1u;
        q = q << 1u;
        if (r >= p) {
            r = r - p;
            q = q | 1u;
        }
    }
    return q;
}

// a·w mod p up to one p, in [0, 2p), for any a < 2^32, w < p and
// w_sh = floor(w·2^32/p) (Shoup's product without its last correction: the
// quotient estimate is at most one short).
fn mul_shoup_lazy(a: u32, w: u32, w_sh: u32, p: u32) -> u32 {
    let q = mulhi(a, w_sh);
    return a * w - q * p;
}

// a·w mod p for any a < 2^32, w < p, w_sh = floor(w·2^32/p); result < p.
fn mul_shoup(a: u32, w: u32, w_sh: u32, p: u32) -> u32 {
    return reduce_once(mul_shoup_lazy(a, w, w_sh, p), p);
}

// x mod p for x < 2p.
fn reduce_once(x: u32, p: u32) -> u32 {
    return select(x, x - p, x >= p);
}

// x brought below 2p (same residue) for x < 4p.
fn reduce_twice(x: u32, p: u32) -> u32 {
    let p2 = 2u * p;
    return select(x, x - p2, x >= p2);
}

// Lazy (Harvey) butterfly arithmetic of the transforms: values live in
// [0, 2p) and are reduced only as far as the next operation needs.
// a + b, below 2p, for a, b < 2p.
fn add_lazy(a: u32, b: u32, p: u32) -> u32 {
    return reduce_twice(a + b, p);
}

// a − b + 2p, in (0, 4p) and ≡ a − b, for a, b < 2p: an operand for
// mul_shoup_lazy (any a < 2^32) or reduce_twice.
fn sub_lazy(a: u32, b: u32, p: u32) -> u32 {
    return a + 2u * p - b;
}

// (a + b) mod p for a, b < p.
fn add_mod(a: u32, b: u32, p: u32) -> u32 {
    let s = a + b;
    return select(s, s - p, s >= p);
}

// (a - b) mod p for a, b < p.
fn sub_mod(a: u32, b: u32, p: u32) -> u32 {
    return select(a + p - b, a - b, a >= b);
}

// The residue mod p of x read as a signed i32.
fn signed_residue(x: u32, p: u32) -> u32 {
    if (x < 0x80000000u) {
        return x % p;
    }
    let r = (0u - x) % p;
    return select(p - r, 0u, r == 0u);
}

// The X in (-M/2, M/2) with X = r0 mod P0 and X = r1 mod P1, mod 2^32 (Garner).
fn crt(r0: u32, r1: u32) -> u32 {
    let r0_mod_p1 = select(r0, r0 - P1, r0 >= P1);
    let h = mul_shoup(sub_mod(r1, r0_mod_p1, P1), CRT_INV, CRT_INV_SHOUP, P1);
    let half1 = (P1 - 1u) / 2u;
    let negative = h > half1 || (h == half1 && r0 > (P0 - 1u) / 2u);
    let x = r0 + P0 * h;
    return select(x, x - M_LOW, negative);
}
// Portable u32 path: helpers of the negacyclic NTT kernels over Z/P0 and Z/P1
// (key transform, CMux blind rotation, batched product). The bindings
// (gpu-backend/src/codegen/bindings.rs), the transforms
// (codegen/register_fft.rs) and the kernels (codegen/key_transform.rs,
// codegen/cmux.rs, codegen/poly_mul.rs over codegen/ntt32.rs) are generated
// per shape, fully unrolled, around this fragment.
//
// Needs common.wgsl and ntt_arith.wgsl, plus the prelude constants N, LOG2_N,
// K, LEVELS, BASE_LOG, GADGET_ONES, LWE_DIM, ROWS = (K+1)·LEVELS, WG
// (invocations per workgroup = N / PER) and CMUX_CIPHERTEXTS (ciphertexts per CMux
// workgroup); the generated part defines PER (values per invocation and
// prime) and N_INV0, N_INV1 (N^-1 mod each prime with its Shoup companion).
//
// Transform: under each prime p, a register-resident mixed-radix transform
// evaluates a polynomial a at the roots ψ·ω^f of X^N + 1 (ψ a primitive
// 2N-th root of unity mod p, ω = ψ²: the negacyclic twist is folded into the
// stage multipliers), in a fixed digit-reversed order (invocation lid holds
// positions lid·PER … lid·PER + PER − 1 of both primes); the inverse returns
// N·a, the N^-1 being carried by the key spectra (and poly_mul's products),
// and the two primes are recombined by the CRT. Inside a transform values
// are lazily reduced (Harvey): in [0, 2p) between butterflies, a difference
// in [0, 4p) until its product; transforms take values below 2p and return
// values below 2p, which every consumer accepts (a Shoup product takes any
// u32) or reduces once (poly_mul's right operand, the CRT's inputs).
// Products into the spectral accumulators and everything outside the
// transforms stay fully reduced, in [0, p). No integer division outside the
// key transform and poly_mul's inputs (signed_residue).
//
// Exactness: the CMux sum is an exact integer of magnitude at most
// (K+1)·LEVELS·N·2^(BASE_LOG-1)·2^31 (torus values read as i32, balanced
// digits), and poly_mul's is at most N·2^15·2^31; the host refuses shapes whose
// bound reaches M/2 ≈ 2^58.39, so the CRT result is the exact value mod 2^32.
//
// Memory layout of the bindings (u32 words unless stated):
//   twiddles [prime][forward, inverse] of vec2 (w, shoup(w)): the stage
//            multipliers of every stage but the first (register_fft.rs).
//   key      [ggsw][row = j·LEVELS + q][component c][prime][N positions] of
//            vec2 (value, shoup); one window of `window.count` GGSWs is bound,
//            starting at GGSW `window.first`.
//   inputs   [ciphertext][LWE_DIM + 1] (mask then body).
//   acc      [ciphertext][K + 1][N], the GLWE accumulator, body last.
// Workgroup memory: exchange, BUFFERS·2·CMUX_CIPHERTEXTS·N words, the exchanges between
// transform stages (lane 2t + prime of slot t); with the accumulators on
// chip, acc_w, CMUX_CIPHERTEXTS·(K + 1)·N words for a whole window of CMux steps;
// with the spectral accumulators on chip, spec_w, CMUX_CIPHERTEXTS·(K + 1)·2·N words
// (each invocation touches only its own positions).

// x·w mod p for a (value, Shoup companion) pair w.
fn mul_pair(x: u32, w: vec2<u32>, p: u32) -> u32 {
    return mul_shoup(x, w.x, w.y, p);
}

// x·w mod p up to one p, in [0, 2p), for a (value, Shoup companion) pair w.
fn mul_pair_lazy(x: u32, w: vec2<u32>, p: u32) -> u32 {
    return mul_shoup_lazy(x, w.x, w.y, p);
}

// The residue mod p of a gadget digit d, |d| < p: no division.
fn digit_residue(d: i32, p: u32) -> u32 {
    return select(u32(d), u32(d) + p, d < 0);
}

// a·b mod p for residues a, b < p of a prime p in (2^29, 2^30), m = floor(2^61/p):
// Barrett reduction of the 60-bit product. q = floor(t·m/2^32) with
// t = floor(a·b/2^29) is at most 2 short of floor(a·b/p), so a·b − q·p is in
// [0, 3p), below 2^32 and exact in wrapping arithmetic; two corrections follow.
fn mul_mod(a: u32, b: u32, p: u32, m: u32) -> u32 {
    let lo = a * b;
    let t = (mulhi(a, b) << 3u) | (lo >> 29u);
    let q = mulhi(t, m);
    let r = lo - q * p;
    return reduce_once(select(r, r - 2u * p, r >= 2u * p), p);
}

// Generated for N = 1024, 8 values per invocation, 2 ciphertext(s) per CMux workgroup,
// 2 exchange buffer(s), 3 exchange(s) per transform, accumulators in global memory,
// spectral accumulators in registers.
const PER: u32 = 8u;
// Exchanges so far in this invocation (the same in all: uniform).
var<private> exchange_phase: u32;
const N_INV0: vec2<u32> = vec2<u32>(997269505u, 4290772992u);
const N_INV1: vec2<u32> = vec2<u32>(754237441u, 4290772992u);
var<workgroup> exchange: array<u32, 8192>;

fn forward_2(lid: u32, v: ptr<function, array<u32, 16>>) {
    // Stage 0: length 1024, radix 8.
    {
    {
    {
    let y1 = mul_shoup_lazy((*v)[1], 929031873u, 3997179147u, P0);
    let y2 = mul_shoup_lazy((*v)[2], 372528824u, 1602813089u, P0);
    let y3 = mul_shoup_lazy((*v)[3], 628914303u, 2705916998u, P0);
    let y4 = mul_shoup_lazy((*v)[4], 911660635u, 3922439030u, P0);
    let y5 = mul_shoup_lazy((*v)[5], 373294451u, 1606107216u, P0);
    let y6 = mul_shoup_lazy((*v)[6], 488723995u, 2102745253u, P0);
    let y7 = mul_shoup_lazy((*v)[7], 661054123u, 2844199249u, P0);
    let s0 = add_lazy((*v)[0], y4, P0);
    let d0 = sub_lazy((*v)[0], y4, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y5, P0);
    let d1 = sub_lazy(y1, y5, P0);
    let p1 = mul_shoup_lazy(d1, 372528824u, 1602813089u, P0);
    let s2 = add_lazy(y2, y6, P0);
    let d2 = sub_lazy(y2, y6, P0);
    let p2 = mul_shoup_lazy(d2, 911660635u, 3922439030u, P0);
    let s3 = add_lazy(y3, y7, P0);
    let d3 = sub_lazy(y3, y7, P0);
    let p3 = mul_shoup_lazy(d3, 488723995u, 2102745253u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 911660635u, 3922439030u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 911660635u, 3922439030u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[0] = s8;
    (*v)[1] = s10;
    (*v)[2] = s9;
    (*v)[3] = s11;
    (*v)[4] = p8;
    (*v)[5] = p10;
    (*v)[6] = p9;
    (*v)[7] = p11;
    }
    }
    {
    {
    let y1 = mul_shoup_lazy((*v)[9], 49823357u, 283439541u, P1);
    let y2 = mul_shoup_lazy((*v)[10], 205430076u, 1168668875u, P1);
    let y3 = mul_shoup_lazy((*v)[11], 318271781u, 1810612796u, P1);
    let y4 = mul_shoup_lazy((*v)[12], 323860177u, 1842404560u, P1);
    let y5 = mul_shoup_lazy((*v)[13], 560644912u, 3189446606u, P1);
    let y6 = mul_shoup_lazy((*v)[14], 45244314u, 257389874u, P1);
    let y7 = mul_shoup_lazy((*v)[15], 457337552u, 2601742514u, P1);
    let s0 = add_lazy((*v)[8], y4, P1);
    let d0 = sub_lazy((*v)[8], y4, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y5, P1);
    let d1 = sub_lazy(y1, y5, P1);
    let p1 = mul_shoup_lazy(d1, 205430076u, 1168668875u, P1);
    let s2 = add_lazy(y2, y6, P1);
    let d2 = sub_lazy(y2, y6, P1);
    let p2 = mul_shoup_lazy(d2, 323860177u, 1842404560u, P1);
    let s3 = add_lazy(y3, y7, P1);
    let d3 = sub_lazy(y3, y7, P1);
    let p3 = mul_shoup_lazy(d3, 45244314u, 257389874u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 323860177u, 1842404560u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 323860177u, 1842404560u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[8] = s8;
    (*v)[9] = s10;
    (*v)[10] = s9;
    (*v)[11] = s11;
    (*v)[12] = p8;
    (*v)[13] = p10;
    (*v)[14] = p9;
    (*v)[15] = p11;
    }
    }
    }
    // Exchange: stage 0 order to stage 1 order.
    {
    let xb = (exchange_phase & 1u) * 4096u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 7u) * 1024u + ((lid * 1u + 0u) & 127u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 128u] = (*v)[1];
    exchange[xb + 0u + w0 + 256u] = (*v)[2];
    exchange[xb + 0u + w0 + 384u] = (*v)[3];
    exchange[xb + 0u + w0 + 512u] = (*v)[4];
    exchange[xb + 0u + w0 + 640u] = (*v)[5];
    exchange[xb + 0u + w0 + 768u] = (*v)[6];
    exchange[xb + 0u + w0 + 896u] = (*v)[7];
    exchange[xb + 1024u + w0 + 0u] = (*v)[8];
    exchange[xb + 1024u + w0 + 128u] = (*v)[9];
    exchange[xb + 1024u + w0 + 256u] = (*v)[10];
    exchange[xb + 1024u + w0 + 384u] = (*v)[11];
    exchange[xb + 1024u + w0 + 512u] = (*v)[12];
    exchange[xb + 1024u + w0 + 640u] = (*v)[13];
    exchange[xb + 1024u + w0 + 768u] = (*v)[14];
    exchange[xb + 1024u + w0 + 896u] = (*v)[15];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 4u) * 128u + ((lid * 1u + 0u) & 15u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 16u];
    (*v)[2] = exchange[xb + 0u + r0 + 32u];
    (*v)[3] = exchange[xb + 0u + r0 + 48u];
    (*v)[4] = exchange[xb + 0u + r0 + 64u];
    (*v)[5] = exchange[xb + 0u + r0 + 80u];
    (*v)[6] = exchange[xb + 0u + r0 + 96u];
    (*v)[7] = exchange[xb + 0u + r0 + 112u];
    (*v)[8] = exchange[xb + 1024u + r0 + 0u];
    (*v)[9] = exchange[xb + 1024u + r0 + 16u];
    (*v)[10] = exchange[xb + 1024u + r0 + 32u];
    (*v)[11] = exchange[xb + 1024u + r0 + 48u];
    (*v)[12] = exchange[xb + 1024u + r0 + 64u];
    (*v)[13] = exchange[xb + 1024u + r0 + 80u];
    (*v)[14] = exchange[xb + 1024u + r0 + 96u];
    (*v)[15] = exchange[xb + 1024u + r0 + 112u];
    }
    // Stage 1: length 128, radix 8.
    {
    let tw0 = ((lid * 1u + 0u) >> 4u) * 7u + 0u;
    {
    let t1 = twiddles[0u + tw0 + 0u];
    let t2 = twiddles[0u + tw0 + 1u];
    let t3 = twiddles[0u + tw0 + 2u];
    let t4 = twiddles[0u + tw0 + 3u];
    let t5 = twiddles[0u + tw0 + 4u];
    let t6 = twiddles[0u + tw0 + 5u];
    let t7 = twiddles[0u + tw0 + 6u];
    {
    let y1 = mul_pair_lazy((*v)[1], t1, P0);
    let y2 = mul_pair_lazy((*v)[2], t2, P0);
    let y3 = mul_pair_lazy((*v)[3], t3, P0);
    let y4 = mul_pair_lazy((*v)[4], t4, P0);
    let y5 = mul_pair_lazy((*v)[5], t5, P0);
    let y6 = mul_pair_lazy((*v)[6], t6, P0);
    let y7 = mul_pair_lazy((*v)[7], t7, P0);
    let s0 = add_lazy((*v)[0], y4, P0);
    let d0 = sub_lazy((*v)[0], y4, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y5, P0);
    let d1 = sub_lazy(y1, y5, P0);
    let p1 = mul_shoup_lazy(d1, 372528824u, 1602813089u, P0);
    let s2 = add_lazy(y2, y6, P0);
    let d2 = sub_lazy(y2, y6, P0);
    let p2 = mul_shoup_lazy(d2, 911660635u, 3922439030u, P0);
    let s3 = add_lazy(y3, y7, P0);
    let d3 = sub_lazy(y3, y7, P0);
    let p3 = mul_shoup_lazy(d3, 488723995u, 2102745253u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 911660635u, 3922439030u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 911660635u, 3922439030u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[0] = s8;
    (*v)[1] = s10;
    (*v)[2] = s9;
    (*v)[3] = s11;
    (*v)[4] = p8;
    (*v)[5] = p10;
    (*v)[6] = p9;
    (*v)[7] = p11;
    }
    }
    {
    let t1 = twiddles[2032u + tw0 + 0u];
    let t2 = twiddles[2032u + tw0 + 1u];
    let t3 = twiddles[2032u + tw0 + 2u];
    let t4 = twiddles[2032u + tw0 + 3u];
    let t5 = twiddles[2032u + tw0 + 4u];
    let t6 = twiddles[2032u + tw0 + 5u];
    let t7 = twiddles[2032u + tw0 + 6u];
    {
    let y1 = mul_pair_lazy((*v)[9], t1, P1);
    let y2 = mul_pair_lazy((*v)[10], t2, P1);
    let y3 = mul_pair_lazy((*v)[11], t3, P1);
    let y4 = mul_pair_lazy((*v)[12], t4, P1);
    let y5 = mul_pair_lazy((*v)[13], t5, P1);
    let y6 = mul_pair_lazy((*v)[14], t6, P1);
    let y7 = mul_pair_lazy((*v)[15], t7, P1);
    let s0 = add_lazy((*v)[8], y4, P1);
    let d0 = sub_lazy((*v)[8], y4, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y5, P1);
    let d1 = sub_lazy(y1, y5, P1);
    let p1 = mul_shoup_lazy(d1, 205430076u, 1168668875u, P1);
    let s2 = add_lazy(y2, y6, P1);
    let d2 = sub_lazy(y2, y6, P1);
    let p2 = mul_shoup_lazy(d2, 323860177u, 1842404560u, P1);
    let s3 = add_lazy(y3, y7, P1);
    let d3 = sub_lazy(y3, y7, P1);
    let p3 = mul_shoup_lazy(d3, 45244314u, 257389874u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 323860177u, 1842404560u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 323860177u, 1842404560u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[8] = s8;
    (*v)[9] = s10;
    (*v)[10] = s9;
    (*v)[11] = s11;
    (*v)[12] = p8;
    (*v)[13] = p10;
    (*v)[14] = p9;
    (*v)[15] = p11;
    }
    }
    }
    // Exchange: stage 1 order to stage 2 order.
    {
    let xb = (exchange_phase & 1u) * 4096u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 4u) * 128u + ((lid * 1u + 0u) & 15u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 16u] = (*v)[1];
    exchange[xb + 0u + w0 + 32u] = (*v)[2];
    exchange[xb + 0u + w0 + 48u] = (*v)[3];
    exchange[xb + 0u + w0 + 64u] = (*v)[4];
    exchange[xb + 0u + w0 + 80u] = (*v)[5];
    exchange[xb + 0u + w0 + 96u] = (*v)[6];
    exchange[xb + 0u + w0 + 112u] = (*v)[7];
    exchange[xb + 1024u + w0 + 0u] = (*v)[8];
    exchange[xb + 1024u + w0 + 16u] = (*v)[9];
    exchange[xb + 1024u + w0 + 32u] = (*v)[10];
    exchange[xb + 1024u + w0 + 48u] = (*v)[11];
    exchange[xb + 1024u + w0 + 64u] = (*v)[12];
    exchange[xb + 1024u + w0 + 80u] = (*v)[13];
    exchange[xb + 1024u + w0 + 96u] = (*v)[14];
    exchange[xb + 1024u + w0 + 112u] = (*v)[15];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 1u) * 16u + ((lid * 1u + 0u) & 1u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 2u];
    (*v)[2] = exchange[xb + 0u + r0 + 4u];
    (*v)[3] = exchange[xb + 0u + r0 + 6u];
    (*v)[4] = exchange[xb + 0u + r0 + 8u];
    (*v)[5] = exchange[xb + 0u + r0 + 10u];
    (*v)[6] = exchange[xb + 0u + r0 + 12u];
    (*v)[7] = exchange[xb + 0u + r0 + 14u];
    (*v)[8] = exchange[xb + 1024u + r0 + 0u];
    (*v)[9] = exchange[xb + 1024u + r0 + 2u];
    (*v)[10] = exchange[xb + 1024u + r0 + 4u];
    (*v)[11] = exchange[xb + 1024u + r0 + 6u];
    (*v)[12] = exchange[xb + 1024u + r0 + 8u];
    (*v)[13] = exchange[xb + 1024u + r0 + 10u];
    (*v)[14] = exchange[xb + 1024u + r0 + 12u];
    (*v)[15] = exchange[xb + 1024u + r0 + 14u];
    }
    // Stage 2: length 16, radix 8.
    {
    let tw0 = ((lid * 1u + 0u) >> 1u) * 7u + 56u;
    {
    let t1 = twiddles[0u + tw0 + 0u];
    let t2 = twiddles[0u + tw0 + 1u];
    let t3 = twiddles[0u + tw0 + 2u];
    let t4 = twiddles[0u + tw0 + 3u];
    let t5 = twiddles[0u + tw0 + 4u];
    let t6 = twiddles[0u + tw0 + 5u];
    let t7 = twiddles[0u + tw0 + 6u];
    {
    let y1 = mul_pair_lazy((*v)[1], t1, P0);
    let y2 = mul_pair_lazy((*v)[2], t2, P0);
    let y3 = mul_pair_lazy((*v)[3], t3, P0);
    let y4 = mul_pair_lazy((*v)[4], t4, P0);
    let y5 = mul_pair_lazy((*v)[5], t5, P0);
    let y6 = mul_pair_lazy((*v)[6], t6, P0);
    let y7 = mul_pair_lazy((*v)[7], t7, P0);
    let s0 = add_lazy((*v)[0], y4, P0);
    let d0 = sub_lazy((*v)[0], y4, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y5, P0);
    let d1 = sub_lazy(y1, y5, P0);
    let p1 = mul_shoup_lazy(d1, 372528824u, 1602813089u, P0);
    let s2 = add_lazy(y2, y6, P0);
    let d2 = sub_lazy(y2, y6, P0);
    let p2 = mul_shoup_lazy(d2, 911660635u, 3922439030u, P0);
    let s3 = add_lazy(y3, y7, P0);
    let d3 = sub_lazy(y3, y7, P0);
    let p3 = mul_shoup_lazy(d3, 488723995u, 2102745253u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 911660635u, 3922439030u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 911660635u, 3922439030u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[0] = s8;
    (*v)[1] = s10;
    (*v)[2] = s9;
    (*v)[3] = s11;
    (*v)[4] = p8;
    (*v)[5] = p10;
    (*v)[6] = p9;
    (*v)[7] = p11;
    }
    }
    {
    let t1 = twiddles[2032u + tw0 + 0u];
    let t2 = twiddles[2032u + tw0 + 1u];
    let t3 = twiddles[2032u + tw0 + 2u];
    let t4 = twiddles[2032u + tw0 + 3u];
    let t5 = twiddles[2032u + tw0 + 4u];
    let t6 = twiddles[2032u + tw0 + 5u];
    let t7 = twiddles[2032u + tw0 + 6u];
    {
    let y1 = mul_pair_lazy((*v)[9], t1, P1);
    let y2 = mul_pair_lazy((*v)[10], t2, P1);
    let y3 = mul_pair_lazy((*v)[11], t3, P1);
    let y4 = mul_pair_lazy((*v)[12], t4, P1);
    let y5 = mul_pair_lazy((*v)[13], t5, P1);
    let y6 = mul_pair_lazy((*v)[14], t6, P1);
    let y7 = mul_pair_lazy((*v)[15], t7, P1);
    let s0 = add_lazy((*v)[8], y4, P1);
    let d0 = sub_lazy((*v)[8], y4, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y5, P1);
    let d1 = sub_lazy(y1, y5, P1);
    let p1 = mul_shoup_lazy(d1, 205430076u, 1168668875u, P1);
    let s2 = add_lazy(y2, y6, P1);
    let d2 = sub_lazy(y2, y6, P1);
    let p2 = mul_shoup_lazy(d2, 323860177u, 1842404560u, P1);
    let s3 = add_lazy(y3, y7, P1);
    let d3 = sub_lazy(y3, y7, P1);
    let p3 = mul_shoup_lazy(d3, 45244314u, 257389874u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 323860177u, 1842404560u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 323860177u, 1842404560u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[8] = s8;
    (*v)[9] = s10;
    (*v)[10] = s9;
    (*v)[11] = s11;
    (*v)[12] = p8;
    (*v)[13] = p10;
    (*v)[14] = p9;
    (*v)[15] = p11;
    }
    }
    }
    // Exchange: stage 2 order to stage 3 order.
    {
    let xb = (exchange_phase & 1u) * 4096u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 1u) * 16u + ((lid * 1u + 0u) & 1u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 2u] = (*v)[1];
    exchange[xb + 0u + w0 + 4u] = (*v)[2];
    exchange[xb + 0u + w0 + 6u] = (*v)[3];
    exchange[xb + 0u + w0 + 8u] = (*v)[4];
    exchange[xb + 0u + w0 + 10u] = (*v)[5];
    exchange[xb + 0u + w0 + 12u] = (*v)[6];
    exchange[xb + 0u + w0 + 14u] = (*v)[7];
    exchange[xb + 1024u + w0 + 0u] = (*v)[8];
    exchange[xb + 1024u + w0 + 2u] = (*v)[9];
    exchange[xb + 1024u + w0 + 4u] = (*v)[10];
    exchange[xb + 1024u + w0 + 6u] = (*v)[11];
    exchange[xb + 1024u + w0 + 8u] = (*v)[12];
    exchange[xb + 1024u + w0 + 10u] = (*v)[13];
    exchange[xb + 1024u + w0 + 12u] = (*v)[14];
    exchange[xb + 1024u + w0 + 14u] = (*v)[15];
    workgroupBarrier();
    let r0 = ((lid * 4u + 0u) >> 0u) * 2u + ((lid * 4u + 0u) & 0u);
    let r1 = ((lid * 4u + 1u) >> 0u) * 2u + ((lid * 4u + 1u) & 0u);
    let r2 = ((lid * 4u + 2u) >> 0u) * 2u + ((lid * 4u + 2u) & 0u);
    let r3 = ((lid * 4u + 3u) >> 0u) * 2u + ((lid * 4u + 3u) & 0u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 1u];
    (*v)[2] = exchange[xb + 0u + r1 + 0u];
    (*v)[3] = exchange[xb + 0u + r1 + 1u];
    (*v)[4] = exchange[xb + 0u + r2 + 0u];
    (*v)[5] = exchange[xb + 0u + r2 + 1u];
    (*v)[6] = exchange[xb + 0u + r3 + 0u];
    (*v)[7] = exchange[xb + 0u + r3 + 1u];
    (*v)[8] = exchange[xb + 1024u + r0 + 0u];
    (*v)[9] = exchange[xb + 1024u + r0 + 1u];
    (*v)[10] = exchange[xb + 1024u + r1 + 0u];
    (*v)[11] = exchange[xb + 1024u + r1 + 1u];
    (*v)[12] = exchange[xb + 1024u + r2 + 0u];
    (*v)[13] = exchange[xb + 1024u + r2 + 1u];
    (*v)[14] = exchange[xb + 1024u + r3 + 0u];
    (*v)[15] = exchange[xb + 1024u + r3 + 1u];
    }
    // Stage 3: length 2, radix 2.
    {
    let tw0 = ((lid * 4u + 0u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[0u + tw0 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[1], t1, P0);
    let s0 = add_lazy((*v)[0], y1, P0);
    let d0 = sub_lazy((*v)[0], y1, P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[0] = s0;
    (*v)[1] = p0;
    }
    }
    {
    let t1 = twiddles[2032u + tw0 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[9], t1, P1);
    let s0 = add_lazy((*v)[8], y1, P1);
    let d0 = sub_lazy((*v)[8], y1, P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[8] = s0;
    (*v)[9] = p0;
    }
    }
    let tw1 = ((lid * 4u + 1u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[0u + tw1 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[3], t1, P0);
    let s0 = add_lazy((*v)[2], y1, P0);
    let d0 = sub_lazy((*v)[2], y1, P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[2] = s0;
    (*v)[3] = p0;
    }
    }
    {
    let t1 = twiddles[2032u + tw1 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[11], t1, P1);
    let s0 = add_lazy((*v)[10], y1, P1);
    let d0 = sub_lazy((*v)[10], y1, P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[10] = s0;
    (*v)[11] = p0;
    }
    }
    let tw2 = ((lid * 4u + 2u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[0u + tw2 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[5], t1, P0);
    let s0 = add_lazy((*v)[4], y1, P0);
    let d0 = sub_lazy((*v)[4], y1, P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[4] = s0;
    (*v)[5] = p0;
    }
    }
    {
    let t1 = twiddles[2032u + tw2 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[13], t1, P1);
    let s0 = add_lazy((*v)[12], y1, P1);
    let d0 = sub_lazy((*v)[12], y1, P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[12] = s0;
    (*v)[13] = p0;
    }
    }
    let tw3 = ((lid * 4u + 3u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[0u + tw3 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[7], t1, P0);
    let s0 = add_lazy((*v)[6], y1, P0);
    let d0 = sub_lazy((*v)[6], y1, P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[6] = s0;
    (*v)[7] = p0;
    }
    }
    {
    let t1 = twiddles[2032u + tw3 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[15], t1, P1);
    let s0 = add_lazy((*v)[14], y1, P1);
    let d0 = sub_lazy((*v)[14], y1, P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[14] = s0;
    (*v)[15] = p0;
    }
    }
    }
}

fn inverse_2(lid: u32, v: ptr<function, array<u32, 16>>) {
    // Stage 3: length 2, radix 2.
    {
    let tw0 = ((lid * 4u + 0u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[1016u + tw0 + 0u];
    {
    let s0 = add_lazy((*v)[0], (*v)[1], P0);
    let d0 = sub_lazy((*v)[0], (*v)[1], P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[0] = s0;
    (*v)[1] = mul_pair_lazy(p0, t1, P0);
    }
    }
    {
    let t1 = twiddles[3048u + tw0 + 0u];
    {
    let s0 = add_lazy((*v)[8], (*v)[9], P1);
    let d0 = sub_lazy((*v)[8], (*v)[9], P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[8] = s0;
    (*v)[9] = mul_pair_lazy(p0, t1, P1);
    }
    }
    let tw1 = ((lid * 4u + 1u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[1016u + tw1 + 0u];
    {
    let s0 = add_lazy((*v)[2], (*v)[3], P0);
    let d0 = sub_lazy((*v)[2], (*v)[3], P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[2] = s0;
    (*v)[3] = mul_pair_lazy(p0, t1, P0);
    }
    }
    {
    let t1 = twiddles[3048u + tw1 + 0u];
    {
    let s0 = add_lazy((*v)[10], (*v)[11], P1);
    let d0 = sub_lazy((*v)[10], (*v)[11], P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[10] = s0;
    (*v)[11] = mul_pair_lazy(p0, t1, P1);
    }
    }
    let tw2 = ((lid * 4u + 2u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[1016u + tw2 + 0u];
    {
    let s0 = add_lazy((*v)[4], (*v)[5], P0);
    let d0 = sub_lazy((*v)[4], (*v)[5], P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[4] = s0;
    (*v)[5] = mul_pair_lazy(p0, t1, P0);
    }
    }
    {
    let t1 = twiddles[3048u + tw2 + 0u];
    {
    let s0 = add_lazy((*v)[12], (*v)[13], P1);
    let d0 = sub_lazy((*v)[12], (*v)[13], P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[12] = s0;
    (*v)[13] = mul_pair_lazy(p0, t1, P1);
    }
    }
    let tw3 = ((lid * 4u + 3u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[1016u + tw3 + 0u];
    {
    let s0 = add_lazy((*v)[6], (*v)[7], P0);
    let d0 = sub_lazy((*v)[6], (*v)[7], P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[6] = s0;
    (*v)[7] = mul_pair_lazy(p0, t1, P0);
    }
    }
    {
    let t1 = twiddles[3048u + tw3 + 0u];
    {
    let s0 = add_lazy((*v)[14], (*v)[15], P1);
    let d0 = sub_lazy((*v)[14], (*v)[15], P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[14] = s0;
    (*v)[15] = mul_pair_lazy(p0, t1, P1);
    }
    }
    }
    // Exchange: stage 3 order to stage 2 order.
    {
    let xb = (exchange_phase & 1u) * 4096u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 4u + 0u) >> 0u) * 2u + ((lid * 4u + 0u) & 0u);
    let w1 = ((lid * 4u + 1u) >> 0u) * 2u + ((lid * 4u + 1u) & 0u);
    let w2 = ((lid * 4u + 2u) >> 0u) * 2u + ((lid * 4u + 2u) & 0u);
    let w3 = ((lid * 4u + 3u) >> 0u) * 2u + ((lid * 4u + 3u) & 0u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 1u] = (*v)[1];
    exchange[xb + 0u + w1 + 0u] = (*v)[2];
    exchange[xb + 0u + w1 + 1u] = (*v)[3];
    exchange[xb + 0u + w2 + 0u] = (*v)[4];
    exchange[xb + 0u + w2 + 1u] = (*v)[5];
    exchange[xb + 0u + w3 + 0u] = (*v)[6];
    exchange[xb + 0u + w3 + 1u] = (*v)[7];
    exchange[xb + 1024u + w0 + 0u] = (*v)[8];
    exchange[xb + 1024u + w0 + 1u] = (*v)[9];
    exchange[xb + 1024u + w1 + 0u] = (*v)[10];
    exchange[xb + 1024u + w1 + 1u] = (*v)[11];
    exchange[xb + 1024u + w2 + 0u] = (*v)[12];
    exchange[xb + 1024u + w2 + 1u] = (*v)[13];
    exchange[xb + 1024u + w3 + 0u] = (*v)[14];
    exchange[xb + 1024u + w3 + 1u] = (*v)[15];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 1u) * 16u + ((lid * 1u + 0u) & 1u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 2u];
    (*v)[2] = exchange[xb + 0u + r0 + 4u];
    (*v)[3] = exchange[xb + 0u + r0 + 6u];
    (*v)[4] = exchange[xb + 0u + r0 + 8u];
    (*v)[5] = exchange[xb + 0u + r0 + 10u];
    (*v)[6] = exchange[xb + 0u + r0 + 12u];
    (*v)[7] = exchange[xb + 0u + r0 + 14u];
    (*v)[8] = exchange[xb + 1024u + r0 + 0u];
    (*v)[9] = exchange[xb + 1024u + r0 + 2u];
    (*v)[10] = exchange[xb + 1024u + r0 + 4u];
    (*v)[11] = exchange[xb + 1024u + r0 + 6u];
    (*v)[12] = exchange[xb + 1024u + r0 + 8u];
    (*v)[13] = exchange[xb + 1024u + r0 + 10u];
    (*v)[14] = exchange[xb + 1024u + r0 + 12u];
    (*v)[15] = exchange[xb + 1024u + r0 + 14u];
    }
    // Stage 2: length 16, radix 8.
    {
    let tw0 = ((lid * 1u + 0u) >> 1u) * 7u + 56u;
    {
    let t1 = twiddles[1016u + tw0 + 0u];
    let t2 = twiddles[1016u + tw0 + 1u];
    let t3 = twiddles[1016u + tw0 + 2u];
    let t4 = twiddles[1016u + tw0 + 3u];
    let t5 = twiddles[1016u + tw0 + 4u];
    let t6 = twiddles[1016u + tw0 + 5u];
    let t7 = twiddles[1016u + tw0 + 6u];
    {
    let s0 = add_lazy((*v)[0], (*v)[4], P0);
    let d0 = sub_lazy((*v)[0], (*v)[4], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[1], (*v)[5], P0);
    let d1 = sub_lazy((*v)[1], (*v)[5], P0);
    let p1 = mul_shoup_lazy(d1, 509520358u, 2192222042u, P0);
    let s2 = add_lazy((*v)[2], (*v)[6], P0);
    let d2 = sub_lazy((*v)[2], (*v)[6], P0);
    let p2 = mul_shoup_lazy(d2, 86583718u, 372528265u, P0);
    let s3 = add_lazy((*v)[3], (*v)[7], P0);
    let d3 = sub_lazy((*v)[3], (*v)[7], P0);
    let p3 = mul_shoup_lazy(d3, 625715529u, 2692154206u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 86583718u, 372528265u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 86583718u, 372528265u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[0] = s8;
    (*v)[1] = mul_pair_lazy(s10, t1, P0);
    (*v)[2] = mul_pair_lazy(s9, t2, P0);
    (*v)[3] = mul_pair_lazy(s11, t3, P0);
    (*v)[4] = mul_pair_lazy(p8, t4, P0);
    (*v)[5] = mul_pair_lazy(p10, t5, P0);
    (*v)[6] = mul_pair_lazy(p9, t6, P0);
    (*v)[7] = mul_pair_lazy(p11, t7, P0);
    }
    }
    {
    let t1 = twiddles[3048u + tw0 + 0u];
    let t2 = twiddles[3048u + tw0 + 1u];
    let t3 = twiddles[3048u + tw0 + 2u];
    let t4 = twiddles[3048u + tw0 + 3u];
    let t5 = twiddles[3048u + tw0 + 4u];
    let t6 = twiddles[3048u + tw0 + 5u];
    let t7 = twiddles[3048u + tw0 + 6u];
    {
    let s0 = add_lazy((*v)[8], (*v)[12], P1);
    let d0 = sub_lazy((*v)[8], (*v)[12], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[9], (*v)[13], P1);
    let d1 = sub_lazy((*v)[9], (*v)[13], P1);
    let p1 = mul_shoup_lazy(d1, 709730407u, 4037577421u, P1);
    let s2 = add_lazy((*v)[10], (*v)[14], P1);
    let d2 = sub_lazy((*v)[10], (*v)[14], P1);
    let p2 = mul_shoup_lazy(d2, 431114544u, 2452562735u, P1);
    let s3 = add_lazy((*v)[11], (*v)[15], P1);
    let d3 = sub_lazy((*v)[11], (*v)[15], P1);
    let p3 = mul_shoup_lazy(d3, 549544645u, 3126298420u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 431114544u, 2452562735u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 431114544u, 2452562735u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[8] = s8;
    (*v)[9] = mul_pair_lazy(s10, t1, P1);
    (*v)[10] = mul_pair_lazy(s9, t2, P1);
    (*v)[11] = mul_pair_lazy(s11, t3, P1);
    (*v)[12] = mul_pair_lazy(p8, t4, P1);
    (*v)[13] = mul_pair_lazy(p10, t5, P1);
    (*v)[14] = mul_pair_lazy(p9, t6, P1);
    (*v)[15] = mul_pair_lazy(p11, t7, P1);
    }
    }
    }
    // Exchange: stage 2 order to stage 1 order.
    {
    let xb = (exchange_phase & 1u) * 4096u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 1u) * 16u + ((lid * 1u + 0u) & 1u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 2u] = (*v)[1];
    exchange[xb + 0u + w0 + 4u] = (*v)[2];
    exchange[xb + 0u + w0 + 6u] = (*v)[3];
    exchange[xb + 0u + w0 + 8u] = (*v)[4];
    exchange[xb + 0u + w0 + 10u] = (*v)[5];
    exchange[xb + 0u + w0 + 12u] = (*v)[6];
    exchange[xb + 0u + w0 + 14u] = (*v)[7];
    exchange[xb + 1024u + w0 + 0u] = (*v)[8];
    exchange[xb + 1024u + w0 + 2u] = (*v)[9];
    exchange[xb + 1024u + w0 + 4u] = (*v)[10];
    exchange[xb + 1024u + w0 + 6u] = (*v)[11];
    exchange[xb + 1024u + w0 + 8u] = (*v)[12];
    exchange[xb + 1024u + w0 + 10u] = (*v)[13];
    exchange[xb + 1024u + w0 + 12u] = (*v)[14];
    exchange[xb + 1024u + w0 + 14u] = (*v)[15];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 4u) * 128u + ((lid * 1u + 0u) & 15u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 16u];
    (*v)[2] = exchange[xb + 0u + r0 + 32u];
    (*v)[3] = exchange[xb + 0u + r0 + 48u];
    (*v)[4] = exchange[xb + 0u + r0 + 64u];
    (*v)[5] = exchange[xb + 0u + r0 + 80u];
    (*v)[6] = exchange[xb + 0u + r0 + 96u];
    (*v)[7] = exchange[xb + 0u + r0 + 112u];
    (*v)[8] = exchange[xb + 1024u + r0 + 0u];
    (*v)[9] = exchange[xb + 1024u + r0 + 16u];
    (*v)[10] = exchange[xb + 1024u + r0 + 32u];
    (*v)[11] = exchange[xb + 1024u + r0 + 48u];
    (*v)[12] = exchange[xb + 1024u + r0 + 64u];
    (*v)[13] = exchange[xb + 1024u + r0 + 80u];
    (*v)[14] = exchange[xb + 1024u + r0 + 96u];
    (*v)[15] = exchange[xb + 1024u + r0 + 112u];
    }
    // Stage 1: length 128, radix 8.
    {
    let tw0 = ((lid * 1u + 0u) >> 4u) * 7u + 0u;
    {
    let t1 = twiddles[1016u + tw0 + 0u];
    let t2 = twiddles[1016u + tw0 + 1u];
    let t3 = twiddles[1016u + tw0 + 2u];
    let t4 = twiddles[1016u + tw0 + 3u];
    let t5 = twiddles[1016u + tw0 + 4u];
    let t6 = twiddles[1016u + tw0 + 5u];
    let t7 = twiddles[1016u + tw0 + 6u];
    {
    let s0 = add_lazy((*v)[0], (*v)[4], P0);
    let d0 = sub_lazy((*v)[0], (*v)[4], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[1], (*v)[5], P0);
    let d1 = sub_lazy((*v)[1], (*v)[5], P0);
    let p1 = mul_shoup_lazy(d1, 509520358u, 2192222042u, P0);
    let s2 = add_lazy((*v)[2], (*v)[6], P0);
    let d2 = sub_lazy((*v)[2], (*v)[6], P0);
    let p2 = mul_shoup_lazy(d2, 86583718u, 372528265u, P0);
    let s3 = add_lazy((*v)[3], (*v)[7], P0);
    let d3 = sub_lazy((*v)[3], (*v)[7], P0);
    let p3 = mul_shoup_lazy(d3, 625715529u, 2692154206u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 86583718u, 372528265u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 86583718u, 372528265u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[0] = s8;
    (*v)[1] = mul_pair_lazy(s10, t1, P0);
    (*v)[2] = mul_pair_lazy(s9, t2, P0);
    (*v)[3] = mul_pair_lazy(s11, t3, P0);
    (*v)[4] = mul_pair_lazy(p8, t4, P0);
    (*v)[5] = mul_pair_lazy(p10, t5, P0);
    (*v)[6] = mul_pair_lazy(p9, t6, P0);
    (*v)[7] = mul_pair_lazy(p11, t7, P0);
    }
    }
    {
    let t1 = twiddles[3048u + tw0 + 0u];
    let t2 = twiddles[3048u + tw0 + 1u];
    let t3 = twiddles[3048u + tw0 + 2u];
    let t4 = twiddles[3048u + tw0 + 3u];
    let t5 = twiddles[3048u + tw0 + 4u];
    let t6 = twiddles[3048u + tw0 + 5u];
    let t7 = twiddles[3048u + tw0 + 6u];
    {
    let s0 = add_lazy((*v)[8], (*v)[12], P1);
    let d0 = sub_lazy((*v)[8], (*v)[12], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[9], (*v)[13], P1);
    let d1 = sub_lazy((*v)[9], (*v)[13], P1);
    let p1 = mul_shoup_lazy(d1, 709730407u, 4037577421u, P1);
    let s2 = add_lazy((*v)[10], (*v)[14], P1);
    let d2 = sub_lazy((*v)[10], (*v)[14], P1);
    let p2 = mul_shoup_lazy(d2, 431114544u, 2452562735u, P1);
    let s3 = add_lazy((*v)[11], (*v)[15], P1);
    let d3 = sub_lazy((*v)[11], (*v)[15], P1);
    let p3 = mul_shoup_lazy(d3, 549544645u, 3126298420u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 431114544u, 2452562735u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 431114544u, 2452562735u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[8] = s8;
    (*v)[9] = mul_pair_lazy(s10, t1, P1);
    (*v)[10] = mul_pair_lazy(s9, t2, P1);
    (*v)[11] = mul_pair_lazy(s11, t3, P1);
    (*v)[12] = mul_pair_lazy(p8, t4, P1);
    (*v)[13] = mul_pair_lazy(p10, t5, P1);
    (*v)[14] = mul_pair_lazy(p9, t6, P1);
    (*v)[15] = mul_pair_lazy(p11, t7, P1);
    }
    }
    }
    // Exchange: stage 1 order to stage 0 order.
    {
    let xb = (exchange_phase & 1u) * 4096u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 4u) * 128u + ((lid * 1u + 0u) & 15u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 16u] = (*v)[1];
    exchange[xb + 0u + w0 + 32u] = (*v)[2];
    exchange[xb + 0u + w0 + 48u] = (*v)[3];
    exchange[xb + 0u + w0 + 64u] = (*v)[4];
    exchange[xb + 0u + w0 + 80u] = (*v)[5];
    exchange[xb + 0u + w0 + 96u] = (*v)[6];
    exchange[xb + 0u + w0 + 112u] = (*v)[7];
    exchange[xb + 1024u + w0 + 0u] = (*v)[8];
    exchange[xb + 1024u + w0 + 16u] = (*v)[9];
    exchange[xb + 1024u + w0 + 32u] = (*v)[10];
    exchange[xb + 1024u + w0 + 48u] = (*v)[11];
    exchange[xb + 1024u + w0 + 64u] = (*v)[12];
    exchange[xb + 1024u + w0 + 80u] = (*v)[13];
    exchange[xb + 1024u + w0 + 96u] = (*v)[14];
    exchange[xb + 1024u + w0 + 112u] = (*v)[15];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 7u) * 1024u + ((lid * 1u + 0u) & 127u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 128u];
    (*v)[2] = exchange[xb + 0u + r0 + 256u];
    (*v)[3] = exchange[xb + 0u + r0 + 384u];
    (*v)[4] = exchange[xb + 0u + r0 + 512u];
    (*v)[5] = exchange[xb + 0u + r0 + 640u];
    (*v)[6] = exchange[xb + 0u + r0 + 768u];
    (*v)[7] = exchange[xb + 0u + r0 + 896u];
    (*v)[8] = exchange[xb + 1024u + r0 + 0u];
    (*v)[9] = exchange[xb + 1024u + r0 + 128u];
    (*v)[10] = exchange[xb + 1024u + r0 + 256u];
    (*v)[11] = exchange[xb + 1024u + r0 + 384u];
    (*v)[12] = exchange[xb + 1024u + r0 + 512u];
    (*v)[13] = exchange[xb + 1024u + r0 + 640u];
    (*v)[14] = exchange[xb + 1024u + r0 + 768u];
    (*v)[15] = exchange[xb + 1024u + r0 + 896u];
    }
    // Stage 0: length 1024, radix 8.
    {
    {
    {
    let s0 = add_lazy((*v)[0], (*v)[4], P0);
    let d0 = sub_lazy((*v)[0], (*v)[4], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[1], (*v)[5], P0);
    let d1 = sub_lazy((*v)[1], (*v)[5], P0);
    let p1 = mul_shoup_lazy(d1, 509520358u, 2192222042u, P0);
    let s2 = add_lazy((*v)[2], (*v)[6], P0);
    let d2 = sub_lazy((*v)[2], (*v)[6], P0);
    let p2 = mul_shoup_lazy(d2, 86583718u, 372528265u, P0);
    let s3 = add_lazy((*v)[3], (*v)[7], P0);
    let d3 = sub_lazy((*v)[3], (*v)[7], P0);
    let p3 = mul_shoup_lazy(d3, 625715529u, 2692154206u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 86583718u, 372528265u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 86583718u, 372528265u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[0] = s8;
    (*v)[1] = mul_shoup_lazy(s10, 337190230u, 1450768046u, P0);
    (*v)[2] = mul_shoup_lazy(s9, 509520358u, 2192222042u, P0);
    (*v)[3] = mul_shoup_lazy(s11, 624949902u, 2688860079u, P0);
    (*v)[4] = mul_shoup_lazy(p8, 86583718u, 372528265u, P0);
    (*v)[5] = mul_shoup_lazy(p10, 369330050u, 1589050297u, P0);
    (*v)[6] = mul_shoup_lazy(p9, 625715529u, 2692154206u, P0);
    (*v)[7] = mul_shoup_lazy(p11, 69212480u, 297788148u, P0);
    }
    }
    {
    {
    let s0 = add_lazy((*v)[8], (*v)[12], P1);
    let d0 = sub_lazy((*v)[8], (*v)[12], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[9], (*v)[13], P1);
    let d1 = sub_lazy((*v)[9], (*v)[13], P1);
    let p1 = mul_shoup_lazy(d1, 709730407u, 4037577421u, P1);
    let s2 = add_lazy((*v)[10], (*v)[14], P1);
    let d2 = sub_lazy((*v)[10], (*v)[14], P1);
    let p2 = mul_shoup_lazy(d2, 431114544u, 2452562735u, P1);
    let s3 = add_lazy((*v)[11], (*v)[15], P1);
    let d3 = sub_lazy((*v)[11], (*v)[15], P1);
    let p3 = mul_shoup_lazy(d3, 549544645u, 3126298420u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 431114544u, 2452562735u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 431114544u, 2452562735u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[8] = s8;
    (*v)[9] = mul_shoup_lazy(s10, 297637169u, 1693224781u, P1);
    (*v)[10] = mul_shoup_lazy(s9, 709730407u, 4037577421u, P1);
    (*v)[11] = mul_shoup_lazy(s11, 194329809u, 1105520689u, P1);
    (*v)[12] = mul_shoup_lazy(p8, 431114544u, 2452562735u, P1);
    (*v)[13] = mul_shoup_lazy(p10, 436702940u, 2484354499u, P1);
    (*v)[14] = mul_shoup_lazy(p9, 549544645u, 3126298420u, P1);
    (*v)[15] = mul_shoup_lazy(p11, 705151364u, 4011527754u, P1);
    }
    }
    }
}

fn forward_4(lid: u32, v: ptr<function, array<u32, 32>>) {
    // Stage 0: length 1024, radix 8.
    {
    {
    {
    let y1 = mul_shoup_lazy((*v)[1], 929031873u, 3997179147u, P0);
    let y2 = mul_shoup_lazy((*v)[2], 372528824u, 1602813089u, P0);
    let y3 = mul_shoup_lazy((*v)[3], 628914303u, 2705916998u, P0);
    let y4 = mul_shoup_lazy((*v)[4], 911660635u, 3922439030u, P0);
    let y5 = mul_shoup_lazy((*v)[5], 373294451u, 1606107216u, P0);
    let y6 = mul_shoup_lazy((*v)[6], 488723995u, 2102745253u, P0);
    let y7 = mul_shoup_lazy((*v)[7], 661054123u, 2844199249u, P0);
    let s0 = add_lazy((*v)[0], y4, P0);
    let d0 = sub_lazy((*v)[0], y4, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y5, P0);
    let d1 = sub_lazy(y1, y5, P0);
    let p1 = mul_shoup_lazy(d1, 372528824u, 1602813089u, P0);
    let s2 = add_lazy(y2, y6, P0);
    let d2 = sub_lazy(y2, y6, P0);
    let p2 = mul_shoup_lazy(d2, 911660635u, 3922439030u, P0);
    let s3 = add_lazy(y3, y7, P0);
    let d3 = sub_lazy(y3, y7, P0);
    let p3 = mul_shoup_lazy(d3, 488723995u, 2102745253u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 911660635u, 3922439030u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 911660635u, 3922439030u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[0] = s8;
    (*v)[1] = s10;
    (*v)[2] = s9;
    (*v)[3] = s11;
    (*v)[4] = p8;
    (*v)[5] = p10;
    (*v)[6] = p9;
    (*v)[7] = p11;
    }
    {
    let y1 = mul_shoup_lazy((*v)[17], 929031873u, 3997179147u, P0);
    let y2 = mul_shoup_lazy((*v)[18], 372528824u, 1602813089u, P0);
    let y3 = mul_shoup_lazy((*v)[19], 628914303u, 2705916998u, P0);
    let y4 = mul_shoup_lazy((*v)[20], 911660635u, 3922439030u, P0);
    let y5 = mul_shoup_lazy((*v)[21], 373294451u, 1606107216u, P0);
    let y6 = mul_shoup_lazy((*v)[22], 488723995u, 2102745253u, P0);
    let y7 = mul_shoup_lazy((*v)[23], 661054123u, 2844199249u, P0);
    let s0 = add_lazy((*v)[16], y4, P0);
    let d0 = sub_lazy((*v)[16], y4, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y5, P0);
    let d1 = sub_lazy(y1, y5, P0);
    let p1 = mul_shoup_lazy(d1, 372528824u, 1602813089u, P0);
    let s2 = add_lazy(y2, y6, P0);
    let d2 = sub_lazy(y2, y6, P0);
    let p2 = mul_shoup_lazy(d2, 911660635u, 3922439030u, P0);
    let s3 = add_lazy(y3, y7, P0);
    let d3 = sub_lazy(y3, y7, P0);
    let p3 = mul_shoup_lazy(d3, 488723995u, 2102745253u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 911660635u, 3922439030u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 911660635u, 3922439030u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[16] = s8;
    (*v)[17] = s10;
    (*v)[18] = s9;
    (*v)[19] = s11;
    (*v)[20] = p8;
    (*v)[21] = p10;
    (*v)[22] = p9;
    (*v)[23] = p11;
    }
    }
    {
    {
    let y1 = mul_shoup_lazy((*v)[9], 49823357u, 283439541u, P1);
    let y2 = mul_shoup_lazy((*v)[10], 205430076u, 1168668875u, P1);
    let y3 = mul_shoup_lazy((*v)[11], 318271781u, 1810612796u, P1);
    let y4 = mul_shoup_lazy((*v)[12], 323860177u, 1842404560u, P1);
    let y5 = mul_shoup_lazy((*v)[13], 560644912u, 3189446606u, P1);
    let y6 = mul_shoup_lazy((*v)[14], 45244314u, 257389874u, P1);
    let y7 = mul_shoup_lazy((*v)[15], 457337552u, 2601742514u, P1);
    let s0 = add_lazy((*v)[8], y4, P1);
    let d0 = sub_lazy((*v)[8], y4, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y5, P1);
    let d1 = sub_lazy(y1, y5, P1);
    let p1 = mul_shoup_lazy(d1, 205430076u, 1168668875u, P1);
    let s2 = add_lazy(y2, y6, P1);
    let d2 = sub_lazy(y2, y6, P1);
    let p2 = mul_shoup_lazy(d2, 323860177u, 1842404560u, P1);
    let s3 = add_lazy(y3, y7, P1);
    let d3 = sub_lazy(y3, y7, P1);
    let p3 = mul_shoup_lazy(d3, 45244314u, 257389874u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 323860177u, 1842404560u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 323860177u, 1842404560u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[8] = s8;
    (*v)[9] = s10;
    (*v)[10] = s9;
    (*v)[11] = s11;
    (*v)[12] = p8;
    (*v)[13] = p10;
    (*v)[14] = p9;
    (*v)[15] = p11;
    }
    {
    let y1 = mul_shoup_lazy((*v)[25], 49823357u, 283439541u, P1);
    let y2 = mul_shoup_lazy((*v)[26], 205430076u, 1168668875u, P1);
    let y3 = mul_shoup_lazy((*v)[27], 318271781u, 1810612796u, P1);
    let y4 = mul_shoup_lazy((*v)[28], 323860177u, 1842404560u, P1);
    let y5 = mul_shoup_lazy((*v)[29], 560644912u, 3189446606u, P1);
    let y6 = mul_shoup_lazy((*v)[30], 45244314u, 257389874u, P1);
    let y7 = mul_shoup_lazy((*v)[31], 457337552u, 2601742514u, P1);
    let s0 = add_lazy((*v)[24], y4, P1);
    let d0 = sub_lazy((*v)[24], y4, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y5, P1);
    let d1 = sub_lazy(y1, y5, P1);
    let p1 = mul_shoup_lazy(d1, 205430076u, 1168668875u, P1);
    let s2 = add_lazy(y2, y6, P1);
    let d2 = sub_lazy(y2, y6, P1);
    let p2 = mul_shoup_lazy(d2, 323860177u, 1842404560u, P1);
    let s3 = add_lazy(y3, y7, P1);
    let d3 = sub_lazy(y3, y7, P1);
    let p3 = mul_shoup_lazy(d3, 45244314u, 257389874u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 323860177u, 1842404560u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 323860177u, 1842404560u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[24] = s8;
    (*v)[25] = s10;
    (*v)[26] = s9;
    (*v)[27] = s11;
    (*v)[28] = p8;
    (*v)[29] = p10;
    (*v)[30] = p9;
    (*v)[31] = p11;
    }
    }
    }
    // Exchange: stage 0 order to stage 1 order.
    {
    let xb = (exchange_phase & 1u) * 4096u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 7u) * 1024u + ((lid * 1u + 0u) & 127u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 128u] = (*v)[1];
    exchange[xb + 0u + w0 + 256u] = (*v)[2];
    exchange[xb + 0u + w0 + 384u] = (*v)[3];
    exchange[xb + 0u + w0 + 512u] = (*v)[4];
    exchange[xb + 0u + w0 + 640u] = (*v)[5];
    exchange[xb + 0u + w0 + 768u] = (*v)[6];
    exchange[xb + 0u + w0 + 896u] = (*v)[7];
    exchange[xb + 1024u + w0 + 0u] = (*v)[8];
    exchange[xb + 1024u + w0 + 128u] = (*v)[9];
    exchange[xb + 1024u + w0 + 256u] = (*v)[10];
    exchange[xb + 1024u + w0 + 384u] = (*v)[11];
    exchange[xb + 1024u + w0 + 512u] = (*v)[12];
    exchange[xb + 1024u + w0 + 640u] = (*v)[13];
    exchange[xb + 1024u + w0 + 768u] = (*v)[14];
    exchange[xb + 1024u + w0 + 896u] = (*v)[15];
    exchange[xb + 2048u + w0 + 0u] = (*v)[16];
    exchange[xb + 2048u + w0 + 128u] = (*v)[17];
    exchange[xb + 2048u + w0 + 256u] = (*v)[18];
    exchange[xb + 2048u + w0 + 384u] = (*v)[19];
    exchange[xb + 2048u + w0 + 512u] = (*v)[20];
    exchange[xb + 2048u + w0 + 640u] = (*v)[21];
    exchange[xb + 2048u + w0 + 768u] = (*v)[22];
    exchange[xb + 2048u + w0 + 896u] = (*v)[23];
    exchange[xb + 3072u + w0 + 0u] = (*v)[24];
    exchange[xb + 3072u + w0 + 128u] = (*v)[25];
    exchange[xb + 3072u + w0 + 256u] = (*v)[26];
    exchange[xb + 3072u + w0 + 384u] = (*v)[27];
    exchange[xb + 3072u + w0 + 512u] = (*v)[28];
    exchange[xb + 3072u + w0 + 640u] = (*v)[29];
    exchange[xb + 3072u + w0 + 768u] = (*v)[30];
    exchange[xb + 3072u + w0 + 896u] = (*v)[31];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 4u) * 128u + ((lid * 1u + 0u) & 15u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 16u];
    (*v)[2] = exchange[xb + 0u + r0 + 32u];
    (*v)[3] = exchange[xb + 0u + r0 + 48u];
    (*v)[4] = exchange[xb + 0u + r0 + 64u];
    (*v)[5] = exchange[xb + 0u + r0 + 80u];
    (*v)[6] = exchange[xb + 0u + r0 + 96u];
    (*v)[7] = exchange[xb + 0u + r0 + 112u];
    (*v)[8] = exchange[xb + 1024u + r0 + 0u];
    (*v)[9] = exchange[xb + 1024u + r0 + 16u];
    (*v)[10] = exchange[xb + 1024u + r0 + 32u];
    (*v)[11] = exchange[xb + 1024u + r0 + 48u];
    (*v)[12] = exchange[xb + 1024u + r0 + 64u];
    (*v)[13] = exchange[xb + 1024u + r0 + 80u];
    (*v)[14] = exchange[xb + 1024u + r0 + 96u];
    (*v)[15] = exchange[xb + 1024u + r0 + 112u];
    (*v)[16] = exchange[xb + 2048u + r0 + 0u];
    (*v)[17] = exchange[xb + 2048u + r0 + 16u];
    (*v)[18] = exchange[xb + 2048u + r0 + 32u];
    (*v)[19] = exchange[xb + 2048u + r0 + 48u];
    (*v)[20] = exchange[xb + 2048u + r0 + 64u];
    (*v)[21] = exchange[xb + 2048u + r0 + 80u];
    (*v)[22] = exchange[xb + 2048u + r0 + 96u];
    (*v)[23] = exchange[xb + 2048u + r0 + 112u];
    (*v)[24] = exchange[xb + 3072u + r0 + 0u];
    (*v)[25] = exchange[xb + 3072u + r0 + 16u];
    (*v)[26] = exchange[xb + 3072u + r0 + 32u];
    (*v)[27] = exchange[xb + 3072u + r0 + 48u];
    (*v)[28] = exchange[xb + 3072u + r0 + 64u];
    (*v)[29] = exchange[xb + 3072u + r0 + 80u];
    (*v)[30] = exchange[xb + 3072u + r0 + 96u];
    (*v)[31] = exchange[xb + 3072u + r0 + 112u];
    }
    // Stage 1: length 128, radix 8.
    {
    let tw0 = ((lid * 1u + 0u) >> 4u) * 7u + 0u;
    {
    let t1 = twiddles[0u + tw0 + 0u];
    let t2 = twiddles[0u + tw0 + 1u];
    let t3 = twiddles[0u + tw0 + 2u];
    let t4 = twiddles[0u + tw0 + 3u];
    let t5 = twiddles[0u + tw0 + 4u];
    let t6 = twiddles[0u + tw0 + 5u];
    let t7 = twiddles[0u + tw0 + 6u];
    {
    let y1 = mul_pair_lazy((*v)[1], t1, P0);
    let y2 = mul_pair_lazy((*v)[2], t2, P0);
    let y3 = mul_pair_lazy((*v)[3], t3, P0);
    let y4 = mul_pair_lazy((*v)[4], t4, P0);
    let y5 = mul_pair_lazy((*v)[5], t5, P0);
    let y6 = mul_pair_lazy((*v)[6], t6, P0);
    let y7 = mul_pair_lazy((*v)[7], t7, P0);
    let s0 = add_lazy((*v)[0], y4, P0);
    let d0 = sub_lazy((*v)[0], y4, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y5, P0);
    let d1 = sub_lazy(y1, y5, P0);
    let p1 = mul_shoup_lazy(d1, 372528824u, 1602813089u, P0);
    let s2 = add_lazy(y2, y6, P0);
    let d2 = sub_lazy(y2, y6, P0);
    let p2 = mul_shoup_lazy(d2, 911660635u, 3922439030u, P0);
    let s3 = add_lazy(y3, y7, P0);
    let d3 = sub_lazy(y3, y7, P0);
    let p3 = mul_shoup_lazy(d3, 488723995u, 2102745253u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 911660635u, 3922439030u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 911660635u, 3922439030u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[0] = s8;
    (*v)[1] = s10;
    (*v)[2] = s9;
    (*v)[3] = s11;
    (*v)[4] = p8;
    (*v)[5] = p10;
    (*v)[6] = p9;
    (*v)[7] = p11;
    }
    {
    let y1 = mul_pair_lazy((*v)[17], t1, P0);
    let y2 = mul_pair_lazy((*v)[18], t2, P0);
    let y3 = mul_pair_lazy((*v)[19], t3, P0);
    let y4 = mul_pair_lazy((*v)[20], t4, P0);
    let y5 = mul_pair_lazy((*v)[21], t5, P0);
    let y6 = mul_pair_lazy((*v)[22], t6, P0);
    let y7 = mul_pair_lazy((*v)[23], t7, P0);
    let s0 = add_lazy((*v)[16], y4, P0);
    let d0 = sub_lazy((*v)[16], y4, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y5, P0);
    let d1 = sub_lazy(y1, y5, P0);
    let p1 = mul_shoup_lazy(d1, 372528824u, 1602813089u, P0);
    let s2 = add_lazy(y2, y6, P0);
    let d2 = sub_lazy(y2, y6, P0);
    let p2 = mul_shoup_lazy(d2, 911660635u, 3922439030u, P0);
    let s3 = add_lazy(y3, y7, P0);
    let d3 = sub_lazy(y3, y7, P0);
    let p3 = mul_shoup_lazy(d3, 488723995u, 2102745253u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 911660635u, 3922439030u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 911660635u, 3922439030u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[16] = s8;
    (*v)[17] = s10;
    (*v)[18] = s9;
    (*v)[19] = s11;
    (*v)[20] = p8;
    (*v)[21] = p10;
    (*v)[22] = p9;
    (*v)[23] = p11;
    }
    }
    {
    let t1 = twiddles[2032u + tw0 + 0u];
    let t2 = twiddles[2032u + tw0 + 1u];
    let t3 = twiddles[2032u + tw0 + 2u];
    let t4 = twiddles[2032u + tw0 + 3u];
    let t5 = twiddles[2032u + tw0 + 4u];
    let t6 = twiddles[2032u + tw0 + 5u];
    let t7 = twiddles[2032u + tw0 + 6u];
    {
    let y1 = mul_pair_lazy((*v)[9], t1, P1);
    let y2 = mul_pair_lazy((*v)[10], t2, P1);
    let y3 = mul_pair_lazy((*v)[11], t3, P1);
    let y4 = mul_pair_lazy((*v)[12], t4, P1);
    let y5 = mul_pair_lazy((*v)[13], t5, P1);
    let y6 = mul_pair_lazy((*v)[14], t6, P1);
    let y7 = mul_pair_lazy((*v)[15], t7, P1);
    let s0 = add_lazy((*v)[8], y4, P1);
    let d0 = sub_lazy((*v)[8], y4, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y5, P1);
    let d1 = sub_lazy(y1, y5, P1);
    let p1 = mul_shoup_lazy(d1, 205430076u, 1168668875u, P1);
    let s2 = add_lazy(y2, y6, P1);
    let d2 = sub_lazy(y2, y6, P1);
    let p2 = mul_shoup_lazy(d2, 323860177u, 1842404560u, P1);
    let s3 = add_lazy(y3, y7, P1);
    let d3 = sub_lazy(y3, y7, P1);
    let p3 = mul_shoup_lazy(d3, 45244314u, 257389874u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 323860177u, 1842404560u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 323860177u, 1842404560u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[8] = s8;
    (*v)[9] = s10;
    (*v)[10] = s9;
    (*v)[11] = s11;
    (*v)[12] = p8;
    (*v)[13] = p10;
    (*v)[14] = p9;
    (*v)[15] = p11;
    }
    {
    let y1 = mul_pair_lazy((*v)[25], t1, P1);
    let y2 = mul_pair_lazy((*v)[26], t2, P1);
    let y3 = mul_pair_lazy((*v)[27], t3, P1);
    let y4 = mul_pair_lazy((*v)[28], t4, P1);
    let y5 = mul_pair_lazy((*v)[29], t5, P1);
    let y6 = mul_pair_lazy((*v)[30], t6, P1);
    let y7 = mul_pair_lazy((*v)[31], t7, P1);
    let s0 = add_lazy((*v)[24], y4, P1);
    let d0 = sub_lazy((*v)[24], y4, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y5, P1);
    let d1 = sub_lazy(y1, y5, P1);
    let p1 = mul_shoup_lazy(d1, 205430076u, 1168668875u, P1);
    let s2 = add_lazy(y2, y6, P1);
    let d2 = sub_lazy(y2, y6, P1);
    let p2 = mul_shoup_lazy(d2, 323860177u, 1842404560u, P1);
    let s3 = add_lazy(y3, y7, P1);
    let d3 = sub_lazy(y3, y7, P1);
    let p3 = mul_shoup_lazy(d3, 45244314u, 257389874u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 323860177u, 1842404560u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 323860177u, 1842404560u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[24] = s8;
    (*v)[25] = s10;
    (*v)[26] = s9;
    (*v)[27] = s11;
    (*v)[28] = p8;
    (*v)[29] = p10;
    (*v)[30] = p9;
    (*v)[31] = p11;
    }
    }
    }
    // Exchange: stage 1 order to stage 2 order.
    {
    let xb = (exchange_phase & 1u) * 4096u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 4u) * 128u + ((lid * 1u + 0u) & 15u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 16u] = (*v)[1];
    exchange[xb + 0u + w0 + 32u] = (*v)[2];
    exchange[xb + 0u + w0 + 48u] = (*v)[3];
    exchange[xb + 0u + w0 + 64u] = (*v)[4];
    exchange[xb + 0u + w0 + 80u] = (*v)[5];
    exchange[xb + 0u + w0 + 96u] = (*v)[6];
    exchange[xb + 0u + w0 + 112u] = (*v)[7];
    exchange[xb + 1024u + w0 + 0u] = (*v)[8];
    exchange[xb + 1024u + w0 + 16u] = (*v)[9];
    exchange[xb + 1024u + w0 + 32u] = (*v)[10];
    exchange[xb + 1024u + w0 + 48u] = (*v)[11];
    exchange[xb + 1024u + w0 + 64u] = (*v)[12];
    exchange[xb + 1024u + w0 + 80u] = (*v)[13];
    exchange[xb + 1024u + w0 + 96u] = (*v)[14];
    exchange[xb + 1024u + w0 + 112u] = (*v)[15];
    exchange[xb + 2048u + w0 + 0u] = (*v)[16];
    exchange[xb + 2048u + w0 + 16u] = (*v)[17];
    exchange[xb + 2048u + w0 + 32u] = (*v)[18];
    exchange[xb + 2048u + w0 + 48u] = (*v)[19];
    exchange[xb + 2048u + w0 + 64u] = (*v)[20];
    exchange[xb + 2048u + w0 + 80u] = (*v)[21];
    exchange[xb + 2048u + w0 + 96u] = (*v)[22];
    exchange[xb + 2048u + w0 + 112u] = (*v)[23];
    exchange[xb + 3072u + w0 + 0u] = (*v)[24];
    exchange[xb + 3072u + w0 + 16u] = (*v)[25];
    exchange[xb + 3072u + w0 + 32u] = (*v)[26];
    exchange[xb + 3072u + w0 + 48u] = (*v)[27];
    exchange[xb + 3072u + w0 + 64u] = (*v)[28];
    exchange[xb + 3072u + w0 + 80u] = (*v)[29];
    exchange[xb + 3072u + w0 + 96u] = (*v)[30];
    exchange[xb + 3072u + w0 + 112u] = (*v)[31];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 1u) * 16u + ((lid * 1u + 0u) & 1u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 2u];
    (*v)[2] = exchange[xb + 0u + r0 + 4u];
    (*v)[3] = exchange[xb + 0u + r0 + 6u];
    (*v)[4] = exchange[xb + 0u + r0 + 8u];
    (*v)[5] = exchange[xb + 0u + r0 + 10u];
    (*v)[6] = exchange[xb + 0u + r0 + 12u];
    (*v)[7] = exchange[xb + 0u + r0 + 14u];
    (*v)[8] = exchange[xb + 1024u + r0 + 0u];
    (*v)[9] = exchange[xb + 1024u + r0 + 2u];
    (*v)[10] = exchange[xb + 1024u + r0 + 4u];
    (*v)[11] = exchange[xb + 1024u + r0 + 6u];
    (*v)[12] = exchange[xb + 1024u + r0 + 8u];
    (*v)[13] = exchange[xb + 1024u + r0 + 10u];
    (*v)[14] = exchange[xb + 1024u + r0 + 12u];
    (*v)[15] = exchange[xb + 1024u + r0 + 14u];
    (*v)[16] = exchange[xb + 2048u + r0 + 0u];
    (*v)[17] = exchange[xb + 2048u + r0 + 2u];
    (*v)[18] = exchange[xb + 2048u + r0 + 4u];
    (*v)[19] = exchange[xb + 2048u + r0 + 6u];
    (*v)[20] = exchange[xb + 2048u + r0 + 8u];
    (*v)[21] = exchange[xb + 2048u + r0 + 10u];
    (*v)[22] = exchange[xb + 2048u + r0 + 12u];
    (*v)[23] = exchange[xb + 2048u + r0 + 14u];
    (*v)[24] = exchange[xb + 3072u + r0 + 0u];
    (*v)[25] = exchange[xb + 3072u + r0 + 2u];
    (*v)[26] = exchange[xb + 3072u + r0 + 4u];
    (*v)[27] = exchange[xb + 3072u + r0 + 6u];
    (*v)[28] = exchange[xb + 3072u + r0 + 8u];
    (*v)[29] = exchange[xb + 3072u + r0 + 10u];
    (*v)[30] = exchange[xb + 3072u + r0 + 12u];
    (*v)[31] = exchange[xb + 3072u + r0 + 14u];
    }
    // Stage 2: length 16, radix 8.
    {
    let tw0 = ((lid * 1u + 0u) >> 1u) * 7u + 56u;
    {
    let t1 = twiddles[0u + tw0 + 0u];
    let t2 = twiddles[0u + tw0 + 1u];
    let t3 = twiddles[0u + tw0 + 2u];
    let t4 = twiddles[0u + tw0 + 3u];
    let t5 = twiddles[0u + tw0 + 4u];
    let t6 = twiddles[0u + tw0 + 5u];
    let t7 = twiddles[0u + tw0 + 6u];
    {
    let y1 = mul_pair_lazy((*v)[1], t1, P0);
    let y2 = mul_pair_lazy((*v)[2], t2, P0);
    let y3 = mul_pair_lazy((*v)[3], t3, P0);
    let y4 = mul_pair_lazy((*v)[4], t4, P0);
    let y5 = mul_pair_lazy((*v)[5], t5, P0);
    let y6 = mul_pair_lazy((*v)[6], t6, P0);
    let y7 = mul_pair_lazy((*v)[7], t7, P0);
    let s0 = add_lazy((*v)[0], y4, P0);
    let d0 = sub_lazy((*v)[0], y4, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y5, P0);
    let d1 = sub_lazy(y1, y5, P0);
    let p1 = mul_shoup_lazy(d1, 372528824u, 1602813089u, P0);
    let s2 = add_lazy(y2, y6, P0);
    let d2 = sub_lazy(y2, y6, P0);
    let p2 = mul_shoup_lazy(d2, 911660635u, 3922439030u, P0);
    let s3 = add_lazy(y3, y7, P0);
    let d3 = sub_lazy(y3, y7, P0);
    let p3 = mul_shoup_lazy(d3, 488723995u, 2102745253u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 911660635u, 3922439030u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 911660635u, 3922439030u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[0] = s8;
    (*v)[1] = s10;
    (*v)[2] = s9;
    (*v)[3] = s11;
    (*v)[4] = p8;
    (*v)[5] = p10;
    (*v)[6] = p9;
    (*v)[7] = p11;
    }
    {
    let y1 = mul_pair_lazy((*v)[17], t1, P0);
    let y2 = mul_pair_lazy((*v)[18], t2, P0);
    let y3 = mul_pair_lazy((*v)[19], t3, P0);
    let y4 = mul_pair_lazy((*v)[20], t4, P0);
    let y5 = mul_pair_lazy((*v)[21], t5, P0);
    let y6 = mul_pair_lazy((*v)[22], t6, P0);
    let y7 = mul_pair_lazy((*v)[23], t7, P0);
    let s0 = add_lazy((*v)[16], y4, P0);
    let d0 = sub_lazy((*v)[16], y4, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y5, P0);
    let d1 = sub_lazy(y1, y5, P0);
    let p1 = mul_shoup_lazy(d1, 372528824u, 1602813089u, P0);
    let s2 = add_lazy(y2, y6, P0);
    let d2 = sub_lazy(y2, y6, P0);
    let p2 = mul_shoup_lazy(d2, 911660635u, 3922439030u, P0);
    let s3 = add_lazy(y3, y7, P0);
    let d3 = sub_lazy(y3, y7, P0);
    let p3 = mul_shoup_lazy(d3, 488723995u, 2102745253u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 911660635u, 3922439030u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 911660635u, 3922439030u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[16] = s8;
    (*v)[17] = s10;
    (*v)[18] = s9;
    (*v)[19] = s11;
    (*v)[20] = p8;
    (*v)[21] = p10;
    (*v)[22] = p9;
    (*v)[23] = p11;
    }
    }
    {
    let t1 = twiddles[2032u + tw0 + 0u];
    let t2 = twiddles[2032u + tw0 + 1u];
    let t3 = twiddles[2032u + tw0 + 2u];
    let t4 = twiddles[2032u + tw0 + 3u];
    let t5 = twiddles[2032u + tw0 + 4u];
    let t6 = twiddles[2032u + tw0 + 5u];
    let t7 = twiddles[2032u + tw0 + 6u];
    {
    let y1 = mul_pair_lazy((*v)[9], t1, P1);
    let y2 = mul_pair_lazy((*v)[10], t2, P1);
    let y3 = mul_pair_lazy((*v)[11], t3, P1);
    let y4 = mul_pair_lazy((*v)[12], t4, P1);
    let y5 = mul_pair_lazy((*v)[13], t5, P1);
    let y6 = mul_pair_lazy((*v)[14], t6, P1);
    let y7 = mul_pair_lazy((*v)[15], t7, P1);
    let s0 = add_lazy((*v)[8], y4, P1);
    let d0 = sub_lazy((*v)[8], y4, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y5, P1);
    let d1 = sub_lazy(y1, y5, P1);
    let p1 = mul_shoup_lazy(d1, 205430076u, 1168668875u, P1);
    let s2 = add_lazy(y2, y6, P1);
    let d2 = sub_lazy(y2, y6, P1);
    let p2 = mul_shoup_lazy(d2, 323860177u, 1842404560u, P1);
    let s3 = add_lazy(y3, y7, P1);
    let d3 = sub_lazy(y3, y7, P1);
    let p3 = mul_shoup_lazy(d3, 45244314u, 257389874u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 323860177u, 1842404560u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 323860177u, 1842404560u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[8] = s8;
    (*v)[9] = s10;
    (*v)[10] = s9;
    (*v)[11] = s11;
    (*v)[12] = p8;
    (*v)[13] = p10;
    (*v)[14] = p9;
    (*v)[15] = p11;
    }
    {
    let y1 = mul_pair_lazy((*v)[25], t1, P1);
    let y2 = mul_pair_lazy((*v)[26], t2, P1);
    let y3 = mul_pair_lazy((*v)[27], t3, P1);
    let y4 = mul_pair_lazy((*v)[28], t4, P1);
    let y5 = mul_pair_lazy((*v)[29], t5, P1);
    let y6 = mul_pair_lazy((*v)[30], t6, P1);
    let y7 = mul_pair_lazy((*v)[31], t7, P1);
    let s0 = add_lazy((*v)[24], y4, P1);
    let d0 = sub_lazy((*v)[24], y4, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y5, P1);
    let d1 = sub_lazy(y1, y5, P1);
    let p1 = mul_shoup_lazy(d1, 205430076u, 1168668875u, P1);
    let s2 = add_lazy(y2, y6, P1);
    let d2 = sub_lazy(y2, y6, P1);
    let p2 = mul_shoup_lazy(d2, 323860177u, 1842404560u, P1);
    let s3 = add_lazy(y3, y7, P1);
    let d3 = sub_lazy(y3, y7, P1);
    let p3 = mul_shoup_lazy(d3, 45244314u, 257389874u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 323860177u, 1842404560u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 323860177u, 1842404560u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[24] = s8;
    (*v)[25] = s10;
    (*v)[26] = s9;
    (*v)[27] = s11;
    (*v)[28] = p8;
    (*v)[29] = p10;
    (*v)[30] = p9;
    (*v)[31] = p11;
    }
    }
    }
    // Exchange: stage 2 order to stage 3 order.
    {
    let xb = (exchange_phase & 1u) * 4096u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 1u) * 16u + ((lid * 1u + 0u) & 1u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 2u] = (*v)[1];
    exchange[xb + 0u + w0 + 4u] = (*v)[2];
    exchange[xb + 0u + w0 + 6u] = (*v)[3];
    exchange[xb + 0u + w0 + 8u] = (*v)[4];
    exchange[xb + 0u + w0 + 10u] = (*v)[5];
    exchange[xb + 0u + w0 + 12u] = (*v)[6];
    exchange[xb + 0u + w0 + 14u] = (*v)[7];
    exchange[xb + 1024u + w0 + 0u] = (*v)[8];
    exchange[xb + 1024u + w0 + 2u] = (*v)[9];
    exchange[xb + 1024u + w0 + 4u] = (*v)[10];
    exchange[xb + 1024u + w0 + 6u] = (*v)[11];
    exchange[xb + 1024u + w0 + 8u] = (*v)[12];
    exchange[xb + 1024u + w0 + 10u] = (*v)[13];
    exchange[xb + 1024u + w0 + 12u] = (*v)[14];
    exchange[xb + 1024u + w0 + 14u] = (*v)[15];
    exchange[xb + 2048u + w0 + 0u] = (*v)[16];
    exchange[xb + 2048u + w0 + 2u] = (*v)[17];
    exchange[xb + 2048u + w0 + 4u] = (*v)[18];
    exchange[xb + 2048u + w0 + 6u] = (*v)[19];
    exchange[xb + 2048u + w0 + 8u] = (*v)[20];
    exchange[xb + 2048u + w0 + 10u] = (*v)[21];
    exchange[xb + 2048u + w0 + 12u] = (*v)[22];
    exchange[xb + 2048u + w0 + 14u] = (*v)[23];
    exchange[xb + 3072u + w0 + 0u] = (*v)[24];
    exchange[xb + 3072u + w0 + 2u] = (*v)[25];
    exchange[xb + 3072u + w0 + 4u] = (*v)[26];
    exchange[xb + 3072u + w0 + 6u] = (*v)[27];
    exchange[xb + 3072u + w0 + 8u] = (*v)[28];
    exchange[xb + 3072u + w0 + 10u] = (*v)[29];
    exchange[xb + 3072u + w0 + 12u] = (*v)[30];
    exchange[xb + 3072u + w0 + 14u] = (*v)[31];
    workgroupBarrier();
    let r0 = ((lid * 4u + 0u) >> 0u) * 2u + ((lid * 4u + 0u) & 0u);
    let r1 = ((lid * 4u + 1u) >> 0u) * 2u + ((lid * 4u + 1u) & 0u);
    let r2 = ((lid * 4u + 2u) >> 0u) * 2u + ((lid * 4u + 2u) & 0u);
    let r3 = ((lid * 4u + 3u) >> 0u) * 2u + ((lid * 4u + 3u) & 0u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 1u];
    (*v)[2] = exchange[xb + 0u + r1 + 0u];
    (*v)[3] = exchange[xb + 0u + r1 + 1u];
    (*v)[4] = exchange[xb + 0u + r2 + 0u];
    (*v)[5] = exchange[xb + 0u + r2 + 1u];
    (*v)[6] = exchange[xb + 0u + r3 + 0u];
    (*v)[7] = exchange[xb + 0u + r3 + 1u];
    (*v)[8] = exchange[xb + 1024u + r0 + 0u];
    (*v)[9] = exchange[xb + 1024u + r0 + 1u];
    (*v)[10] = exchange[xb + 1024u + r1 + 0u];
    (*v)[11] = exchange[xb + 1024u + r1 + 1u];
    (*v)[12] = exchange[xb + 1024u + r2 + 0u];
    (*v)[13] = exchange[xb + 1024u + r2 + 1u];
    (*v)[14] = exchange[xb + 1024u + r3 + 0u];
    (*v)[15] = exchange[xb + 1024u + r3 + 1u];
    (*v)[16] = exchange[xb + 2048u + r0 + 0u];
    (*v)[17] = exchange[xb + 2048u + r0 + 1u];
    (*v)[18] = exchange[xb + 2048u + r1 + 0u];
    (*v)[19] = exchange[xb + 2048u + r1 + 1u];
    (*v)[20] = exchange[xb + 2048u + r2 + 0u];
    (*v)[21] = exchange[xb + 2048u + r2 + 1u];
    (*v)[22] = exchange[xb + 2048u + r3 + 0u];
    (*v)[23] = exchange[xb + 2048u + r3 + 1u];
    (*v)[24] = exchange[xb + 3072u + r0 + 0u];
    (*v)[25] = exchange[xb + 3072u + r0 + 1u];
    (*v)[26] = exchange[xb + 3072u + r1 + 0u];
    (*v)[27] = exchange[xb + 3072u + r1 + 1u];
    (*v)[28] = exchange[xb + 3072u + r2 + 0u];
    (*v)[29] = exchange[xb + 3072u + r2 + 1u];
    (*v)[30] = exchange[xb + 3072u + r3 + 0u];
    (*v)[31] = exchange[xb + 3072u + r3 + 1u];
    }
    // Stage 3: length 2, radix 2.
    {
    let tw0 = ((lid * 4u + 0u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[0u + tw0 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[1], t1, P0);
    let s0 = add_lazy((*v)[0], y1, P0);
    let d0 = sub_lazy((*v)[0], y1, P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[0] = s0;
    (*v)[1] = p0;
    }
    {
    let y1 = mul_pair_lazy((*v)[17], t1, P0);
    let s0 = add_lazy((*v)[16], y1, P0);
    let d0 = sub_lazy((*v)[16], y1, P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[16] = s0;
    (*v)[17] = p0;
    }
    }
    {
    let t1 = twiddles[2032u + tw0 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[9], t1, P1);
    let s0 = add_lazy((*v)[8], y1, P1);
    let d0 = sub_lazy((*v)[8], y1, P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[8] = s0;
    (*v)[9] = p0;
    }
    {
    let y1 = mul_pair_lazy((*v)[25], t1, P1);
    let s0 = add_lazy((*v)[24], y1, P1);
    let d0 = sub_lazy((*v)[24], y1, P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[24] = s0;
    (*v)[25] = p0;
    }
    }
    let tw1 = ((lid * 4u + 1u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[0u + tw1 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[3], t1, P0);
    let s0 = add_lazy((*v)[2], y1, P0);
    let d0 = sub_lazy((*v)[2], y1, P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[2] = s0;
    (*v)[3] = p0;
    }
    {
    let y1 = mul_pair_lazy((*v)[19], t1, P0);
    let s0 = add_lazy((*v)[18], y1, P0);
    let d0 = sub_lazy((*v)[18], y1, P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[18] = s0;
    (*v)[19] = p0;
    }
    }
    {
    let t1 = twiddles[2032u + tw1 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[11], t1, P1);
    let s0 = add_lazy((*v)[10], y1, P1);
    let d0 = sub_lazy((*v)[10], y1, P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[10] = s0;
    (*v)[11] = p0;
    }
    {
    let y1 = mul_pair_lazy((*v)[27], t1, P1);
    let s0 = add_lazy((*v)[26], y1, P1);
    let d0 = sub_lazy((*v)[26], y1, P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[26] = s0;
    (*v)[27] = p0;
    }
    }
    let tw2 = ((lid * 4u + 2u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[0u + tw2 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[5], t1, P0);
    let s0 = add_lazy((*v)[4], y1, P0);
    let d0 = sub_lazy((*v)[4], y1, P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[4] = s0;
    (*v)[5] = p0;
    }
    {
    let y1 = mul_pair_lazy((*v)[21], t1, P0);
    let s0 = add_lazy((*v)[20], y1, P0);
    let d0 = sub_lazy((*v)[20], y1, P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[20] = s0;
    (*v)[21] = p0;
    }
    }
    {
    let t1 = twiddles[2032u + tw2 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[13], t1, P1);
    let s0 = add_lazy((*v)[12], y1, P1);
    let d0 = sub_lazy((*v)[12], y1, P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[12] = s0;
    (*v)[13] = p0;
    }
    {
    let y1 = mul_pair_lazy((*v)[29], t1, P1);
    let s0 = add_lazy((*v)[28], y1, P1);
    let d0 = sub_lazy((*v)[28], y1, P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[28] = s0;
    (*v)[29] = p0;
    }
    }
    let tw3 = ((lid * 4u + 3u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[0u + tw3 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[7], t1, P0);
    let s0 = add_lazy((*v)[6], y1, P0);
    let d0 = sub_lazy((*v)[6], y1, P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[6] = s0;
    (*v)[7] = p0;
    }
    {
    let y1 = mul_pair_lazy((*v)[23], t1, P0);
    let s0 = add_lazy((*v)[22], y1, P0);
    let d0 = sub_lazy((*v)[22], y1, P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[22] = s0;
    (*v)[23] = p0;
    }
    }
    {
    let t1 = twiddles[2032u + tw3 + 0u];
    {
    let y1 = mul_pair_lazy((*v)[15], t1, P1);
    let s0 = add_lazy((*v)[14], y1, P1);
    let d0 = sub_lazy((*v)[14], y1, P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[14] = s0;
    (*v)[15] = p0;
    }
    {
    let y1 = mul_pair_lazy((*v)[31], t1, P1);
    let s0 = add_lazy((*v)[30], y1, P1);
    let d0 = sub_lazy((*v)[30], y1, P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[30] = s0;
    (*v)[31] = p0;
    }
    }
    }
}

fn inverse_4(lid: u32, v: ptr<function, array<u32, 32>>) {
    // Stage 3: length 2, radix 2.
    {
    let tw0 = ((lid * 4u + 0u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[1016u + tw0 + 0u];
    {
    let s0 = add_lazy((*v)[0], (*v)[1], P0);
    let d0 = sub_lazy((*v)[0], (*v)[1], P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[0] = s0;
    (*v)[1] = mul_pair_lazy(p0, t1, P0);
    }
    {
    let s0 = add_lazy((*v)[16], (*v)[17], P0);
    let d0 = sub_lazy((*v)[16], (*v)[17], P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[16] = s0;
    (*v)[17] = mul_pair_lazy(p0, t1, P0);
    }
    }
    {
    let t1 = twiddles[3048u + tw0 + 0u];
    {
    let s0 = add_lazy((*v)[8], (*v)[9], P1);
    let d0 = sub_lazy((*v)[8], (*v)[9], P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[8] = s0;
    (*v)[9] = mul_pair_lazy(p0, t1, P1);
    }
    {
    let s0 = add_lazy((*v)[24], (*v)[25], P1);
    let d0 = sub_lazy((*v)[24], (*v)[25], P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[24] = s0;
    (*v)[25] = mul_pair_lazy(p0, t1, P1);
    }
    }
    let tw1 = ((lid * 4u + 1u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[1016u + tw1 + 0u];
    {
    let s0 = add_lazy((*v)[2], (*v)[3], P0);
    let d0 = sub_lazy((*v)[2], (*v)[3], P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[2] = s0;
    (*v)[3] = mul_pair_lazy(p0, t1, P0);
    }
    {
    let s0 = add_lazy((*v)[18], (*v)[19], P0);
    let d0 = sub_lazy((*v)[18], (*v)[19], P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[18] = s0;
    (*v)[19] = mul_pair_lazy(p0, t1, P0);
    }
    }
    {
    let t1 = twiddles[3048u + tw1 + 0u];
    {
    let s0 = add_lazy((*v)[10], (*v)[11], P1);
    let d0 = sub_lazy((*v)[10], (*v)[11], P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[10] = s0;
    (*v)[11] = mul_pair_lazy(p0, t1, P1);
    }
    {
    let s0 = add_lazy((*v)[26], (*v)[27], P1);
    let d0 = sub_lazy((*v)[26], (*v)[27], P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[26] = s0;
    (*v)[27] = mul_pair_lazy(p0, t1, P1);
    }
    }
    let tw2 = ((lid * 4u + 2u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[1016u + tw2 + 0u];
    {
    let s0 = add_lazy((*v)[4], (*v)[5], P0);
    let d0 = sub_lazy((*v)[4], (*v)[5], P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[4] = s0;
    (*v)[5] = mul_pair_lazy(p0, t1, P0);
    }
    {
    let s0 = add_lazy((*v)[20], (*v)[21], P0);
    let d0 = sub_lazy((*v)[20], (*v)[21], P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[20] = s0;
    (*v)[21] = mul_pair_lazy(p0, t1, P0);
    }
    }
    {
    let t1 = twiddles[3048u + tw2 + 0u];
    {
    let s0 = add_lazy((*v)[12], (*v)[13], P1);
    let d0 = sub_lazy((*v)[12], (*v)[13], P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[12] = s0;
    (*v)[13] = mul_pair_lazy(p0, t1, P1);
    }
    {
    let s0 = add_lazy((*v)[28], (*v)[29], P1);
    let d0 = sub_lazy((*v)[28], (*v)[29], P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[28] = s0;
    (*v)[29] = mul_pair_lazy(p0, t1, P1);
    }
    }
    let tw3 = ((lid * 4u + 3u) >> 0u) * 1u + 504u;
    {
    let t1 = twiddles[1016u + tw3 + 0u];
    {
    let s0 = add_lazy((*v)[6], (*v)[7], P0);
    let d0 = sub_lazy((*v)[6], (*v)[7], P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[6] = s0;
    (*v)[7] = mul_pair_lazy(p0, t1, P0);
    }
    {
    let s0 = add_lazy((*v)[22], (*v)[23], P0);
    let d0 = sub_lazy((*v)[22], (*v)[23], P0);
    let p0 = reduce_twice(d0, P0);
    (*v)[22] = s0;
    (*v)[23] = mul_pair_lazy(p0, t1, P0);
    }
    }
    {
    let t1 = twiddles[3048u + tw3 + 0u];
    {
    let s0 = add_lazy((*v)[14], (*v)[15], P1);
    let d0 = sub_lazy((*v)[14], (*v)[15], P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[14] = s0;
    (*v)[15] = mul_pair_lazy(p0, t1, P1);
    }
    {
    let s0 = add_lazy((*v)[30], (*v)[31], P1);
    let d0 = sub_lazy((*v)[30], (*v)[31], P1);
    let p0 = reduce_twice(d0, P1);
    (*v)[30] = s0;
    (*v)[31] = mul_pair_lazy(p0, t1, P1);
    }
    }
    }
    // Exchange: stage 3 order to stage 2 order.
    {
    let xb = (exchange_phase & 1u) * 4096u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 4u + 0u) >> 0u) * 2u + ((lid * 4u + 0u) & 0u);
    let w1 = ((lid * 4u + 1u) >> 0u) * 2u + ((lid * 4u + 1u) & 0u);
    let w2 = ((lid * 4u + 2u) >> 0u) * 2u + ((lid * 4u + 2u) & 0u);
    let w3 = ((lid * 4u + 3u) >> 0u) * 2u + ((lid * 4u + 3u) & 0u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 1u] = (*v)[1];
    exchange[xb + 0u + w1 + 0u] = (*v)[2];
    exchange[xb + 0u + w1 + 1u] = (*v)[3];
    exchange[xb + 0u + w2 + 0u] = (*v)[4];
    exchange[xb + 0u + w2 + 1u] = (*v)[5];
    exchange[xb + 0u + w3 + 0u] = (*v)[6];
    exchange[xb + 0u + w3 + 1u] = (*v)[7];
    exchange[xb + 1024u + w0 + 0u] = (*v)[8];
    exchange[xb + 1024u + w0 + 1u] = (*v)[9];
    exchange[xb + 1024u + w1 + 0u] = (*v)[10];
    exchange[xb + 1024u + w1 + 1u] = (*v)[11];
    exchange[xb + 1024u + w2 + 0u] = (*v)[12];
    exchange[xb + 1024u + w2 + 1u] = (*v)[13];
    exchange[xb + 1024u + w3 + 0u] = (*v)[14];
    exchange[xb + 1024u + w3 + 1u] = (*v)[15];
    exchange[xb + 2048u + w0 + 0u] = (*v)[16];
    exchange[xb + 2048u + w0 + 1u] = (*v)[17];
    exchange[xb + 2048u + w1 + 0u] = (*v)[18];
    exchange[xb + 2048u + w1 + 1u] = (*v)[19];
    exchange[xb + 2048u + w2 + 0u] = (*v)[20];
    exchange[xb + 2048u + w2 + 1u] = (*v)[21];
    exchange[xb + 2048u + w3 + 0u] = (*v)[22];
    exchange[xb + 2048u + w3 + 1u] = (*v)[23];
    exchange[xb + 3072u + w0 + 0u] = (*v)[24];
    exchange[xb + 3072u + w0 + 1u] = (*v)[25];
    exchange[xb + 3072u + w1 + 0u] = (*v)[26];
    exchange[xb + 3072u + w1 + 1u] = (*v)[27];
    exchange[xb + 3072u + w2 + 0u] = (*v)[28];
    exchange[xb + 3072u + w2 + 1u] = (*v)[29];
    exchange[xb + 3072u + w3 + 0u] = (*v)[30];
    exchange[xb + 3072u + w3 + 1u] = (*v)[31];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 1u) * 16u + ((lid * 1u + 0u) & 1u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 2u];
    (*v)[2] = exchange[xb + 0u + r0 + 4u];
    (*v)[3] = exchange[xb + 0u + r0 + 6u];
    (*v)[4] = exchange[xb + 0u + r0 + 8u];
    (*v)[5] = exchange[xb + 0u + r0 + 10u];
    (*v)[6] = exchange[xb + 0u + r0 + 12u];
    (*v)[7] = exchange[xb + 0u + r0 + 14u];
    (*v)[8] = exchange[xb + 1024u + r0 + 0u];
    (*v)[9] = exchange[xb + 1024u + r0 + 2u];
    (*v)[10] = exchange[xb + 1024u + r0 + 4u];
    (*v)[11] = exchange[xb + 1024u + r0 + 6u];
    (*v)[12] = exchange[xb + 1024u + r0 + 8u];
    (*v)[13] = exchange[xb + 1024u + r0 + 10u];
    (*v)[14] = exchange[xb + 1024u + r0 + 12u];
    (*v)[15] = exchange[xb + 1024u + r0 + 14u];
    (*v)[16] = exchange[xb + 2048u + r0 + 0u];
    (*v)[17] = exchange[xb + 2048u + r0 + 2u];
    (*v)[18] = exchange[xb + 2048u + r0 + 4u];
    (*v)[19] = exchange[xb + 2048u + r0 + 6u];
    (*v)[20] = exchange[xb + 2048u + r0 + 8u];
    (*v)[21] = exchange[xb + 2048u + r0 + 10u];
    (*v)[22] = exchange[xb + 2048u + r0 + 12u];
    (*v)[23] = exchange[xb + 2048u + r0 + 14u];
    (*v)[24] = exchange[xb + 3072u + r0 + 0u];
    (*v)[25] = exchange[xb + 3072u + r0 + 2u];
    (*v)[26] = exchange[xb + 3072u + r0 + 4u];
    (*v)[27] = exchange[xb + 3072u + r0 + 6u];
    (*v)[28] = exchange[xb + 3072u + r0 + 8u];
    (*v)[29] = exchange[xb + 3072u + r0 + 10u];
    (*v)[30] = exchange[xb + 3072u + r0 + 12u];
    (*v)[31] = exchange[xb + 3072u + r0 + 14u];
    }
    // Stage 2: length 16, radix 8.
    {
    let tw0 = ((lid * 1u + 0u) >> 1u) * 7u + 56u;
    {
    let t1 = twiddles[1016u + tw0 + 0u];
    let t2 = twiddles[1016u + tw0 + 1u];
    let t3 = twiddles[1016u + tw0 + 2u];
    let t4 = twiddles[1016u + tw0 + 3u];
    let t5 = twiddles[1016u + tw0 + 4u];
    let t6 = twiddles[1016u + tw0 + 5u];
    let t7 = twiddles[1016u + tw0 + 6u];
    {
    let s0 = add_lazy((*v)[0], (*v)[4], P0);
    let d0 = sub_lazy((*v)[0], (*v)[4], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[1], (*v)[5], P0);
    let d1 = sub_lazy((*v)[1], (*v)[5], P0);
    let p1 = mul_shoup_lazy(d1, 509520358u, 2192222042u, P0);
    let s2 = add_lazy((*v)[2], (*v)[6], P0);
    let d2 = sub_lazy((*v)[2], (*v)[6], P0);
    let p2 = mul_shoup_lazy(d2, 86583718u, 372528265u, P0);
    let s3 = add_lazy((*v)[3], (*v)[7], P0);
    let d3 = sub_lazy((*v)[3], (*v)[7], P0);
    let p3 = mul_shoup_lazy(d3, 625715529u, 2692154206u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 86583718u, 372528265u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 86583718u, 372528265u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[0] = s8;
    (*v)[1] = mul_pair_lazy(s10, t1, P0);
    (*v)[2] = mul_pair_lazy(s9, t2, P0);
    (*v)[3] = mul_pair_lazy(s11, t3, P0);
    (*v)[4] = mul_pair_lazy(p8, t4, P0);
    (*v)[5] = mul_pair_lazy(p10, t5, P0);
    (*v)[6] = mul_pair_lazy(p9, t6, P0);
    (*v)[7] = mul_pair_lazy(p11, t7, P0);
    }
    {
    let s0 = add_lazy((*v)[16], (*v)[20], P0);
    let d0 = sub_lazy((*v)[16], (*v)[20], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[17], (*v)[21], P0);
    let d1 = sub_lazy((*v)[17], (*v)[21], P0);
    let p1 = mul_shoup_lazy(d1, 509520358u, 2192222042u, P0);
    let s2 = add_lazy((*v)[18], (*v)[22], P0);
    let d2 = sub_lazy((*v)[18], (*v)[22], P0);
    let p2 = mul_shoup_lazy(d2, 86583718u, 372528265u, P0);
    let s3 = add_lazy((*v)[19], (*v)[23], P0);
    let d3 = sub_lazy((*v)[19], (*v)[23], P0);
    let p3 = mul_shoup_lazy(d3, 625715529u, 2692154206u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 86583718u, 372528265u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 86583718u, 372528265u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[16] = s8;
    (*v)[17] = mul_pair_lazy(s10, t1, P0);
    (*v)[18] = mul_pair_lazy(s9, t2, P0);
    (*v)[19] = mul_pair_lazy(s11, t3, P0);
    (*v)[20] = mul_pair_lazy(p8, t4, P0);
    (*v)[21] = mul_pair_lazy(p10, t5, P0);
    (*v)[22] = mul_pair_lazy(p9, t6, P0);
    (*v)[23] = mul_pair_lazy(p11, t7, P0);
    }
    }
    {
    let t1 = twiddles[3048u + tw0 + 0u];
    let t2 = twiddles[3048u + tw0 + 1u];
    let t3 = twiddles[3048u + tw0 + 2u];
    let t4 = twiddles[3048u + tw0 + 3u];
    let t5 = twiddles[3048u + tw0 + 4u];
    let t6 = twiddles[3048u + tw0 + 5u];
    let t7 = twiddles[3048u + tw0 + 6u];
    {
    let s0 = add_lazy((*v)[8], (*v)[12], P1);
    let d0 = sub_lazy((*v)[8], (*v)[12], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[9], (*v)[13], P1);
    let d1 = sub_lazy((*v)[9], (*v)[13], P1);
    let p1 = mul_shoup_lazy(d1, 709730407u, 4037577421u, P1);
    let s2 = add_lazy((*v)[10], (*v)[14], P1);
    let d2 = sub_lazy((*v)[10], (*v)[14], P1);
    let p2 = mul_shoup_lazy(d2, 431114544u, 2452562735u, P1);
    let s3 = add_lazy((*v)[11], (*v)[15], P1);
    let d3 = sub_lazy((*v)[11], (*v)[15], P1);
    let p3 = mul_shoup_lazy(d3, 549544645u, 3126298420u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 431114544u, 2452562735u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 431114544u, 2452562735u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[8] = s8;
    (*v)[9] = mul_pair_lazy(s10, t1, P1);
    (*v)[10] = mul_pair_lazy(s9, t2, P1);
    (*v)[11] = mul_pair_lazy(s11, t3, P1);
    (*v)[12] = mul_pair_lazy(p8, t4, P1);
    (*v)[13] = mul_pair_lazy(p10, t5, P1);
    (*v)[14] = mul_pair_lazy(p9, t6, P1);
    (*v)[15] = mul_pair_lazy(p11, t7, P1);
    }
    {
    let s0 = add_lazy((*v)[24], (*v)[28], P1);
    let d0 = sub_lazy((*v)[24], (*v)[28], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[25], (*v)[29], P1);
    let d1 = sub_lazy((*v)[25], (*v)[29], P1);
    let p1 = mul_shoup_lazy(d1, 709730407u, 4037577421u, P1);
    let s2 = add_lazy((*v)[26], (*v)[30], P1);
    let d2 = sub_lazy((*v)[26], (*v)[30], P1);
    let p2 = mul_shoup_lazy(d2, 431114544u, 2452562735u, P1);
    let s3 = add_lazy((*v)[27], (*v)[31], P1);
    let d3 = sub_lazy((*v)[27], (*v)[31], P1);
    let p3 = mul_shoup_lazy(d3, 549544645u, 3126298420u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 431114544u, 2452562735u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 431114544u, 2452562735u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[24] = s8;
    (*v)[25] = mul_pair_lazy(s10, t1, P1);
    (*v)[26] = mul_pair_lazy(s9, t2, P1);
    (*v)[27] = mul_pair_lazy(s11, t3, P1);
    (*v)[28] = mul_pair_lazy(p8, t4, P1);
    (*v)[29] = mul_pair_lazy(p10, t5, P1);
    (*v)[30] = mul_pair_lazy(p9, t6, P1);
    (*v)[31] = mul_pair_lazy(p11, t7, P1);
    }
    }
    }
    // Exchange: stage 2 order to stage 1 order.
    {
    let xb = (exchange_phase & 1u) * 4096u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 1u) * 16u + ((lid * 1u + 0u) & 1u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 2u] = (*v)[1];
    exchange[xb + 0u + w0 + 4u] = (*v)[2];
    exchange[xb + 0u + w0 + 6u] = (*v)[3];
    exchange[xb + 0u + w0 + 8u] = (*v)[4];
    exchange[xb + 0u + w0 + 10u] = (*v)[5];
    exchange[xb + 0u + w0 + 12u] = (*v)[6];
    exchange[xb + 0u + w0 + 14u] = (*v)[7];
    exchange[xb + 1024u + w0 + 0u] = (*v)[8];
    exchange[xb + 1024u + w0 + 2u] = (*v)[9];
    exchange[xb + 1024u + w0 + 4u] = (*v)[10];
    exchange[xb + 1024u + w0 + 6u] = (*v)[11];
    exchange[xb + 1024u + w0 + 8u] = (*v)[12];
    exchange[xb + 1024u + w0 + 10u] = (*v)[13];
    exchange[xb + 1024u + w0 + 12u] = (*v)[14];
    exchange[xb + 1024u + w0 + 14u] = (*v)[15];
    exchange[xb + 2048u + w0 + 0u] = (*v)[16];
    exchange[xb + 2048u + w0 + 2u] = (*v)[17];
    exchange[xb + 2048u + w0 + 4u] = (*v)[18];
    exchange[xb + 2048u + w0 + 6u] = (*v)[19];
    exchange[xb + 2048u + w0 + 8u] = (*v)[20];
    exchange[xb + 2048u + w0 + 10u] = (*v)[21];
    exchange[xb + 2048u + w0 + 12u] = (*v)[22];
    exchange[xb + 2048u + w0 + 14u] = (*v)[23];
    exchange[xb + 3072u + w0 + 0u] = (*v)[24];
    exchange[xb + 3072u + w0 + 2u] = (*v)[25];
    exchange[xb + 3072u + w0 + 4u] = (*v)[26];
    exchange[xb + 3072u + w0 + 6u] = (*v)[27];
    exchange[xb + 3072u + w0 + 8u] = (*v)[28];
    exchange[xb + 3072u + w0 + 10u] = (*v)[29];
    exchange[xb + 3072u + w0 + 12u] = (*v)[30];
    exchange[xb + 3072u + w0 + 14u] = (*v)[31];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 4u) * 128u + ((lid * 1u + 0u) & 15u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 16u];
    (*v)[2] = exchange[xb + 0u + r0 + 32u];
    (*v)[3] = exchange[xb + 0u + r0 + 48u];
    (*v)[4] = exchange[xb + 0u + r0 + 64u];
    (*v)[5] = exchange[xb + 0u + r0 + 80u];
    (*v)[6] = exchange[xb + 0u + r0 + 96u];
    (*v)[7] = exchange[xb + 0u + r0 + 112u];
    (*v)[8] = exchange[xb + 1024u + r0 + 0u];
    (*v)[9] = exchange[xb + 1024u + r0 + 16u];
    (*v)[10] = exchange[xb + 1024u + r0 + 32u];
    (*v)[11] = exchange[xb + 1024u + r0 + 48u];
    (*v)[12] = exchange[xb + 1024u + r0 + 64u];
    (*v)[13] = exchange[xb + 1024u + r0 + 80u];
    (*v)[14] = exchange[xb + 1024u + r0 + 96u];
    (*v)[15] = exchange[xb + 1024u + r0 + 112u];
    (*v)[16] = exchange[xb + 2048u + r0 + 0u];
    (*v)[17] = exchange[xb + 2048u + r0 + 16u];
    (*v)[18] = exchange[xb + 2048u + r0 + 32u];
    (*v)[19] = exchange[xb + 2048u + r0 + 48u];
    (*v)[20] = exchange[xb + 2048u + r0 + 64u];
    (*v)[21] = exchange[xb + 2048u + r0 + 80u];
    (*v)[22] = exchange[xb + 2048u + r0 + 96u];
    (*v)[23] = exchange[xb + 2048u + r0 + 112u];
    (*v)[24] = exchange[xb + 3072u + r0 + 0u];
    (*v)[25] = exchange[xb + 3072u + r0 + 16u];
    (*v)[26] = exchange[xb + 3072u + r0 + 32u];
    (*v)[27] = exchange[xb + 3072u + r0 + 48u];
    (*v)[28] = exchange[xb + 3072u + r0 + 64u];
    (*v)[29] = exchange[xb + 3072u + r0 + 80u];
    (*v)[30] = exchange[xb + 3072u + r0 + 96u];
    (*v)[31] = exchange[xb + 3072u + r0 + 112u];
    }
    // Stage 1: length 128, radix 8.
    {
    let tw0 = ((lid * 1u + 0u) >> 4u) * 7u + 0u;
    {
    let t1 = twiddles[1016u + tw0 + 0u];
    let t2 = twiddles[1016u + tw0 + 1u];
    let t3 = twiddles[1016u + tw0 + 2u];
    let t4 = twiddles[1016u + tw0 + 3u];
    let t5 = twiddles[1016u + tw0 + 4u];
    let t6 = twiddles[1016u + tw0 + 5u];
    let t7 = twiddles[1016u + tw0 + 6u];
    {
    let s0 = add_lazy((*v)[0], (*v)[4], P0);
    let d0 = sub_lazy((*v)[0], (*v)[4], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[1], (*v)[5], P0);
    let d1 = sub_lazy((*v)[1], (*v)[5], P0);
    let p1 = mul_shoup_lazy(d1, 509520358u, 2192222042u, P0);
    let s2 = add_lazy((*v)[2], (*v)[6], P0);
    let d2 = sub_lazy((*v)[2], (*v)[6], P0);
    let p2 = mul_shoup_lazy(d2, 86583718u, 372528265u, P0);
    let s3 = add_lazy((*v)[3], (*v)[7], P0);
    let d3 = sub_lazy((*v)[3], (*v)[7], P0);
    let p3 = mul_shoup_lazy(d3, 625715529u, 2692154206u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 86583718u, 372528265u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 86583718u, 372528265u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[0] = s8;
    (*v)[1] = mul_pair_lazy(s10, t1, P0);
    (*v)[2] = mul_pair_lazy(s9, t2, P0);
    (*v)[3] = mul_pair_lazy(s11, t3, P0);
    (*v)[4] = mul_pair_lazy(p8, t4, P0);
    (*v)[5] = mul_pair_lazy(p10, t5, P0);
    (*v)[6] = mul_pair_lazy(p9, t6, P0);
    (*v)[7] = mul_pair_lazy(p11, t7, P0);
    }
    {
    let s0 = add_lazy((*v)[16], (*v)[20], P0);
    let d0 = sub_lazy((*v)[16], (*v)[20], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[17], (*v)[21], P0);
    let d1 = sub_lazy((*v)[17], (*v)[21], P0);
    let p1 = mul_shoup_lazy(d1, 509520358u, 2192222042u, P0);
    let s2 = add_lazy((*v)[18], (*v)[22], P0);
    let d2 = sub_lazy((*v)[18], (*v)[22], P0);
    let p2 = mul_shoup_lazy(d2, 86583718u, 372528265u, P0);
    let s3 = add_lazy((*v)[19], (*v)[23], P0);
    let d3 = sub_lazy((*v)[19], (*v)[23], P0);
    let p3 = mul_shoup_lazy(d3, 625715529u, 2692154206u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 86583718u, 372528265u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 86583718u, 372528265u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[16] = s8;
    (*v)[17] = mul_pair_lazy(s10, t1, P0);
    (*v)[18] = mul_pair_lazy(s9, t2, P0);
    (*v)[19] = mul_pair_lazy(s11, t3, P0);
    (*v)[20] = mul_pair_lazy(p8, t4, P0);
    (*v)[21] = mul_pair_lazy(p10, t5, P0);
    (*v)[22] = mul_pair_lazy(p9, t6, P0);
    (*v)[23] = mul_pair_lazy(p11, t7, P0);
    }
    }
    {
    let t1 = twiddles[3048u + tw0 + 0u];
    let t2 = twiddles[3048u + tw0 + 1u];
    let t3 = twiddles[3048u + tw0 + 2u];
    let t4 = twiddles[3048u + tw0 + 3u];
    let t5 = twiddles[3048u + tw0 + 4u];
    let t6 = twiddles[3048u + tw0 + 5u];
    let t7 = twiddles[3048u + tw0 + 6u];
    {
    let s0 = add_lazy((*v)[8], (*v)[12], P1);
    let d0 = sub_lazy((*v)[8], (*v)[12], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[9], (*v)[13], P1);
    let d1 = sub_lazy((*v)[9], (*v)[13], P1);
    let p1 = mul_shoup_lazy(d1, 709730407u, 4037577421u, P1);
    let s2 = add_lazy((*v)[10], (*v)[14], P1);
    let d2 = sub_lazy((*v)[10], (*v)[14], P1);
    let p2 = mul_shoup_lazy(d2, 431114544u, 2452562735u, P1);
    let s3 = add_lazy((*v)[11], (*v)[15], P1);
    let d3 = sub_lazy((*v)[11], (*v)[15], P1);
    let p3 = mul_shoup_lazy(d3, 549544645u, 3126298420u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 431114544u, 2452562735u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 431114544u, 2452562735u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[8] = s8;
    (*v)[9] = mul_pair_lazy(s10, t1, P1);
    (*v)[10] = mul_pair_lazy(s9, t2, P1);
    (*v)[11] = mul_pair_lazy(s11, t3, P1);
    (*v)[12] = mul_pair_lazy(p8, t4, P1);
    (*v)[13] = mul_pair_lazy(p10, t5, P1);
    (*v)[14] = mul_pair_lazy(p9, t6, P1);
    (*v)[15] = mul_pair_lazy(p11, t7, P1);
    }
    {
    let s0 = add_lazy((*v)[24], (*v)[28], P1);
    let d0 = sub_lazy((*v)[24], (*v)[28], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[25], (*v)[29], P1);
    let d1 = sub_lazy((*v)[25], (*v)[29], P1);
    let p1 = mul_shoup_lazy(d1, 709730407u, 4037577421u, P1);
    let s2 = add_lazy((*v)[26], (*v)[30], P1);
    let d2 = sub_lazy((*v)[26], (*v)[30], P1);
    let p2 = mul_shoup_lazy(d2, 431114544u, 2452562735u, P1);
    let s3 = add_lazy((*v)[27], (*v)[31], P1);
    let d3 = sub_lazy((*v)[27], (*v)[31], P1);
    let p3 = mul_shoup_lazy(d3, 549544645u, 3126298420u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 431114544u, 2452562735u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 431114544u, 2452562735u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[24] = s8;
    (*v)[25] = mul_pair_lazy(s10, t1, P1);
    (*v)[26] = mul_pair_lazy(s9, t2, P1);
    (*v)[27] = mul_pair_lazy(s11, t3, P1);
    (*v)[28] = mul_pair_lazy(p8, t4, P1);
    (*v)[29] = mul_pair_lazy(p10, t5, P1);
    (*v)[30] = mul_pair_lazy(p9, t6, P1);
    (*v)[31] = mul_pair_lazy(p11, t7, P1);
    }
    }
    }
    // Exchange: stage 1 order to stage 0 order.
    {
    let xb = (exchange_phase & 1u) * 4096u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 4u) * 128u + ((lid * 1u + 0u) & 15u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 16u] = (*v)[1];
    exchange[xb + 0u + w0 + 32u] = (*v)[2];
    exchange[xb + 0u + w0 + 48u] = (*v)[3];
    exchange[xb + 0u + w0 + 64u] = (*v)[4];
    exchange[xb + 0u + w0 + 80u] = (*v)[5];
    exchange[xb + 0u + w0 + 96u] = (*v)[6];
    exchange[xb + 0u + w0 + 112u] = (*v)[7];
    exchange[xb + 1024u + w0 + 0u] = (*v)[8];
    exchange[xb + 1024u + w0 + 16u] = (*v)[9];
    exchange[xb + 1024u + w0 + 32u] = (*v)[10];
    exchange[xb + 1024u + w0 + 48u] = (*v)[11];
    exchange[xb + 1024u + w0 + 64u] = (*v)[12];
    exchange[xb + 1024u + w0 + 80u] = (*v)[13];
    exchange[xb + 1024u + w0 + 96u] = (*v)[14];
    exchange[xb + 1024u + w0 + 112u] = (*v)[15];
    exchange[xb + 2048u + w0 + 0u] = (*v)[16];
    exchange[xb + 2048u + w0 + 16u] = (*v)[17];
    exchange[xb + 2048u + w0 + 32u] = (*v)[18];
    exchange[xb + 2048u + w0 + 48u] = (*v)[19];
    exchange[xb + 2048u + w0 + 64u] = (*v)[20];
    exchange[xb + 2048u + w0 + 80u] = (*v)[21];
    exchange[xb + 2048u + w0 + 96u] = (*v)[22];
    exchange[xb + 2048u + w0 + 112u] = (*v)[23];
    exchange[xb + 3072u + w0 + 0u] = (*v)[24];
    exchange[xb + 3072u + w0 + 16u] = (*v)[25];
    exchange[xb + 3072u + w0 + 32u] = (*v)[26];
    exchange[xb + 3072u + w0 + 48u] = (*v)[27];
    exchange[xb + 3072u + w0 + 64u] = (*v)[28];
    exchange[xb + 3072u + w0 + 80u] = (*v)[29];
    exchange[xb + 3072u + w0 + 96u] = (*v)[30];
    exchange[xb + 3072u + w0 + 112u] = (*v)[31];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 7u) * 1024u + ((lid * 1u + 0u) & 127u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 128u];
    (*v)[2] = exchange[xb + 0u + r0 + 256u];
    (*v)[3] = exchange[xb + 0u + r0 + 384u];
    (*v)[4] = exchange[xb + 0u + r0 + 512u];
    (*v)[5] = exchange[xb + 0u + r0 + 640u];
    (*v)[6] = exchange[xb + 0u + r0 + 768u];
    (*v)[7] = exchange[xb + 0u + r0 + 896u];
    (*v)[8] = exchange[xb + 1024u + r0 + 0u];
    (*v)[9] = exchange[xb + 1024u + r0 + 128u];
    (*v)[10] = exchange[xb + 1024u + r0 + 256u];
    (*v)[11] = exchange[xb + 1024u + r0 + 384u];
    (*v)[12] = exchange[xb + 1024u + r0 + 512u];
    (*v)[13] = exchange[xb + 1024u + r0 + 640u];
    (*v)[14] = exchange[xb + 1024u + r0 + 768u];
    (*v)[15] = exchange[xb + 1024u + r0 + 896u];
    (*v)[16] = exchange[xb + 2048u + r0 + 0u];
    (*v)[17] = exchange[xb + 2048u + r0 + 128u];
    (*v)[18] = exchange[xb + 2048u + r0 + 256u];
    (*v)[19] = exchange[xb + 2048u + r0 + 384u];
    (*v)[20] = exchange[xb + 2048u + r0 + 512u];
    (*v)[21] = exchange[xb + 2048u + r0 + 640u];
    (*v)[22] = exchange[xb + 2048u + r0 + 768u];
    (*v)[23] = exchange[xb + 2048u + r0 + 896u];
    (*v)[24] = exchange[xb + 3072u + r0 + 0u];
    (*v)[25] = exchange[xb + 3072u + r0 + 128u];
    (*v)[26] = exchange[xb + 3072u + r0 + 256u];
    (*v)[27] = exchange[xb + 3072u + r0 + 384u];
    (*v)[28] = exchange[xb + 3072u + r0 + 512u];
    (*v)[29] = exchange[xb + 3072u + r0 + 640u];
    (*v)[30] = exchange[xb + 3072u + r0 + 768u];
    (*v)[31] = exchange[xb + 3072u + r0 + 896u];
    }
    // Stage 0: length 1024, radix 8.
    {
    {
    {
    let s0 = add_lazy((*v)[0], (*v)[4], P0);
    let d0 = sub_lazy((*v)[0], (*v)[4], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[1], (*v)[5], P0);
    let d1 = sub_lazy((*v)[1], (*v)[5], P0);
    let p1 = mul_shoup_lazy(d1, 509520358u, 2192222042u, P0);
    let s2 = add_lazy((*v)[2], (*v)[6], P0);
    let d2 = sub_lazy((*v)[2], (*v)[6], P0);
    let p2 = mul_shoup_lazy(d2, 86583718u, 372528265u, P0);
    let s3 = add_lazy((*v)[3], (*v)[7], P0);
    let d3 = sub_lazy((*v)[3], (*v)[7], P0);
    let p3 = mul_shoup_lazy(d3, 625715529u, 2692154206u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 86583718u, 372528265u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 86583718u, 372528265u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[0] = s8;
    (*v)[1] = mul_shoup_lazy(s10, 337190230u, 1450768046u, P0);
    (*v)[2] = mul_shoup_lazy(s9, 509520358u, 2192222042u, P0);
    (*v)[3] = mul_shoup_lazy(s11, 624949902u, 2688860079u, P0);
    (*v)[4] = mul_shoup_lazy(p8, 86583718u, 372528265u, P0);
    (*v)[5] = mul_shoup_lazy(p10, 369330050u, 1589050297u, P0);
    (*v)[6] = mul_shoup_lazy(p9, 625715529u, 2692154206u, P0);
    (*v)[7] = mul_shoup_lazy(p11, 69212480u, 297788148u, P0);
    }
    {
    let s0 = add_lazy((*v)[16], (*v)[20], P0);
    let d0 = sub_lazy((*v)[16], (*v)[20], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[17], (*v)[21], P0);
    let d1 = sub_lazy((*v)[17], (*v)[21], P0);
    let p1 = mul_shoup_lazy(d1, 509520358u, 2192222042u, P0);
    let s2 = add_lazy((*v)[18], (*v)[22], P0);
    let d2 = sub_lazy((*v)[18], (*v)[22], P0);
    let p2 = mul_shoup_lazy(d2, 86583718u, 372528265u, P0);
    let s3 = add_lazy((*v)[19], (*v)[23], P0);
    let d3 = sub_lazy((*v)[19], (*v)[23], P0);
    let p3 = mul_shoup_lazy(d3, 625715529u, 2692154206u, P0);
    let s4 = add_lazy(s0, s2, P0);
    let d4 = sub_lazy(s0, s2, P0);
    let p4 = reduce_twice(d4, P0);
    let s5 = add_lazy(s1, s3, P0);
    let d5 = sub_lazy(s1, s3, P0);
    let p5 = mul_shoup_lazy(d5, 86583718u, 372528265u, P0);
    let s6 = add_lazy(p0, p2, P0);
    let d6 = sub_lazy(p0, p2, P0);
    let p6 = reduce_twice(d6, P0);
    let s7 = add_lazy(p1, p3, P0);
    let d7 = sub_lazy(p1, p3, P0);
    let p7 = mul_shoup_lazy(d7, 86583718u, 372528265u, P0);
    let s8 = add_lazy(s4, s5, P0);
    let d8 = sub_lazy(s4, s5, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(p4, p5, P0);
    let d9 = sub_lazy(p4, p5, P0);
    let p9 = reduce_twice(d9, P0);
    let s10 = add_lazy(s6, s7, P0);
    let d10 = sub_lazy(s6, s7, P0);
    let p10 = reduce_twice(d10, P0);
    let s11 = add_lazy(p6, p7, P0);
    let d11 = sub_lazy(p6, p7, P0);
    let p11 = reduce_twice(d11, P0);
    (*v)[16] = s8;
    (*v)[17] = mul_shoup_lazy(s10, 337190230u, 1450768046u, P0);
    (*v)[18] = mul_shoup_lazy(s9, 509520358u, 2192222042u, P0);
    (*v)[19] = mul_shoup_lazy(s11, 624949902u, 2688860079u, P0);
    (*v)[20] = mul_shoup_lazy(p8, 86583718u, 372528265u, P0);
    (*v)[21] = mul_shoup_lazy(p10, 369330050u, 1589050297u, P0);
    (*v)[22] = mul_shoup_lazy(p9, 625715529u, 2692154206u, P0);
    (*v)[23] = mul_shoup_lazy(p11, 69212480u, 297788148u, P0);
    }
    }
    {
    {
    let s0 = add_lazy((*v)[8], (*v)[12], P1);
    let d0 = sub_lazy((*v)[8], (*v)[12], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[9], (*v)[13], P1);
    let d1 = sub_lazy((*v)[9], (*v)[13], P1);
    let p1 = mul_shoup_lazy(d1, 709730407u, 4037577421u, P1);
    let s2 = add_lazy((*v)[10], (*v)[14], P1);
    let d2 = sub_lazy((*v)[10], (*v)[14], P1);
    let p2 = mul_shoup_lazy(d2, 431114544u, 2452562735u, P1);
    let s3 = add_lazy((*v)[11], (*v)[15], P1);
    let d3 = sub_lazy((*v)[11], (*v)[15], P1);
    let p3 = mul_shoup_lazy(d3, 549544645u, 3126298420u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 431114544u, 2452562735u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 431114544u, 2452562735u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[8] = s8;
    (*v)[9] = mul_shoup_lazy(s10, 297637169u, 1693224781u, P1);
    (*v)[10] = mul_shoup_lazy(s9, 709730407u, 4037577421u, P1);
    (*v)[11] = mul_shoup_lazy(s11, 194329809u, 1105520689u, P1);
    (*v)[12] = mul_shoup_lazy(p8, 431114544u, 2452562735u, P1);
    (*v)[13] = mul_shoup_lazy(p10, 436702940u, 2484354499u, P1);
    (*v)[14] = mul_shoup_lazy(p9, 549544645u, 3126298420u, P1);
    (*v)[15] = mul_shoup_lazy(p11, 705151364u, 4011527754u, P1);
    }
    {
    let s0 = add_lazy((*v)[24], (*v)[28], P1);
    let d0 = sub_lazy((*v)[24], (*v)[28], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[25], (*v)[29], P1);
    let d1 = sub_lazy((*v)[25], (*v)[29], P1);
    let p1 = mul_shoup_lazy(d1, 709730407u, 4037577421u, P1);
    let s2 = add_lazy((*v)[26], (*v)[30], P1);
    let d2 = sub_lazy((*v)[26], (*v)[30], P1);
    let p2 = mul_shoup_lazy(d2, 431114544u, 2452562735u, P1);
    let s3 = add_lazy((*v)[27], (*v)[31], P1);
    let d3 = sub_lazy((*v)[27], (*v)[31], P1);
    let p3 = mul_shoup_lazy(d3, 549544645u, 3126298420u, P1);
    let s4 = add_lazy(s0, s2, P1);
    let d4 = sub_lazy(s0, s2, P1);
    let p4 = reduce_twice(d4, P1);
    let s5 = add_lazy(s1, s3, P1);
    let d5 = sub_lazy(s1, s3, P1);
    let p5 = mul_shoup_lazy(d5, 431114544u, 2452562735u, P1);
    let s6 = add_lazy(p0, p2, P1);
    let d6 = sub_lazy(p0, p2, P1);
    let p6 = reduce_twice(d6, P1);
    let s7 = add_lazy(p1, p3, P1);
    let d7 = sub_lazy(p1, p3, P1);
    let p7 = mul_shoup_lazy(d7, 431114544u, 2452562735u, P1);
    let s8 = add_lazy(s4, s5, P1);
    let d8 = sub_lazy(s4, s5, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(p4, p5, P1);
    let d9 = sub_lazy(p4, p5, P1);
    let p9 = reduce_twice(d9, P1);
    let s10 = add_lazy(s6, s7, P1);
    let d10 = sub_lazy(s6, s7, P1);
    let p10 = reduce_twice(d10, P1);
    let s11 = add_lazy(p6, p7, P1);
    let d11 = sub_lazy(p6, p7, P1);
    let p11 = reduce_twice(d11, P1);
    (*v)[24] = s8;
    (*v)[25] = mul_shoup_lazy(s10, 297637169u, 1693224781u, P1);
    (*v)[26] = mul_shoup_lazy(s9, 709730407u, 4037577421u, P1);
    (*v)[27] = mul_shoup_lazy(s11, 194329809u, 1105520689u, P1);
    (*v)[28] = mul_shoup_lazy(p8, 431114544u, 2452562735u, P1);
    (*v)[29] = mul_shoup_lazy(p10, 436702940u, 2484354499u, P1);
    (*v)[30] = mul_shoup_lazy(p9, 549544645u, 3126298420u, P1);
    (*v)[31] = mul_shoup_lazy(p11, 705151364u, 4011527754u, P1);
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
    var v: array<u32, 32>;
    { let x = lid + 0u * WG; v[0] = signed_residue(pm_torus[base + x], P0); v[8] = signed_residue(pm_torus[base + x], P1); v[16] = signed_residue(pm_integer[base + x], P0); v[24] = signed_residue(pm_integer[base + x], P1); }
    { let x = lid + 1u * WG; v[1] = signed_residue(pm_torus[base + x], P0); v[9] = signed_residue(pm_torus[base + x], P1); v[17] = signed_residue(pm_integer[base + x], P0); v[25] = signed_residue(pm_integer[base + x], P1); }
    { let x = lid + 2u * WG; v[2] = signed_residue(pm_torus[base + x], P0); v[10] = signed_residue(pm_torus[base + x], P1); v[18] = signed_residue(pm_integer[base + x], P0); v[26] = signed_residue(pm_integer[base + x], P1); }
    { let x = lid + 3u * WG; v[3] = signed_residue(pm_torus[base + x], P0); v[11] = signed_residue(pm_torus[base + x], P1); v[19] = signed_residue(pm_integer[base + x], P0); v[27] = signed_residue(pm_integer[base + x], P1); }
    { let x = lid + 4u * WG; v[4] = signed_residue(pm_torus[base + x], P0); v[12] = signed_residue(pm_torus[base + x], P1); v[20] = signed_residue(pm_integer[base + x], P0); v[28] = signed_residue(pm_integer[base + x], P1); }
    { let x = lid + 5u * WG; v[5] = signed_residue(pm_torus[base + x], P0); v[13] = signed_residue(pm_torus[base + x], P1); v[21] = signed_residue(pm_integer[base + x], P0); v[29] = signed_residue(pm_integer[base + x], P1); }
    { let x = lid + 6u * WG; v[6] = signed_residue(pm_torus[base + x], P0); v[14] = signed_residue(pm_torus[base + x], P1); v[22] = signed_residue(pm_integer[base + x], P0); v[30] = signed_residue(pm_integer[base + x], P1); }
    { let x = lid + 7u * WG; v[7] = signed_residue(pm_torus[base + x], P0); v[15] = signed_residue(pm_torus[base + x], P1); v[23] = signed_residue(pm_integer[base + x], P0); v[31] = signed_residue(pm_integer[base + x], P1); }
    forward_4(lid, &v);
    var a: array<u32, 16>;
    a[0] = mul_pair(mul_mod(reduce_once(v[0], P0), reduce_once(v[16], P0), P0, BARRETT0), N_INV0, P0);
    a[1] = mul_pair(mul_mod(reduce_once(v[1], P0), reduce_once(v[17], P0), P0, BARRETT0), N_INV0, P0);
    a[2] = mul_pair(mul_mod(reduce_once(v[2], P0), reduce_once(v[18], P0), P0, BARRETT0), N_INV0, P0);
    a[3] = mul_pair(mul_mod(reduce_once(v[3], P0), reduce_once(v[19], P0), P0, BARRETT0), N_INV0, P0);
    a[4] = mul_pair(mul_mod(reduce_once(v[4], P0), reduce_once(v[20], P0), P0, BARRETT0), N_INV0, P0);
    a[5] = mul_pair(mul_mod(reduce_once(v[5], P0), reduce_once(v[21], P0), P0, BARRETT0), N_INV0, P0);
    a[6] = mul_pair(mul_mod(reduce_once(v[6], P0), reduce_once(v[22], P0), P0, BARRETT0), N_INV0, P0);
    a[7] = mul_pair(mul_mod(reduce_once(v[7], P0), reduce_once(v[23], P0), P0, BARRETT0), N_INV0, P0);
    a[8] = mul_pair(mul_mod(reduce_once(v[8], P1), reduce_once(v[24], P1), P1, BARRETT1), N_INV1, P1);
    a[9] = mul_pair(mul_mod(reduce_once(v[9], P1), reduce_once(v[25], P1), P1, BARRETT1), N_INV1, P1);
    a[10] = mul_pair(mul_mod(reduce_once(v[10], P1), reduce_once(v[26], P1), P1, BARRETT1), N_INV1, P1);
    a[11] = mul_pair(mul_mod(reduce_once(v[11], P1), reduce_once(v[27], P1), P1, BARRETT1), N_INV1, P1);
    a[12] = mul_pair(mul_mod(reduce_once(v[12], P1), reduce_once(v[28], P1), P1, BARRETT1), N_INV1, P1);
    a[13] = mul_pair(mul_mod(reduce_once(v[13], P1), reduce_once(v[29], P1), P1, BARRETT1), N_INV1, P1);
    a[14] = mul_pair(mul_mod(reduce_once(v[14], P1), reduce_once(v[30], P1), P1, BARRETT1), N_INV1, P1);
    a[15] = mul_pair(mul_mod(reduce_once(v[15], P1), reduce_once(v[31], P1), P1, BARRETT1), N_INV1, P1);
    inverse_2(lid, &a);
    { let x = lid + 0u * WG; pm_out[base + x] = crt(reduce_once(a[0], P0), reduce_once(a[8], P1)); }
    { let x = lid + 1u * WG; pm_out[base + x] = crt(reduce_once(a[1], P0), reduce_once(a[9], P1)); }
    { let x = lid + 2u * WG; pm_out[base + x] = crt(reduce_once(a[2], P0), reduce_once(a[10], P1)); }
    { let x = lid + 3u * WG; pm_out[base + x] = crt(reduce_once(a[3], P0), reduce_once(a[11], P1)); }
    { let x = lid + 4u * WG; pm_out[base + x] = crt(reduce_once(a[4], P0), reduce_once(a[12], P1)); }
    { let x = lid + 5u * WG; pm_out[base + x] = crt(reduce_once(a[5], P0), reduce_once(a[13], P1)); }
    { let x = lid + 6u * WG; pm_out[base + x] = crt(reduce_once(a[6], P0), reduce_once(a[14], P1)); }
    { let x = lid + 7u * WG; pm_out[base + x] = crt(reduce_once(a[7], P0), reduce_once(a[15], P1)); }
}

