//! GPU `poly_mul` against the schoolbook reference on both arithmetic paths.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use umbra_fhe_core::backend::Backend;
use umbra_fhe_core::polynomial::{
    negacyclic_mul_reference, IntegerPolynomial, TorusPolynomial, MAX_INTEGER_COEFFICIENT,
};
use umbra_fhe_gpu::testing::backend_or_skip;
use umbra_fhe_gpu::PathChoice;

const EXTREME_TORUS: [u32; 6] = [0, 1, 1 << 31, u32::MAX, (1 << 31) - 1, 1 << 16];
const EXTREME_INTEGER: [i32; 5] = [0, MAX_INTEGER_COEFFICIENT, -MAX_INTEGER_COEFFICIENT, 1, -1];

/// Random pairs, a pair of all-extreme coefficients and a pair mixing both, per size.
fn cases(n: usize, rng: &mut ChaCha8Rng) -> (Vec<TorusPolynomial>, Vec<IntegerPolynomial>) {
    let m = MAX_INTEGER_COEFFICIENT;
    let mut torus = Vec::new();
    let mut integer = Vec::new();
    for case in 0..4 {
        let (t, i): (Vec<u32>, Vec<i32>) = match case {
            0 => ((0..n).map(|_| rng.random()).collect(), (0..n).map(|_| rng.random_range(-m..=m)).collect()),
            1 => (vec![1 << 31; n], vec![-m; n]),
            2 => (vec![u32::MAX; n], vec![m; n]),
            _ => (
                (0..n).map(|j| EXTREME_TORUS[j % EXTREME_TORUS.len()]).collect(),
                (0..n).map(|_| EXTREME_INTEGER[rng.random_range(0..EXTREME_INTEGER.len())]).collect(),
            ),
        };
        torus.push(TorusPolynomial::from_coefficients(t).unwrap());
        integer.push(IntegerPolynomial::from_coefficients(i).unwrap());
    }
    (torus, integer)
}

fn check(path: PathChoice) {
    let Some(gpu) = backend_or_skip(path) else { return };
    eprintln!("{}", gpu.description());
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for log_n in 8..=11 {
        let n = 1usize << log_n;
        let (torus, integer) = cases(n, &mut rng);
        let got = gpu.poly_mul(&torus, &integer).unwrap();
        assert_eq!(got.len(), torus.len());
        for (case, ((t, i), g)) in torus.iter().zip(&integer).zip(&got).enumerate() {
            let mut expected = vec![0u32; n];
            negacyclic_mul_reference(t.as_slice(), i.as_slice(), &mut expected).unwrap();
            assert_eq!(g.as_slice(), &expected[..], "N = {n}, case {case}");
        }
    }
}

#[test]
fn gpu_poly_mul_u32_matches_reference() {
    check(PathChoice::U32);
}

#[test]
fn gpu_poly_mul_f64_matches_reference() {
    check(PathChoice::F64);
}

#[test]
fn gpu_poly_mul_small_sizes_and_empty_batch() {
    for path in [PathChoice::U32, PathChoice::F64] {
        let Some(gpu) = backend_or_skip(path) else { continue };
        assert!(gpu.poly_mul(&[], &[]).unwrap().is_empty());
        let mut rng = ChaCha8Rng::seed_from_u64(8);
        for n in [1usize, 2, 4, 16, 64] {
            let t: Vec<u32> = (0..n).map(|_| rng.random()).collect();
            let i: Vec<i32> = (0..n).map(|_| rng.random_range(-(1 << 15)..=(1 << 15))).collect();
            let mut expected = vec![0u32; n];
            negacyclic_mul_reference(&t, &i, &mut expected).unwrap();
            let got = gpu
                .poly_mul(
                    &[TorusPolynomial::from_coefficients(t).unwrap()],
                    &[IntegerPolynomial::from_coefficients(i).unwrap()],
                )
                .unwrap();
            assert_eq!(got[0].as_slice(), &expected[..], "{path:?}, N = {n}");
        }
    }
}

#[test]
fn gpu_poly_mul_rejects_bad_inputs() {
    let Some(gpu) = backend_or_skip(PathChoice::U32) else { return };
    let t = TorusPolynomial::from_coefficients(vec![0; 16]).unwrap();
    let too_big = IntegerPolynomial::from_coefficients(vec![MAX_INTEGER_COEFFICIENT + 1; 16]).unwrap();
    assert!(gpu.poly_mul(std::slice::from_ref(&t), &[too_big]).is_err());
    let wrong_size = IntegerPolynomial::from_coefficients(vec![0; 32]).unwrap();
    assert!(gpu.poly_mul(std::slice::from_ref(&t), &[wrong_size]).is_err());
    assert!(gpu.poly_mul(&[t], &[]).is_err());
}
