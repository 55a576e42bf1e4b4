// f64 path (needs SHADER_F64): the folded negacyclic FFT of core/src/fft.rs,
// the key transform, the CMux blind-rotation kernel and the batched product.
//
// Needs common.wgsl plus the prelude constants N, HALF = N/2, K, LEVELS,
// BASE_LOG, GADGET_ONES, LWE_DIM, ROWS = (K+1)·LEVELS, WG (threads per
// workgroup, a power of two <= max(HALF/2, 1)), TWIST_OFF = HALF/2,
// UNTWIST_OFF = TWIST_OFF + HALF and CMUX_CTS (ciphertexts per CMux
// workgroup, 1 or 2).
//
// Transform: a polynomial p is folded into HALF complex values
// c_j = (p_j + i·p_{j+HALF})·w^j, w = e^{iπ/N}; a decimation-in-frequency FFT
// of size HALF (natural in, bit-reversed out) gives its spectrum; the inverse is
// the matching decimation-in-time FFT (bit-reversed in, natural out), then
// c_j·w^-j/HALF is unfolded and rounded to the nearest integer mod 2^32.
// Spectra stay bit-reversed; only pointwise products happen there.
//
// Precision: exact CMux sums are at most (K+1)·LEVELS·N·2^(BASE_LOG-1)·2^31
// (below 2^53 for every shipped set); the FFT round-off is far below 1/2 for
// all but rare coefficients, which may then differ from the exact result by ±1.
// poly_mul's host side splits torus operands into 16-bit halves so each
// product stays below N·2^30 and is exact.
//
// Memory layout (vec2<f64> = one complex value unless stated):
//   twiddles [0, TWIST_OFF): e^{-2πik/HALF}; [TWIST_OFF, +HALF): w^j;
//            [UNTWIST_OFF, +HALF): w^-j / HALF. All computed on the host.
//   key      [ggsw][row = j·LEVELS + q][component c][HALF]; a window of
//            `window.count` GGSWs is bound, starting at GGSW `window.first`.
//   inputs   u32 [ciphertext][LWE_DIM + 1].
//   acc      u32 [ciphertext][K + 1][N].
//   (The CMux keeps its spectral accumulators in registers: no scratch buffer.)
// Workgroup memory: 16·HALF·CMUX_CTS bytes (16·HALF·(CMUX_CTS + 1) for poly_mul).

struct Window {
    first: u32,
    count: u32,
    pad0: u32,
    pad1: u32,
}

@group(0) @binding(0) var<storage, read> twiddles: array<vec2<f64>>;
@group(0) @binding(1) var<storage, read> inputs: array<u32>;
@group(0) @binding(2) var<storage, read_write> acc: array<u32>;
@group(0) @binding(4) var<storage, read> raw_key: array<u32>;
@group(0) @binding(5) var<storage, read_write> key_out: array<vec2<f64>>;
@group(0) @binding(6) var<storage, read> pm_torus: array<u32>;
@group(0) @binding(7) var<storage, read> pm_integer: array<u32>;
@group(0) @binding(8) var<storage, read_write> pm_out: array<u32>;
@group(1) @binding(0) var<storage, read> key: array<vec2<f64>>;
@group(1) @binding(1) var<uniform> window: Window;

// `buf` holds CMUX_CTS polynomials back to back (slot t at t·HALF); the
// transforms work on the first `slots` of them, two radix-2 stages per barrier.
var<workgroup> buf: array<vec2<f64>, HALF * CMUX_CTS>;
var<workgroup> buf_b: array<vec2<f64>, HALF>;

