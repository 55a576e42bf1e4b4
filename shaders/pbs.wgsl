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
