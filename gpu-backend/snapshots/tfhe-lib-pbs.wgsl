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
const KEYSWITCH_CIPHERTEXTS: u32 = 4u;
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
@group(0) @binding(1) var<storage, read> inputs: array<u32>;
@group(0) @binding(2) var<storage, read_write> acc: array<u32>;
@group(0) @binding(3) var<storage, read> luts: array<u32>;
@group(0) @binding(4) var<storage, read> selection: array<u32>;
@group(0) @binding(5) var<storage, read> ksk: array<u32>;
@group(0) @binding(6) var<storage, read_write> outputs: array<u32>;

// Path-independent parts of the programmable bootstrap: accumulator
// initialisation (modulus switch of the body, ACC = X^{-b̃}·LUT) and the fused
// sample extraction + LWE keyswitch. Pure u32 torus arithmetic (wrapping).
//
// Needs common.wgsl and the prelude constants N, LOG2_N, K, LWE_DIM,
// KS_BASE_LOG, KS_LEVELS, KS_GADGET_ONES and KEYSWITCH_CIPHERTEXTS (ciphertexts per
// keyswitch workgroup).
//
// Memory layout of the bindings (u32 words; their declarations are generated
// from gpu-backend/src/codegen/bindings.rs):
//   inputs    [ciphertext][LWE_DIM + 1] (mask then body).
//   luts      [table][N], the test polynomials.
//   selection [ciphertext], index of each ciphertext's table in `luts`.
//   acc       [ciphertext][K + 1][N], the GLWE accumulator, body last.
//   ksk       [extracted index j < K·N][level q][LWE_DIM + 1]: row (j, q) encrypts
//             s_j·2^(32 − (q+1)·KS_BASE_LOG) under the output key.
//   outputs   [ciphertext][LWE_DIM + 1].
// Grids: init has one workgroup per ciphertext; keyswitch has
// ceil((LWE_DIM + 1)/64) × ceil(ciphertexts/KEYSWITCH_CIPHERTEXTS) workgroups (see below).

@compute @workgroup_size(64)
fn init(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let ct = wid.x;
    let base = ct * (K + 1u) * N;
    let b_tilde = mod_switch(inputs[ct * (LWE_DIM + 1u) + LWE_DIM]);
    let table = selection[ct] * N;
    for (var x = lid; x < K * N; x = x + 64u) {
        acc[base + x] = 0u;
    }
    for (var x = lid; x < N; x = x + 64u) {
        let src = monomial_source(x, 2u * N - b_tilde);
        acc[base + K * N + x] = apply_sign(luts[table + src.x], src.y);
    }
}

// The fused sample extraction + keyswitch. Output word m of ciphertext ct is
// (0, b) − Σ_{j,q} digit_q(a_j)·ksk[j][q][m], where (a, b) is the sample
// extracted from coefficient 0 of the accumulator:
// a_{i·N} = A_i[0], a_{i·N+x} = −A_i[N−x] for x ≥ 1, b = B[0].
//
// Work split: a workgroup of 64 invocations owns the output words
// 64·wid.x … 64·wid.x + 63 of the KEYSWITCH_CIPHERTEXTS ciphertexts KEYSWITCH_CIPHERTEXTS·wid.y …; the grid
// is ⌈(LWE_DIM + 1)/64⌉ × ⌈count/KEYSWITCH_CIPHERTEXTS⌉. The coefficients a_j enter in tiles of
// 64: invocation t decomposes a_{j0+t} of every ciphertext of the group into
// ks_digits once (not once per output word), then every invocation reads each
// key word once and applies it to all KEYSWITCH_CIPHERTEXTS ciphertexts.
// Invariants: the number of ciphertexts is arrayLength(&outputs)/(LWE_DIM + 1);
// invocations past LWE_DIM or past the last ciphertext only skip their loads
// and stores, so both barriers stay in uniform control flow. Workgroup memory:
// KEYSWITCH_CIPHERTEXTS·KS_LEVELS·64 i32, chosen by the host to fit the device limit.
var<workgroup> ks_digits: array<i32, KEYSWITCH_CIPHERTEXTS * KS_LEVELS * 64u>;

// a_j of ciphertext ct, read from its accumulator.
fn extracted_mask(ct: u32, j: u32) -> u32 {
    let poly = ct * (K + 1u) * N + (j >> LOG2_N) * N;
    let x = j & (N - 1u);
    if (x == 0u) {
        return acc[poly];
    }
    return 0u - acc[poly + N - x];
}

@compute @workgroup_size(64)
fn keyswitch(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let m = wid.x * 64u + lid;
    let first = wid.y * KEYSWITCH_CIPHERTEXTS;
    let count = arrayLength(&outputs) / (LWE_DIM + 1u);
    var sums: array<u32, KEYSWITCH_CIPHERTEXTS>;
    for (var c = 0u; c < KEYSWITCH_CIPHERTEXTS; c = c + 1u) {
        sums[c] = 0u;
    }
    for (var j0 = 0u; j0 < K * N; j0 = j0 + 64u) {
        // Decompose this tile: coefficient j0 + lid of every ciphertext of the group.
        for (var c = 0u; c < KEYSWITCH_CIPHERTEXTS; c = c + 1u) {
            let j = j0 + lid;
            var a = 0u;
            if (j < K * N && first + c < count) {
                a = extracted_mask(first + c, j);
            }
            for (var q = 0u; q < KS_LEVELS; q = q + 1u) {
                ks_digits[(c * KS_LEVELS + q) * 64u + lid] = gadget_digit(a, KS_BASE_LOG, KS_LEVELS, KS_GADGET_ONES, q);
            }
        }
        workgroupBarrier();
        if (m <= LWE_DIM) {
            let tile = min(64u, K * N - j0);
            for (var t = 0u; t < tile; t = t + 1u) {
                for (var q = 0u; q < KS_LEVELS; q = q + 1u) {
                    let key = ksk[((j0 + t) * KS_LEVELS + q) * (LWE_DIM + 1u) + m];
                    for (var c = 0u; c < KEYSWITCH_CIPHERTEXTS; c = c + 1u) {
                        sums[c] = sums[c] + u32(ks_digits[(c * KS_LEVELS + q) * 64u + t]) * key;
                    }
                }
            }
        }
        workgroupBarrier();
    }
    if (m > LWE_DIM) {
        return;
    }
    for (var c = 0u; c < KEYSWITCH_CIPHERTEXTS; c = c + 1u) {
        let ct = first + c;
        if (ct < count) {
            var body = 0u;
            if (m == LWE_DIM) {
                body = acc[ct * (K + 1u) * N + K * N];
            }
            outputs[ct * (LWE_DIM + 1u) + m] = body - sums[c];
        }
    }
}
