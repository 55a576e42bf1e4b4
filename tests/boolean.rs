//! Boolean gates through the user API, on the CPU backend.

mod common;

use common::{decrypt_bits, encrypt_bits};
use rand::{Rng, SeedableRng};
use umbra_fhe::{params, BackendChoice, ClientKey, Error, Gate, ServerKey};

fn keys(p: umbra_fhe::Parameters) -> (ClientKey, ServerKey) {
    let client = ClientKey::new(p).unwrap();
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();
    (client, server)
}

#[test]
fn every_gate_truth_table_on_both_boolean_sets() {
    for p in [params::DEFAULT_BOOLEAN, params::TFHE_LIB] {
        let (client, server) = keys(p);
        let cases = [(false, false), (false, true), (true, false), (true, true)];
        let inputs: Vec<_> = cases.iter().map(|&(a, b)| (client.encrypt_bool(a), client.encrypt_bool(b))).collect();
        let mut ops = Vec::new();
        for gate in Gate::ALL {
            for (a, b) in &inputs {
                ops.push((gate, a, b));
            }
        }
        let out = server.gates_batch(&ops).unwrap();
        for (i, ct) in out.iter().enumerate() {
            let (gate, (a, b)) = (Gate::ALL[i / 4], cases[i % 4]);
            assert_eq!(client.decrypt_bool(ct).unwrap(), gate.eval(a, b), "{}: {gate:?}({a}, {b})", p.name);
        }
        // The single-call forms agree with the batch.
        let (t, f) = (client.encrypt_bool(true), client.encrypt_bool(false));
        assert!(client.decrypt_bool(&server.and(&t, &t).unwrap()).unwrap());
        assert!(client.decrypt_bool(&server.or(&f, &t).unwrap()).unwrap());
        assert!(client.decrypt_bool(&server.nand(&f, &t).unwrap()).unwrap());
        assert!(client.decrypt_bool(&server.nor(&f, &f).unwrap()).unwrap());
        assert!(client.decrypt_bool(&server.xor(&f, &t).unwrap()).unwrap());
        assert!(client.decrypt_bool(&server.xnor(&t, &t).unwrap()).unwrap());
        assert!(!client.decrypt_bool(&server.not(&t).unwrap()).unwrap());
        assert!(client.decrypt_bool(&server.not(&f).unwrap()).unwrap());
    }
}

#[test]
fn mux_truth_table_and_batch_forms() {
    let (client, server) = keys(params::DEFAULT_BOOLEAN);
    let mut c = Vec::new();
    let mut a = Vec::new();
    let mut b = Vec::new();
    let mut expected = Vec::new();
    for bits in 0..8u8 {
        let (cb, ab, bb) = (bits & 1 == 1, bits & 2 == 2, bits & 4 == 4);
        c.push(client.encrypt_bool(cb));
        a.push(client.encrypt_bool(ab));
        b.push(client.encrypt_bool(bb));
        expected.push(if cb { ab } else { bb });
    }
    let out = server.mux_batch(&c, &a, &b).unwrap();
    let got: Vec<bool> = out.iter().map(|x| client.decrypt_bool(x).unwrap()).collect();
    assert_eq!(got, expected);
    // A mux output (two bootstraps summed) still feeds further gates correctly.
    let chained = server.xor_batch(&out, &a).unwrap();
    for (i, ct) in chained.iter().enumerate() {
        assert_eq!(client.decrypt_bool(ct).unwrap(), expected[i] ^ (i & 2 == 2));
    }
    let ands = server.and_batch(&a, &b).unwrap();
    let nots = server.not_batch(&a).unwrap();
    for i in 0..8 {
        assert_eq!(client.decrypt_bool(&ands[i]).unwrap(), (i & 2 == 2) && (i & 4 == 4));
        assert_eq!(client.decrypt_bool(&nots[i]).unwrap(), i & 2 == 0);
    }
    assert!(server.mux_batch(&c, &a, &b[..7]).is_err());
    assert!(server.and_batch(&a, &b[..7]).is_err());
}

#[test]
fn eight_bit_adder_matches_plaintext_on_random_inputs() {
    let (client, server) = keys(params::DEFAULT_BOOLEAN);
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    for _ in 0..3 {
        let (x, y): (u64, u64) = (rng.random_range(0..256), rng.random_range(0..256));
        let sum = server.add_bits(&encrypt_bits(&client, x, 8), &encrypt_bits(&client, y, 8)).unwrap();
        assert_eq!(decrypt_bits(&client, &sum), (x + y) % 256, "{x} + {y}");
    }
    let max = encrypt_bits(&client, 255, 8);
    let sum = server.add_bits(&max, &max).unwrap();
    assert_eq!(decrypt_bits(&client, &sum), 254);
}

#[test]
fn ciphertexts_under_another_key_or_set_are_rejected() {
    let (client, server) = keys(params::DEFAULT_BOOLEAN);
    let other = ClientKey::new(params::DEFAULT_BOOLEAN).unwrap();
    let other_set = ClientKey::new(params::TFHE_LIB).unwrap();
    let mine = client.encrypt_bool(true);
    let foreign = other.encrypt_bool(true);
    assert!(matches!(server.and(&mine, &foreign), Err(Error::KeyMismatch { .. })));
    assert!(matches!(server.not(&other_set.encrypt_bool(true)), Err(Error::ParameterMismatch { .. })));
    assert!(matches!(client.decrypt_bool(&foreign), Err(Error::KeyMismatch { .. })));
    assert!(server.add_bits(std::slice::from_ref(&mine), &[]).is_err());
}

#[test]
fn secrets_never_show_in_debug_output() {
    let client = ClientKey::from_seed(params::TFHE_LIB, [3; 32]).unwrap();
    let text = format!("{client:?}");
    assert!(text.contains("<redacted>"), "{text}");
    assert!(text.len() < 200, "{text}");
}
