//! The batched exact negacyclic product of [`Backend::poly_mul`](umbra_fhe_core::backend::Backend::poly_mul).
//!
//! Exactness: an output coefficient is an integer of magnitude at most
//! `N·2^15·2^31` (torus values read as `i32`, `|integer| ≤ 2^15`). The `u32`
//! path is exact while that stays below `M/2 ≈ 2^58.39` (`N ≤ 4096`); the
//! `f64` path needs far less (`2^53` minus round-off). Beyond that, the torus
//! operand is split into signed 16-bit halves `a = hi·2^16 + lo` with
//! `|lo|, |hi| ≤ 2^15`, each half's product is bounded by `N·2^30 ≤ 2^44`, and
//! the host recombines `lo_out + (hi_out << 16)` mod 2^32.

use umbra_fhe_core::backend::check_poly_mul;
use umbra_fhe_core::polynomial::{IntegerPolynomial, TorusPolynomial};
use umbra_fhe_core::Result;

use super::buffers;
use super::context::Runtime;
use super::device::backend_error;
use super::pipelines::{self, ProductPipeline};
use crate::arith;
use crate::codegen::bindings;
use crate::codegen::path::GRID_WIDTH;
use crate::options::Arithmetic;

/// Whether products of size `n` must be split into 16-bit halves to stay exact.
fn needs_split(arithmetic: Arithmetic, n: usize) -> bool {
    match arithmetic {
        Arithmetic::U32 => (n as u128) << (15 + 31) > u128::from(arith::CRT_HALF_RANGE),
        // Products of full 32-bit torus values exceed f64's 53 bits from N = 128 on;
        // splitting always keeps the kernel's rounding exact.
        Arithmetic::F64 => true,
    }
}

/// Signed 16-bit halves `(lo, hi)` of `a` read as `i32`: `a = hi·2^16 + lo`.
fn split(a: u32) -> (u32, u32) {
    let lo = i32::from(a as u16 as i16);
    let hi = ((i64::from(a as i32) - i64::from(lo)) >> 16) as i32;
    (lo as u32, hi as u32)
}

/// The negacyclic products `torus[i] · integer[i]`, exactly.
pub(crate) fn poly_mul(
    runtime: &Runtime,
    torus: &[TorusPolynomial],
    integer: &[IntegerPolynomial],
) -> Result<Vec<TorusPolynomial>> {
    let n = check_poly_mul(torus, integer)?;
    if n == 0 {
        return Ok(Vec::new());
    }
    if n == 1 {
        // A single coefficient has no transform; X^1 + 1 makes it a plain product.
        return torus
            .iter()
            .zip(integer)
            .map(|(t, i)| {
                TorusPolynomial::from_coefficients(vec![t.as_slice()[0].wrapping_mul(i.as_slice()[0] as u32)])
            })
            .collect();
    }
    let pipeline = runtime.product_pipeline(n)?;
    let split_halves = needs_split(runtime.arithmetic, n);
    let mut lhs: Vec<u32> = Vec::with_capacity(torus.len() * n * if split_halves { 2 } else { 1 });
    let mut rhs: Vec<u32> = Vec::with_capacity(lhs.capacity());
    if split_halves {
        for (t, i) in torus.iter().zip(integer) {
            let (lo, hi): (Vec<u32>, Vec<u32>) = t.as_slice().iter().map(|&a| split(a)).unzip();
            lhs.extend(lo);
            lhs.extend(hi);
            let digits = bytemuck::cast_slice::<i32, u32>(i.as_slice());
            rhs.extend_from_slice(digits);
            rhs.extend_from_slice(digits);
        }
    } else {
        for (t, i) in torus.iter().zip(integer) {
            lhs.extend_from_slice(t.as_slice());
            rhs.extend_from_slice(bytemuck::cast_slice::<i32, u32>(i.as_slice()));
        }
    }
    let products = run(runtime, &pipeline, n, &lhs, &rhs)?;
    let per_input = if split_halves { 2 * n } else { n };
    products
        .chunks_exact(per_input)
        .map(|p| {
            let coeffs = if split_halves {
                let (lo, hi) = p.split_at(n);
                lo.iter().zip(hi).map(|(&l, &h)| l.wrapping_add(h << 16)).collect()
            } else {
                p.to_vec()
            };
            TorusPolynomial::from_coefficients(coeffs)
        })
        .collect()
}

