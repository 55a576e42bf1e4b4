//! Noise bounds on integer ciphertexts: a linear operation whose result
//! would decrypt (or go through a lookup table) wrongly more often than the
//! parameter set's target is an `Error::NoiseOverflow`, and every verdict
//! follows the noise model of `umbra_fhe_core::noise`.
//!
//! The statistical check, many trials of every accepted multiple and sum
//! of table outputs on several keys, is ignored by default (minutes in release):
//! `cargo test --release --test noise_bounds -- --ignored`.

use umbra_fhe::core::noise;
use umbra_fhe::{params, BackendChoice, ClientKey, Error, IntCiphertext, Parameters, ServerKey};

fn keys(p: Parameters) -> (ClientKey, ServerKey) {
    let client = ClientKey::new(p).unwrap();
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();
    (client, server)
}

/// Whether the model accepts an error `Σ cᵢ·eᵢ` over bootstrap outputs with
/// `Σcᵢ² = squares` and `Σcᵢ = sum`, computed here from the core model: the
/// per-key offset adds up linearly, the rest in variance, and the next
/// bootstrap's modulus switch is counted.
fn model_accepts(p: &Parameters, squares: f64, sum: f64) -> bool {
    let offset = noise::bootstrap_offset_variance(p);
    let variance = squares * (noise::bootstrap_output_variance(p) - offset)
        + sum * sum * offset
        + noise::modulus_switch_variance(p);
    let margin = (-(f64::from(p.message_bits) + 2.0)).exp2();
    noise::log2_failure(margin, variance) <= (-64f64).max(noise::lut_failure_log2(p))
}

/// Table outputs of degree 1 (the low bit of 1), `count` of them.
fn table_bits(client: &ClientKey, server: &ServerKey, count: usize) -> Vec<IntCiphertext> {
    let inputs = vec![client.encrypt(1).unwrap(); count];
    server.apply_lut_batch(&inputs, |m| m & 1).unwrap()
}

#[test]
fn the_multiplied_table_bit_of_message_4_is_refused() {
    let (client, server) = keys(params::MESSAGE_4_BITS);
    let bit = server.apply_lut(&client.encrypt(5).unwrap(), |m| m & 1).unwrap();
    let err = server.scalar_mul(&bit, 15).unwrap_err();
    assert!(matches!(err, Error::NoiseOverflow { target_log2: -64, .. }), "{err}");
    assert!(err.to_string().contains("lookup table"), "the message says what to do: {err}");
    // The degree rule alone accepted it (15 · 1 ≤ 15); a bootstrap first
    // makes the same product fine.
    let fresh = client.encrypt_bounded(1, 1).unwrap();
    assert_eq!(client.decrypt(&server.scalar_mul(&fresh, 15).unwrap()).unwrap(), 15);
}