fn cmul(a: vec2<f64>, b: vec2<f64>) -> vec2<f64> {
    return vec2<f64>(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}

fn signed(x: u32) -> f64 {
    return f64(bitcast<i32>(x));
}

// Nearest integer to x, mod 2^32. |x| < 2^53, so every step is exact.
fn to_torus(x: f64) -> u32 {
    let r = round(x);
    let wraps = floor(r * (1.0lf / 4294967296.0lf));
    return u32(r - wraps * 4294967296.0lf);
}

// In-place forward FFT (decimation in frequency) of the first `slots`
// polynomials of `buf`; ends with a barrier. Stages len = HALF/2, …, 1 go two
// at a time: one invocation holds the four values a radix-4 butterfly needs
// (j, j + len/2, j + len, j + 3len/2) in registers and applies both radix-2
// stages to them, so a transform takes ⌈log2(HALF)/2⌉ barriers instead of
// log2(HALF), with exactly the operations (and results) of the radix-2
// stages. An odd stage count ends with one radix-2 stage (len = 1).
fn fft_forward(lid: u32, slots: u32) {
    var stride = 1u;
    // Stages left; the next one has len = 2^(rem − 1).
    var rem = firstTrailingBit(HALF);
    loop {
        if (rem >= 2u) {
            let len = 1u << (rem - 1u);
            let half_len = len >> 1u;
            for (var q = lid; q < HALF / 4u; q = q + WG) {
                let jj = q & (half_len - 1u);
                let base = ((q >> (rem - 2u)) << rem) + jj;
                let w_a = twiddles[jj * stride];
                let w_b = twiddles[(jj + half_len) * stride];
                let w_c = twiddles[jj * 2u * stride];
                for (var t = 0u; t < slots; t = t + 1u) {
                    let at = t * HALF + base;
                    let e0 = buf[at];
                    let e1 = buf[at + half_len];
                    let e2 = buf[at + len];
                    let e3 = buf[at + len + half_len];
                    // Stage len: (e0, e2) and (e1, e3).
                    let a0 = e0 + e2;
                    let a2 = cmul(e0 - e2, w_a);
                    let a1 = e1 + e3;
                    let a3 = cmul(e1 - e3, w_b);
                    // Stage len/2: (a0, a1) and (a2, a3).
                    buf[at] = a0 + a1;
                    buf[at + half_len] = cmul(a0 - a1, w_c);
                    buf[at + len] = a2 + a3;
                    buf[at + len + half_len] = cmul(a2 - a3, w_c);
                }
            }
            stride = stride * 4u;
            rem = rem - 2u;
            workgroupBarrier();
        } else if (rem == 1u) {
            // The last stage, len = 1 (its twiddle index is always 0).
            let w = twiddles[0];
            for (var b = lid; b < HALF / 2u; b = b + WG) {
                for (var t = 0u; t < slots; t = t + 1u) {
                    let at = t * HALF + 2u * b;
                    let u = buf[at];
                    let v = buf[at + 1u];
                    buf[at] = u + v;
                    buf[at + 1u] = cmul(u - v, w);
                }
            }
            workgroupBarrier();
            break;
        } else {
            break;
        }
    }
}

// In-place inverse FFT (decimation in time, unnormalised) of the first
// `slots` polynomials of `buf`; ends with a barrier. Stages len = 1, …, HALF/2
// go two at a time as in `fft_forward` (values j, j + len, j + 2len,
// j + 3len in registers); an odd stage count ends with one radix-2 stage
// (len = HALF/2).
fn fft_inverse(lid: u32, slots: u32) {
    var stride = HALF / 2u;
    var lg = 0u; // log2(len)
    loop {
        let len = 1u << lg;
        if (4u * len <= HALF) {
            for (var q = lid; q < HALF / 4u; q = q + WG) {
                let jj = q & (len - 1u);
                let base = ((q >> lg) << (lg + 2u)) + jj;
                let w_a = twiddles[jj * stride];
                let w_b = twiddles[jj * (stride / 2u)];
                let w_c = twiddles[(jj + len) * (stride / 2u)];
                let c_a = vec2<f64>(w_a.x, -w_a.y);
                let c_b = vec2<f64>(w_b.x, -w_b.y);
                let c_c = vec2<f64>(w_c.x, -w_c.y);
                for (var t = 0u; t < slots; t = t + 1u) {
                    let at = t * HALF + base;
                    let e0 = buf[at];
                    let e2 = buf[at + 2u * len];
                    // Stage len: (e0, e1) and (e2, e3).
                    let v1 = cmul(buf[at + len], c_a);
                    let v3 = cmul(buf[at + 3u * len], c_a);
                    let a0 = e0 + v1;
                    let a1 = e0 - v1;
                    let a2 = e2 + v3;
                    let a3 = e2 - v3;
                    // Stage 2len: (a0, a2) and (a1, a3).
                    let v2 = cmul(a2, c_b);
                    let v4 = cmul(a3, c_c);
                    buf[at] = a0 + v2;
                    buf[at + 2u * len] = a0 - v2;
                    buf[at + len] = a1 + v4;
                    buf[at + 3u * len] = a1 - v4;
                }
            }
            stride = stride / 4u;
            lg = lg + 2u;
            workgroupBarrier();
        } else if (len < HALF) {
            // The last stage, len = HALF/2 (stride 1).
            for (var b = lid; b < HALF / 2u; b = b + WG) {
                let w = twiddles[b];
                let conj = vec2<f64>(w.x, -w.y);
                for (var t = 0u; t < slots; t = t + 1u) {
                    let at = t * HALF + b;
                    let u = buf[at];
                    let v = cmul(buf[at + len], conj);
                    buf[at] = u + v;
                    buf[at + len] = u - v;
                }
            }
            workgroupBarrier();
            break;
        } else {
            break;
        }
    }
}

// One workgroup per torus polynomial of the raw bootstrapping key (2-D grid).
@compute @workgroup_size(WG)
fn key_transform(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let poly = wid.y * 65535u + wid.x;
    if (poly >= arrayLength(&raw_key) / N) {
        return;
    }
    for (var x = lid; x < HALF; x = x + WG) {
        let c = vec2<f64>(signed(raw_key[poly * N + x]), signed(raw_key[poly * N + x + HALF]));
        buf[x] = cmul(c, twiddles[TWIST_OFF + x]);
    }
    workgroupBarrier();
    fft_forward(lid, 1u);
    for (var f = lid; f < HALF; f = f + WG) {
        key_out[poly * HALF + f] = buf[f];
    }
}

// Frequencies (and folded coefficients) per invocation: invocation `lid` owns
// lid + i·WG for i < PER, the same ones in every transform of a CMux step.
const PER: u32 = HALF / WG;

// Blind rotation for the GGSWs of the bound window: CMUX_CTS ciphertexts per
// workgroup (slot t holds ciphertext CMUX_CTS·wid.x + t); for each step i,
// acc += BSK_i ⊡ (X^rot·acc − acc).
//
// Per step and ciphertext: the rotated difference of each component j is read
// from `acc` once into registers (`diff`) and every level's digits are taken
// from it; the (K+1) spectral accumulators of the owned frequencies stay in
// registers (`out`) across all (K+1)·LEVELS rows, so the only global traffic
// is `acc` and the key, and each key value read serves every slot. Rows are
// added in increasing order. A step with rot = 0 is computed like any other
// (its difference is 0, so it adds 0): the slots' rotations differ, and the
// barriers need uniform control flow. Slots past the chunk's last ciphertext
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
        var out: array<vec2<f64>, CMUX_CTS * (K + 1u) * PER>;
        for (var e = 0u; e < CMUX_CTS * (K + 1u) * PER; e = e + 1u) {
            out[e] = vec2<f64>(0.0lf, 0.0lf);
        }
        for (var j = 0u; j <= K; j = j + 1u) {
            // (X^rot·ACC_j − ACC_j) at the owned folded coefficients x and x + HALF.
            var diff: array<vec2<u32>, CMUX_CTS * PER>;
            for (var t = 0u; t < CMUX_CTS; t = t + 1u) {
                let poly = ((first + t) * (K + 1u) + j) * N;
                for (var i = 0u; i < PER; i = i + 1u) {
                    let x = lid + i * WG;
                    var d = vec2<u32>(0u, 0u);
                    if (first + t < count) {
                        let lo = monomial_source(x, rots[t]);
                        let hi = monomial_source(x + HALF, rots[t]);
                        d = vec2<u32>(
                            apply_sign(acc[poly + lo.x], lo.y) - acc[poly + x],
                            apply_sign(acc[poly + hi.x], hi.y) - acc[poly + x + HALF],
                        );
                    }
                    diff[t * PER + i] = d;
                }
            }
            for (var q = 0u; q < LEVELS; q = q + 1u) {
                for (var t = 0u; t < CMUX_CTS; t = t + 1u) {
                    for (var i = 0u; i < PER; i = i + 1u) {
                        let x = lid + i * WG;
                        let d = diff[t * PER + i];
                        let d_lo = gadget_digit(d.x, BASE_LOG, LEVELS, GADGET_ONES, q);
                        let d_hi = gadget_digit(d.y, BASE_LOG, LEVELS, GADGET_ONES, q);
                        buf[t * HALF + x] = cmul(vec2<f64>(f64(d_lo), f64(d_hi)), twiddles[TWIST_OFF + x]);
                    }
                }
                workgroupBarrier();
                fft_forward(lid, CMUX_CTS);
                let row = j * LEVELS + q;
                for (var i = 0u; i < PER; i = i + 1u) {
                    let f = lid + i * WG;
                    for (var c = 0u; c <= K; c = c + 1u) {
                        let kv = key[((s * ROWS + row) * (K + 1u) + c) * HALF + f];
                        for (var t = 0u; t < CMUX_CTS; t = t + 1u) {
                            let e = (t * (K + 1u) + c) * PER + i;
                            out[e] = out[e] + cmul(buf[t * HALF + f], kv);
                        }
                    }
                }
                workgroupBarrier();
            }
        }
        for (var c = 0u; c <= K; c = c + 1u) {
            for (var t = 0u; t < CMUX_CTS; t = t + 1u) {
                for (var i = 0u; i < PER; i = i + 1u) {
                    buf[t * HALF + lid + i * WG] = out[(t * (K + 1u) + c) * PER + i];
                }
            }
            workgroupBarrier();
            fft_inverse(lid, CMUX_CTS);
            for (var t = 0u; t < CMUX_CTS; t = t + 1u) {
                if (first + t < count) {
                    let poly = ((first + t) * (K + 1u) + c) * N;
                    for (var x = lid; x < HALF; x = x + WG) {
                        let v = cmul(buf[t * HALF + x], twiddles[UNTWIST_OFF + x]);
                        acc[poly + x] = acc[poly + x] + to_torus(v.x);
                        acc[poly + x + HALF] = acc[poly + x + HALF] + to_torus(v.y);
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
// (both read as i32), 2-D grid as key_transform.
@compute @workgroup_size(WG)
fn poly_mul(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let pair = wid.y * 65535u + wid.x;
    if (pair >= arrayLength(&pm_torus) / N) {
        return;
    }
    let base = pair * N;
    for (var x = lid; x < HALF; x = x + WG) {
        let c = vec2<f64>(signed(pm_torus[base + x]), signed(pm_torus[base + x + HALF]));
        buf[x] = cmul(c, twiddles[TWIST_OFF + x]);
    }
    workgroupBarrier();
    fft_forward(lid, 1u);
    for (var x = lid; x < HALF; x = x + WG) {
        buf_b[x] = buf[x];
        let c = vec2<f64>(signed(pm_integer[base + x]), signed(pm_integer[base + x + HALF]));
        buf[x] = cmul(c, twiddles[TWIST_OFF + x]);
    }
    workgroupBarrier();
    fft_forward(lid, 1u);
    for (var f = lid; f < HALF; f = f + WG) {
        buf[f] = cmul(buf[f], buf_b[f]);
    }
    workgroupBarrier();
    fft_inverse(lid, 1u);
    for (var x = lid; x < HALF; x = x + WG) {
        let v = cmul(buf[x], twiddles[UNTWIST_OFF + x]);
        pm_out[base + x] = to_torus(v.x);
        pm_out[base + x + HALF] = to_torus(v.y);
    }
}