/// Multiplies the `lhs.len() / n` pairs on the device, in as many chunks as the
/// binding limits require.
fn run(runtime: &Runtime, pipeline: &ProductPipeline, n: usize, lhs: &[u32], rhs: &[u32]) -> Result<Vec<u32>> {
    let gpu = &runtime.gpu;
    let poly_bytes = 4 * n as u64;
    let max_pairs = (gpu.limits.max_storage_buffer_binding_size.min(gpu.limits.max_buffer_size) / poly_bytes)
        .min(u64::from(GRID_WIDTH) * u64::from(GRID_WIDTH))
        .min(runtime.options.chunk_memory_budget / (3 * poly_bytes))
        .max(1) as usize;
    let mut out = Vec::with_capacity(lhs.len());
    for (a, b) in lhs.chunks(max_pairs * n).zip(rhs.chunks(max_pairs * n)) {
        let pairs = a.len() / n;
        let chunk = gpu.scoped("polynomial product", || {
            let usage = wgpu::BufferUsages::empty();
            let a_buf = buffers::storage_init(gpu, "poly_mul lhs", bytemuck::cast_slice(a), usage);
            let b_buf = buffers::storage_init(gpu, "poly_mul rhs", bytemuck::cast_slice(b), usage);
            let size = pairs as u64 * poly_bytes;
            let out_buf =
                buffers::buffer(gpu, "poly_mul out", size, wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_SRC);
            let staging = buffers::buffer(
                gpu,
                "poly_mul staging",
                size,
                wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            );
            let mut resources: Vec<_> = pipelines::twiddles(pipeline.twiddles.as_ref()).into_iter().collect();
            resources.extend([
                (bindings::PRODUCT_TORUS, a_buf.as_entire_binding()),
                (bindings::PRODUCT_INTEGER, b_buf.as_entire_binding()),
                (bindings::PRODUCT_OUT, out_buf.as_entire_binding()),
            ]);
            let group = pipeline.poly_mul.bind(gpu, &resources);
            let (x, y) = buffers::grid(pairs)?;
            let mut encoder = gpu.device.create_command_encoder(&Default::default());
            {
                let mut pass = encoder.begin_compute_pass(&Default::default());
                pass.set_pipeline(&pipeline.poly_mul.pipeline);
                group.set(&mut pass);
                pass.dispatch_workgroups(x, y, 1);
            }
            encoder.copy_buffer_to_buffer(&out_buf, 0, &staging, 0, size);
            gpu.queue.submit([encoder.finish()]);
            Ok(staging)
        })?;
        let values = gpu.read_u32(&chunk, None)?;
        if values.len() != a.len() {
            return Err(backend_error("product read-back has the wrong length"));
        }
        out.extend(values);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn split_recombines(a in any::<u32>()) {
            let (lo, hi) = split(a);
            prop_assert!((lo as i32).unsigned_abs() <= 1 << 15 && (hi as i32).unsigned_abs() <= 1 << 15);
            prop_assert_eq!(lo.wrapping_add(hi << 16), a);
        }
    }

    #[test]
    fn split_edges() {
        for a in [0u32, 1, 0x7fff, 0x8000, 0xffff, 1 << 31, u32::MAX, 0x7fff_ffff, 0x8000_8000] {
            let (lo, hi) = split(a);
            assert_eq!(lo.wrapping_add(hi << 16), a, "{a:#x}");
            assert!((hi as i32).unsigned_abs() <= 1 << 15);
        }
    }

    #[test]
    fn u32_path_splits_only_past_4096() {
        assert!(!needs_split(Arithmetic::U32, 4096));
        assert!(needs_split(Arithmetic::U32, 8192));
    }
}