#[test]
fn every_verdict_on_table_outputs_follows_the_noise_model() {
    // (set, largest accepted multiple, largest accepted sum) of table outputs,
    // as the `integer` module documentation states them.
    let documented = [
        (params::MESSAGE_1_BIT, 1, 1),
        (params::MESSAGE_2_BITS, 2, 3),
        (params::MESSAGE_3_BITS, 1, 2),
        (params::MESSAGE_4_BITS, 1, 1),
    ];
    for (p, most_multiple, most_terms) in documented {
        let (client, server) = keys(p);
        let max = (1u64 << p.message_bits) - 1;
        let bits = table_bits(&client, &server, max as usize);
        let (mut largest_multiple, mut largest_sum) = (0, 1);
        for c in 0..=max {
            let accepted = model_accepts(&p, (c * c) as f64, c as f64);
            match server.scalar_mul(&bits[0], c) {
                Ok(product) => {
                    assert!(accepted, "{}: ×{c} accepted against the model", p.name);
                    assert_eq!(client.decrypt(&product).unwrap(), c);
                    largest_multiple = c;
                }
                Err(Error::NoiseOverflow { .. }) => assert!(!accepted, "{}: ×{c} refused against the model", p.name),
                Err(e) => panic!("{}: ×{c}: {e}", p.name),
            }
        }
        let mut sum = bits[0].clone();
        for (k, bit) in bits.iter().enumerate().skip(1) {
            let terms = (k + 1) as f64;
            let accepted = model_accepts(&p, terms, terms);
            match server.add(&sum, bit) {
                Ok(next) => {
                    assert!(accepted, "{}: a sum of {terms} accepted against the model", p.name);
                    assert_eq!(client.decrypt(&next).unwrap(), k as u64 + 1);
                    sum = next;
                    largest_sum = k + 1;
                }
                Err(Error::NoiseOverflow { .. }) => {
                    assert!(!accepted, "{}: a sum of {terms} refused against the model", p.name);
                    break;
                }
                Err(e) => panic!("{}: a sum of {terms}: {e}", p.name),
            }
        }
        assert_eq!((largest_multiple, largest_sum), (most_multiple, most_terms), "{}", p.name);
        // A difference cancels the shared offsets: accepted iff the model
        // accepts two independent terms.
        let difference = server.wrapping_sub(&bits[0], &bits[bits.len() - 1]);
        assert_eq!(difference.is_ok(), model_accepts(&p, 2.0, 0.0), "{}", p.name);
        // Fresh encryptions take every constant the degree allows.
        let fresh = client.encrypt_bounded(1, 1).unwrap();
        for c in 0..=max {
            assert_eq!(client.decrypt(&server.scalar_mul(&fresh, c).unwrap()).unwrap(), c, "{}", p.name);
        }
        // A lookup table resets the noise.
        let reset = server.apply_lut(&sum, |m| m).unwrap();
        assert_eq!(server.failure_log2(&reset).unwrap(), server.failure_log2(&bits[0]).unwrap());
    }
}

#[test]
#[ignore = "statistical: thousands of bootstraps; run in release"]
fn accepted_combinations_of_table_outputs_decrypt_right() {
    let trials: usize = std::env::var("UMBRA_NOISE_TRIALS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    for p in [params::MESSAGE_2_BITS, params::MESSAGE_3_BITS, params::MESSAGE_4_BITS] {
        let max = (1u64 << p.message_bits) - 1;
        let most_multiple = (1..=max).filter(|&c| model_accepts(&p, (c * c) as f64, c as f64)).max().unwrap();
        let most_terms = (1..=max).filter(|&k| model_accepts(&p, k as f64, k as f64)).max().unwrap() as usize;
        for key in 0..3 {
            let (client, server) = keys(p);
            // Table outputs of random bits, enough for `trials` sums.
            let values: Vec<u64> = (0..trials + most_terms).map(|i| ((i * 7 + key) % 3 % 2) as u64).collect();
            let inputs: Vec<IntCiphertext> = values.iter().map(|&v| client.encrypt(v).unwrap()).collect();
            let bits = server.apply_lut_batch(&inputs, |m| m & 1).unwrap();
            // Wrong decryptions of every accepted multiple and of every
            // accepted sum length.
            let mut wrong = (0, 0);
            for t in 0..trials {
                for c in 1..=most_multiple {
                    let product = server.scalar_mul(&bits[t], c).unwrap();
                    wrong.0 += usize::from(client.decrypt(&product).unwrap() != c * values[t]);
                }
                let mut sum = bits[t].clone();
                for k in 2..=most_terms {
                    sum = server.add(&sum, &bits[t + k - 1]).unwrap();
                    let expected: u64 = values[t..t + k].iter().sum();
                    wrong.1 += usize::from(client.decrypt(&sum).unwrap() != expected);
                }
            }
            println!(
                "{} key {key}: ×1..={most_multiple} wrong {}/{}, sums of 2..={most_terms} wrong {}/{}",
                p.name,
                wrong.0,
                trials * most_multiple as usize,
                wrong.1,
                trials * (most_terms - 1)
            );
            assert_eq!(wrong, (0, 0), "{} key {key}", p.name);
        }
    }
}
