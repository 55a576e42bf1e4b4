//! Public-key encryption through the user API: every boolean value and
//! integer width decrypts and evaluates (gates, integer operations) like a
//! secret-key encryption, the key and lists round-trip through bytes and
//! serde, another client's server key refuses them, and a list of 1,024 bits
//! stays within 64 KB. (The error against its model: the core crate's
//! `expanded_ciphertexts_decrypt_with_the_modelled_error`.)

use umbra_fhe::core::serialization::{envelope_len, ObjectKind};
use umbra_fhe::{
    params, BackendChoice, ClientKey, CompactBoolList, CompactFheIntegers, Error, FheInt16, FheInt64, FheUint32,
    FheUint64, FheUint8, Parameters, PublicKey, ServerKey,
};

fn keys(p: Parameters) -> (ClientKey, ServerKey, PublicKey) {
    let client = ClientKey::new(p).unwrap();
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();
    let public = PublicKey::new(&client).unwrap();
    (client, server, public)
}

#[test]
fn public_key_booleans_decrypt_and_go_through_gates() {
    for p in [params::DEFAULT_BOOLEAN, params::TFHE_LIB] {
        let (client, server, public) = keys(p);
        let public = PublicKey::from_bytes(&public.to_bytes().unwrap()).unwrap();
        let values: Vec<bool> = (0..1500).map(|i| (i * 7 + i / 3) % 5 < 2).collect();
        let list = CompactBoolList::from_bytes(&public.encrypt_bools(&values).to_bytes().unwrap()).unwrap();
        let bits = list.expand();
        let decrypted: Vec<bool> = bits.iter().map(|ct| client.decrypt_bool(ct).unwrap()).collect();
        assert_eq!(decrypted, values, "{}", p.name);
        // Gates on public-key inputs, mixed with a secret-key one.
        let (x, y) = (public.encrypt_bool(true), public.encrypt_bool(false));
        let z = client.encrypt_bool(true);
        for (a, b, want) in [(&x, &y, false), (&x, &z, true), (&y, &y, false)] {
            assert_eq!(client.decrypt_bool(&server.and(a, b).unwrap()).unwrap(), want, "{}", p.name);
        }
        let xors = server.xor_batch(&bits[..64], &bits[64..128]).unwrap();
        for (i, ct) in xors.iter().enumerate() {
            assert_eq!(client.decrypt_bool(ct).unwrap(), values[i] ^ values[64 + i], "{}", p.name);
        }
    }
}

#[test]
fn public_key_integers_of_every_width_evaluate() {
    let (client, server, public) = keys(params::DEFAULT_BOOLEAN);
    let bytes = FheUint8::encrypt_public(&[0, 1, 200, 255], &public).to_bytes().unwrap();
    let u8s = CompactFheIntegers::<u8>::from_bytes(&bytes).unwrap().expand();
    let i16s = FheInt16::encrypt_public(&[-32_768, 1234], &public).expand();
    let u32s = FheUint32::encrypt_public(&[4_000_000_000], &public).expand();
    let u64s = FheUint64::encrypt_public(&[u64::MAX - 5], &public).expand();
    let i64s = FheInt64::encrypt_public(&[-42], &public).expand();
    for (x, want) in u8s.iter().zip([0u8, 1, 200, 255]) {
        assert_eq!(x.decrypt(&client).unwrap(), want);
    }
    assert_eq!(i16s[0].decrypt(&client).unwrap(), -32_768);
    assert_eq!(u32s[0].decrypt(&client).unwrap(), 4_000_000_000);
    assert_eq!(u64s[0].decrypt(&client).unwrap(), u64::MAX - 5);
    assert_eq!(i64s[0].decrypt(&client).unwrap(), -42);
    // Integer operations, public-key operands mixed with secret-key ones.
    let mine = FheUint8::encrypt(100, &client);
    let (sum, less, product) = (&u8s[2] + &mine, u8s[1].lt(&u8s[2]), &u8s[3] * &u8s[2]);
    let difference = &i16s[1] - &i16s[0];
    server.evaluate(&(&sum, &less, &product, &difference)).unwrap();
    assert_eq!(sum.decrypt(&client).unwrap(), 200u8.wrapping_add(100));
    assert!(less.decrypt(&client).unwrap());
    assert_eq!(product.decrypt(&client).unwrap(), 255u8.wrapping_mul(200));
    assert_eq!(difference.decrypt(&client).unwrap(), 1234i16.wrapping_sub(-32_768));
    // The type is part of the bytes.
    assert!(matches!(CompactFheIntegers::<i8>::from_bytes(&bytes), Err(Error::Deserialization(_))));
    assert!(matches!(CompactFheIntegers::<u16>::from_bytes(&bytes), Err(Error::Deserialization(_))));
    assert!(matches!(CompactBoolList::from_bytes(&bytes), Err(Error::Deserialization(_))));
}

#[test]
fn another_clients_server_key_refuses_public_key_ciphertexts() {
    let (_, _, public) = keys(params::DEFAULT_BOOLEAN);
    let (_, other_server, _) = keys(params::DEFAULT_BOOLEAN);
    let bits = public.encrypt_bools(&[true, false]).expand();
    assert!(matches!(other_server.and(&bits[0], &bits[1]), Err(Error::KeyMismatch { .. })));
    let values = FheUint8::encrypt_public(&[1, 2], &public).expand();
    let sum = &values[0] + &values[1];
    assert!(matches!(other_server.evaluate(&sum), Err(Error::KeyMismatch { .. })));
    let (_, tfhe_lib_server, _) = keys(params::TFHE_LIB);
    assert!(matches!(tfhe_lib_server.evaluate(&sum), Err(Error::ParameterMismatch { .. })));
}

#[test]
fn sizes_keys_serde_and_empty_lists() {
    let (client, _, public) = keys(params::DEFAULT_BOOLEAN);
    let p = params::DEFAULT_BOOLEAN;
    let key_bytes = public.to_bytes().unwrap();
    assert_eq!(Some(key_bytes.len()), envelope_len(ObjectKind::PublicKey, &p, 0));
    let list = public.encrypt_bools(&vec![true; 1024]).to_bytes().unwrap();
    assert_eq!(Some(list.len()), envelope_len(ObjectKind::CompactBoolList, &p, 1024));
    assert!(list.len() <= 64 * 1024, "{} bytes for 1,024 bits", list.len());
    println!("default-boolean: public key {} bytes, 1,024 bits in {} bytes", key_bytes.len(), list.len());

    let json = serde_json::to_string(&public).unwrap();
    let back: PublicKey = serde_json::from_str(&json).unwrap();
    assert_eq!(back, public);
    let values = FheUint8::encrypt_public(&[9, 8], &public);
    let json = serde_json::to_string(&values).unwrap();
    let back: Vec<u8> = serde_json::from_str::<CompactFheIntegers<u8>>(&json)
        .unwrap()
        .expand()
        .iter()
        .map(|x| x.decrypt(&client).unwrap())
        .collect();
    assert_eq!(back, [9, 8]);
    assert!(matches!(public.encrypt_bools(&[]).to_bytes(), Err(Error::InvalidInput(_))));
    assert!(public.encrypt_bools(&[]).expand().is_empty());
    let debug = format!("{public:?} {values:?}");
    assert!(debug.contains("PublicKey") && debug.contains("len: 2"), "{debug}");
}
