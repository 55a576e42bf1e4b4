// Portable u32 path: negacyclic NTT over Z/P0 and Z/P1, the key transform,
// the CMux blind-rotation kernel and the batched polynomial product.
//
// Needs common.wgsl and ntt_arith.wgsl, plus the prelude constants N, LOG2_N,
// K, LEVELS, BASE_LOG, GADGET_ONES, LWE_DIM, ROWS = (K+1)·LEVELS, WG (threads
// per workgroup, a power of two <= N/2), N_INV0/N_INV0_SHOUP and
// N_INV1/N_INV1_SHOUP (N^-1 mod each prime with Shoup companions).
//
// Transform: merged Cooley–Tukey forward (natural order in, bit-reversed out)
// and Gentleman–Sande inverse (bit-reversed in, natural out) with the
// negacyclic twist folded into the twiddles psi^bitrev(i), so spectra stay in
// bit-reversed order; only pointwise products happen there, so the order never
// matters. Every butterfly fully reduces: values stay in [0, p).
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
//   spec     [ciphertext][K + 1][prime][N], spectral accumulators (scratch).
// Workgroup memory: N words (plus N for poly_mul); one workgroup per ciphertext.

struct Window {
    first: u32,
    count: u32,
    pad0: u32,
    pad1: u32,
}

@group(0) @binding(0) var<storage, read> twiddles: array<vec2<u32>>;
@group(0) @binding(1) var<storage, read> inputs: array<u32>;
@group(0) @binding(2) var<storage, read_write> acc: array<u32>;
@group(0) @binding(3) var<storage, read_write> spec: array<u32>;
@group(0) @binding(4) var<storage, read> raw_key: array<u32>;
@group(0) @binding(5) var<storage, read_write> key_out: array<vec2<u32>>;
@group(0) @binding(6) var<storage, read> pm_torus: array<u32>;
@group(0) @binding(7) var<storage, read> pm_integer: array<u32>;
@group(0) @binding(8) var<storage, read_write> pm_out: array<u32>;
@group(1) @binding(0) var<storage, read> key: array<vec2<u32>>;
@group(1) @binding(1) var<uniform> window: Window;

var<workgroup> buf: array<u32, N>;
var<workgroup> buf_b: array<u32, N>;
var<workgroup> rotation: u32;

// In-place forward negacyclic NTT of `buf` modulo prime(pi); ends with a barrier.
fn ntt_forward(pi: u32, lid: u32) {
    let p = prime(pi);
    let table = pi * 2u * N;
    var t = N;
    for (var m = 1u; m < N; m = m * 2u) {
        t = t / 2u;
        for (var b = lid; b < N / 2u; b = b + WG) {
            let i = b / t;
            let j = 2u * i * t + (b & (t - 1u));
            let w = twiddles[table + m + i];
            let u = buf[j];
            let v = mul_shoup(buf[j + t], w.x, w.y, p);
            buf[j] = add_mod(u, v, p);
            buf[j + t] = sub_mod(u, v, p);
        }
        workgroupBarrier();
    }
}

// In-place inverse negacyclic NTT of `buf` modulo prime(pi), without the
// final N^-1 scaling (callers fold it into their read-out); ends with a barrier.
fn ntt_inverse(pi: u32, lid: u32) {
    let p = prime(pi);
    let table = (pi * 2u + 1u) * N;
    var t = 1u;
    for (var m = N; m > 1u; m = m / 2u) {
        let h = m / 2u;
        for (var b = lid; b < N / 2u; b = b + WG) {
            let i = b / t;
            let j = 2u * i * t + (b & (t - 1u));
            let w = twiddles[table + h + i];
            let u = buf[j];
            let v = buf[j + t];
            buf[j] = add_mod(u, v, p);
            buf[j + t] = mul_shoup(sub_mod(u, v, p), w.x, w.y, p);
        }
        t = t * 2u;
        workgroupBarrier();
    }
}

// x · N^-1 mod prime(pi).
fn scale_inverse(x: u32, pi: u32) -> u32 {
    if (pi == 0u) {
        return mul_shoup(x, N_INV0, N_INV0_SHOUP, P0);
    }
    return mul_shoup(x, N_INV1, N_INV1_SHOUP, P1);
}

