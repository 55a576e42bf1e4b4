//! Seeded ("compressed") uploads: a batch expands to exactly the
//! ciphertexts of the full encryption from the same generator state, round
//! trips through bytes and serde, keeps its key, evaluates like any
//! ciphertext, and has the sizes the README's table states.

use umbra_fhe::core::serialization::{envelope_len, ObjectKind};
use umbra_fhe::{
    params, BackendChoice, BoolCiphertext, ClientKey, CompressedBoolBatch, CompressedFheIntegers, Error, FheInt16,
    FheUint32, FheUint8, PackingKey, Parameters, PublicKey, ServerKey,
};

fn keys(p: Parameters) -> (ClientKey, ServerKey) {
    let client = ClientKey::new(p).unwrap();
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();
    (client, server)
}

#[test]
fn a_seeded_batch_expands_to_the_full_encryption_from_the_same_state() {
    for p in [params::DEFAULT_BOOLEAN, params::TFHE_LIB] {
        let bits: Vec<bool> = (0..300).map(|i| i % 3 == 0 || i % 7 == 1).collect();
        let (a, b) = (ClientKey::from_seed(p, [21; 32]).unwrap(), ClientKey::from_seed(p, [21; 32]).unwrap());
        let full = a.encrypt_bools(&bits);
        let seeded = b.encrypt_bools_compressed(&bits);
        assert_eq!(seeded.expand(), full, "{}", p.name);
        // Through bytes and serde, the same ciphertexts again.
        let back = CompressedBoolBatch::from_bytes(&seeded.to_bytes().unwrap()).unwrap();
        assert_eq!(back.expand(), full);
        let json = serde_json::to_string(&seeded).unwrap();
        assert_eq!(serde_json::from_str::<CompressedBoolBatch>(&json).unwrap(), seeded);
        // A second batch of the same client draws another seed: other masks.
        let again = b.encrypt_bools_compressed(&bits).expand();
        assert!(again.iter().zip(&full).all(|(x, y)| x.as_lwe().mask() != y.as_lwe().mask()));
        let decrypted: Vec<bool> = again.iter().map(|ct| a.decrypt_bool(ct).unwrap()).collect();
        assert_eq!(decrypted, bits);
    }
}

#[test]
fn seeded_integers_round_trip_and_evaluate() {
    let (client, server) = keys(params::DEFAULT_BOOLEAN);
    let values = [0u8, 1, 77, 128, 255];
    let upload = FheUint8::encrypt_compressed(&values, &client);
    assert_eq!((upload.len(), upload.is_empty()), (5, false));
    let bytes = upload.to_bytes().unwrap();
    assert_eq!(
        Some(bytes.len()),
        envelope_len(ObjectKind::CompressedUnsignedIntegers, &client.parameters().clone(), 40)
    );
    let received = CompressedFheIntegers::<u8>::from_bytes(&bytes).unwrap().expand();
    let json = serde_json::to_string(&upload).unwrap();
    let via_serde = serde_json::from_str::<CompressedFheIntegers<u8>>(&json).unwrap().expand();
    for (v, (x, y)) in values.iter().zip(received.iter().zip(&via_serde)) {
        assert_eq!((x.decrypt(&client).unwrap(), y.decrypt(&client).unwrap()), (*v, *v));
    }
    let sum: FheUint8 = received.iter().sum();
    let less = received[2].lt(&received[3]);
    server.evaluate(&(&sum, &less)).unwrap();
    assert_eq!(sum.decrypt(&client).unwrap(), values.iter().fold(0u8, |s, &v| s.wrapping_add(v)));
    assert!(less.decrypt(&client).unwrap());

    // Signed values, and the type is part of the bytes.
    let signed = FheInt16::encrypt_compressed(&[-30_000, 12_345, -1], &client);
    let signed_bytes = signed.to_bytes().unwrap();
    let back: Vec<i16> = CompressedFheIntegers::<i16>::from_bytes(&signed_bytes)
        .unwrap()
        .expand()
        .iter()
        .map(|x| x.decrypt(&client).unwrap())
        .collect();
    assert_eq!(back, [-30_000, 12_345, -1]);
    for refused in [
        CompressedFheIntegers::<u16>::from_bytes(&signed_bytes).err(),
        CompressedFheIntegers::<i8>::from_bytes(&signed_bytes).err(),
        CompressedFheIntegers::<i32>::from_bytes(&signed_bytes).err(),
        CompressedBoolBatch::from_bytes(&signed_bytes).err(),
        CompressedFheIntegers::<i16>::from_bytes(&bytes).err(),
    ] {
        assert!(matches!(refused, Some(Error::Deserialization(_))), "{refused:?}");
    }
    // Nothing to serialize: an error, not an empty envelope.
    assert!(matches!(FheUint8::encrypt_compressed(&[], &client).to_bytes(), Err(Error::InvalidInput(_))));
    assert!(matches!(client.encrypt_bools_compressed(&[]).to_bytes(), Err(Error::InvalidInput(_))));
    let debug = format!("{upload:?} {:?}", client.encrypt_bools_compressed(&[true]));
    assert!(debug.contains("len: 5") && debug.contains("len: 1"), "{debug}");
}

