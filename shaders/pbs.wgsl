// Path-independent parts of the programmable bootstrap: accumulator
// initialisation (modulus switch of the body, ACC = X^{-b̃}·LUT) and the fused
// sample extraction + LWE keyswitch. Pure u32 torus arithmetic (wrapping).
//
// Needs common.wgsl and the prelude constants N, LOG2_N, K, LWE_DIM,
// KS_BASE_LOG, KS_LEVELS and KS_GADGET_ONES.
//
// Memory layout (u32 words):
//   inputs    [ciphertext][LWE_DIM + 1] (mask then body).
//   luts      [table][N], the test polynomials.
//   selection [ciphertext], index of each ciphertext's table in `luts`.
//   acc       [ciphertext][K + 1][N], the GLWE accumulator, body last.
//   ksk       [extracted index j < K·N][level q][LWE_DIM + 1]: row (j, q) encrypts
//             s_j·2^(32 − (q+1)·KS_BASE_LOG) under the output key.
//   outputs   [ciphertext][LWE_DIM + 1].
// Grids: init has one workgroup per ciphertext; keyswitch has
// ceil((LWE_DIM + 1)/64) × ciphertexts workgroups, one invocation per output word.

@group(0) @binding(0) var<storage, read> inputs: array<u32>;
@group(0) @binding(1) var<storage, read> luts: array<u32>;
@group(0) @binding(2) var<storage, read> selection: array<u32>;
@group(0) @binding(3) var<storage, read_write> acc: array<u32>;
@group(0) @binding(4) var<storage, read> ksk: array<u32>;
@group(0) @binding(5) var<storage, read_write> outputs: array<u32>;

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

// Output word m of ciphertext ct: (0, b) − Σ_{j,q} digit_q(a_j)·ksk[j][q], where
// (a, b) is the sample extracted from coefficient 0 of the accumulator:
// a_{i·N} = A_i[0], a_{i·N+x} = −A_i[N−x] for x ≥ 1, b = B[0].
@compute @workgroup_size(64)
fn keyswitch(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
    let m = wid.x * 64u + lid;
    let ct = wid.y;
    if (m > LWE_DIM) {
        return;
    }
    let base = ct * (K + 1u) * N;
    var sum = 0u;
    for (var j = 0u; j < K * N; j = j + 1u) {
        let poly = base + (j >> LOG2_N) * N;
        let x = j & (N - 1u);
        var a = acc[poly];
        if (x != 0u) {
            a = 0u - acc[poly + N - x];
        }
        for (var q = 0u; q < KS_LEVELS; q = q + 1u) {
            let d = gadget_digit(a, KS_BASE_LOG, KS_LEVELS, KS_GADGET_ONES, q);
            sum = sum + u32(d) * ksk[(j * KS_LEVELS + q) * (LWE_DIM + 1u) + m];
        }
    }
    var body = 0u;
    if (m == LWE_DIM) {
        body = acc[base + K * N];
    }
    outputs[ct * (LWE_DIM + 1u) + m] = body - sum;
}
