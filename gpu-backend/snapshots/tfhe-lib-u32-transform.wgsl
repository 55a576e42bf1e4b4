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

@group(0) @binding(0) var<storage, read> twiddles: array<vec2<u32>>;
@group(0) @binding(1) var<storage, read> inputs: array<u32>;
@group(0) @binding(2) var<storage, read_write> acc: array<u32>;
@group(0) @binding(7) var<storage, read> raw_key: array<u32>;
@group(0) @binding(8) var<storage, read_write> key_out: array<vec2<u32>>;
@group(1) @binding(0) var<storage, read> key: array<vec2<u32>>;
@group(1) @binding(1) var<uniform> window: Window;

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

// Generated for N = 1024, 16 values per invocation, 1 ciphertext(s) per CMux workgroup,
// 2 exchange buffer(s), 2 exchange(s) per transform, accumulators in global memory,
// spectral accumulators in workgroup memory.
const PER: u32 = 16u;
// Exchanges so far in this invocation (the same in all: uniform).
var<private> exchange_phase: u32;
const N_INV0: vec2<u32> = vec2<u32>(997269505u, 4290772992u);
const N_INV1: vec2<u32> = vec2<u32>(754237441u, 4290772992u);
var<workgroup> exchange: array<u32, 4096>;

fn forward_2(lid: u32, v: ptr<function, array<u32, 32>>) {
    // Stage 0: length 1024, radix 16.
    {
    {
    {
    let y1 = mul_shoup_lazy((*v)[1], 452798380u, 1948174540u, P0);
    let y2 = mul_shoup_lazy((*v)[2], 929031873u, 3997179147u, P0);
    let y3 = mul_shoup_lazy((*v)[3], 666194801u, 2866317124u, P0);
    let y4 = mul_shoup_lazy((*v)[4], 372528824u, 1602813089u, P0);
    let y5 = mul_shoup_lazy((*v)[5], 170256584u, 732532528u, P0);
    let y6 = mul_shoup_lazy((*v)[6], 628914303u, 2705916998u, P0);
    let y7 = mul_shoup_lazy((*v)[7], 863921598u, 3717040821u, P0);
    let y8 = mul_shoup_lazy((*v)[8], 911660635u, 3922439030u, P0);
    let y9 = mul_shoup_lazy((*v)[9], 617152567u, 2655311882u, P0);
    let y10 = mul_shoup_lazy((*v)[10], 373294451u, 1606107216u, P0);
    let y11 = mul_shoup_lazy((*v)[11], 543653592u, 2339080998u, P0);
    let y12 = mul_shoup_lazy((*v)[12], 488723995u, 2102745253u, P0);
    let y13 = mul_shoup_lazy((*v)[13], 645684063u, 2778069243u, P0);
    let y14 = mul_shoup_lazy((*v)[14], 661054123u, 2844199249u, P0);
    let y15 = mul_shoup_lazy((*v)[15], 910687289u, 3918251189u, P0);
    let s0 = add_lazy((*v)[0], y8, P0);
    let d0 = sub_lazy((*v)[0], y8, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y9, P0);
    let d1 = sub_lazy(y1, y9, P0);
    let p1 = mul_shoup_lazy(d1, 929031873u, 3997179147u, P0);
    let s2 = add_lazy(y2, y10, P0);
    let d2 = sub_lazy(y2, y10, P0);
    let p2 = mul_shoup_lazy(d2, 372528824u, 1602813089u, P0);
    let s3 = add_lazy(y3, y11, P0);
    let d3 = sub_lazy(y3, y11, P0);
    let p3 = mul_shoup_lazy(d3, 628914303u, 2705916998u, P0);
    let s4 = add_lazy(y4, y12, P0);
    let d4 = sub_lazy(y4, y12, P0);
    let p4 = mul_shoup_lazy(d4, 911660635u, 3922439030u, P0);
    let s5 = add_lazy(y5, y13, P0);
    let d5 = sub_lazy(y5, y13, P0);
    let p5 = mul_shoup_lazy(d5, 373294451u, 1606107216u, P0);
    let s6 = add_lazy(y6, y14, P0);
    let d6 = sub_lazy(y6, y14, P0);
    let p6 = mul_shoup_lazy(d6, 488723995u, 2102745253u, P0);
    let s7 = add_lazy(y7, y15, P0);
    let d7 = sub_lazy(y7, y15, P0);
    let p7 = mul_shoup_lazy(d7, 661054123u, 2844199249u, P0);
    let s8 = add_lazy(s0, s4, P0);
    let d8 = sub_lazy(s0, s4, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(s1, s5, P0);
    let d9 = sub_lazy(s1, s5, P0);
    let p9 = mul_shoup_lazy(d9, 372528824u, 1602813089u, P0);
    let s10 = add_lazy(s2, s6, P0);
    let d10 = sub_lazy(s2, s6, P0);
    let p10 = mul_shoup_lazy(d10, 911660635u, 3922439030u, P0);
    let s11 = add_lazy(s3, s7, P0);
    let d11 = sub_lazy(s3, s7, P0);
    let p11 = mul_shoup_lazy(d11, 488723995u, 2102745253u, P0);
    let s12 = add_lazy(p0, p4, P0);
    let d12 = sub_lazy(p0, p4, P0);
    let p12 = reduce_twice(d12, P0);
    let s13 = add_lazy(p1, p5, P0);
    let d13 = sub_lazy(p1, p5, P0);
    let p13 = mul_shoup_lazy(d13, 372528824u, 1602813089u, P0);
    let s14 = add_lazy(p2, p6, P0);
    let d14 = sub_lazy(p2, p6, P0);
    let p14 = mul_shoup_lazy(d14, 911660635u, 3922439030u, P0);
    let s15 = add_lazy(p3, p7, P0);
    let d15 = sub_lazy(p3, p7, P0);
    let p15 = mul_shoup_lazy(d15, 488723995u, 2102745253u, P0);
    let s16 = add_lazy(s8, s10, P0);
    let d16 = sub_lazy(s8, s10, P0);
    let p16 = reduce_twice(d16, P0);
    let s17 = add_lazy(s9, s11, P0);
    let d17 = sub_lazy(s9, s11, P0);
    let p17 = mul_shoup_lazy(d17, 911660635u, 3922439030u, P0);
    let s18 = add_lazy(p8, p10, P0);
    let d18 = sub_lazy(p8, p10, P0);
    let p18 = reduce_twice(d18, P0);
    let s19 = add_lazy(p9, p11, P0);
    let d19 = sub_lazy(p9, p11, P0);
    let p19 = mul_shoup_lazy(d19, 911660635u, 3922439030u, P0);
    let s20 = add_lazy(s12, s14, P0);
    let d20 = sub_lazy(s12, s14, P0);
    let p20 = reduce_twice(d20, P0);
    let s21 = add_lazy(s13, s15, P0);
    let d21 = sub_lazy(s13, s15, P0);
    let p21 = mul_shoup_lazy(d21, 911660635u, 3922439030u, P0);
    let s22 = add_lazy(p12, p14, P0);
    let d22 = sub_lazy(p12, p14, P0);
    let p22 = reduce_twice(d22, P0);
    let s23 = add_lazy(p13, p15, P0);
    let d23 = sub_lazy(p13, p15, P0);
    let p23 = mul_shoup_lazy(d23, 911660635u, 3922439030u, P0);
    let s24 = add_lazy(s16, s17, P0);
    let d24 = sub_lazy(s16, s17, P0);
    let p24 = reduce_twice(d24, P0);
    let s25 = add_lazy(p16, p17, P0);
    let d25 = sub_lazy(p16, p17, P0);
    let p25 = reduce_twice(d25, P0);
    let s26 = add_lazy(s18, s19, P0);
    let d26 = sub_lazy(s18, s19, P0);
    let p26 = reduce_twice(d26, P0);
    let s27 = add_lazy(p18, p19, P0);
    let d27 = sub_lazy(p18, p19, P0);
    let p27 = reduce_twice(d27, P0);
    let s28 = add_lazy(s20, s21, P0);
    let d28 = sub_lazy(s20, s21, P0);
    let p28 = reduce_twice(d28, P0);
    let s29 = add_lazy(p20, p21, P0);
    let d29 = sub_lazy(p20, p21, P0);
    let p29 = reduce_twice(d29, P0);
    let s30 = add_lazy(s22, s23, P0);
    let d30 = sub_lazy(s22, s23, P0);
    let p30 = reduce_twice(d30, P0);
    let s31 = add_lazy(p22, p23, P0);
    let d31 = sub_lazy(p22, p23, P0);
    let p31 = reduce_twice(d31, P0);
    (*v)[0] = s24;
    (*v)[1] = s28;
    (*v)[2] = s26;
    (*v)[3] = s30;
    (*v)[4] = s25;
    (*v)[5] = s29;
    (*v)[6] = s27;
    (*v)[7] = s31;
    (*v)[8] = p24;
    (*v)[9] = p28;
    (*v)[10] = p26;
    (*v)[11] = p30;
    (*v)[12] = p25;
    (*v)[13] = p29;
    (*v)[14] = p27;
    (*v)[15] = p31;
    }
    }
    {
    {
    let y1 = mul_shoup_lazy((*v)[17], 720978774u, 4101568131u, P1);
    let y2 = mul_shoup_lazy((*v)[18], 49823357u, 283439541u, P1);
    let y3 = mul_shoup_lazy((*v)[19], 377401910u, 2146997529u, P1);
    let y4 = mul_shoup_lazy((*v)[20], 205430076u, 1168668875u, P1);
    let y5 = mul_shoup_lazy((*v)[21], 249171751u, 1417510403u, P1);
    let y6 = mul_shoup_lazy((*v)[22], 318271781u, 1810612796u, P1);
    let y7 = mul_shoup_lazy((*v)[23], 569503454u, 3239841867u, P1);
    let y8 = mul_shoup_lazy((*v)[24], 323860177u, 1842404560u, P1);
    let y9 = mul_shoup_lazy((*v)[25], 349039603u, 1985647516u, P1);
    let y10 = mul_shoup_lazy((*v)[26], 560644912u, 3189446606u, P1);
    let y11 = mul_shoup_lazy((*v)[27], 716805598u, 4077827396u, P1);
    let y12 = mul_shoup_lazy((*v)[28], 45244314u, 257389874u, P1);
    let y13 = mul_shoup_lazy((*v)[29], 287842920u, 1637506387u, P1);
    let y14 = mul_shoup_lazy((*v)[30], 457337552u, 2601742514u, P1);
    let y15 = mul_shoup_lazy((*v)[31], 76292784u, 434021170u, P1);
    let s0 = add_lazy((*v)[16], y8, P1);
    let d0 = sub_lazy((*v)[16], y8, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y9, P1);
    let d1 = sub_lazy(y1, y9, P1);
    let p1 = mul_shoup_lazy(d1, 49823357u, 283439541u, P1);
    let s2 = add_lazy(y2, y10, P1);
    let d2 = sub_lazy(y2, y10, P1);
    let p2 = mul_shoup_lazy(d2, 205430076u, 1168668875u, P1);
    let s3 = add_lazy(y3, y11, P1);
    let d3 = sub_lazy(y3, y11, P1);
    let p3 = mul_shoup_lazy(d3, 318271781u, 1810612796u, P1);
    let s4 = add_lazy(y4, y12, P1);
    let d4 = sub_lazy(y4, y12, P1);
    let p4 = mul_shoup_lazy(d4, 323860177u, 1842404560u, P1);
    let s5 = add_lazy(y5, y13, P1);
    let d5 = sub_lazy(y5, y13, P1);
    let p5 = mul_shoup_lazy(d5, 560644912u, 3189446606u, P1);
    let s6 = add_lazy(y6, y14, P1);
    let d6 = sub_lazy(y6, y14, P1);
    let p6 = mul_shoup_lazy(d6, 45244314u, 257389874u, P1);
    let s7 = add_lazy(y7, y15, P1);
    let d7 = sub_lazy(y7, y15, P1);
    let p7 = mul_shoup_lazy(d7, 457337552u, 2601742514u, P1);
    let s8 = add_lazy(s0, s4, P1);
    let d8 = sub_lazy(s0, s4, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(s1, s5, P1);
    let d9 = sub_lazy(s1, s5, P1);
    let p9 = mul_shoup_lazy(d9, 205430076u, 1168668875u, P1);
    let s10 = add_lazy(s2, s6, P1);
    let d10 = sub_lazy(s2, s6, P1);
    let p10 = mul_shoup_lazy(d10, 323860177u, 1842404560u, P1);
    let s11 = add_lazy(s3, s7, P1);
    let d11 = sub_lazy(s3, s7, P1);
    let p11 = mul_shoup_lazy(d11, 45244314u, 257389874u, P1);
    let s12 = add_lazy(p0, p4, P1);
    let d12 = sub_lazy(p0, p4, P1);
    let p12 = reduce_twice(d12, P1);
    let s13 = add_lazy(p1, p5, P1);
    let d13 = sub_lazy(p1, p5, P1);
    let p13 = mul_shoup_lazy(d13, 205430076u, 1168668875u, P1);
    let s14 = add_lazy(p2, p6, P1);
    let d14 = sub_lazy(p2, p6, P1);
    let p14 = mul_shoup_lazy(d14, 323860177u, 1842404560u, P1);
    let s15 = add_lazy(p3, p7, P1);
    let d15 = sub_lazy(p3, p7, P1);
    let p15 = mul_shoup_lazy(d15, 45244314u, 257389874u, P1);
    let s16 = add_lazy(s8, s10, P1);
    let d16 = sub_lazy(s8, s10, P1);
    let p16 = reduce_twice(d16, P1);
    let s17 = add_lazy(s9, s11, P1);
    let d17 = sub_lazy(s9, s11, P1);
    let p17 = mul_shoup_lazy(d17, 323860177u, 1842404560u, P1);
    let s18 = add_lazy(p8, p10, P1);
    let d18 = sub_lazy(p8, p10, P1);
    let p18 = reduce_twice(d18, P1);
    let s19 = add_lazy(p9, p11, P1);
    let d19 = sub_lazy(p9, p11, P1);
    let p19 = mul_shoup_lazy(d19, 323860177u, 1842404560u, P1);
    let s20 = add_lazy(s12, s14, P1);
    let d20 = sub_lazy(s12, s14, P1);
    let p20 = reduce_twice(d20, P1);
    let s21 = add_lazy(s13, s15, P1);
    let d21 = sub_lazy(s13, s15, P1);
    let p21 = mul_shoup_lazy(d21, 323860177u, 1842404560u, P1);
    let s22 = add_lazy(p12, p14, P1);
    let d22 = sub_lazy(p12, p14, P1);
    let p22 = reduce_twice(d22, P1);
    let s23 = add_lazy(p13, p15, P1);
    let d23 = sub_lazy(p13, p15, P1);
    let p23 = mul_shoup_lazy(d23, 323860177u, 1842404560u, P1);
    let s24 = add_lazy(s16, s17, P1);
    let d24 = sub_lazy(s16, s17, P1);
    let p24 = reduce_twice(d24, P1);
    let s25 = add_lazy(p16, p17, P1);
    let d25 = sub_lazy(p16, p17, P1);
    let p25 = reduce_twice(d25, P1);
    let s26 = add_lazy(s18, s19, P1);
    let d26 = sub_lazy(s18, s19, P1);
    let p26 = reduce_twice(d26, P1);
    let s27 = add_lazy(p18, p19, P1);
    let d27 = sub_lazy(p18, p19, P1);
    let p27 = reduce_twice(d27, P1);
    let s28 = add_lazy(s20, s21, P1);
    let d28 = sub_lazy(s20, s21, P1);
    let p28 = reduce_twice(d28, P1);
    let s29 = add_lazy(p20, p21, P1);
    let d29 = sub_lazy(p20, p21, P1);
    let p29 = reduce_twice(d29, P1);
    let s30 = add_lazy(s22, s23, P1);
    let d30 = sub_lazy(s22, s23, P1);
    let p30 = reduce_twice(d30, P1);
    let s31 = add_lazy(p22, p23, P1);
    let d31 = sub_lazy(p22, p23, P1);
    let p31 = reduce_twice(d31, P1);
    (*v)[16] = s24;
    (*v)[17] = s28;
    (*v)[18] = s26;
    (*v)[19] = s30;
    (*v)[20] = s25;
    (*v)[21] = s29;
    (*v)[22] = s27;
    (*v)[23] = s31;
    (*v)[24] = p24;
    (*v)[25] = p28;
    (*v)[26] = p26;
    (*v)[27] = p30;
    (*v)[28] = p25;
    (*v)[29] = p29;
    (*v)[30] = p27;
    (*v)[31] = p31;
    }
    }
    }
    // Exchange: stage 0 order to stage 1 order.
    {
    let xb = (exchange_phase & 1u) * 2048u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 6u) * 1024u + ((lid * 1u + 0u) & 63u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 64u] = (*v)[1];
    exchange[xb + 0u + w0 + 128u] = (*v)[2];
    exchange[xb + 0u + w0 + 192u] = (*v)[3];
    exchange[xb + 0u + w0 + 256u] = (*v)[4];
    exchange[xb + 0u + w0 + 320u] = (*v)[5];
    exchange[xb + 0u + w0 + 384u] = (*v)[6];
    exchange[xb + 0u + w0 + 448u] = (*v)[7];
    exchange[xb + 0u + w0 + 512u] = (*v)[8];
    exchange[xb + 0u + w0 + 576u] = (*v)[9];
    exchange[xb + 0u + w0 + 640u] = (*v)[10];
    exchange[xb + 0u + w0 + 704u] = (*v)[11];
    exchange[xb + 0u + w0 + 768u] = (*v)[12];
    exchange[xb + 0u + w0 + 832u] = (*v)[13];
    exchange[xb + 0u + w0 + 896u] = (*v)[14];
    exchange[xb + 0u + w0 + 960u] = (*v)[15];
    exchange[xb + 1024u + w0 + 0u] = (*v)[16];
    exchange[xb + 1024u + w0 + 64u] = (*v)[17];
    exchange[xb + 1024u + w0 + 128u] = (*v)[18];
    exchange[xb + 1024u + w0 + 192u] = (*v)[19];
    exchange[xb + 1024u + w0 + 256u] = (*v)[20];
    exchange[xb + 1024u + w0 + 320u] = (*v)[21];
    exchange[xb + 1024u + w0 + 384u] = (*v)[22];
    exchange[xb + 1024u + w0 + 448u] = (*v)[23];
    exchange[xb + 1024u + w0 + 512u] = (*v)[24];
    exchange[xb + 1024u + w0 + 576u] = (*v)[25];
    exchange[xb + 1024u + w0 + 640u] = (*v)[26];
    exchange[xb + 1024u + w0 + 704u] = (*v)[27];
    exchange[xb + 1024u + w0 + 768u] = (*v)[28];
    exchange[xb + 1024u + w0 + 832u] = (*v)[29];
    exchange[xb + 1024u + w0 + 896u] = (*v)[30];
    exchange[xb + 1024u + w0 + 960u] = (*v)[31];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 2u) * 64u + ((lid * 1u + 0u) & 3u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 4u];
    (*v)[2] = exchange[xb + 0u + r0 + 8u];
    (*v)[3] = exchange[xb + 0u + r0 + 12u];
    (*v)[4] = exchange[xb + 0u + r0 + 16u];
    (*v)[5] = exchange[xb + 0u + r0 + 20u];
    (*v)[6] = exchange[xb + 0u + r0 + 24u];
    (*v)[7] = exchange[xb + 0u + r0 + 28u];
    (*v)[8] = exchange[xb + 0u + r0 + 32u];
    (*v)[9] = exchange[xb + 0u + r0 + 36u];
    (*v)[10] = exchange[xb + 0u + r0 + 40u];
    (*v)[11] = exchange[xb + 0u + r0 + 44u];
    (*v)[12] = exchange[xb + 0u + r0 + 48u];
    (*v)[13] = exchange[xb + 0u + r0 + 52u];
    (*v)[14] = exchange[xb + 0u + r0 + 56u];
    (*v)[15] = exchange[xb + 0u + r0 + 60u];
    (*v)[16] = exchange[xb + 1024u + r0 + 0u];
    (*v)[17] = exchange[xb + 1024u + r0 + 4u];
    (*v)[18] = exchange[xb + 1024u + r0 + 8u];
    (*v)[19] = exchange[xb + 1024u + r0 + 12u];
    (*v)[20] = exchange[xb + 1024u + r0 + 16u];
    (*v)[21] = exchange[xb + 1024u + r0 + 20u];
    (*v)[22] = exchange[xb + 1024u + r0 + 24u];
    (*v)[23] = exchange[xb + 1024u + r0 + 28u];
    (*v)[24] = exchange[xb + 1024u + r0 + 32u];
    (*v)[25] = exchange[xb + 1024u + r0 + 36u];
    (*v)[26] = exchange[xb + 1024u + r0 + 40u];
    (*v)[27] = exchange[xb + 1024u + r0 + 44u];
    (*v)[28] = exchange[xb + 1024u + r0 + 48u];
    (*v)[29] = exchange[xb + 1024u + r0 + 52u];
    (*v)[30] = exchange[xb + 1024u + r0 + 56u];
    (*v)[31] = exchange[xb + 1024u + r0 + 60u];
    }
    // Stage 1: length 64, radix 16.
    {
    let tw0 = ((lid * 1u + 0u) >> 2u) * 15u + 0u;
    {
    let t1 = twiddles[0u + tw0 + 0u];
    let t2 = twiddles[0u + tw0 + 1u];
    let t3 = twiddles[0u + tw0 + 2u];
    let t4 = twiddles[0u + tw0 + 3u];
    let t5 = twiddles[0u + tw0 + 4u];
    let t6 = twiddles[0u + tw0 + 5u];
    let t7 = twiddles[0u + tw0 + 6u];
    let t8 = twiddles[0u + tw0 + 7u];
    let t9 = twiddles[0u + tw0 + 8u];
    let t10 = twiddles[0u + tw0 + 9u];
    let t11 = twiddles[0u + tw0 + 10u];
    let t12 = twiddles[0u + tw0 + 11u];
    let t13 = twiddles[0u + tw0 + 12u];
    let t14 = twiddles[0u + tw0 + 13u];
    let t15 = twiddles[0u + tw0 + 14u];
    {
    let y1 = mul_pair_lazy((*v)[1], t1, P0);
    let y2 = mul_pair_lazy((*v)[2], t2, P0);
    let y3 = mul_pair_lazy((*v)[3], t3, P0);
    let y4 = mul_pair_lazy((*v)[4], t4, P0);
    let y5 = mul_pair_lazy((*v)[5], t5, P0);
    let y6 = mul_pair_lazy((*v)[6], t6, P0);
    let y7 = mul_pair_lazy((*v)[7], t7, P0);
    let y8 = mul_pair_lazy((*v)[8], t8, P0);
    let y9 = mul_pair_lazy((*v)[9], t9, P0);
    let y10 = mul_pair_lazy((*v)[10], t10, P0);
    let y11 = mul_pair_lazy((*v)[11], t11, P0);
    let y12 = mul_pair_lazy((*v)[12], t12, P0);
    let y13 = mul_pair_lazy((*v)[13], t13, P0);
    let y14 = mul_pair_lazy((*v)[14], t14, P0);
    let y15 = mul_pair_lazy((*v)[15], t15, P0);
    let s0 = add_lazy((*v)[0], y8, P0);
    let d0 = sub_lazy((*v)[0], y8, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y9, P0);
    let d1 = sub_lazy(y1, y9, P0);
    let p1 = mul_shoup_lazy(d1, 929031873u, 3997179147u, P0);
    let s2 = add_lazy(y2, y10, P0);
    let d2 = sub_lazy(y2, y10, P0);
    let p2 = mul_shoup_lazy(d2, 372528824u, 1602813089u, P0);
    let s3 = add_lazy(y3, y11, P0);
    let d3 = sub_lazy(y3, y11, P0);
    let p3 = mul_shoup_lazy(d3, 628914303u, 2705916998u, P0);
    let s4 = add_lazy(y4, y12, P0);
    let d4 = sub_lazy(y4, y12, P0);
    let p4 = mul_shoup_lazy(d4, 911660635u, 3922439030u, P0);
    let s5 = add_lazy(y5, y13, P0);
    let d5 = sub_lazy(y5, y13, P0);
    let p5 = mul_shoup_lazy(d5, 373294451u, 1606107216u, P0);
    let s6 = add_lazy(y6, y14, P0);
    let d6 = sub_lazy(y6, y14, P0);
    let p6 = mul_shoup_lazy(d6, 488723995u, 2102745253u, P0);
    let s7 = add_lazy(y7, y15, P0);
    let d7 = sub_lazy(y7, y15, P0);
    let p7 = mul_shoup_lazy(d7, 661054123u, 2844199249u, P0);
    let s8 = add_lazy(s0, s4, P0);
    let d8 = sub_lazy(s0, s4, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(s1, s5, P0);
    let d9 = sub_lazy(s1, s5, P0);
    let p9 = mul_shoup_lazy(d9, 372528824u, 1602813089u, P0);
    let s10 = add_lazy(s2, s6, P0);
    let d10 = sub_lazy(s2, s6, P0);
    let p10 = mul_shoup_lazy(d10, 911660635u, 3922439030u, P0);
    let s11 = add_lazy(s3, s7, P0);
    let d11 = sub_lazy(s3, s7, P0);
    let p11 = mul_shoup_lazy(d11, 488723995u, 2102745253u, P0);
    let s12 = add_lazy(p0, p4, P0);
    let d12 = sub_lazy(p0, p4, P0);
    let p12 = reduce_twice(d12, P0);
    let s13 = add_lazy(p1, p5, P0);
    let d13 = sub_lazy(p1, p5, P0);
    let p13 = mul_shoup_lazy(d13, 372528824u, 1602813089u, P0);
    let s14 = add_lazy(p2, p6, P0);
    let d14 = sub_lazy(p2, p6, P0);
    let p14 = mul_shoup_lazy(d14, 911660635u, 3922439030u, P0);
    let s15 = add_lazy(p3, p7, P0);
    let d15 = sub_lazy(p3, p7, P0);
    let p15 = mul_shoup_lazy(d15, 488723995u, 2102745253u, P0);
    let s16 = add_lazy(s8, s10, P0);
    let d16 = sub_lazy(s8, s10, P0);
    let p16 = reduce_twice(d16, P0);
    let s17 = add_lazy(s9, s11, P0);
    let d17 = sub_lazy(s9, s11, P0);
    let p17 = mul_shoup_lazy(d17, 911660635u, 3922439030u, P0);
    let s18 = add_lazy(p8, p10, P0);
    let d18 = sub_lazy(p8, p10, P0);
    let p18 = reduce_twice(d18, P0);
    let s19 = add_lazy(p9, p11, P0);
    let d19 = sub_lazy(p9, p11, P0);
    let p19 = mul_shoup_lazy(d19, 911660635u, 3922439030u, P0);
    let s20 = add_lazy(s12, s14, P0);
    let d20 = sub_lazy(s12, s14, P0);
    let p20 = reduce_twice(d20, P0);
    let s21 = add_lazy(s13, s15, P0);
    let d21 = sub_lazy(s13, s15, P0);
    let p21 = mul_shoup_lazy(d21, 911660635u, 3922439030u, P0);
    let s22 = add_lazy(p12, p14, P0);
    let d22 = sub_lazy(p12, p14, P0);
    let p22 = reduce_twice(d22, P0);
    let s23 = add_lazy(p13, p15, P0);
    let d23 = sub_lazy(p13, p15, P0);
    let p23 = mul_shoup_lazy(d23, 911660635u, 3922439030u, P0);
    let s24 = add_lazy(s16, s17, P0);
    let d24 = sub_lazy(s16, s17, P0);
    let p24 = reduce_twice(d24, P0);
    let s25 = add_lazy(p16, p17, P0);
    let d25 = sub_lazy(p16, p17, P0);
    let p25 = reduce_twice(d25, P0);
    let s26 = add_lazy(s18, s19, P0);
    let d26 = sub_lazy(s18, s19, P0);
    let p26 = reduce_twice(d26, P0);
    let s27 = add_lazy(p18, p19, P0);
    let d27 = sub_lazy(p18, p19, P0);
    let p27 = reduce_twice(d27, P0);
    let s28 = add_lazy(s20, s21, P0);
    let d28 = sub_lazy(s20, s21, P0);
    let p28 = reduce_twice(d28, P0);
    let s29 = add_lazy(p20, p21, P0);
    let d29 = sub_lazy(p20, p21, P0);
    let p29 = reduce_twice(d29, P0);
    let s30 = add_lazy(s22, s23, P0);
    let d30 = sub_lazy(s22, s23, P0);
    let p30 = reduce_twice(d30, P0);
    let s31 = add_lazy(p22, p23, P0);
    let d31 = sub_lazy(p22, p23, P0);
    let p31 = reduce_twice(d31, P0);
    (*v)[0] = s24;
    (*v)[1] = s28;
    (*v)[2] = s26;
    (*v)[3] = s30;
    (*v)[4] = s25;
    (*v)[5] = s29;
    (*v)[6] = s27;
    (*v)[7] = s31;
    (*v)[8] = p24;
    (*v)[9] = p28;
    (*v)[10] = p26;
    (*v)[11] = p30;
    (*v)[12] = p25;
    (*v)[13] = p29;
    (*v)[14] = p27;
    (*v)[15] = p31;
    }
    }
    {
    let t1 = twiddles[2016u + tw0 + 0u];
    let t2 = twiddles[2016u + tw0 + 1u];
    let t3 = twiddles[2016u + tw0 + 2u];
    let t4 = twiddles[2016u + tw0 + 3u];
    let t5 = twiddles[2016u + tw0 + 4u];
    let t6 = twiddles[2016u + tw0 + 5u];
    let t7 = twiddles[2016u + tw0 + 6u];
    let t8 = twiddles[2016u + tw0 + 7u];
    let t9 = twiddles[2016u + tw0 + 8u];
    let t10 = twiddles[2016u + tw0 + 9u];
    let t11 = twiddles[2016u + tw0 + 10u];
    let t12 = twiddles[2016u + tw0 + 11u];
    let t13 = twiddles[2016u + tw0 + 12u];
    let t14 = twiddles[2016u + tw0 + 13u];
    let t15 = twiddles[2016u + tw0 + 14u];
    {
    let y1 = mul_pair_lazy((*v)[17], t1, P1);
    let y2 = mul_pair_lazy((*v)[18], t2, P1);
    let y3 = mul_pair_lazy((*v)[19], t3, P1);
    let y4 = mul_pair_lazy((*v)[20], t4, P1);
    let y5 = mul_pair_lazy((*v)[21], t5, P1);
    let y6 = mul_pair_lazy((*v)[22], t6, P1);
    let y7 = mul_pair_lazy((*v)[23], t7, P1);
    let y8 = mul_pair_lazy((*v)[24], t8, P1);
    let y9 = mul_pair_lazy((*v)[25], t9, P1);
    let y10 = mul_pair_lazy((*v)[26], t10, P1);
    let y11 = mul_pair_lazy((*v)[27], t11, P1);
    let y12 = mul_pair_lazy((*v)[28], t12, P1);
    let y13 = mul_pair_lazy((*v)[29], t13, P1);
    let y14 = mul_pair_lazy((*v)[30], t14, P1);
    let y15 = mul_pair_lazy((*v)[31], t15, P1);
    let s0 = add_lazy((*v)[16], y8, P1);
    let d0 = sub_lazy((*v)[16], y8, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y9, P1);
    let d1 = sub_lazy(y1, y9, P1);
    let p1 = mul_shoup_lazy(d1, 49823357u, 283439541u, P1);
    let s2 = add_lazy(y2, y10, P1);
    let d2 = sub_lazy(y2, y10, P1);
    let p2 = mul_shoup_lazy(d2, 205430076u, 1168668875u, P1);
    let s3 = add_lazy(y3, y11, P1);
    let d3 = sub_lazy(y3, y11, P1);
    let p3 = mul_shoup_lazy(d3, 318271781u, 1810612796u, P1);
    let s4 = add_lazy(y4, y12, P1);
    let d4 = sub_lazy(y4, y12, P1);
    let p4 = mul_shoup_lazy(d4, 323860177u, 1842404560u, P1);
    let s5 = add_lazy(y5, y13, P1);
    let d5 = sub_lazy(y5, y13, P1);
    let p5 = mul_shoup_lazy(d5, 560644912u, 3189446606u, P1);
    let s6 = add_lazy(y6, y14, P1);
    let d6 = sub_lazy(y6, y14, P1);
    let p6 = mul_shoup_lazy(d6, 45244314u, 257389874u, P1);
    let s7 = add_lazy(y7, y15, P1);
    let d7 = sub_lazy(y7, y15, P1);
    let p7 = mul_shoup_lazy(d7, 457337552u, 2601742514u, P1);
    let s8 = add_lazy(s0, s4, P1);
    let d8 = sub_lazy(s0, s4, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(s1, s5, P1);
    let d9 = sub_lazy(s1, s5, P1);
    let p9 = mul_shoup_lazy(d9, 205430076u, 1168668875u, P1);
    let s10 = add_lazy(s2, s6, P1);
    let d10 = sub_lazy(s2, s6, P1);
    let p10 = mul_shoup_lazy(d10, 323860177u, 1842404560u, P1);
    let s11 = add_lazy(s3, s7, P1);
    let d11 = sub_lazy(s3, s7, P1);
    let p11 = mul_shoup_lazy(d11, 45244314u, 257389874u, P1);
    let s12 = add_lazy(p0, p4, P1);
    let d12 = sub_lazy(p0, p4, P1);
    let p12 = reduce_twice(d12, P1);
    let s13 = add_lazy(p1, p5, P1);
    let d13 = sub_lazy(p1, p5, P1);
    let p13 = mul_shoup_lazy(d13, 205430076u, 1168668875u, P1);
    let s14 = add_lazy(p2, p6, P1);
    let d14 = sub_lazy(p2, p6, P1);
    let p14 = mul_shoup_lazy(d14, 323860177u, 1842404560u, P1);
    let s15 = add_lazy(p3, p7, P1);
    let d15 = sub_lazy(p3, p7, P1);
    let p15 = mul_shoup_lazy(d15, 45244314u, 257389874u, P1);
    let s16 = add_lazy(s8, s10, P1);
    let d16 = sub_lazy(s8, s10, P1);
    let p16 = reduce_twice(d16, P1);
    let s17 = add_lazy(s9, s11, P1);
    let d17 = sub_lazy(s9, s11, P1);
    let p17 = mul_shoup_lazy(d17, 323860177u, 1842404560u, P1);
    let s18 = add_lazy(p8, p10, P1);
    let d18 = sub_lazy(p8, p10, P1);
    let p18 = reduce_twice(d18, P1);
    let s19 = add_lazy(p9, p11, P1);
    let d19 = sub_lazy(p9, p11, P1);
    let p19 = mul_shoup_lazy(d19, 323860177u, 1842404560u, P1);
    let s20 = add_lazy(s12, s14, P1);
    let d20 = sub_lazy(s12, s14, P1);
    let p20 = reduce_twice(d20, P1);
    let s21 = add_lazy(s13, s15, P1);
    let d21 = sub_lazy(s13, s15, P1);
    let p21 = mul_shoup_lazy(d21, 323860177u, 1842404560u, P1);
    let s22 = add_lazy(p12, p14, P1);
    let d22 = sub_lazy(p12, p14, P1);
    let p22 = reduce_twice(d22, P1);
    let s23 = add_lazy(p13, p15, P1);
    let d23 = sub_lazy(p13, p15, P1);
    let p23 = mul_shoup_lazy(d23, 323860177u, 1842404560u, P1);
    let s24 = add_lazy(s16, s17, P1);
    let d24 = sub_lazy(s16, s17, P1);
    let p24 = reduce_twice(d24, P1);
    let s25 = add_lazy(p16, p17, P1);
    let d25 = sub_lazy(p16, p17, P1);
    let p25 = reduce_twice(d25, P1);
    let s26 = add_lazy(s18, s19, P1);
    let d26 = sub_lazy(s18, s19, P1);
    let p26 = reduce_twice(d26, P1);
    let s27 = add_lazy(p18, p19, P1);
    let d27 = sub_lazy(p18, p19, P1);
    let p27 = reduce_twice(d27, P1);
    let s28 = add_lazy(s20, s21, P1);
    let d28 = sub_lazy(s20, s21, P1);
    let p28 = reduce_twice(d28, P1);
    let s29 = add_lazy(p20, p21, P1);
    let d29 = sub_lazy(p20, p21, P1);
    let p29 = reduce_twice(d29, P1);
    let s30 = add_lazy(s22, s23, P1);
    let d30 = sub_lazy(s22, s23, P1);
    let p30 = reduce_twice(d30, P1);
    let s31 = add_lazy(p22, p23, P1);
    let d31 = sub_lazy(p22, p23, P1);
    let p31 = reduce_twice(d31, P1);
    (*v)[16] = s24;
    (*v)[17] = s28;
    (*v)[18] = s26;
    (*v)[19] = s30;
    (*v)[20] = s25;
    (*v)[21] = s29;
    (*v)[22] = s27;
    (*v)[23] = s31;
    (*v)[24] = p24;
    (*v)[25] = p28;
    (*v)[26] = p26;
    (*v)[27] = p30;
    (*v)[28] = p25;
    (*v)[29] = p29;
    (*v)[30] = p27;
    (*v)[31] = p31;
    }
    }
    }
    // Exchange: stage 1 order to stage 2 order.
    {
    let xb = (exchange_phase & 1u) * 2048u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 2u) * 64u + ((lid * 1u + 0u) & 3u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 4u] = (*v)[1];
    exchange[xb + 0u + w0 + 8u] = (*v)[2];
    exchange[xb + 0u + w0 + 12u] = (*v)[3];
    exchange[xb + 0u + w0 + 16u] = (*v)[4];
    exchange[xb + 0u + w0 + 20u] = (*v)[5];
    exchange[xb + 0u + w0 + 24u] = (*v)[6];
    exchange[xb + 0u + w0 + 28u] = (*v)[7];
    exchange[xb + 0u + w0 + 32u] = (*v)[8];
    exchange[xb + 0u + w0 + 36u] = (*v)[9];
    exchange[xb + 0u + w0 + 40u] = (*v)[10];
    exchange[xb + 0u + w0 + 44u] = (*v)[11];
    exchange[xb + 0u + w0 + 48u] = (*v)[12];
    exchange[xb + 0u + w0 + 52u] = (*v)[13];
    exchange[xb + 0u + w0 + 56u] = (*v)[14];
    exchange[xb + 0u + w0 + 60u] = (*v)[15];
    exchange[xb + 1024u + w0 + 0u] = (*v)[16];
    exchange[xb + 1024u + w0 + 4u] = (*v)[17];
    exchange[xb + 1024u + w0 + 8u] = (*v)[18];
    exchange[xb + 1024u + w0 + 12u] = (*v)[19];
    exchange[xb + 1024u + w0 + 16u] = (*v)[20];
    exchange[xb + 1024u + w0 + 20u] = (*v)[21];
    exchange[xb + 1024u + w0 + 24u] = (*v)[22];
    exchange[xb + 1024u + w0 + 28u] = (*v)[23];
    exchange[xb + 1024u + w0 + 32u] = (*v)[24];
    exchange[xb + 1024u + w0 + 36u] = (*v)[25];
    exchange[xb + 1024u + w0 + 40u] = (*v)[26];
    exchange[xb + 1024u + w0 + 44u] = (*v)[27];
    exchange[xb + 1024u + w0 + 48u] = (*v)[28];
    exchange[xb + 1024u + w0 + 52u] = (*v)[29];
    exchange[xb + 1024u + w0 + 56u] = (*v)[30];
    exchange[xb + 1024u + w0 + 60u] = (*v)[31];
    workgroupBarrier();
    let r0 = ((lid * 4u + 0u) >> 0u) * 4u + ((lid * 4u + 0u) & 0u);
    let r1 = ((lid * 4u + 1u) >> 0u) * 4u + ((lid * 4u + 1u) & 0u);
    let r2 = ((lid * 4u + 2u) >> 0u) * 4u + ((lid * 4u + 2u) & 0u);
    let r3 = ((lid * 4u + 3u) >> 0u) * 4u + ((lid * 4u + 3u) & 0u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 1u];
    (*v)[2] = exchange[xb + 0u + r0 + 2u];
    (*v)[3] = exchange[xb + 0u + r0 + 3u];
    (*v)[4] = exchange[xb + 0u + r1 + 0u];
    (*v)[5] = exchange[xb + 0u + r1 + 1u];
    (*v)[6] = exchange[xb + 0u + r1 + 2u];
    (*v)[7] = exchange[xb + 0u + r1 + 3u];
    (*v)[8] = exchange[xb + 0u + r2 + 0u];
    (*v)[9] = exchange[xb + 0u + r2 + 1u];
    (*v)[10] = exchange[xb + 0u + r2 + 2u];
    (*v)[11] = exchange[xb + 0u + r2 + 3u];
    (*v)[12] = exchange[xb + 0u + r3 + 0u];
    (*v)[13] = exchange[xb + 0u + r3 + 1u];
    (*v)[14] = exchange[xb + 0u + r3 + 2u];
    (*v)[15] = exchange[xb + 0u + r3 + 3u];
    (*v)[16] = exchange[xb + 1024u + r0 + 0u];
    (*v)[17] = exchange[xb + 1024u + r0 + 1u];
    (*v)[18] = exchange[xb + 1024u + r0 + 2u];
    (*v)[19] = exchange[xb + 1024u + r0 + 3u];
    (*v)[20] = exchange[xb + 1024u + r1 + 0u];
    (*v)[21] = exchange[xb + 1024u + r1 + 1u];
    (*v)[22] = exchange[xb + 1024u + r1 + 2u];
    (*v)[23] = exchange[xb + 1024u + r1 + 3u];
    (*v)[24] = exchange[xb + 1024u + r2 + 0u];
    (*v)[25] = exchange[xb + 1024u + r2 + 1u];
    (*v)[26] = exchange[xb + 1024u + r2 + 2u];
    (*v)[27] = exchange[xb + 1024u + r2 + 3u];
    (*v)[28] = exchange[xb + 1024u + r3 + 0u];
    (*v)[29] = exchange[xb + 1024u + r3 + 1u];
    (*v)[30] = exchange[xb + 1024u + r3 + 2u];
    (*v)[31] = exchange[xb + 1024u + r3 + 3u];
    }
    // Stage 2: length 4, radix 4.
    {
    let tw0 = ((lid * 4u + 0u) >> 0u) * 3u + 240u;
    {
    let t1 = twiddles[0u + tw0 + 0u];
    let t2 = twiddles[0u + tw0 + 1u];
    let t3 = twiddles[0u + tw0 + 2u];
    {
    let y1 = mul_pair_lazy((*v)[1], t1, P0);
    let y2 = mul_pair_lazy((*v)[2], t2, P0);
    let y3 = mul_pair_lazy((*v)[3], t3, P0);
    let s0 = add_lazy((*v)[0], y2, P0);
    let d0 = sub_lazy((*v)[0], y2, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y3, P0);
    let d1 = sub_lazy(y1, y3, P0);
    let p1 = mul_shoup_lazy(d1, 911660635u, 3922439030u, P0);
    let s2 = add_lazy(s0, s1, P0);
    let d2 = sub_lazy(s0, s1, P0);
    let p2 = reduce_twice(d2, P0);
    let s3 = add_lazy(p0, p1, P0);
    let d3 = sub_lazy(p0, p1, P0);
    let p3 = reduce_twice(d3, P0);
    (*v)[0] = s2;
    (*v)[1] = s3;
    (*v)[2] = p2;
    (*v)[3] = p3;
    }
    }
    {
    let t1 = twiddles[2016u + tw0 + 0u];
    let t2 = twiddles[2016u + tw0 + 1u];
    let t3 = twiddles[2016u + tw0 + 2u];
    {
    let y1 = mul_pair_lazy((*v)[17], t1, P1);
    let y2 = mul_pair_lazy((*v)[18], t2, P1);
    let y3 = mul_pair_lazy((*v)[19], t3, P1);
    let s0 = add_lazy((*v)[16], y2, P1);
    let d0 = sub_lazy((*v)[16], y2, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y3, P1);
    let d1 = sub_lazy(y1, y3, P1);
    let p1 = mul_shoup_lazy(d1, 323860177u, 1842404560u, P1);
    let s2 = add_lazy(s0, s1, P1);
    let d2 = sub_lazy(s0, s1, P1);
    let p2 = reduce_twice(d2, P1);
    let s3 = add_lazy(p0, p1, P1);
    let d3 = sub_lazy(p0, p1, P1);
    let p3 = reduce_twice(d3, P1);
    (*v)[16] = s2;
    (*v)[17] = s3;
    (*v)[18] = p2;
    (*v)[19] = p3;
    }
    }
    let tw1 = ((lid * 4u + 1u) >> 0u) * 3u + 240u;
    {
    let t1 = twiddles[0u + tw1 + 0u];
    let t2 = twiddles[0u + tw1 + 1u];
    let t3 = twiddles[0u + tw1 + 2u];
    {
    let y1 = mul_pair_lazy((*v)[5], t1, P0);
    let y2 = mul_pair_lazy((*v)[6], t2, P0);
    let y3 = mul_pair_lazy((*v)[7], t3, P0);
    let s0 = add_lazy((*v)[4], y2, P0);
    let d0 = sub_lazy((*v)[4], y2, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y3, P0);
    let d1 = sub_lazy(y1, y3, P0);
    let p1 = mul_shoup_lazy(d1, 911660635u, 3922439030u, P0);
    let s2 = add_lazy(s0, s1, P0);
    let d2 = sub_lazy(s0, s1, P0);
    let p2 = reduce_twice(d2, P0);
    let s3 = add_lazy(p0, p1, P0);
    let d3 = sub_lazy(p0, p1, P0);
    let p3 = reduce_twice(d3, P0);
    (*v)[4] = s2;
    (*v)[5] = s3;
    (*v)[6] = p2;
    (*v)[7] = p3;
    }
    }
    {
    let t1 = twiddles[2016u + tw1 + 0u];
    let t2 = twiddles[2016u + tw1 + 1u];
    let t3 = twiddles[2016u + tw1 + 2u];
    {
    let y1 = mul_pair_lazy((*v)[21], t1, P1);
    let y2 = mul_pair_lazy((*v)[22], t2, P1);
    let y3 = mul_pair_lazy((*v)[23], t3, P1);
    let s0 = add_lazy((*v)[20], y2, P1);
    let d0 = sub_lazy((*v)[20], y2, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y3, P1);
    let d1 = sub_lazy(y1, y3, P1);
    let p1 = mul_shoup_lazy(d1, 323860177u, 1842404560u, P1);
    let s2 = add_lazy(s0, s1, P1);
    let d2 = sub_lazy(s0, s1, P1);
    let p2 = reduce_twice(d2, P1);
    let s3 = add_lazy(p0, p1, P1);
    let d3 = sub_lazy(p0, p1, P1);
    let p3 = reduce_twice(d3, P1);
    (*v)[20] = s2;
    (*v)[21] = s3;
    (*v)[22] = p2;
    (*v)[23] = p3;
    }
    }
    let tw2 = ((lid * 4u + 2u) >> 0u) * 3u + 240u;
    {
    let t1 = twiddles[0u + tw2 + 0u];
    let t2 = twiddles[0u + tw2 + 1u];
    let t3 = twiddles[0u + tw2 + 2u];
    {
    let y1 = mul_pair_lazy((*v)[9], t1, P0);
    let y2 = mul_pair_lazy((*v)[10], t2, P0);
    let y3 = mul_pair_lazy((*v)[11], t3, P0);
    let s0 = add_lazy((*v)[8], y2, P0);
    let d0 = sub_lazy((*v)[8], y2, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y3, P0);
    let d1 = sub_lazy(y1, y3, P0);
    let p1 = mul_shoup_lazy(d1, 911660635u, 3922439030u, P0);
    let s2 = add_lazy(s0, s1, P0);
    let d2 = sub_lazy(s0, s1, P0);
    let p2 = reduce_twice(d2, P0);
    let s3 = add_lazy(p0, p1, P0);
    let d3 = sub_lazy(p0, p1, P0);
    let p3 = reduce_twice(d3, P0);
    (*v)[8] = s2;
    (*v)[9] = s3;
    (*v)[10] = p2;
    (*v)[11] = p3;
    }
    }
    {
    let t1 = twiddles[2016u + tw2 + 0u];
    let t2 = twiddles[2016u + tw2 + 1u];
    let t3 = twiddles[2016u + tw2 + 2u];
    {
    let y1 = mul_pair_lazy((*v)[25], t1, P1);
    let y2 = mul_pair_lazy((*v)[26], t2, P1);
    let y3 = mul_pair_lazy((*v)[27], t3, P1);
    let s0 = add_lazy((*v)[24], y2, P1);
    let d0 = sub_lazy((*v)[24], y2, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y3, P1);
    let d1 = sub_lazy(y1, y3, P1);
    let p1 = mul_shoup_lazy(d1, 323860177u, 1842404560u, P1);
    let s2 = add_lazy(s0, s1, P1);
    let d2 = sub_lazy(s0, s1, P1);
    let p2 = reduce_twice(d2, P1);
    let s3 = add_lazy(p0, p1, P1);
    let d3 = sub_lazy(p0, p1, P1);
    let p3 = reduce_twice(d3, P1);
    (*v)[24] = s2;
    (*v)[25] = s3;
    (*v)[26] = p2;
    (*v)[27] = p3;
    }
    }
    let tw3 = ((lid * 4u + 3u) >> 0u) * 3u + 240u;
    {
    let t1 = twiddles[0u + tw3 + 0u];
    let t2 = twiddles[0u + tw3 + 1u];
    let t3 = twiddles[0u + tw3 + 2u];
    {
    let y1 = mul_pair_lazy((*v)[13], t1, P0);
    let y2 = mul_pair_lazy((*v)[14], t2, P0);
    let y3 = mul_pair_lazy((*v)[15], t3, P0);
    let s0 = add_lazy((*v)[12], y2, P0);
    let d0 = sub_lazy((*v)[12], y2, P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy(y1, y3, P0);
    let d1 = sub_lazy(y1, y3, P0);
    let p1 = mul_shoup_lazy(d1, 911660635u, 3922439030u, P0);
    let s2 = add_lazy(s0, s1, P0);
    let d2 = sub_lazy(s0, s1, P0);
    let p2 = reduce_twice(d2, P0);
    let s3 = add_lazy(p0, p1, P0);
    let d3 = sub_lazy(p0, p1, P0);
    let p3 = reduce_twice(d3, P0);
    (*v)[12] = s2;
    (*v)[13] = s3;
    (*v)[14] = p2;
    (*v)[15] = p3;
    }
    }
    {
    let t1 = twiddles[2016u + tw3 + 0u];
    let t2 = twiddles[2016u + tw3 + 1u];
    let t3 = twiddles[2016u + tw3 + 2u];
    {
    let y1 = mul_pair_lazy((*v)[29], t1, P1);
    let y2 = mul_pair_lazy((*v)[30], t2, P1);
    let y3 = mul_pair_lazy((*v)[31], t3, P1);
    let s0 = add_lazy((*v)[28], y2, P1);
    let d0 = sub_lazy((*v)[28], y2, P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy(y1, y3, P1);
    let d1 = sub_lazy(y1, y3, P1);
    let p1 = mul_shoup_lazy(d1, 323860177u, 1842404560u, P1);
    let s2 = add_lazy(s0, s1, P1);
    let d2 = sub_lazy(s0, s1, P1);
    let p2 = reduce_twice(d2, P1);
    let s3 = add_lazy(p0, p1, P1);
    let d3 = sub_lazy(p0, p1, P1);
    let p3 = reduce_twice(d3, P1);
    (*v)[28] = s2;
    (*v)[29] = s3;
    (*v)[30] = p2;
    (*v)[31] = p3;
    }
    }
    }
}

fn inverse_2(lid: u32, v: ptr<function, array<u32, 32>>) {
    // Stage 2: length 4, radix 4.
    {
    let tw0 = ((lid * 4u + 0u) >> 0u) * 3u + 240u;
    {
    let t1 = twiddles[1008u + tw0 + 0u];
    let t2 = twiddles[1008u + tw0 + 1u];
    let t3 = twiddles[1008u + tw0 + 2u];
    {
    let s0 = add_lazy((*v)[0], (*v)[2], P0);
    let d0 = sub_lazy((*v)[0], (*v)[2], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[1], (*v)[3], P0);
    let d1 = sub_lazy((*v)[1], (*v)[3], P0);
    let p1 = mul_shoup_lazy(d1, 86583718u, 372528265u, P0);
    let s2 = add_lazy(s0, s1, P0);
    let d2 = sub_lazy(s0, s1, P0);
    let p2 = reduce_twice(d2, P0);
    let s3 = add_lazy(p0, p1, P0);
    let d3 = sub_lazy(p0, p1, P0);
    let p3 = reduce_twice(d3, P0);
    (*v)[0] = s2;
    (*v)[1] = mul_pair_lazy(s3, t1, P0);
    (*v)[2] = mul_pair_lazy(p2, t2, P0);
    (*v)[3] = mul_pair_lazy(p3, t3, P0);
    }
    }
    {
    let t1 = twiddles[3024u + tw0 + 0u];
    let t2 = twiddles[3024u + tw0 + 1u];
    let t3 = twiddles[3024u + tw0 + 2u];
    {
    let s0 = add_lazy((*v)[16], (*v)[18], P1);
    let d0 = sub_lazy((*v)[16], (*v)[18], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[17], (*v)[19], P1);
    let d1 = sub_lazy((*v)[17], (*v)[19], P1);
    let p1 = mul_shoup_lazy(d1, 431114544u, 2452562735u, P1);
    let s2 = add_lazy(s0, s1, P1);
    let d2 = sub_lazy(s0, s1, P1);
    let p2 = reduce_twice(d2, P1);
    let s3 = add_lazy(p0, p1, P1);
    let d3 = sub_lazy(p0, p1, P1);
    let p3 = reduce_twice(d3, P1);
    (*v)[16] = s2;
    (*v)[17] = mul_pair_lazy(s3, t1, P1);
    (*v)[18] = mul_pair_lazy(p2, t2, P1);
    (*v)[19] = mul_pair_lazy(p3, t3, P1);
    }
    }
    let tw1 = ((lid * 4u + 1u) >> 0u) * 3u + 240u;
    {
    let t1 = twiddles[1008u + tw1 + 0u];
    let t2 = twiddles[1008u + tw1 + 1u];
    let t3 = twiddles[1008u + tw1 + 2u];
    {
    let s0 = add_lazy((*v)[4], (*v)[6], P0);
    let d0 = sub_lazy((*v)[4], (*v)[6], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[5], (*v)[7], P0);
    let d1 = sub_lazy((*v)[5], (*v)[7], P0);
    let p1 = mul_shoup_lazy(d1, 86583718u, 372528265u, P0);
    let s2 = add_lazy(s0, s1, P0);
    let d2 = sub_lazy(s0, s1, P0);
    let p2 = reduce_twice(d2, P0);
    let s3 = add_lazy(p0, p1, P0);
    let d3 = sub_lazy(p0, p1, P0);
    let p3 = reduce_twice(d3, P0);
    (*v)[4] = s2;
    (*v)[5] = mul_pair_lazy(s3, t1, P0);
    (*v)[6] = mul_pair_lazy(p2, t2, P0);
    (*v)[7] = mul_pair_lazy(p3, t3, P0);
    }
    }
    {
    let t1 = twiddles[3024u + tw1 + 0u];
    let t2 = twiddles[3024u + tw1 + 1u];
    let t3 = twiddles[3024u + tw1 + 2u];
    {
    let s0 = add_lazy((*v)[20], (*v)[22], P1);
    let d0 = sub_lazy((*v)[20], (*v)[22], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[21], (*v)[23], P1);
    let d1 = sub_lazy((*v)[21], (*v)[23], P1);
    let p1 = mul_shoup_lazy(d1, 431114544u, 2452562735u, P1);
    let s2 = add_lazy(s0, s1, P1);
    let d2 = sub_lazy(s0, s1, P1);
    let p2 = reduce_twice(d2, P1);
    let s3 = add_lazy(p0, p1, P1);
    let d3 = sub_lazy(p0, p1, P1);
    let p3 = reduce_twice(d3, P1);
    (*v)[20] = s2;
    (*v)[21] = mul_pair_lazy(s3, t1, P1);
    (*v)[22] = mul_pair_lazy(p2, t2, P1);
    (*v)[23] = mul_pair_lazy(p3, t3, P1);
    }
    }
    let tw2 = ((lid * 4u + 2u) >> 0u) * 3u + 240u;
    {
    let t1 = twiddles[1008u + tw2 + 0u];
    let t2 = twiddles[1008u + tw2 + 1u];
    let t3 = twiddles[1008u + tw2 + 2u];
    {
    let s0 = add_lazy((*v)[8], (*v)[10], P0);
    let d0 = sub_lazy((*v)[8], (*v)[10], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[9], (*v)[11], P0);
    let d1 = sub_lazy((*v)[9], (*v)[11], P0);
    let p1 = mul_shoup_lazy(d1, 86583718u, 372528265u, P0);
    let s2 = add_lazy(s0, s1, P0);
    let d2 = sub_lazy(s0, s1, P0);
    let p2 = reduce_twice(d2, P0);
    let s3 = add_lazy(p0, p1, P0);
    let d3 = sub_lazy(p0, p1, P0);
    let p3 = reduce_twice(d3, P0);
    (*v)[8] = s2;
    (*v)[9] = mul_pair_lazy(s3, t1, P0);
    (*v)[10] = mul_pair_lazy(p2, t2, P0);
    (*v)[11] = mul_pair_lazy(p3, t3, P0);
    }
    }
    {
    let t1 = twiddles[3024u + tw2 + 0u];
    let t2 = twiddles[3024u + tw2 + 1u];
    let t3 = twiddles[3024u + tw2 + 2u];
    {
    let s0 = add_lazy((*v)[24], (*v)[26], P1);
    let d0 = sub_lazy((*v)[24], (*v)[26], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[25], (*v)[27], P1);
    let d1 = sub_lazy((*v)[25], (*v)[27], P1);
    let p1 = mul_shoup_lazy(d1, 431114544u, 2452562735u, P1);
    let s2 = add_lazy(s0, s1, P1);
    let d2 = sub_lazy(s0, s1, P1);
    let p2 = reduce_twice(d2, P1);
    let s3 = add_lazy(p0, p1, P1);
    let d3 = sub_lazy(p0, p1, P1);
    let p3 = reduce_twice(d3, P1);
    (*v)[24] = s2;
    (*v)[25] = mul_pair_lazy(s3, t1, P1);
    (*v)[26] = mul_pair_lazy(p2, t2, P1);
    (*v)[27] = mul_pair_lazy(p3, t3, P1);
    }
    }
    let tw3 = ((lid * 4u + 3u) >> 0u) * 3u + 240u;
    {
    let t1 = twiddles[1008u + tw3 + 0u];
    let t2 = twiddles[1008u + tw3 + 1u];
    let t3 = twiddles[1008u + tw3 + 2u];
    {
    let s0 = add_lazy((*v)[12], (*v)[14], P0);
    let d0 = sub_lazy((*v)[12], (*v)[14], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[13], (*v)[15], P0);
    let d1 = sub_lazy((*v)[13], (*v)[15], P0);
    let p1 = mul_shoup_lazy(d1, 86583718u, 372528265u, P0);
    let s2 = add_lazy(s0, s1, P0);
    let d2 = sub_lazy(s0, s1, P0);
    let p2 = reduce_twice(d2, P0);
    let s3 = add_lazy(p0, p1, P0);
    let d3 = sub_lazy(p0, p1, P0);
    let p3 = reduce_twice(d3, P0);
    (*v)[12] = s2;
    (*v)[13] = mul_pair_lazy(s3, t1, P0);
    (*v)[14] = mul_pair_lazy(p2, t2, P0);
    (*v)[15] = mul_pair_lazy(p3, t3, P0);
    }
    }
    {
    let t1 = twiddles[3024u + tw3 + 0u];
    let t2 = twiddles[3024u + tw3 + 1u];
    let t3 = twiddles[3024u + tw3 + 2u];
    {
    let s0 = add_lazy((*v)[28], (*v)[30], P1);
    let d0 = sub_lazy((*v)[28], (*v)[30], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[29], (*v)[31], P1);
    let d1 = sub_lazy((*v)[29], (*v)[31], P1);
    let p1 = mul_shoup_lazy(d1, 431114544u, 2452562735u, P1);
    let s2 = add_lazy(s0, s1, P1);
    let d2 = sub_lazy(s0, s1, P1);
    let p2 = reduce_twice(d2, P1);
    let s3 = add_lazy(p0, p1, P1);
    let d3 = sub_lazy(p0, p1, P1);
    let p3 = reduce_twice(d3, P1);
    (*v)[28] = s2;
    (*v)[29] = mul_pair_lazy(s3, t1, P1);
    (*v)[30] = mul_pair_lazy(p2, t2, P1);
    (*v)[31] = mul_pair_lazy(p3, t3, P1);
    }
    }
    }
    // Exchange: stage 2 order to stage 1 order.
    {
    let xb = (exchange_phase & 1u) * 2048u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 4u + 0u) >> 0u) * 4u + ((lid * 4u + 0u) & 0u);
    let w1 = ((lid * 4u + 1u) >> 0u) * 4u + ((lid * 4u + 1u) & 0u);
    let w2 = ((lid * 4u + 2u) >> 0u) * 4u + ((lid * 4u + 2u) & 0u);
    let w3 = ((lid * 4u + 3u) >> 0u) * 4u + ((lid * 4u + 3u) & 0u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 1u] = (*v)[1];
    exchange[xb + 0u + w0 + 2u] = (*v)[2];
    exchange[xb + 0u + w0 + 3u] = (*v)[3];
    exchange[xb + 0u + w1 + 0u] = (*v)[4];
    exchange[xb + 0u + w1 + 1u] = (*v)[5];
    exchange[xb + 0u + w1 + 2u] = (*v)[6];
    exchange[xb + 0u + w1 + 3u] = (*v)[7];
    exchange[xb + 0u + w2 + 0u] = (*v)[8];
    exchange[xb + 0u + w2 + 1u] = (*v)[9];
    exchange[xb + 0u + w2 + 2u] = (*v)[10];
    exchange[xb + 0u + w2 + 3u] = (*v)[11];
    exchange[xb + 0u + w3 + 0u] = (*v)[12];
    exchange[xb + 0u + w3 + 1u] = (*v)[13];
    exchange[xb + 0u + w3 + 2u] = (*v)[14];
    exchange[xb + 0u + w3 + 3u] = (*v)[15];
    exchange[xb + 1024u + w0 + 0u] = (*v)[16];
    exchange[xb + 1024u + w0 + 1u] = (*v)[17];
    exchange[xb + 1024u + w0 + 2u] = (*v)[18];
    exchange[xb + 1024u + w0 + 3u] = (*v)[19];
    exchange[xb + 1024u + w1 + 0u] = (*v)[20];
    exchange[xb + 1024u + w1 + 1u] = (*v)[21];
    exchange[xb + 1024u + w1 + 2u] = (*v)[22];
    exchange[xb + 1024u + w1 + 3u] = (*v)[23];
    exchange[xb + 1024u + w2 + 0u] = (*v)[24];
    exchange[xb + 1024u + w2 + 1u] = (*v)[25];
    exchange[xb + 1024u + w2 + 2u] = (*v)[26];
    exchange[xb + 1024u + w2 + 3u] = (*v)[27];
    exchange[xb + 1024u + w3 + 0u] = (*v)[28];
    exchange[xb + 1024u + w3 + 1u] = (*v)[29];
    exchange[xb + 1024u + w3 + 2u] = (*v)[30];
    exchange[xb + 1024u + w3 + 3u] = (*v)[31];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 2u) * 64u + ((lid * 1u + 0u) & 3u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 4u];
    (*v)[2] = exchange[xb + 0u + r0 + 8u];
    (*v)[3] = exchange[xb + 0u + r0 + 12u];
    (*v)[4] = exchange[xb + 0u + r0 + 16u];
    (*v)[5] = exchange[xb + 0u + r0 + 20u];
    (*v)[6] = exchange[xb + 0u + r0 + 24u];
    (*v)[7] = exchange[xb + 0u + r0 + 28u];
    (*v)[8] = exchange[xb + 0u + r0 + 32u];
    (*v)[9] = exchange[xb + 0u + r0 + 36u];
    (*v)[10] = exchange[xb + 0u + r0 + 40u];
    (*v)[11] = exchange[xb + 0u + r0 + 44u];
    (*v)[12] = exchange[xb + 0u + r0 + 48u];
    (*v)[13] = exchange[xb + 0u + r0 + 52u];
    (*v)[14] = exchange[xb + 0u + r0 + 56u];
    (*v)[15] = exchange[xb + 0u + r0 + 60u];
    (*v)[16] = exchange[xb + 1024u + r0 + 0u];
    (*v)[17] = exchange[xb + 1024u + r0 + 4u];
    (*v)[18] = exchange[xb + 1024u + r0 + 8u];
    (*v)[19] = exchange[xb + 1024u + r0 + 12u];
    (*v)[20] = exchange[xb + 1024u + r0 + 16u];
    (*v)[21] = exchange[xb + 1024u + r0 + 20u];
    (*v)[22] = exchange[xb + 1024u + r0 + 24u];
    (*v)[23] = exchange[xb + 1024u + r0 + 28u];
    (*v)[24] = exchange[xb + 1024u + r0 + 32u];
    (*v)[25] = exchange[xb + 1024u + r0 + 36u];
    (*v)[26] = exchange[xb + 1024u + r0 + 40u];
    (*v)[27] = exchange[xb + 1024u + r0 + 44u];
    (*v)[28] = exchange[xb + 1024u + r0 + 48u];
    (*v)[29] = exchange[xb + 1024u + r0 + 52u];
    (*v)[30] = exchange[xb + 1024u + r0 + 56u];
    (*v)[31] = exchange[xb + 1024u + r0 + 60u];
    }
    // Stage 1: length 64, radix 16.
    {
    let tw0 = ((lid * 1u + 0u) >> 2u) * 15u + 0u;
    {
    let t1 = twiddles[1008u + tw0 + 0u];
    let t2 = twiddles[1008u + tw0 + 1u];
    let t3 = twiddles[1008u + tw0 + 2u];
    let t4 = twiddles[1008u + tw0 + 3u];
    let t5 = twiddles[1008u + tw0 + 4u];
    let t6 = twiddles[1008u + tw0 + 5u];
    let t7 = twiddles[1008u + tw0 + 6u];
    let t8 = twiddles[1008u + tw0 + 7u];
    let t9 = twiddles[1008u + tw0 + 8u];
    let t10 = twiddles[1008u + tw0 + 9u];
    let t11 = twiddles[1008u + tw0 + 10u];
    let t12 = twiddles[1008u + tw0 + 11u];
    let t13 = twiddles[1008u + tw0 + 12u];
    let t14 = twiddles[1008u + tw0 + 13u];
    let t15 = twiddles[1008u + tw0 + 14u];
    {
    let s0 = add_lazy((*v)[0], (*v)[8], P0);
    let d0 = sub_lazy((*v)[0], (*v)[8], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[1], (*v)[9], P0);
    let d1 = sub_lazy((*v)[1], (*v)[9], P0);
    let p1 = mul_shoup_lazy(d1, 337190230u, 1450768046u, P0);
    let s2 = add_lazy((*v)[2], (*v)[10], P0);
    let d2 = sub_lazy((*v)[2], (*v)[10], P0);
    let p2 = mul_shoup_lazy(d2, 509520358u, 2192222042u, P0);
    let s3 = add_lazy((*v)[3], (*v)[11], P0);
    let d3 = sub_lazy((*v)[3], (*v)[11], P0);
    let p3 = mul_shoup_lazy(d3, 624949902u, 2688860079u, P0);
    let s4 = add_lazy((*v)[4], (*v)[12], P0);
    let d4 = sub_lazy((*v)[4], (*v)[12], P0);
    let p4 = mul_shoup_lazy(d4, 86583718u, 372528265u, P0);
    let s5 = add_lazy((*v)[5], (*v)[13], P0);
    let d5 = sub_lazy((*v)[5], (*v)[13], P0);
    let p5 = mul_shoup_lazy(d5, 369330050u, 1589050297u, P0);
    let s6 = add_lazy((*v)[6], (*v)[14], P0);
    let d6 = sub_lazy((*v)[6], (*v)[14], P0);
    let p6 = mul_shoup_lazy(d6, 625715529u, 2692154206u, P0);
    let s7 = add_lazy((*v)[7], (*v)[15], P0);
    let d7 = sub_lazy((*v)[7], (*v)[15], P0);
    let p7 = mul_shoup_lazy(d7, 69212480u, 297788148u, P0);
    let s8 = add_lazy(s0, s4, P0);
    let d8 = sub_lazy(s0, s4, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(s1, s5, P0);
    let d9 = sub_lazy(s1, s5, P0);
    let p9 = mul_shoup_lazy(d9, 509520358u, 2192222042u, P0);
    let s10 = add_lazy(s2, s6, P0);
    let d10 = sub_lazy(s2, s6, P0);
    let p10 = mul_shoup_lazy(d10, 86583718u, 372528265u, P0);
    let s11 = add_lazy(s3, s7, P0);
    let d11 = sub_lazy(s3, s7, P0);
    let p11 = mul_shoup_lazy(d11, 625715529u, 2692154206u, P0);
    let s12 = add_lazy(p0, p4, P0);
    let d12 = sub_lazy(p0, p4, P0);
    let p12 = reduce_twice(d12, P0);
    let s13 = add_lazy(p1, p5, P0);
    let d13 = sub_lazy(p1, p5, P0);
    let p13 = mul_shoup_lazy(d13, 509520358u, 2192222042u, P0);
    let s14 = add_lazy(p2, p6, P0);
    let d14 = sub_lazy(p2, p6, P0);
    let p14 = mul_shoup_lazy(d14, 86583718u, 372528265u, P0);
    let s15 = add_lazy(p3, p7, P0);
    let d15 = sub_lazy(p3, p7, P0);
    let p15 = mul_shoup_lazy(d15, 625715529u, 2692154206u, P0);
    let s16 = add_lazy(s8, s10, P0);
    let d16 = sub_lazy(s8, s10, P0);
    let p16 = reduce_twice(d16, P0);
    let s17 = add_lazy(s9, s11, P0);
    let d17 = sub_lazy(s9, s11, P0);
    let p17 = mul_shoup_lazy(d17, 86583718u, 372528265u, P0);
    let s18 = add_lazy(p8, p10, P0);
    let d18 = sub_lazy(p8, p10, P0);
    let p18 = reduce_twice(d18, P0);
    let s19 = add_lazy(p9, p11, P0);
    let d19 = sub_lazy(p9, p11, P0);
    let p19 = mul_shoup_lazy(d19, 86583718u, 372528265u, P0);
    let s20 = add_lazy(s12, s14, P0);
    let d20 = sub_lazy(s12, s14, P0);
    let p20 = reduce_twice(d20, P0);
    let s21 = add_lazy(s13, s15, P0);
    let d21 = sub_lazy(s13, s15, P0);
    let p21 = mul_shoup_lazy(d21, 86583718u, 372528265u, P0);
    let s22 = add_lazy(p12, p14, P0);
    let d22 = sub_lazy(p12, p14, P0);
    let p22 = reduce_twice(d22, P0);
    let s23 = add_lazy(p13, p15, P0);
    let d23 = sub_lazy(p13, p15, P0);
    let p23 = mul_shoup_lazy(d23, 86583718u, 372528265u, P0);
    let s24 = add_lazy(s16, s17, P0);
    let d24 = sub_lazy(s16, s17, P0);
    let p24 = reduce_twice(d24, P0);
    let s25 = add_lazy(p16, p17, P0);
    let d25 = sub_lazy(p16, p17, P0);
    let p25 = reduce_twice(d25, P0);
    let s26 = add_lazy(s18, s19, P0);
    let d26 = sub_lazy(s18, s19, P0);
    let p26 = reduce_twice(d26, P0);
    let s27 = add_lazy(p18, p19, P0);
    let d27 = sub_lazy(p18, p19, P0);
    let p27 = reduce_twice(d27, P0);
    let s28 = add_lazy(s20, s21, P0);
    let d28 = sub_lazy(s20, s21, P0);
    let p28 = reduce_twice(d28, P0);
    let s29 = add_lazy(p20, p21, P0);
    let d29 = sub_lazy(p20, p21, P0);
    let p29 = reduce_twice(d29, P0);
    let s30 = add_lazy(s22, s23, P0);
    let d30 = sub_lazy(s22, s23, P0);
    let p30 = reduce_twice(d30, P0);
    let s31 = add_lazy(p22, p23, P0);
    let d31 = sub_lazy(p22, p23, P0);
    let p31 = reduce_twice(d31, P0);
    (*v)[0] = s24;
    (*v)[1] = mul_pair_lazy(s28, t1, P0);
    (*v)[2] = mul_pair_lazy(s26, t2, P0);
    (*v)[3] = mul_pair_lazy(s30, t3, P0);
    (*v)[4] = mul_pair_lazy(s25, t4, P0);
    (*v)[5] = mul_pair_lazy(s29, t5, P0);
    (*v)[6] = mul_pair_lazy(s27, t6, P0);
    (*v)[7] = mul_pair_lazy(s31, t7, P0);
    (*v)[8] = mul_pair_lazy(p24, t8, P0);
    (*v)[9] = mul_pair_lazy(p28, t9, P0);
    (*v)[10] = mul_pair_lazy(p26, t10, P0);
    (*v)[11] = mul_pair_lazy(p30, t11, P0);
    (*v)[12] = mul_pair_lazy(p25, t12, P0);
    (*v)[13] = mul_pair_lazy(p29, t13, P0);
    (*v)[14] = mul_pair_lazy(p27, t14, P0);
    (*v)[15] = mul_pair_lazy(p31, t15, P0);
    }
    }
    {
    let t1 = twiddles[3024u + tw0 + 0u];
    let t2 = twiddles[3024u + tw0 + 1u];
    let t3 = twiddles[3024u + tw0 + 2u];
    let t4 = twiddles[3024u + tw0 + 3u];
    let t5 = twiddles[3024u + tw0 + 4u];
    let t6 = twiddles[3024u + tw0 + 5u];
    let t7 = twiddles[3024u + tw0 + 6u];
    let t8 = twiddles[3024u + tw0 + 7u];
    let t9 = twiddles[3024u + tw0 + 8u];
    let t10 = twiddles[3024u + tw0 + 9u];
    let t11 = twiddles[3024u + tw0 + 10u];
    let t12 = twiddles[3024u + tw0 + 11u];
    let t13 = twiddles[3024u + tw0 + 12u];
    let t14 = twiddles[3024u + tw0 + 13u];
    let t15 = twiddles[3024u + tw0 + 14u];
    {
    let s0 = add_lazy((*v)[16], (*v)[24], P1);
    let d0 = sub_lazy((*v)[16], (*v)[24], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[17], (*v)[25], P1);
    let d1 = sub_lazy((*v)[17], (*v)[25], P1);
    let p1 = mul_shoup_lazy(d1, 297637169u, 1693224781u, P1);
    let s2 = add_lazy((*v)[18], (*v)[26], P1);
    let d2 = sub_lazy((*v)[18], (*v)[26], P1);
    let p2 = mul_shoup_lazy(d2, 709730407u, 4037577421u, P1);
    let s3 = add_lazy((*v)[19], (*v)[27], P1);
    let d3 = sub_lazy((*v)[19], (*v)[27], P1);
    let p3 = mul_shoup_lazy(d3, 194329809u, 1105520689u, P1);
    let s4 = add_lazy((*v)[20], (*v)[28], P1);
    let d4 = sub_lazy((*v)[20], (*v)[28], P1);
    let p4 = mul_shoup_lazy(d4, 431114544u, 2452562735u, P1);
    let s5 = add_lazy((*v)[21], (*v)[29], P1);
    let d5 = sub_lazy((*v)[21], (*v)[29], P1);
    let p5 = mul_shoup_lazy(d5, 436702940u, 2484354499u, P1);
    let s6 = add_lazy((*v)[22], (*v)[30], P1);
    let d6 = sub_lazy((*v)[22], (*v)[30], P1);
    let p6 = mul_shoup_lazy(d6, 549544645u, 3126298420u, P1);
    let s7 = add_lazy((*v)[23], (*v)[31], P1);
    let d7 = sub_lazy((*v)[23], (*v)[31], P1);
    let p7 = mul_shoup_lazy(d7, 705151364u, 4011527754u, P1);
    let s8 = add_lazy(s0, s4, P1);
    let d8 = sub_lazy(s0, s4, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(s1, s5, P1);
    let d9 = sub_lazy(s1, s5, P1);
    let p9 = mul_shoup_lazy(d9, 709730407u, 4037577421u, P1);
    let s10 = add_lazy(s2, s6, P1);
    let d10 = sub_lazy(s2, s6, P1);
    let p10 = mul_shoup_lazy(d10, 431114544u, 2452562735u, P1);
    let s11 = add_lazy(s3, s7, P1);
    let d11 = sub_lazy(s3, s7, P1);
    let p11 = mul_shoup_lazy(d11, 549544645u, 3126298420u, P1);
    let s12 = add_lazy(p0, p4, P1);
    let d12 = sub_lazy(p0, p4, P1);
    let p12 = reduce_twice(d12, P1);
    let s13 = add_lazy(p1, p5, P1);
    let d13 = sub_lazy(p1, p5, P1);
    let p13 = mul_shoup_lazy(d13, 709730407u, 4037577421u, P1);
    let s14 = add_lazy(p2, p6, P1);
    let d14 = sub_lazy(p2, p6, P1);
    let p14 = mul_shoup_lazy(d14, 431114544u, 2452562735u, P1);
    let s15 = add_lazy(p3, p7, P1);
    let d15 = sub_lazy(p3, p7, P1);
    let p15 = mul_shoup_lazy(d15, 549544645u, 3126298420u, P1);
    let s16 = add_lazy(s8, s10, P1);
    let d16 = sub_lazy(s8, s10, P1);
    let p16 = reduce_twice(d16, P1);
    let s17 = add_lazy(s9, s11, P1);
    let d17 = sub_lazy(s9, s11, P1);
    let p17 = mul_shoup_lazy(d17, 431114544u, 2452562735u, P1);
    let s18 = add_lazy(p8, p10, P1);
    let d18 = sub_lazy(p8, p10, P1);
    let p18 = reduce_twice(d18, P1);
    let s19 = add_lazy(p9, p11, P1);
    let d19 = sub_lazy(p9, p11, P1);
    let p19 = mul_shoup_lazy(d19, 431114544u, 2452562735u, P1);
    let s20 = add_lazy(s12, s14, P1);
    let d20 = sub_lazy(s12, s14, P1);
    let p20 = reduce_twice(d20, P1);
    let s21 = add_lazy(s13, s15, P1);
    let d21 = sub_lazy(s13, s15, P1);
    let p21 = mul_shoup_lazy(d21, 431114544u, 2452562735u, P1);
    let s22 = add_lazy(p12, p14, P1);
    let d22 = sub_lazy(p12, p14, P1);
    let p22 = reduce_twice(d22, P1);
    let s23 = add_lazy(p13, p15, P1);
    let d23 = sub_lazy(p13, p15, P1);
    let p23 = mul_shoup_lazy(d23, 431114544u, 2452562735u, P1);
    let s24 = add_lazy(s16, s17, P1);
    let d24 = sub_lazy(s16, s17, P1);
    let p24 = reduce_twice(d24, P1);
    let s25 = add_lazy(p16, p17, P1);
    let d25 = sub_lazy(p16, p17, P1);
    let p25 = reduce_twice(d25, P1);
    let s26 = add_lazy(s18, s19, P1);
    let d26 = sub_lazy(s18, s19, P1);
    let p26 = reduce_twice(d26, P1);
    let s27 = add_lazy(p18, p19, P1);
    let d27 = sub_lazy(p18, p19, P1);
    let p27 = reduce_twice(d27, P1);
    let s28 = add_lazy(s20, s21, P1);
    let d28 = sub_lazy(s20, s21, P1);
    let p28 = reduce_twice(d28, P1);
    let s29 = add_lazy(p20, p21, P1);
    let d29 = sub_lazy(p20, p21, P1);
    let p29 = reduce_twice(d29, P1);
    let s30 = add_lazy(s22, s23, P1);
    let d30 = sub_lazy(s22, s23, P1);
    let p30 = reduce_twice(d30, P1);
    let s31 = add_lazy(p22, p23, P1);
    let d31 = sub_lazy(p22, p23, P1);
    let p31 = reduce_twice(d31, P1);
    (*v)[16] = s24;
    (*v)[17] = mul_pair_lazy(s28, t1, P1);
    (*v)[18] = mul_pair_lazy(s26, t2, P1);
    (*v)[19] = mul_pair_lazy(s30, t3, P1);
    (*v)[20] = mul_pair_lazy(s25, t4, P1);
    (*v)[21] = mul_pair_lazy(s29, t5, P1);
    (*v)[22] = mul_pair_lazy(s27, t6, P1);
    (*v)[23] = mul_pair_lazy(s31, t7, P1);
    (*v)[24] = mul_pair_lazy(p24, t8, P1);
    (*v)[25] = mul_pair_lazy(p28, t9, P1);
    (*v)[26] = mul_pair_lazy(p26, t10, P1);
    (*v)[27] = mul_pair_lazy(p30, t11, P1);
    (*v)[28] = mul_pair_lazy(p25, t12, P1);
    (*v)[29] = mul_pair_lazy(p29, t13, P1);
    (*v)[30] = mul_pair_lazy(p27, t14, P1);
    (*v)[31] = mul_pair_lazy(p31, t15, P1);
    }
    }
    }
    // Exchange: stage 1 order to stage 0 order.
    {
    let xb = (exchange_phase & 1u) * 2048u;
    exchange_phase = exchange_phase + 1u;
    let w0 = ((lid * 1u + 0u) >> 2u) * 64u + ((lid * 1u + 0u) & 3u);
    exchange[xb + 0u + w0 + 0u] = (*v)[0];
    exchange[xb + 0u + w0 + 4u] = (*v)[1];
    exchange[xb + 0u + w0 + 8u] = (*v)[2];
    exchange[xb + 0u + w0 + 12u] = (*v)[3];
    exchange[xb + 0u + w0 + 16u] = (*v)[4];
    exchange[xb + 0u + w0 + 20u] = (*v)[5];
    exchange[xb + 0u + w0 + 24u] = (*v)[6];
    exchange[xb + 0u + w0 + 28u] = (*v)[7];
    exchange[xb + 0u + w0 + 32u] = (*v)[8];
    exchange[xb + 0u + w0 + 36u] = (*v)[9];
    exchange[xb + 0u + w0 + 40u] = (*v)[10];
    exchange[xb + 0u + w0 + 44u] = (*v)[11];
    exchange[xb + 0u + w0 + 48u] = (*v)[12];
    exchange[xb + 0u + w0 + 52u] = (*v)[13];
    exchange[xb + 0u + w0 + 56u] = (*v)[14];
    exchange[xb + 0u + w0 + 60u] = (*v)[15];
    exchange[xb + 1024u + w0 + 0u] = (*v)[16];
    exchange[xb + 1024u + w0 + 4u] = (*v)[17];
    exchange[xb + 1024u + w0 + 8u] = (*v)[18];
    exchange[xb + 1024u + w0 + 12u] = (*v)[19];
    exchange[xb + 1024u + w0 + 16u] = (*v)[20];
    exchange[xb + 1024u + w0 + 20u] = (*v)[21];
    exchange[xb + 1024u + w0 + 24u] = (*v)[22];
    exchange[xb + 1024u + w0 + 28u] = (*v)[23];
    exchange[xb + 1024u + w0 + 32u] = (*v)[24];
    exchange[xb + 1024u + w0 + 36u] = (*v)[25];
    exchange[xb + 1024u + w0 + 40u] = (*v)[26];
    exchange[xb + 1024u + w0 + 44u] = (*v)[27];
    exchange[xb + 1024u + w0 + 48u] = (*v)[28];
    exchange[xb + 1024u + w0 + 52u] = (*v)[29];
    exchange[xb + 1024u + w0 + 56u] = (*v)[30];
    exchange[xb + 1024u + w0 + 60u] = (*v)[31];
    workgroupBarrier();
    let r0 = ((lid * 1u + 0u) >> 6u) * 1024u + ((lid * 1u + 0u) & 63u);
    (*v)[0] = exchange[xb + 0u + r0 + 0u];
    (*v)[1] = exchange[xb + 0u + r0 + 64u];
    (*v)[2] = exchange[xb + 0u + r0 + 128u];
    (*v)[3] = exchange[xb + 0u + r0 + 192u];
    (*v)[4] = exchange[xb + 0u + r0 + 256u];
    (*v)[5] = exchange[xb + 0u + r0 + 320u];
    (*v)[6] = exchange[xb + 0u + r0 + 384u];
    (*v)[7] = exchange[xb + 0u + r0 + 448u];
    (*v)[8] = exchange[xb + 0u + r0 + 512u];
    (*v)[9] = exchange[xb + 0u + r0 + 576u];
    (*v)[10] = exchange[xb + 0u + r0 + 640u];
    (*v)[11] = exchange[xb + 0u + r0 + 704u];
    (*v)[12] = exchange[xb + 0u + r0 + 768u];
    (*v)[13] = exchange[xb + 0u + r0 + 832u];
    (*v)[14] = exchange[xb + 0u + r0 + 896u];
    (*v)[15] = exchange[xb + 0u + r0 + 960u];
    (*v)[16] = exchange[xb + 1024u + r0 + 0u];
    (*v)[17] = exchange[xb + 1024u + r0 + 64u];
    (*v)[18] = exchange[xb + 1024u + r0 + 128u];
    (*v)[19] = exchange[xb + 1024u + r0 + 192u];
    (*v)[20] = exchange[xb + 1024u + r0 + 256u];
    (*v)[21] = exchange[xb + 1024u + r0 + 320u];
    (*v)[22] = exchange[xb + 1024u + r0 + 384u];
    (*v)[23] = exchange[xb + 1024u + r0 + 448u];
    (*v)[24] = exchange[xb + 1024u + r0 + 512u];
    (*v)[25] = exchange[xb + 1024u + r0 + 576u];
    (*v)[26] = exchange[xb + 1024u + r0 + 640u];
    (*v)[27] = exchange[xb + 1024u + r0 + 704u];
    (*v)[28] = exchange[xb + 1024u + r0 + 768u];
    (*v)[29] = exchange[xb + 1024u + r0 + 832u];
    (*v)[30] = exchange[xb + 1024u + r0 + 896u];
    (*v)[31] = exchange[xb + 1024u + r0 + 960u];
    }
    // Stage 0: length 1024, radix 16.
    {
    {
    {
    let s0 = add_lazy((*v)[0], (*v)[8], P0);
    let d0 = sub_lazy((*v)[0], (*v)[8], P0);
    let p0 = reduce_twice(d0, P0);
    let s1 = add_lazy((*v)[1], (*v)[9], P0);
    let d1 = sub_lazy((*v)[1], (*v)[9], P0);
    let p1 = mul_shoup_lazy(d1, 337190230u, 1450768046u, P0);
    let s2 = add_lazy((*v)[2], (*v)[10], P0);
    let d2 = sub_lazy((*v)[2], (*v)[10], P0);
    let p2 = mul_shoup_lazy(d2, 509520358u, 2192222042u, P0);
    let s3 = add_lazy((*v)[3], (*v)[11], P0);
    let d3 = sub_lazy((*v)[3], (*v)[11], P0);
    let p3 = mul_shoup_lazy(d3, 624949902u, 2688860079u, P0);
    let s4 = add_lazy((*v)[4], (*v)[12], P0);
    let d4 = sub_lazy((*v)[4], (*v)[12], P0);
    let p4 = mul_shoup_lazy(d4, 86583718u, 372528265u, P0);
    let s5 = add_lazy((*v)[5], (*v)[13], P0);
    let d5 = sub_lazy((*v)[5], (*v)[13], P0);
    let p5 = mul_shoup_lazy(d5, 369330050u, 1589050297u, P0);
    let s6 = add_lazy((*v)[6], (*v)[14], P0);
    let d6 = sub_lazy((*v)[6], (*v)[14], P0);
    let p6 = mul_shoup_lazy(d6, 625715529u, 2692154206u, P0);
    let s7 = add_lazy((*v)[7], (*v)[15], P0);
    let d7 = sub_lazy((*v)[7], (*v)[15], P0);
    let p7 = mul_shoup_lazy(d7, 69212480u, 297788148u, P0);
    let s8 = add_lazy(s0, s4, P0);
    let d8 = sub_lazy(s0, s4, P0);
    let p8 = reduce_twice(d8, P0);
    let s9 = add_lazy(s1, s5, P0);
    let d9 = sub_lazy(s1, s5, P0);
    let p9 = mul_shoup_lazy(d9, 509520358u, 2192222042u, P0);
    let s10 = add_lazy(s2, s6, P0);
    let d10 = sub_lazy(s2, s6, P0);
    let p10 = mul_shoup_lazy(d10, 86583718u, 372528265u, P0);
    let s11 = add_lazy(s3, s7, P0);
    let d11 = sub_lazy(s3, s7, P0);
    let p11 = mul_shoup_lazy(d11, 625715529u, 2692154206u, P0);
    let s12 = add_lazy(p0, p4, P0);
    let d12 = sub_lazy(p0, p4, P0);
    let p12 = reduce_twice(d12, P0);
    let s13 = add_lazy(p1, p5, P0);
    let d13 = sub_lazy(p1, p5, P0);
    let p13 = mul_shoup_lazy(d13, 509520358u, 2192222042u, P0);
    let s14 = add_lazy(p2, p6, P0);
    let d14 = sub_lazy(p2, p6, P0);
    let p14 = mul_shoup_lazy(d14, 86583718u, 372528265u, P0);
    let s15 = add_lazy(p3, p7, P0);
    let d15 = sub_lazy(p3, p7, P0);
    let p15 = mul_shoup_lazy(d15, 625715529u, 2692154206u, P0);
    let s16 = add_lazy(s8, s10, P0);
    let d16 = sub_lazy(s8, s10, P0);
    let p16 = reduce_twice(d16, P0);
    let s17 = add_lazy(s9, s11, P0);
    let d17 = sub_lazy(s9, s11, P0);
    let p17 = mul_shoup_lazy(d17, 86583718u, 372528265u, P0);
    let s18 = add_lazy(p8, p10, P0);
    let d18 = sub_lazy(p8, p10, P0);
    let p18 = reduce_twice(d18, P0);
    let s19 = add_lazy(p9, p11, P0);
    let d19 = sub_lazy(p9, p11, P0);
    let p19 = mul_shoup_lazy(d19, 86583718u, 372528265u, P0);
    let s20 = add_lazy(s12, s14, P0);
    let d20 = sub_lazy(s12, s14, P0);
    let p20 = reduce_twice(d20, P0);
    let s21 = add_lazy(s13, s15, P0);
    let d21 = sub_lazy(s13, s15, P0);
    let p21 = mul_shoup_lazy(d21, 86583718u, 372528265u, P0);
    let s22 = add_lazy(p12, p14, P0);
    let d22 = sub_lazy(p12, p14, P0);
    let p22 = reduce_twice(d22, P0);
    let s23 = add_lazy(p13, p15, P0);
    let d23 = sub_lazy(p13, p15, P0);
    let p23 = mul_shoup_lazy(d23, 86583718u, 372528265u, P0);
    let s24 = add_lazy(s16, s17, P0);
    let d24 = sub_lazy(s16, s17, P0);
    let p24 = reduce_twice(d24, P0);
    let s25 = add_lazy(p16, p17, P0);
    let d25 = sub_lazy(p16, p17, P0);
    let p25 = reduce_twice(d25, P0);
    let s26 = add_lazy(s18, s19, P0);
    let d26 = sub_lazy(s18, s19, P0);
    let p26 = reduce_twice(d26, P0);
    let s27 = add_lazy(p18, p19, P0);
    let d27 = sub_lazy(p18, p19, P0);
    let p27 = reduce_twice(d27, P0);
    let s28 = add_lazy(s20, s21, P0);
    let d28 = sub_lazy(s20, s21, P0);
    let p28 = reduce_twice(d28, P0);
    let s29 = add_lazy(p20, p21, P0);
    let d29 = sub_lazy(p20, p21, P0);
    let p29 = reduce_twice(d29, P0);
    let s30 = add_lazy(s22, s23, P0);
    let d30 = sub_lazy(s22, s23, P0);
    let p30 = reduce_twice(d30, P0);
    let s31 = add_lazy(p22, p23, P0);
    let d31 = sub_lazy(p22, p23, P0);
    let p31 = reduce_twice(d31, P0);
    (*v)[0] = s24;
    (*v)[1] = mul_shoup_lazy(s28, 87557064u, 376716106u, P0);
    (*v)[2] = mul_shoup_lazy(s26, 337190230u, 1450768046u, P0);
    (*v)[3] = mul_shoup_lazy(s30, 352560290u, 1516898052u, P0);
    (*v)[4] = mul_shoup_lazy(s25, 509520358u, 2192222042u, P0);
    (*v)[5] = mul_shoup_lazy(s29, 454590761u, 1955886297u, P0);
    (*v)[6] = mul_shoup_lazy(s27, 624949902u, 2688860079u, P0);
    (*v)[7] = mul_shoup_lazy(s31, 381091786u, 1639655413u, P0);
    (*v)[8] = mul_shoup_lazy(p24, 86583718u, 372528265u, P0);
    (*v)[9] = mul_shoup_lazy(p28, 134322755u, 577926474u, P0);
    (*v)[10] = mul_shoup_lazy(p26, 369330050u, 1589050297u, P0);
    (*v)[11] = mul_shoup_lazy(p30, 827987769u, 3562434767u, P0);
    (*v)[12] = mul_shoup_lazy(p25, 625715529u, 2692154206u, P0);
    (*v)[13] = mul_shoup_lazy(p29, 332049552u, 1428650171u, P0);
    (*v)[14] = mul_shoup_lazy(p27, 69212480u, 297788148u, P0);
    (*v)[15] = mul_shoup_lazy(p31, 545445973u, 2346792755u, P0);
    }
    }
    {
    {
    let s0 = add_lazy((*v)[16], (*v)[24], P1);
    let d0 = sub_lazy((*v)[16], (*v)[24], P1);
    let p0 = reduce_twice(d0, P1);
    let s1 = add_lazy((*v)[17], (*v)[25], P1);
    let d1 = sub_lazy((*v)[17], (*v)[25], P1);
    let p1 = mul_shoup_lazy(d1, 297637169u, 1693224781u, P1);
    let s2 = add_lazy((*v)[18], (*v)[26], P1);
    let d2 = sub_lazy((*v)[18], (*v)[26], P1);
    let p2 = mul_shoup_lazy(d2, 709730407u, 4037577421u, P1);
    let s3 = add_lazy((*v)[19], (*v)[27], P1);
    let d3 = sub_lazy((*v)[19], (*v)[27], P1);
    let p3 = mul_shoup_lazy(d3, 194329809u, 1105520689u, P1);
    let s4 = add_lazy((*v)[20], (*v)[28], P1);
    let d4 = sub_lazy((*v)[20], (*v)[28], P1);
    let p4 = mul_shoup_lazy(d4, 431114544u, 2452562735u, P1);
    let s5 = add_lazy((*v)[21], (*v)[29], P1);
    let d5 = sub_lazy((*v)[21], (*v)[29], P1);
    let p5 = mul_shoup_lazy(d5, 436702940u, 2484354499u, P1);
    let s6 = add_lazy((*v)[22], (*v)[30], P1);
    let d6 = sub_lazy((*v)[22], (*v)[30], P1);
    let p6 = mul_shoup_lazy(d6, 549544645u, 3126298420u, P1);
    let s7 = add_lazy((*v)[23], (*v)[31], P1);
    let d7 = sub_lazy((*v)[23], (*v)[31], P1);
    let p7 = mul_shoup_lazy(d7, 705151364u, 4011527754u, P1);
    let s8 = add_lazy(s0, s4, P1);
    let d8 = sub_lazy(s0, s4, P1);
    let p8 = reduce_twice(d8, P1);
    let s9 = add_lazy(s1, s5, P1);
    let d9 = sub_lazy(s1, s5, P1);
    let p9 = mul_shoup_lazy(d9, 709730407u, 4037577421u, P1);
    let s10 = add_lazy(s2, s6, P1);
    let d10 = sub_lazy(s2, s6, P1);
    let p10 = mul_shoup_lazy(d10, 431114544u, 2452562735u, P1);
    let s11 = add_lazy(s3, s7, P1);
    let d11 = sub_lazy(s3, s7, P1);
    let p11 = mul_shoup_lazy(d11, 549544645u, 3126298420u, P1);
    let s12 = add_lazy(p0, p4, P1);
    let d12 = sub_lazy(p0, p4, P1);
    let p12 = reduce_twice(d12, P1);
    let s13 = add_lazy(p1, p5, P1);
    let d13 = sub_lazy(p1, p5, P1);
    let p13 = mul_shoup_lazy(d13, 709730407u, 4037577421u, P1);
    let s14 = add_lazy(p2, p6, P1);
    let d14 = sub_lazy(p2, p6, P1);
    let p14 = mul_shoup_lazy(d14, 431114544u, 2452562735u, P1);
    let s15 = add_lazy(p3, p7, P1);
    let d15 = sub_lazy(p3, p7, P1);
    let p15 = mul_shoup_lazy(d15, 549544645u, 3126298420u, P1);
    let s16 = add_lazy(s8, s10, P1);
    let d16 = sub_lazy(s8, s10, P1);
    let p16 = reduce_twice(d16, P1);
    let s17 = add_lazy(s9, s11, P1);
    let d17 = sub_lazy(s9, s11, P1);
    let p17 = mul_shoup_lazy(d17, 431114544u, 2452562735u, P1);
    let s18 = add_lazy(p8, p10, P1);
    let d18 = sub_lazy(p8, p10, P1);
    let p18 = reduce_twice(d18, P1);
    let s19 = add_lazy(p9, p11, P1);
    let d19 = sub_lazy(p9, p11, P1);
    let p19 = mul_shoup_lazy(d19, 431114544u, 2452562735u, P1);
    let s20 = add_lazy(s12, s14, P1);
    let d20 = sub_lazy(s12, s14, P1);
    let p20 = reduce_twice(d20, P1);
    let s21 = add_lazy(s13, s15, P1);
    let d21 = sub_lazy(s13, s15, P1);
    let p21 = mul_shoup_lazy(d21, 431114544u, 2452562735u, P1);
    let s22 = add_lazy(p12, p14, P1);
    let d22 = sub_lazy(p12, p14, P1);
    let p22 = reduce_twice(d22, P1);
    let s23 = add_lazy(p13, p15, P1);
    let d23 = sub_lazy(p13, p15, P1);
    let p23 = mul_shoup_lazy(d23, 431114544u, 2452562735u, P1);
    let s24 = add_lazy(s16, s17, P1);
    let d24 = sub_lazy(s16, s17, P1);
    let p24 = reduce_twice(d24, P1);
    let s25 = add_lazy(p16, p17, P1);
    let d25 = sub_lazy(p16, p17, P1);
    let p25 = reduce_twice(d25, P1);
    let s26 = add_lazy(s18, s19, P1);
    let d26 = sub_lazy(s18, s19, P1);
    let p26 = reduce_twice(d26, P1);
    let s27 = add_lazy(p18, p19, P1);
    let d27 = sub_lazy(p18, p19, P1);
    let p27 = reduce_twice(d27, P1);
    let s28 = add_lazy(s20, s21, P1);
    let d28 = sub_lazy(s20, s21, P1);
    let p28 = reduce_twice(d28, P1);
    let s29 = add_lazy(p20, p21, P1);
    let d29 = sub_lazy(p20, p21, P1);
    let p29 = reduce_twice(d29, P1);
    let s30 = add_lazy(s22, s23, P1);
    let d30 = sub_lazy(s22, s23, P1);
    let p30 = reduce_twice(d30, P1);
    let s31 = add_lazy(p22, p23, P1);
    let d31 = sub_lazy(p22, p23, P1);
    let p31 = reduce_twice(d31, P1);
    (*v)[16] = s24;
    (*v)[17] = mul_shoup_lazy(s28, 678681937u, 3860946125u, P1);
    (*v)[18] = mul_shoup_lazy(s26, 297637169u, 1693224781u, P1);
    (*v)[19] = mul_shoup_lazy(s30, 467131801u, 2657460908u, P1);
    (*v)[20] = mul_shoup_lazy(s25, 709730407u, 4037577421u, P1);
    (*v)[21] = mul_shoup_lazy(s29, 38169123u, 217139899u, P1);
    (*v)[22] = mul_shoup_lazy(s27, 194329809u, 1105520689u, P1);
    (*v)[23] = mul_shoup_lazy(s31, 405935118u, 2309319779u, P1);
    (*v)[24] = mul_shoup_lazy(p24, 431114544u, 2452562735u, P1);
    (*v)[25] = mul_shoup_lazy(p28, 185471267u, 1055125428u, P1);
    (*v)[26] = mul_shoup_lazy(p26, 436702940u, 2484354499u, P1);
    (*v)[27] = mul_shoup_lazy(p30, 505802970u, 2877456892u, P1);
    (*v)[28] = mul_shoup_lazy(p25, 549544645u, 3126298420u, P1);
    (*v)[29] = mul_shoup_lazy(p29, 377572811u, 2147969766u, P1);
    (*v)[30] = mul_shoup_lazy(p27, 705151364u, 4011527754u, P1);
    (*v)[31] = mul_shoup_lazy(p31, 33995947u, 193399164u, P1);
    }
    }
    }
}

// One workgroup per torus polynomial of the raw bootstrapping key (2-D grid):
// its spectrum times N^-1 (the inverse transform's scale), in the order the CMux reads it.
@compute @workgroup_size(WG)
fn key_transform(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let poly = wid.y * 65535u + wid.x;
    if (poly >= arrayLength(&raw_key) / N) {
        return;
    }
    var v: array<u32, 32>;
    { let x = lid + 0u * WG; v[0] = signed_residue(raw_key[poly * N + x], P0); v[16] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 1u * WG; v[1] = signed_residue(raw_key[poly * N + x], P0); v[17] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 2u * WG; v[2] = signed_residue(raw_key[poly * N + x], P0); v[18] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 3u * WG; v[3] = signed_residue(raw_key[poly * N + x], P0); v[19] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 4u * WG; v[4] = signed_residue(raw_key[poly * N + x], P0); v[20] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 5u * WG; v[5] = signed_residue(raw_key[poly * N + x], P0); v[21] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 6u * WG; v[6] = signed_residue(raw_key[poly * N + x], P0); v[22] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 7u * WG; v[7] = signed_residue(raw_key[poly * N + x], P0); v[23] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 8u * WG; v[8] = signed_residue(raw_key[poly * N + x], P0); v[24] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 9u * WG; v[9] = signed_residue(raw_key[poly * N + x], P0); v[25] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 10u * WG; v[10] = signed_residue(raw_key[poly * N + x], P0); v[26] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 11u * WG; v[11] = signed_residue(raw_key[poly * N + x], P0); v[27] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 12u * WG; v[12] = signed_residue(raw_key[poly * N + x], P0); v[28] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 13u * WG; v[13] = signed_residue(raw_key[poly * N + x], P0); v[29] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 14u * WG; v[14] = signed_residue(raw_key[poly * N + x], P0); v[30] = signed_residue(raw_key[poly * N + x], P1); }
    { let x = lid + 15u * WG; v[15] = signed_residue(raw_key[poly * N + x], P0); v[31] = signed_residue(raw_key[poly * N + x], P1); }
    forward_2(lid, &v);
    { let w = mul_pair(v[0], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 0u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[1], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 1u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[2], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 2u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[3], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 3u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[4], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 4u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[5], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 5u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[6], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 6u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[7], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 7u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[8], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 8u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[9], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 9u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[10], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 10u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[11], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 11u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[12], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 12u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[13], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 13u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[14], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 14u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[15], N_INV0, P0); key_out[poly * 2u * N + 0u * N + lid * PER + 15u] = vec2<u32>(w, shoup_companion(w, P0)); }
    { let w = mul_pair(v[16], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 0u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[17], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 1u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[18], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 2u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[19], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 3u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[20], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 4u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[21], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 5u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[22], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 6u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[23], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 7u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[24], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 8u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[25], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 9u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[26], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 10u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[27], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 11u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[28], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 12u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[29], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 13u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[30], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 14u] = vec2<u32>(w, shoup_companion(w, P1)); }
    { let w = mul_pair(v[31], N_INV1, P1); key_out[poly * 2u * N + 1u * N + lid * PER + 15u] = vec2<u32>(w, shoup_companion(w, P1)); }
}

// The spectral accumulators of each step (slot t, component c, prime at
// ((t·(K+1) + c)·2 + prime)·N); each invocation reads and writes its own positions only.
var<workgroup> spec_w: array<u32, 4u * N>;
// Blind rotation for the GGSWs of the bound window: CMUX_CIPHERTEXTS ciphertexts per
// workgroup (slot t holds ciphertext CMUX_CIPHERTEXTS·wid.x + t); for each step s,
// acc += BSK_s ⊡ (X^rot·acc − acc).
//
// Per step: for each component j and level q, the digits of the rotated
// differences of the owned coefficients are formed from the accumulator
// (reduced under both primes; the CRT recombines the inverse's residues) into `v` (nothing but `v` and the spectral
// accumulators stays live across a transform), transformed (the negacyclic
// twist is in the transform's multipliers), and multiplied into the (K+1)
// spectral accumulators (registers `out`, or `spec_w` in workgroup memory)
// with the key values at the owned positions (each key value read serves
// every slot; the key spectra carry the inverse's N^-1); rows are added in
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
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 0u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 1u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 2u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 3u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 4u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 5u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 6u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 7u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 8u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 9u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 10u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 11u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 12u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 13u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 14u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 15u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 0u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 1u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 2u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 3u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 4u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 5u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 6u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 7u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 8u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 9u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 10u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 11u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 12u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 13u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 14u] = 0u;
            spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 15u] = 0u;
        }
        for (var j = 0u; j <= K; j = j + 1u) {
            for (var q = 0u; q < LEVELS; q = q + 1u) {
                var v: array<u32, 32>;
                if (live0) {
                    let poly = ((first + 0u) * (K + 1u) + j) * N;
                    { let x = lid + 0u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[0] = digit_residue(d, P0); v[16] = digit_residue(d, P1); }
                    { let x = lid + 1u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[1] = digit_residue(d, P0); v[17] = digit_residue(d, P1); }
                    { let x = lid + 2u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[2] = digit_residue(d, P0); v[18] = digit_residue(d, P1); }
                    { let x = lid + 3u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[3] = digit_residue(d, P0); v[19] = digit_residue(d, P1); }
                    { let x = lid + 4u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[4] = digit_residue(d, P0); v[20] = digit_residue(d, P1); }
                    { let x = lid + 5u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[5] = digit_residue(d, P0); v[21] = digit_residue(d, P1); }
                    { let x = lid + 6u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[6] = digit_residue(d, P0); v[22] = digit_residue(d, P1); }
                    { let x = lid + 7u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[7] = digit_residue(d, P0); v[23] = digit_residue(d, P1); }
                    { let x = lid + 8u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[8] = digit_residue(d, P0); v[24] = digit_residue(d, P1); }
                    { let x = lid + 9u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[9] = digit_residue(d, P0); v[25] = digit_residue(d, P1); }
                    { let x = lid + 10u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[10] = digit_residue(d, P0); v[26] = digit_residue(d, P1); }
                    { let x = lid + 11u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[11] = digit_residue(d, P0); v[27] = digit_residue(d, P1); }
                    { let x = lid + 12u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[12] = digit_residue(d, P0); v[28] = digit_residue(d, P1); }
                    { let x = lid + 13u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[13] = digit_residue(d, P0); v[29] = digit_residue(d, P1); }
                    { let x = lid + 14u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[14] = digit_residue(d, P0); v[30] = digit_residue(d, P1); }
                    { let x = lid + 15u * WG; let src = monomial_source(x, rot0); let d = gadget_digit(apply_sign(acc[poly + src.x], src.y) - acc[poly + x], BASE_LOG, LEVELS, GADGET_ONES, q); v[15] = digit_residue(d, P0); v[31] = digit_residue(d, P1); }
                }
                forward_2(lid, &v);
                let row = (s * ROWS + j * LEVELS + q) * (K + 1u) * 2u * N + lid * PER;
                for (var c = 0u; c <= K; c = c + 1u) {
                    { let kv = key[row + (2u * c + 0u) * N + 0u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 0u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 0u], mul_pair(v[0], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 1u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 1u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 1u], mul_pair(v[1], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 2u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 2u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 2u], mul_pair(v[2], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 3u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 3u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 3u], mul_pair(v[3], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 4u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 4u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 4u], mul_pair(v[4], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 5u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 5u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 5u], mul_pair(v[5], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 6u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 6u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 6u], mul_pair(v[6], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 7u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 7u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 7u], mul_pair(v[7], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 8u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 8u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 8u], mul_pair(v[8], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 9u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 9u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 9u], mul_pair(v[9], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 10u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 10u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 10u], mul_pair(v[10], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 11u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 11u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 11u], mul_pair(v[11], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 12u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 12u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 12u], mul_pair(v[12], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 13u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 13u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 13u], mul_pair(v[13], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 14u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 14u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 14u], mul_pair(v[14], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 0u) * N + 15u]; spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 15u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 15u], mul_pair(v[15], kv, P0), P0); }
                    { let kv = key[row + (2u * c + 1u) * N + 0u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 0u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 0u], mul_pair(v[16], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 1u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 1u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 1u], mul_pair(v[17], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 2u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 2u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 2u], mul_pair(v[18], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 3u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 3u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 3u], mul_pair(v[19], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 4u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 4u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 4u], mul_pair(v[20], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 5u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 5u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 5u], mul_pair(v[21], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 6u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 6u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 6u], mul_pair(v[22], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 7u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 7u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 7u], mul_pair(v[23], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 8u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 8u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 8u], mul_pair(v[24], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 9u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 9u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 9u], mul_pair(v[25], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 10u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 10u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 10u], mul_pair(v[26], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 11u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 11u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 11u], mul_pair(v[27], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 12u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 12u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 12u], mul_pair(v[28], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 13u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 13u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 13u], mul_pair(v[29], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 14u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 14u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 14u], mul_pair(v[30], kv, P1), P1); }
                    { let kv = key[row + (2u * c + 1u) * N + 15u]; spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 15u] = add_mod(spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 15u], mul_pair(v[31], kv, P1), P1); }
                }
            }
        }
        for (var c = 0u; c <= K; c = c + 1u) {
            var v: array<u32, 32>;
            v[0] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 0u];
            v[1] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 1u];
            v[2] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 2u];
            v[3] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 3u];
            v[4] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 4u];
            v[5] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 5u];
            v[6] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 6u];
            v[7] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 7u];
            v[8] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 8u];
            v[9] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 9u];
            v[10] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 10u];
            v[11] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 11u];
            v[12] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 12u];
            v[13] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 13u];
            v[14] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 14u];
            v[15] = spec_w[((0u * (K + 1u) + c) * 2u + 0u) * N + lid * PER + 15u];
            v[16] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 0u];
            v[17] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 1u];
            v[18] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 2u];
            v[19] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 3u];
            v[20] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 4u];
            v[21] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 5u];
            v[22] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 6u];
            v[23] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 7u];
            v[24] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 8u];
            v[25] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 9u];
            v[26] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 10u];
            v[27] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 11u];
            v[28] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 12u];
            v[29] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 13u];
            v[30] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 14u];
            v[31] = spec_w[((0u * (K + 1u) + c) * 2u + 1u) * N + lid * PER + 15u];
            inverse_2(lid, &v);
            if (live0) {
                let poly = ((first + 0u) * (K + 1u) + c) * N;
                { let x = lid + 0u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[0], P0), reduce_once(v[16], P1)); }
                { let x = lid + 1u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[1], P0), reduce_once(v[17], P1)); }
                { let x = lid + 2u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[2], P0), reduce_once(v[18], P1)); }
                { let x = lid + 3u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[3], P0), reduce_once(v[19], P1)); }
                { let x = lid + 4u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[4], P0), reduce_once(v[20], P1)); }
                { let x = lid + 5u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[5], P0), reduce_once(v[21], P1)); }
                { let x = lid + 6u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[6], P0), reduce_once(v[22], P1)); }
                { let x = lid + 7u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[7], P0), reduce_once(v[23], P1)); }
                { let x = lid + 8u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[8], P0), reduce_once(v[24], P1)); }
                { let x = lid + 9u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[9], P0), reduce_once(v[25], P1)); }
                { let x = lid + 10u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[10], P0), reduce_once(v[26], P1)); }
                { let x = lid + 11u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[11], P0), reduce_once(v[27], P1)); }
                { let x = lid + 12u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[12], P0), reduce_once(v[28], P1)); }
                { let x = lid + 13u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[13], P0), reduce_once(v[29], P1)); }
                { let x = lid + 14u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[14], P0), reduce_once(v[30], P1)); }
                { let x = lid + 15u * WG; acc[poly + x] = acc[poly + x] + crt(reduce_once(v[15], P0), reduce_once(v[31], P1)); }
            }
        }
        // The next step reads coefficients other invocations wrote.
        storageBarrier();
    }
}
