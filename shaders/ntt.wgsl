// Portable u32 path: negacyclic NTT over Z/P0 and Z/P1, the key transform,
// the CMux blind-rotation kernel and the batched polynomial product.
//
// Needs common.wgsl and ntt_arith.wgsl, plus the prelude constants N, LOG2_N,
// K, LEVELS, BASE_LOG, GADGET_ONES, LWE_DIM, ROWS = (K+1)·LEVELS, WG (threads
// per workgroup, a power of two <= N/2), N_INV0/N_INV0_SHOUP,
// N_INV1/N_INV1_SHOUP (N^-1 mod each prime with Shoup companions) and
// CMUX_CTS (ciphertexts per CMux workgroup, 1 or 2).
//
// Transform: merged Cooley–Tukey forward (natural order in, bit-reversed out)
// and Gentleman–Sande inverse (bit-reversed in, natural out) with the
// negacyclic twist folded into the twiddles psi^bitrev(i), so spectra stay in
// bit-reversed order; only pointwise products happen there, so the order never
// matters. Both primes are transformed together, two radix-2 stages per
// barrier (radix-4 butterflies in registers). Every butterfly fully reduces:
// values stay in [0, p).
//
// Exactness: the CMux sum is an exact integer of magnitude at most
// (K+1)·LEVELS·N·2^(BASE_LOG-1)·2^31 (torus values read as i32, balanced
// digits), and poly_mul's is at most N·2^15·2^31; the host refuses shapes whose
// bound reaches M/2 ≈ 2^58.39, so the CRT result is the exact value mod 2^32.
//
// Memory layout (u32 words unless stated):
//   twiddles [prime][direction][N] of vec2 (w, shoup(w)); direction 0 = psi^bitrev(i),
//            1 = psi^-bitrev(i).
//   key      [ggsw][row = j·LEVELS + q][component c][prime][N] of vec2 (value, shoup);
//            one window of `window.count` GGSWs is bound, starting at GGSW `window.first`.
//   inputs   [ciphertext][LWE_DIM + 1] (mask then body).
//   acc      [ciphertext][K + 1][N], the GLWE accumulator, body last.
//   (The CMux keeps its spectral accumulators in registers: no scratch buffer.)
//   buf      (workgroup) [slot][prime][N], the polynomials being transformed.
// Workgroup memory: 2N·CMUX_CTS words (2N·(CMUX_CTS + 1) for poly_mul).

struct Window {
    first: u32,
    count: u32,
    pad0: u32,
    pad1: u32,
}

@group(0) @binding(0) var<storage, read> twiddles: array<vec2<u32>>;
@group(0) @binding(1) var<storage, read> inputs: array<u32>;
@group(0) @binding(2) var<storage, read_write> acc: array<u32>;
@group(0) @binding(4) var<storage, read> raw_key: array<u32>;
@group(0) @binding(5) var<storage, read_write> key_out: array<vec2<u32>>;
@group(0) @binding(6) var<storage, read> pm_torus: array<u32>;
@group(0) @binding(7) var<storage, read> pm_integer: array<u32>;
@group(0) @binding(8) var<storage, read_write> pm_out: array<u32>;
@group(1) @binding(0) var<storage, read> key: array<vec2<u32>>;
@group(1) @binding(1) var<uniform> window: Window;

// `buf` holds CMUX_CTS polynomials (both primes each) back to back, slot t
// at t·2N; the transforms work on the first `slots` of them.
var<workgroup> buf: array<u32, 2 * N * CMUX_CTS>;
var<workgroup> buf_b: array<u32, 2 * N>;

// In-place forward negacyclic NTT of both halves (half `pi` modulo
// prime(pi)) of the first `slots` polynomials of `buf`; ends with a barrier.
// Stages m = 1, 2, …, N/2 (butterfly distance t = N/2m) go two at a time:
// one invocation holds the four values of a radix-4 butterfly (j, j + t/2,
// j + t, j + 3t/2) in registers and applies both radix-2 stages to them, so
// a transform takes ⌈log2(N)/2⌉ barriers instead of log2(N), with exactly
// the operations (and results) of the radix-2 stages. An odd stage count
// ends with one radix-2 stage (t = 1).
// Radix-4 passes split b < N/2 into (prime, butterfly < N/4); written so
// that they also validate for N = 2, where no radix-4 pass runs.
const QUARTER_SHIFT: u32 = max(LOG2_N, 2u) - 2u;
const QUARTER_MASK: u32 = max(N / 4u, 1u) - 1u;