#[test]
fn seeded_values_of_another_key_are_refused_by_evaluation() {
    let (client, _) = keys(params::DEFAULT_BOOLEAN);
    let (_, other_server) = keys(params::DEFAULT_BOOLEAN);
    let values =
        CompressedFheIntegers::<u8>::from_bytes(&FheUint8::encrypt_compressed(&[3, 4], &client).to_bytes().unwrap())
            .unwrap()
            .expand();
    let sum = &values[0] + &values[1];
    assert!(matches!(other_server.evaluate(&sum), Err(Error::KeyMismatch { .. })));
    let bits = client.encrypt_bools_compressed(&[true, true]).expand();
    assert!(matches!(other_server.and(&bits[0], &bits[1]), Err(Error::KeyMismatch { .. })));
}

/// `n` with thousands separated by commas.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bytes of the serialized forms, measured on `default-boolean`: ordinary
/// ciphertexts, seeded ones, a public key's compact list, and results
/// packed by a packing key.
fn size_table() -> String {
    let client = ClientKey::from_seed(params::DEFAULT_BOOLEAN, [3; 32]).unwrap();
    let public = PublicKey::new(&client).unwrap();
    let packing = PackingKey::new(&client).unwrap();
    let bits_1024: Vec<bool> = (0..1024).map(|i| i % 5 == 0).collect();
    let template = [0xA5u8; 128];
    let bytes = |r: Result<Vec<u8>, Error>| r.unwrap().len();
    let packed = |bits: &[BoolCiphertext]| bytes(packing.pack(bits).and_then(|p| p.to_bytes()));
    let rows: [(&str, usize, usize, usize, usize); 5] = [
        (
            "1 bit",
            bytes(client.encrypt_bool(true).to_bytes()),
            bytes(client.encrypt_bools_compressed(&[true]).to_bytes()),
            bytes(public.encrypt_bools(&[true]).to_bytes()),
            packed(&[client.encrypt_bool(true)]),
        ),
        (
            "`u8`",
            bytes(FheUint8::encrypt(200, &client).to_bytes()),
            bytes(FheUint8::encrypt_compressed(&[200], &client).to_bytes()),
            bytes(FheUint8::encrypt_public(&[200], &public).to_bytes()),
            bytes(packing.pack_integers(&[FheUint8::encrypt(200, &client)]).and_then(|p| p.to_bytes())),
        ),
        (
            "`u32`",
            bytes(FheUint32::encrypt(4_000_000_000, &client).to_bytes()),
            bytes(FheUint32::encrypt_compressed(&[4_000_000_000], &client).to_bytes()),
            bytes(FheUint32::encrypt_public(&[4_000_000_000], &public).to_bytes()),
            bytes(packing.pack_integers(&[FheUint32::encrypt(4_000_000_000, &client)]).and_then(|p| p.to_bytes())),
        ),
        (
            "1,024 bits",
            bytes(BoolCiphertext::batch_to_bytes(&client.encrypt_bools(&bits_1024))),
            bytes(client.encrypt_bools_compressed(&bits_1024).to_bytes()),
            bytes(public.encrypt_bools(&bits_1024).to_bytes()),
            packed(&client.encrypt_bools(&bits_1024)),
        ),
        (
            "`[u8; 128]` (a face template)",
            template.iter().map(|&v| bytes(FheUint8::encrypt(v, &client).to_bytes())).sum(),
            bytes(FheUint8::encrypt_compressed(&template, &client).to_bytes()),
            bytes(FheUint8::encrypt_public(&template, &public).to_bytes()),
            bytes(
                packing
                    .pack_integers(&template.iter().map(|&v| FheUint8::encrypt(v, &client)).collect::<Vec<_>>())
                    .and_then(|p| p.to_bytes()),
            ),
        ),
    ];
    let mut table = String::from(
        "| value | ordinary | seeded | ratio | public key, compact list | ratio | result, packed | ratio |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for (what, full, seeded, compact, packed) in rows {
        let ratio = |x: usize| full as f64 / x as f64;
        table.push_str(&format!(
            "| {what} | {} | {} | {:.0}× | {} | {:.1}× | {} | {:.1}× |\n",
            grouped(full),
            grouped(seeded),
            ratio(seeded),
            grouped(compact),
            ratio(compact),
            grouped(packed),
            ratio(packed)
        ));
    }
    table
}

#[test]
fn readme_upload_sizes_are_the_measured_ones() {
    let table = size_table();
    let readme = include_str!("../README.md");
    assert!(readme.contains(&table), "README lacks the upload size table:\n{table}");
    // The targets: a 128-byte template in at most 6 KB, at most 5 bytes a bit.
    let template =
        FheUint8::encrypt_compressed(&[1; 128], &ClientKey::from_seed(params::DEFAULT_BOOLEAN, [4; 32]).unwrap());
    let bytes = template.to_bytes().unwrap().len();
    assert!(bytes <= 6 * 1024, "{bytes} bytes");
    assert!(
        bytes - envelope_len(ObjectKind::CompressedUnsignedIntegers, &params::DEFAULT_BOOLEAN, 1).unwrap() <= 5 * 1023
    );
}
