//! Packed results: a server packs boolean and integer results with the
//! client's packing key, the client decrypts them, through bytes and serde,
//! on both shipped boolean sets; other keys are refused; the size gain.

use umbra_fhe::core::serialization::{envelope_len, ObjectKind};
use umbra_fhe::{
    params, BackendChoice, BoolCiphertext, ClientKey, Error, FheInt16, FheUint32, FheUint8, PackedBoolList,
    PackedFheIntegers, PackingKey, Parameters, ServerKey,
};

fn keys(p: Parameters) -> (ClientKey, ServerKey, PackingKey) {
    let client = ClientKey::new(p).unwrap();
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();
    let packing = PackingKey::new(&client).unwrap();
    (client, server, packing)
}

#[test]
fn packed_booleans_decrypt_on_both_sets_at_every_chunk_boundary() {
    for p in [params::DEFAULT_BOOLEAN, params::TFHE_LIB] {
        let (client, server, packing) = keys(p);
        let packing = PackingKey::from_bytes(&packing.to_bytes().unwrap()).unwrap();
        let n = p.polynomial_size.0;
        for count in [1, n - 1, n, n + 1] {
            let values: Vec<bool> = (0..count).map(|i| (i * 5 + i / 7) % 3 == 0).collect();
            let bits: Vec<BoolCiphertext> = values.iter().map(|&v| client.encrypt_bool(v)).collect();
            let packed = PackedBoolList::from_bytes(&packing.pack(&bits).unwrap().to_bytes().unwrap()).unwrap();
            assert_eq!(packed.len(), count);
            assert_eq!(client.decrypt_packed(&packed).unwrap(), values, "{} {count}", p.name);
        }
        // Bootstrapped results, the usual case.
        let (a, b) = (client.encrypt_bool(true), client.encrypt_bool(true));
        let results = [server.nand(&a, &b).unwrap(), server.xnor(&a, &b).unwrap()];
        let json = serde_json::to_string(&packing.pack(&results).unwrap()).unwrap();
        let packed: PackedBoolList = serde_json::from_str(&json).unwrap();
        assert_eq!(client.decrypt_packed(&packed).unwrap(), [false, true], "{}", p.name);
    }
}

#[test]
fn packed_integers_decrypt_with_their_public_bits() {
    let (client, server, packing) = keys(params::DEFAULT_BOOLEAN);
    let x = FheUint8::encrypt(77, &client);
    // `(x << 4) << 4`: every bit public (zero).
    let values = [&x + 100u8, &x << 4u32, (&x << 4u32) << 4u32, x.max(200u8)];
    let signed = [FheInt16::encrypt(-300, &client) * 7i16];
    server.evaluate(&(&values, &signed)).unwrap();
    let bytes = packing.pack_integers(&values).unwrap().to_bytes().unwrap();
    let back = PackedFheIntegers::<u8>::from_bytes(&bytes).unwrap().decrypt(&client).unwrap();
    assert_eq!(back, [177, 77u8 << 4, 0, 200]);
    let signed_back = packing.pack_integers(&signed).unwrap().decrypt(&client).unwrap();
    assert_eq!(signed_back, [-2100]);
    assert!(matches!(PackedFheIntegers::<i8>::from_bytes(&bytes), Err(Error::Deserialization(_))));
    assert!(matches!(PackedFheIntegers::<u16>::from_bytes(&bytes), Err(Error::Deserialization(_))));
    assert!(matches!(PackedBoolList::from_bytes(&bytes), Err(Error::Deserialization(_))));
    let pending = &x + 1u8;
    assert!(matches!(packing.pack_integers(&[pending]), Err(Error::InvalidInput(_))));
}