fn ntt_forward(lid: u32, slots: u32) {
    var m = 1u;
    var lg_t = LOG2_N - 1u; // log2(t)
    loop {
        if (lg_t >= 1u) {
            let t = 1u << lg_t;
            let half_t = t >> 1u;
            for (var b = lid; b < N / 2u; b = b + WG) {
                let pi = b >> (QUARTER_SHIFT);
                let q = b & (QUARTER_MASK);
                let p = prime(pi);
                let i = q >> (lg_t - 1u);
                let j = pi * N + (i << (lg_t + 1u)) + (q & (half_t - 1u));
                let w = twiddles[pi * 2u * N + m + i];
                let w_lo = twiddles[pi * 2u * N + 2u * m + 2u * i];
                let w_hi = twiddles[pi * 2u * N + 2u * m + 2u * i + 1u];
                for (var slot = 0u; slot < slots; slot = slot + 1u) {
                    let at = slot * 2u * N + j;
                    // Stage m: (e0, e2) and (e1, e3), both in group i.
                    let e0 = buf[at];
                    let e1 = buf[at + half_t];
                    let v2 = mul_shoup(buf[at + t], w.x, w.y, p);
                    let v3 = mul_shoup(buf[at + t + half_t], w.x, w.y, p);
                    let a0 = add_mod(e0, v2, p);
                    let a2 = sub_mod(e0, v2, p);
                    let a1 = add_mod(e1, v3, p);
                    let a3 = sub_mod(e1, v3, p);
                    // Stage 2m: (a0, a1) in group 2i, (a2, a3) in group 2i + 1.
                    let v1 = mul_shoup(a1, w_lo.x, w_lo.y, p);
                    let v4 = mul_shoup(a3, w_hi.x, w_hi.y, p);
                    buf[at] = add_mod(a0, v1, p);
                    buf[at + half_t] = sub_mod(a0, v1, p);
                    buf[at + t] = add_mod(a2, v4, p);
                    buf[at + t + half_t] = sub_mod(a2, v4, p);
                }
            }
            m = m * 4u;
            workgroupBarrier();
            if (lg_t < 2u) {
                break;
            }
            lg_t = lg_t - 2u;
        } else {
            // The last stage, t = 1 (m = N/2).
            for (var b = lid; b < N; b = b + WG) {
                let pi = b >> (LOG2_N - 1u);
                let i = b & (N / 2u - 1u);
                let p = prime(pi);
                let j = pi * N + 2u * i;
                let w = twiddles[pi * 2u * N + m + i];
                for (var slot = 0u; slot < slots; slot = slot + 1u) {
                    let at = slot * 2u * N + j;
                    let u = buf[at];
                    let v = mul_shoup(buf[at + 1u], w.x, w.y, p);
                    buf[at] = add_mod(u, v, p);
                    buf[at + 1u] = sub_mod(u, v, p);
                }
            }
            workgroupBarrier();
            break;
        }
    }
}

// In-place inverse negacyclic NTT of both halves of the first `slots`
// polynomials of `buf`, without the final N^-1 scaling (callers fold it into
// their read-out); ends with a barrier. Stages t = 1, 2, …, N/2 go two at a
// time as in `ntt_forward` (values j, j + t, j + 2t, j + 3t in registers);
// an odd stage count ends with one radix-2 stage (t = N/2).
fn ntt_inverse(lid: u32, slots: u32) {
    var lg_t = 0u; // log2(t)
    loop {
        let t = 1u << lg_t;
        // Stage t uses twiddles h + i with h = N/2t, group i = j / 2t.
        let h = N >> (lg_t + 1u);
        if (4u * t <= N) {
            for (var b = lid; b < N / 2u; b = b + WG) {
                let pi = b >> (QUARTER_SHIFT);
                let q = b & (QUARTER_MASK);
                let p = prime(pi);
                let i = q >> lg_t;
                let j = pi * N + (i << (lg_t + 2u)) + (q & (t - 1u));
                let base = (pi * 2u + 1u) * N;
                let w_lo = twiddles[base + h + 2u * i];
                let w_hi = twiddles[base + h + 2u * i + 1u];
                let w = twiddles[base + h / 2u + i];
                for (var slot = 0u; slot < slots; slot = slot + 1u) {
                    let at = slot * 2u * N + j;
                    // Stage t: (e0, e1) in group 2i, (e2, e3) in group 2i + 1.
                    let e0 = buf[at];
                    let e1 = buf[at + t];
                    let e2 = buf[at + 2u * t];
                    let e3 = buf[at + 3u * t];
                    let a0 = add_mod(e0, e1, p);
                    let a1 = mul_shoup(sub_mod(e0, e1, p), w_lo.x, w_lo.y, p);
                    let a2 = add_mod(e2, e3, p);
                    let a3 = mul_shoup(sub_mod(e2, e3, p), w_hi.x, w_hi.y, p);
                    // Stage 2t: (a0, a2) and (a1, a3), both in group i.
                    buf[at] = add_mod(a0, a2, p);
                    buf[at + 2u * t] = mul_shoup(sub_mod(a0, a2, p), w.x, w.y, p);
                    buf[at + t] = add_mod(a1, a3, p);
                    buf[at + 3u * t] = mul_shoup(sub_mod(a1, a3, p), w.x, w.y, p);
                }
            }
            lg_t = lg_t + 2u;
            workgroupBarrier();
        } else if (t < N) {
            // The last stage, t = N/2 (h = 1, one group).
            for (var b = lid; b < N; b = b + WG) {
                let pi = b >> (LOG2_N - 1u);
                let jj = b & (N / 2u - 1u);
                let p = prime(pi);
                let j = pi * N + jj;
                let w = twiddles[(pi * 2u + 1u) * N + 1u];
                for (var slot = 0u; slot < slots; slot = slot + 1u) {
                    let at = slot * 2u * N + j;
                    let u = buf[at];
                    let v = buf[at + t];
                    buf[at] = add_mod(u, v, p);
                    buf[at + t] = mul_shoup(sub_mod(u, v, p), w.x, w.y, p);
                }
            }
            workgroupBarrier();
            break;
        } else {
            break;
        }
    }
}

