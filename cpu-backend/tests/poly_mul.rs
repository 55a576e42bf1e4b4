//! The CPU backend's negacyclic product against the exact schoolbook reference.

use proptest::prelude::*;
use umbra_fhe_core::backend::Backend;
use umbra_fhe_core::polynomial::{
    negacyclic_mul_reference, IntegerPolynomial, TorusPolynomial, MAX_INTEGER_COEFFICIENT,
};
use umbra_fhe_cpu::CpuBackend;

fn check(torus: Vec<u32>, integer: Vec<i32>) -> Result<(), TestCaseError> {
    let mut expected = vec![0u32; torus.len()];
    negacyclic_mul_reference(&torus, &integer, &mut expected).unwrap();
    let out = CpuBackend::new()
        .poly_mul(
            &[TorusPolynomial::from_coefficients(torus).unwrap()],
            &[IntegerPolynomial::from_coefficients(integer).unwrap()],
        )
        .unwrap();
    prop_assert_eq!(out[0].as_slice(), expected.as_slice());
    Ok(())
}

/// Torus coefficients biased towards the extremes 0, 2^31 and u32::MAX.
fn torus_coefficient() -> impl Strategy<Value = u32> {
    prop_oneof![any::<u32>(), Just(0), Just(1 << 31), Just(u32::MAX), Just((1 << 31) - 1)]
}

/// Digits biased towards the worst case ±2^15.
fn digit() -> impl Strategy<Value = i32> {
    let m = MAX_INTEGER_COEFFICIENT;
    prop_oneof![-m..=m, Just(m), Just(-m), Just(-512), Just(511), Just(0)]
}

fn case() -> impl Strategy<Value = (Vec<u32>, Vec<i32>)> {
    prop_oneof![Just(256usize), Just(512), Just(1024), Just(2048)]
        .prop_flat_map(|n| (proptest::collection::vec(torus_coefficient(), n), proptest::collection::vec(digit(), n)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn fft_product_equals_reference((torus, integer) in case()) {
        check(torus, integer)?;
    }
}

#[test]
fn worst_case_constant_inputs_are_exact() {
    let m = MAX_INTEGER_COEFFICIENT;
    for n in [256usize, 512, 1024, 2048] {
        for (t, d) in [(1u32 << 31, -m), (1 << 31, m), (u32::MAX, m), ((1 << 31) - 1, -m), (0x8000_8000, m)] {
            check(vec![t; n], vec![d; n]).unwrap();
        }
        let alternating: Vec<i32> = (0..n).map(|i| if i % 2 == 0 { m } else { -m }).collect();
        check(vec![1 << 31; n], alternating).unwrap();
    }
}

#[test]
fn bad_inputs_are_errors() {
    let backend = CpuBackend::new();
    let t = TorusPolynomial::from_coefficients(vec![0; 8]).unwrap();
    let too_big = IntegerPolynomial::from_coefficients(vec![MAX_INTEGER_COEFFICIENT + 1; 8]).unwrap();
    let wrong_size = IntegerPolynomial::from_coefficients(vec![0; 16]).unwrap();
    assert!(backend.poly_mul(std::slice::from_ref(&t), &[too_big]).is_err());
    assert!(backend.poly_mul(std::slice::from_ref(&t), &[wrong_size]).is_err());
    assert!(backend.poly_mul(&[t], &[]).is_err());
    assert!(backend.poly_mul(&[], &[]).unwrap().is_empty());
}