#[test]
fn other_keys_are_refused() {
    let (client, _, packing) = keys(params::DEFAULT_BOOLEAN);
    let (other, _, other_packing) = keys(params::DEFAULT_BOOLEAN);
    let mine = [client.encrypt_bool(true)];
    assert!(matches!(other_packing.pack(&mine), Err(Error::KeyMismatch { .. })));
    let packed = packing.pack(&mine).unwrap();
    assert!(matches!(other.decrypt_packed(&packed), Err(Error::KeyMismatch { .. })));
    assert!(matches!(packing.pack(&[]).unwrap().to_bytes(), Err(Error::InvalidInput(_))));
    let debug = format!("{packing:?} {packed:?}");
    assert!(debug.contains("PackingKey") && debug.contains("len: 1"), "{debug}");
}

#[test]
fn packing_shrinks_results_at_least_tenfold() {
    let p = params::DEFAULT_BOOLEAN;
    let (client, _, packing) = keys(p);
    let bits: Vec<BoolCiphertext> = (0..1024).map(|i| client.encrypt_bool(i % 2 == 0)).collect();
    let ordinary = BoolCiphertext::batch_to_bytes(&bits).unwrap().len();
    let packed = packing.pack(&bits).unwrap().to_bytes().unwrap().len();
    assert_eq!(Some(packed), envelope_len(ObjectKind::PackedBoolList, &p, 1024));
    let u32_result = FheUint32::encrypt(5, &client);
    let one_u32 = packing.pack_integers(std::slice::from_ref(&u32_result)).unwrap().to_bytes().unwrap().len();
    let key = packing.to_bytes().unwrap().len();
    assert_eq!(Some(key), envelope_len(ObjectKind::PackingKey, &p, 0));
    println!(
        "default-boolean: 1,024 result bits {ordinary} bytes, packed {packed}; one u32 {} bytes, packed {one_u32}; \
         packing key {key} bytes",
        u32_result.to_bytes().unwrap().len()
    );
    assert!(ordinary >= 10 * packed, "{ordinary} against {packed}");
}

/// What packing costs against the keyswitch every bootstrap ends with, per
/// bit, on `default-boolean` (one thread each).
/// Run: `cargo test --release --test packing -- --ignored --nocapture cost`.
#[test]
#[ignore = "a measurement, not a check"]
fn packing_cost_against_a_keyswitch() {
    use std::time::Instant;
    use umbra_fhe::core::glwe::GlweSecretKey;
    use umbra_fhe::core::keyswitch::LweKeyswitchKey;
    use umbra_fhe::core::lwe::{LweCiphertext, LweSecretKey};
    use umbra_fhe::core::random::Csprng;
    let p = params::DEFAULT_BOOLEAN;
    let (client, _, packing) = keys(p);
    let bits: Vec<BoolCiphertext> = (0..1024).map(|i| client.encrypt_bool(i % 3 == 0)).collect();
    let start = Instant::now();
    let packed = packing.pack(&bits).unwrap();
    let pack = start.elapsed();
    assert_eq!(client.decrypt_packed(&packed).unwrap().len(), 1024);
    let mut rng = Csprng::from_seed([1; 32]);
    let big = GlweSecretKey::generate(p.glwe_dimension, p.polynomial_size, &mut rng).as_lwe_key();
    let small = LweSecretKey::generate(p.lwe_dimension, &mut rng);
    let ksk = LweKeyswitchKey::generate(&big, &small, p.ks_base_log, p.ks_level, p.lwe_noise, &mut rng);
    let inputs: Vec<LweCiphertext> =
        (0..1024).map(|_| LweCiphertext::encrypt(&big, 1 << 29, p.lwe_noise, &mut rng)).collect();
    let start = Instant::now();
    for ct in &inputs {
        ksk.keyswitch(ct).unwrap();
    }
    let keyswitch = start.elapsed();
    println!(
        "default-boolean, 1,024 bits: packing {:.2} ms a bit, keyswitch {:.2} ms a bit (ratio {:.2})",
        pack.as_secs_f64() * 1e3 / 1024.0,
        keyswitch.as_secs_f64() * 1e3 / 1024.0,
        pack.as_secs_f64() / keyswitch.as_secs_f64()
    );
}