// The coefficient x of the inverse transform in slot `slot` of `buf`, scaled
// by N^-1 and recombined from both primes: the exact result mod 2^32.
fn inverse_result(slot: u32, x: u32) -> u32 {
    let r0 = mul_shoup(buf[slot * 2u * N + x], N_INV0, N_INV0_SHOUP, P0);
    let r1 = mul_shoup(buf[slot * 2u * N + N + x], N_INV1, N_INV1_SHOUP, P1);
    return crt(r0, r1);
}

// One workgroup per torus polynomial of the raw bootstrapping key (2-D grid of
// at most 65535 × 65535): writes its spectrum under both primes with Shoup companions.
@compute @workgroup_size(WG)
fn key_transform(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let poly = wid.y * 65535u + wid.x;
    if (poly >= arrayLength(&raw_key) / N) {
        return;
    }
    for (var x = lid; x < N; x = x + WG) {
        let v = raw_key[poly * N + x];
        buf[x] = signed_residue(v, P0);
        buf[N + x] = signed_residue(v, P1);
    }
    workgroupBarrier();
    ntt_forward(lid, 1u);
    for (var idx = lid; idx < 2u * N; idx = idx + WG) {
        let w = buf[idx];
        key_out[poly * 2u * N + idx] = vec2<u32>(w, shoup_companion(w, prime(idx >> LOG2_N)));
    }
}

// Coefficients per invocation (x = lid + i·WG, i < PER_X) and spectrum
// entries per invocation over both primes (idx = lid + i·WG, i < PER_IDX):
// the same ones in every transform of a CMux step.
const PER_X: u32 = N / WG;
const PER_IDX: u32 = 2u * N / WG;