// One workgroup per torus polynomial of the raw bootstrapping key (2-D grid of
// at most 65535 × 65535): writes its spectrum under both primes with Shoup companions.
@compute @workgroup_size(WG)
fn key_transform(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let poly = wid.y * 65535u + wid.x;
    if (poly >= arrayLength(&raw_key) / N) {
        return;
    }
    for (var pi = 0u; pi < 2u; pi = pi + 1u) {
        let p = prime(pi);
        for (var x = lid; x < N; x = x + WG) {
            buf[x] = signed_residue(raw_key[poly * N + x], p);
        }
        workgroupBarrier();
        ntt_forward(pi, lid);
        for (var f = lid; f < N; f = f + WG) {
            let w = buf[f];
            key_out[(poly * 2u + pi) * N + f] = vec2<u32>(w, shoup_companion(w, p));
        }
        workgroupBarrier();
    }
}

// Blind rotation for the GGSWs of the bound window: one workgroup per ciphertext
// of the chunk; for each step i, acc += BSK_i ⊡ (X^rot·acc − acc), skipping rot = 0.
@compute @workgroup_size(WG)
fn cmux(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let ct = wid.x;
    let acc_base = ct * (K + 1u) * N;
    let spec_base = ct * (K + 1u) * 2u * N;
    for (var s = 0u; s < window.count; s = s + 1u) {
        if (lid == 0u) {
            rotation = mod_switch(inputs[ct * (LWE_DIM + 1u) + window.first + s]);
        }
        let rot = workgroupUniformLoad(&rotation);
        if (rot == 0u) {
            continue;
        }
        for (var row = 0u; row < ROWS; row = row + 1u) {
            let j = row / LEVELS;
            let q = row % LEVELS;
            for (var pi = 0u; pi < 2u; pi = pi + 1u) {
                let p = prime(pi);
                for (var x = lid; x < N; x = x + WG) {
                    let src = monomial_source(x, rot);
                    let rotated = apply_sign(acc[acc_base + j * N + src.x], src.y);
                    let diff = rotated - acc[acc_base + j * N + x];
                    let d = gadget_digit(diff, BASE_LOG, LEVELS, GADGET_ONES, q);
                    buf[x] = signed_residue(u32(d), p);
                }
                workgroupBarrier();
                ntt_forward(pi, lid);
                for (var f = lid; f < N; f = f + WG) {
                    let dv = buf[f];
                    for (var c = 0u; c <= K; c = c + 1u) {
                        let kv = key[((s * ROWS + row) * (K + 1u) + c) * 2u * N + pi * N + f];
                        let prod = mul_shoup(dv, kv.x, kv.y, p);
                        let at = spec_base + (c * 2u + pi) * N + f;
                        if (row == 0u) {
                            spec[at] = prod;
                        } else {
                            spec[at] = add_mod(spec[at], prod, p);
                        }
                    }
                }
                workgroupBarrier();
            }
        }
        for (var c = 0u; c <= K; c = c + 1u) {
            for (var pi = 0u; pi < 2u; pi = pi + 1u) {
                let at = spec_base + (c * 2u + pi) * N;
                for (var f = lid; f < N; f = f + WG) {
                    buf[f] = spec[at + f];
                }
                workgroupBarrier();
                ntt_inverse(pi, lid);
                // Each invocation reads back exactly the indices it wrote, so
                // the residue mod P0 can wait in `spec` for the P1 pass.
                let r0_at = spec_base + c * 2u * N;
                for (var x = lid; x < N; x = x + WG) {
                    let r = scale_inverse(buf[x], pi);
                    if (pi == 0u) {
                        spec[r0_at + x] = r;
                    } else {
                        let a = acc_base + c * N + x;
                        acc[a] = acc[a] + crt(spec[r0_at + x], r);
                    }
                }
                workgroupBarrier();
            }
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
    for (var pi = 0u; pi < 2u; pi = pi + 1u) {
        let p = prime(pi);
        for (var x = lid; x < N; x = x + WG) {
            buf[x] = signed_residue(pm_torus[base + x], p);
        }
        workgroupBarrier();
        ntt_forward(pi, lid);
        for (var f = lid; f < N; f = f + WG) {
            buf_b[f] = buf[f];
            buf[f] = signed_residue(pm_integer[base + f], p);
        }
        workgroupBarrier();
        ntt_forward(pi, lid);
        for (var f = lid; f < N; f = f + WG) {
            let w = buf_b[f];
            buf[f] = mul_shoup(buf[f], w, shoup_companion(w, p), p);
        }
        workgroupBarrier();
        ntt_inverse(pi, lid);
        for (var x = lid; x < N; x = x + WG) {
            let r = scale_inverse(buf[x], pi);
            if (pi == 0u) {
                pm_out[base + x] = r;
            } else {
                pm_out[base + x] = crt(pm_out[base + x], r);
            }
        }
        workgroupBarrier();
    }
}
