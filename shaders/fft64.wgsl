// f64 path (needs SHADER_F64): the folded negacyclic FFT of core/src/fft.rs,
// the key transform, the CMux blind-rotation kernel and the batched product.
//
// Needs common.wgsl plus the prelude constants N, HALF = N/2, K, LEVELS,
// BASE_LOG, GADGET_ONES, LWE_DIM, ROWS = (K+1)·LEVELS, WG (threads per
// workgroup, a power of two <= max(HALF/2, 1)), TWIST_OFF = HALF/2 and
// UNTWIST_OFF = TWIST_OFF + HALF.
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
// Workgroup memory: 16·HALF bytes (twice that for poly_mul).

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

var<workgroup> buf: array<vec2<f64>, HALF>;
var<workgroup> buf_b: array<vec2<f64>, HALF>;
var<workgroup> rotation: u32;

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

// In-place forward FFT (decimation in frequency) of `buf`; ends with a barrier.
fn fft_forward(lid: u32) {
    var stride = 1u;
    for (var len = HALF / 2u; len >= 1u; len = len / 2u) {
        for (var b = lid; b < HALF / 2u; b = b + WG) {
            let jj = b & (len - 1u);
            let j = 2u * (b - jj) + jj;
            let u = buf[j];
            let v = buf[j + len];
            buf[j] = u + v;
            buf[j + len] = cmul(u - v, twiddles[jj * stride]);
        }
        stride = stride * 2u;
        workgroupBarrier();
    }
}

// In-place inverse FFT (decimation in time, unnormalised) of `buf`; ends with a barrier.
fn fft_inverse(lid: u32) {
    var stride = HALF / 2u;
    for (var len = 1u; len < HALF; len = len * 2u) {
        for (var b = lid; b < HALF / 2u; b = b + WG) {
            let jj = b & (len - 1u);
            let j = 2u * (b - jj) + jj;
            let w = twiddles[jj * stride];
            let u = buf[j];
            let v = cmul(buf[j + len], vec2<f64>(w.x, -w.y));
            buf[j] = u + v;
            buf[j + len] = u - v;
        }
        stride = stride / 2u;
        workgroupBarrier();
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
    fft_forward(lid);
    for (var f = lid; f < HALF; f = f + WG) {
        key_out[poly * HALF + f] = buf[f];
    }
}

// Frequencies (and folded coefficients) per invocation: invocation `lid` owns
// lid + i·WG for i < PER, the same ones in every transform of a CMux step.
const PER: u32 = HALF / WG;

// Blind rotation for the GGSWs of the bound window: one workgroup per ciphertext
// of the chunk; for each step i, acc += BSK_i ⊡ (X^rot·acc − acc), skipping rot = 0.
//
// Per step and ciphertext: the rotated difference of each component j is read
// from `acc` once into registers (`diff`) and every level's digits are taken
// from it; the (K+1) spectral accumulators of the owned frequencies stay in
// registers (`out`) across all (K+1)·LEVELS rows, so the only global traffic
// is `acc` (read for the differences, updated after the inverse transforms)
// and the key. Rows are added in increasing order, as the exact reference does.
@compute @workgroup_size(WG)
fn cmux(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let ct = wid.x;
    let acc_base = ct * (K + 1u) * N;
    for (var s = 0u; s < window.count; s = s + 1u) {
        if (lid == 0u) {
            rotation = mod_switch(inputs[ct * (LWE_DIM + 1u) + window.first + s]);
        }
        let rot = workgroupUniformLoad(&rotation);
        if (rot == 0u) {
            continue;
        }
        var out: array<vec2<f64>, (K + 1u) * PER>;
        for (var e = 0u; e < (K + 1u) * PER; e = e + 1u) {
            out[e] = vec2<f64>(0.0lf, 0.0lf);
        }
        for (var j = 0u; j <= K; j = j + 1u) {
            let poly = acc_base + j * N;
            // (X^rot·ACC_j − ACC_j) at the owned folded coefficients x and x + HALF.
            var diff: array<vec2<u32>, PER>;
            for (var i = 0u; i < PER; i = i + 1u) {
                let x = lid + i * WG;
                let lo = monomial_source(x, rot);
                let hi = monomial_source(x + HALF, rot);
                diff[i] = vec2<u32>(
                    apply_sign(acc[poly + lo.x], lo.y) - acc[poly + x],
                    apply_sign(acc[poly + hi.x], hi.y) - acc[poly + x + HALF],
                );
            }
            for (var q = 0u; q < LEVELS; q = q + 1u) {
                for (var i = 0u; i < PER; i = i + 1u) {
                    let x = lid + i * WG;
                    let d = diff[i];
                    let d_lo = gadget_digit(d.x, BASE_LOG, LEVELS, GADGET_ONES, q);
                    let d_hi = gadget_digit(d.y, BASE_LOG, LEVELS, GADGET_ONES, q);
                    buf[x] = cmul(vec2<f64>(f64(d_lo), f64(d_hi)), twiddles[TWIST_OFF + x]);
                }
                workgroupBarrier();
                fft_forward(lid);
                let row = j * LEVELS + q;
                for (var i = 0u; i < PER; i = i + 1u) {
                    let f = lid + i * WG;
                    let dv = buf[f];
                    for (var c = 0u; c <= K; c = c + 1u) {
                        out[c * PER + i] = out[c * PER + i] + cmul(dv, key[((s * ROWS + row) * (K + 1u) + c) * HALF + f]);
                    }
                }
                workgroupBarrier();
            }
        }
        for (var c = 0u; c <= K; c = c + 1u) {
            for (var i = 0u; i < PER; i = i + 1u) {
                buf[lid + i * WG] = out[c * PER + i];
            }
            workgroupBarrier();
            fft_inverse(lid);
            let poly = acc_base + c * N;
            for (var x = lid; x < HALF; x = x + WG) {
                let v = cmul(buf[x], twiddles[UNTWIST_OFF + x]);
                acc[poly + x] = acc[poly + x] + to_torus(v.x);
                acc[poly + x + HALF] = acc[poly + x + HALF] + to_torus(v.y);
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
    fft_forward(lid);
    for (var x = lid; x < HALF; x = x + WG) {
        buf_b[x] = buf[x];
        let c = vec2<f64>(signed(pm_integer[base + x]), signed(pm_integer[base + x + HALF]));
        buf[x] = cmul(c, twiddles[TWIST_OFF + x]);
    }
    workgroupBarrier();
    fft_forward(lid);
    for (var f = lid; f < HALF; f = f + WG) {
        buf[f] = cmul(buf[f], buf_b[f]);
    }
    workgroupBarrier();
    fft_inverse(lid);
    for (var x = lid; x < HALF; x = x + WG) {
        let v = cmul(buf[x], twiddles[UNTWIST_OFF + x]);
        pm_out[base + x] = to_torus(v.x);
        pm_out[base + x + HALF] = to_torus(v.y);
    }
}