// Blind rotation for the GGSWs of the bound window: CMUX_CTS ciphertexts per
// workgroup (slot t holds ciphertext CMUX_CTS·wid.x + t); for each step i,
// acc += BSK_i ⊡ (X^rot·acc − acc).
//
// Per step and ciphertext: the rotated difference of each component j is read
// from `acc` once into registers (`diff`) and every level's digits are taken
// from it; the (K+1) spectral accumulators of the owned entries stay in
// registers (`out`) across all (K+1)·LEVELS rows, so the only global traffic
// is `acc` and the key, and each key value read serves every slot. Rows are
// added in increasing order. A step with rot = 0 is computed like any other
// (it adds 0): the slots' rotations differ, and the barriers need uniform
// control flow. Slots past the chunk's last ciphertext
// (count = arrayLength(&inputs)/(LWE_DIM + 1)) neither read nor write `acc`.
@compute @workgroup_size(WG)
fn cmux(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let first = wid.x * CMUX_CTS;
    let count = arrayLength(&inputs) / (LWE_DIM + 1u);
    for (var s = 0u; s < window.count; s = s + 1u) {
        var rots: array<u32, CMUX_CTS>;
        for (var t = 0u; t < CMUX_CTS; t = t + 1u) {
            rots[t] = 0u;
            if (first + t < count) {
                rots[t] = mod_switch(inputs[(first + t) * (LWE_DIM + 1u) + window.first + s]);
            }
        }
        var out: array<u32, CMUX_CTS * (K + 1u) * PER_IDX>;
        for (var e = 0u; e < CMUX_CTS * (K + 1u) * PER_IDX; e = e + 1u) {
            out[e] = 0u;
        }
        for (var j = 0u; j <= K; j = j + 1u) {
            // (X^rot·ACC_j − ACC_j) at the owned coefficients.
            var diff: array<u32, CMUX_CTS * PER_X>;
            for (var t = 0u; t < CMUX_CTS; t = t + 1u) {
                let poly = ((first + t) * (K + 1u) + j) * N;
                for (var i = 0u; i < PER_X; i = i + 1u) {
                    let x = lid + i * WG;
                    var d = 0u;
                    if (first + t < count) {
                        let src = monomial_source(x, rots[t]);
                        d = apply_sign(acc[poly + src.x], src.y) - acc[poly + x];
                    }
                    diff[t * PER_X + i] = d;
                }
            }
            for (var q = 0u; q < LEVELS; q = q + 1u) {
                for (var t = 0u; t < CMUX_CTS; t = t + 1u) {
                    for (var i = 0u; i < PER_X; i = i + 1u) {
                        let x = lid + i * WG;
                        let d = u32(gadget_digit(diff[t * PER_X + i], BASE_LOG, LEVELS, GADGET_ONES, q));
                        buf[t * 2u * N + x] = signed_residue(d, P0);
                        buf[t * 2u * N + N + x] = signed_residue(d, P1);
                    }
                }
                workgroupBarrier();
                ntt_forward(lid, CMUX_CTS);
                let row = j * LEVELS + q;
                for (var i = 0u; i < PER_IDX; i = i + 1u) {
                    let idx = lid + i * WG;
                    let p = prime(idx >> LOG2_N);
                    for (var c = 0u; c <= K; c = c + 1u) {
                        let kv = key[((s * ROWS + row) * (K + 1u) + c) * 2u * N + idx];
                        for (var t = 0u; t < CMUX_CTS; t = t + 1u) {
                            let e = (t * (K + 1u) + c) * PER_IDX + i;
                            out[e] = add_mod(out[e], mul_shoup(buf[t * 2u * N + idx], kv.x, kv.y, p), p);
                        }
                    }
                }
                workgroupBarrier();
            }
        }
        for (var c = 0u; c <= K; c = c + 1u) {
            for (var t = 0u; t < CMUX_CTS; t = t + 1u) {
                for (var i = 0u; i < PER_IDX; i = i + 1u) {
                    buf[t * 2u * N + lid + i * WG] = out[(t * (K + 1u) + c) * PER_IDX + i];
                }
            }
            workgroupBarrier();
            ntt_inverse(lid, CMUX_CTS);
            for (var t = 0u; t < CMUX_CTS; t = t + 1u) {
                if (first + t < count) {
                    let poly = ((first + t) * (K + 1u) + c) * N;
                    for (var x = lid; x < N; x = x + WG) {
                        acc[poly + x] = acc[poly + x] + inverse_result(t, x);
                    }
                }
            }
            workgroupBarrier();
        }
        // The next step reads coefficients other invocations wrote.
        storageBarrier();
    }
}

// Batched negacyclic product: one workgroup per pair, pm_out = pm_torus · pm_integer
// (torus read as i32, integers as i32 bit patterns), 2-D grid as key_transform.
@compute @workgroup_size(WG)
fn poly_mul(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let pair = wid.y * 65535u + wid.x;
    if (pair >= arrayLength(&pm_torus) / N) {
        return;
    }
    let base = pair * N;
    for (var x = lid; x < N; x = x + WG) {
        let v = pm_torus[base + x];
        buf[x] = signed_residue(v, P0);
        buf[N + x] = signed_residue(v, P1);
    }
    workgroupBarrier();
    ntt_forward(lid, 1u);
    // N is a multiple of WG, so the invocation owning x also owns N + x.
    for (var x = lid; x < N; x = x + WG) {
        buf_b[x] = buf[x];
        buf_b[N + x] = buf[N + x];
        let v = pm_integer[base + x];
        buf[x] = signed_residue(v, P0);
        buf[N + x] = signed_residue(v, P1);
    }
    workgroupBarrier();
    ntt_forward(lid, 1u);
    for (var idx = lid; idx < 2u * N; idx = idx + WG) {
        let p = prime(idx >> LOG2_N);
        let w = buf_b[idx];
        buf[idx] = mul_shoup(buf[idx], w, shoup_companion(w, p), p);
    }
    workgroupBarrier();
    ntt_inverse(lid, 1u);
    for (var x = lid; x < N; x = x + WG) {
        pm_out[base + x] = inverse_result(0u, x);
    }
}
