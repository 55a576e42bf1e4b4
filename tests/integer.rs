//! Small-integer lookup tables and linear operations through the user API.

use umbra_fhe::{params, BackendChoice, ClientKey, Error, ServerKey};

fn keys(p: umbra_fhe::Parameters) -> (ClientKey, ServerKey) {
    let client = ClientKey::new(p).unwrap();
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();
    (client, server)
}

const MESSAGE_SETS: [umbra_fhe::Parameters; 4] =
    [params::MESSAGE_1_BIT, params::MESSAGE_2_BITS, params::MESSAGE_3_BITS, params::MESSAGE_4_BITS];

#[test]
fn every_input_of_several_luts_for_each_message_set() {
    for p in MESSAGE_SETS {
        let (client, server) = keys(p);
        let modulus = 1u64 << p.message_bits;
        let functions: [fn(u64, u64) -> u64; 3] = [|m, _| m, |m, q| q - 1 - m, |m, q| (m * m + 1) % q];
        let tables: Vec<_> = functions.iter().map(|f| server.lookup_table(|m| f(m, modulus)).unwrap()).collect();
        let mut inputs = Vec::new();
        let mut selection = Vec::new();
        let mut expected = Vec::new();
        for (t, f) in functions.iter().enumerate() {
            for m in 0..modulus {
                inputs.push(client.encrypt(m).unwrap());
                selection.push(t);
                expected.push(f(m, modulus));
            }
        }
        let out = server.apply_lookup_tables_batch(&inputs, &tables, &selection).unwrap();
        let got: Vec<u64> = out.iter().map(|c| client.decrypt(c).unwrap()).collect();
        assert_eq!(got, expected, "{}", p.name);
    }
}

#[test]
fn linear_operations_then_a_lut() {
    let (client, server) = keys(params::MESSAGE_4_BITS);
    // Declared bounds keep sums within the 4-bit space (degrees 6 + 4 = 10).
    let a = client.encrypt_bounded(6, 6).unwrap();
    let b = client.encrypt_bounded(4, 4).unwrap();
    let sum = server.add(&a, &b).unwrap();
    assert_eq!((client.decrypt(&sum).unwrap(), sum.degree()), (10, 10));
    let diff = server.wrapping_sub(&a, &b).unwrap();
    assert_eq!(client.decrypt(&diff).unwrap(), 2);
    let tripled = server.scalar_mul(&b, 3).unwrap();
    assert_eq!((client.decrypt(&tripled).unwrap(), tripled.degree()), (12, 12));
    let shifted = server.scalar_add(&a, 5).unwrap();
    assert_eq!((client.decrypt(&shifted).unwrap(), shifted.degree()), (11, 11));
    // Sums feed lookup tables: (6 + 4) → 10 mod 7 = 3, of degree max(m mod 7, m ≤ 10) = 6.
    let reduced = server.apply_lut(&sum, |m| m % 7).unwrap();
    assert_eq!((client.decrypt(&reduced).unwrap(), reduced.degree()), (3, 6));
    // And bootstrapped values compose: 3 + 8 = 11 through the identity table.
    let again = server.add(&reduced, &server.trivial_int(8).unwrap()).unwrap();
    assert_eq!(client.decrypt(&server.apply_lut(&again, |m| m).unwrap()).unwrap(), 11);
    // 3 + 11 could be 6 + 11 = 17 by the degrees: `add` refuses, `wrapping_add`
    // decrypts to 14, and a table refuses the wrapped value.
    assert!(matches!(server.add(&reduced, &shifted), Err(Error::MessageOverflow { degree: 17, max: 15 })));
    let wrapped = server.wrapping_add(&reduced, &shifted).unwrap();
    assert_eq!(client.decrypt(&wrapped).unwrap(), 14);
    assert!(matches!(server.apply_lut(&wrapped, |m| m), Err(Error::MessageOverflow { .. })));
    let constant = server.trivial_int(9).unwrap();
    assert_eq!((client.decrypt(&constant).unwrap(), constant.degree()), (9, 9));
}

#[test]
fn out_of_range_and_mismatched_inputs_are_errors() {
    let (client, server) = keys(params::MESSAGE_2_BITS);
    assert!(matches!(client.encrypt(4), Err(Error::InvalidInput(_))));
    assert!(server.scalar_mul(&client.encrypt(1).unwrap(), 4).is_err());
    assert!(server.trivial_int(5).is_err());
    let other = ClientKey::new(params::MESSAGE_2_BITS).unwrap();
    let foreign = other.encrypt(1).unwrap();
    assert!(matches!(server.add(&client.encrypt(1).unwrap(), &foreign), Err(Error::KeyMismatch { .. })));
    assert!(matches!(server.apply_lut(&foreign, |m| m), Err(Error::KeyMismatch { .. })));
    let (_, server3) = keys(params::MESSAGE_3_BITS);
    let table3 = server3.lookup_table(|m| m).unwrap();
    let mine = client.encrypt(1).unwrap();
    assert!(matches!(
        server.apply_lookup_table_batch(std::slice::from_ref(&mine), &table3),
        Err(Error::ParameterMismatch { .. })
    ));
    let table = server.lookup_table(|m| m).unwrap();
    assert!(server.apply_lookup_tables_batch(std::slice::from_ref(&mine), std::slice::from_ref(&table), &[1]).is_err());
    assert!(server.apply_lookup_tables_batch(&[mine], &[table], &[]).is_err());
}
