//! Serialization at the user level: round-trips of every type under every
//! shipped parameter set, compressed keys that bootstrap bit for bit like full
//! ones, and hostile input (truncated, bit-flipped, oversized, relabelled and
//! random bytes) that must give an error, never a panic or a large allocation.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use umbra_fhe::core::serialization::{envelope_len, ObjectKind, FORMAT_VERSION, MAGIC};
use umbra_fhe::{
    params, BackendChoice, BoolCiphertext, ClientKey, CompactBoolList, CompactFheIntegers, CompressedBoolBatch,
    CompressedFheIntegers, Error, FheUint8, IntCiphertext, PackedBoolList, PackedFheIntegers, PackingKey, Parameters,
    PublicKey, ServerKey,
};

/// Records, per thread, the largest allocation requested, so a test can bound
/// what decoding hostile bytes allocates.
struct LargestAllocation;

thread_local! {
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator; the
// bookkeeping touches only a const-initialised thread-local `Cell`.
unsafe impl GlobalAlloc for LargestAllocation {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = LARGEST.try_with(|l| l.set(l.get().max(layout.size())));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = LARGEST.try_with(|l| l.set(l.get().max(new_size)));
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: LargestAllocation = LargestAllocation;

/// Runs `f` and returns the largest single allocation it made on this thread.
fn largest_allocation_of(f: impl FnOnce()) -> usize {
    LARGEST.with(|l| l.set(0));
    f();
    LARGEST.with(Cell::get)
}

/// Every decoder of the user API, applied to `bytes`: each must return `Err`
/// without panicking.
fn assert_every_decoder_refuses(bytes: &[u8], what: &str) {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        [
            BoolCiphertext::from_bytes(bytes).err(),
            IntCiphertext::from_bytes(bytes).err(),
            BoolCiphertext::batch_from_bytes(bytes).err(),
            IntCiphertext::batch_from_bytes(bytes).err(),
            ClientKey::from_secret_bytes(bytes).err(),
            ServerKey::from_bytes(bytes, BackendChoice::Cpu).err(),
            CompressedBoolBatch::from_bytes(bytes).err(),
            CompressedFheIntegers::<u8>::from_bytes(bytes).err(),
            CompressedFheIntegers::<i16>::from_bytes(bytes).err(),
            PublicKey::from_bytes(bytes).err(),
            CompactBoolList::from_bytes(bytes).err(),
            CompactFheIntegers::<u8>::from_bytes(bytes).err(),
            PackingKey::from_bytes(bytes).err(),
            PackedBoolList::from_bytes(bytes).err(),
            PackedFheIntegers::<u8>::from_bytes(bytes).err(),
        ]
    }));
    let errors = outcome.unwrap_or_else(|_| panic!("{what}: a decoder panicked"));
    for (i, e) in errors.into_iter().enumerate() {
        match e {
            Some(Error::Deserialization(_)) => {}
            other => panic!("{what}: decoder {i} returned {other:?} instead of a deserialization error"),
        }
    }
}

/// Overwrites the trailing CRC so that only the deliberate change is wrong.
fn reseal(bytes: &mut [u8]) {
    let end = bytes.len() - 4;
    let crc = crc32(&bytes[..end]);
    bytes[end..].copy_from_slice(&crc.to_le_bytes());
}

/// Bitwise CRC-32 (IEEE), independent of the implementation under test.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn header_len(params: &Parameters) -> usize {
    33 + params.name.len()
}

#[test]
fn every_type_round_trips_under_every_parameter_set() {
    for p in Parameters::all() {
        let client = ClientKey::from_seed(p, [7; 32]).unwrap();
        let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();

        let restored = ClientKey::from_secret_bytes(&client.to_secret_bytes().unwrap()).unwrap();
        assert_eq!((restored.key_id(), restored.parameters()), (client.key_id(), client.parameters()));
        assert_eq!(*restored.to_secret_bytes().unwrap(), *client.to_secret_bytes().unwrap());

        let full = server.to_bytes().unwrap();
        let compressed = server.to_compressed_bytes().unwrap();
        assert_eq!(Some(full.len()), envelope_len(ObjectKind::ServerKey, &p, 0), "{}", p.name);
        assert_eq!(Some(compressed.len()), envelope_len(ObjectKind::CompressedServerKey, &p, 0), "{}", p.name);
        let from_full = ServerKey::from_bytes(&full, BackendChoice::Cpu).unwrap();
        let from_compressed = ServerKey::from_bytes(&compressed, BackendChoice::Cpu).unwrap();
        assert_eq!(from_full.to_bytes().unwrap(), full);
        assert_eq!(from_compressed.to_bytes().unwrap(), full);
        assert_eq!(from_compressed.to_compressed_bytes().unwrap(), compressed);
        assert!(matches!(from_full.to_compressed_bytes(), Err(Error::Unsupported(_))));

        // Ciphertexts: alone and batched, decrypted by the restored client key
        // after a bootstrap on the loaded server keys.
        let bits: Vec<bool> = (0..5).map(|i| i % 2 == 0).collect();
        let bools: Vec<_> = bits.iter().map(|&b| client.encrypt_bool(b)).collect();
        let ct = BoolCiphertext::from_bytes(&bools[0].to_bytes().unwrap()).unwrap();
        assert_eq!(ct, bools[0]);
        let batch = BoolCiphertext::batch_from_bytes(&BoolCiphertext::batch_to_bytes(&bools).unwrap()).unwrap();
        assert_eq!(batch, bools);
        let modulus = 1u64 << p.message_bits;
        // Degrees travel with the ciphertexts: fresh (full range) and declared bounds.
        let ints: Vec<_> = (0..5)
            .map(|m| {
                if m % 2 == 0 {
                    client.encrypt(m % modulus)
                } else {
                    client.encrypt_bounded(m % modulus, m % modulus)
                }
            })
            .collect::<Result<_, _>>()
            .unwrap();
        let ict = IntCiphertext::from_bytes(&ints[1].to_bytes().unwrap()).unwrap();
        assert_eq!(ict, ints[1]);
        let ibatch = IntCiphertext::batch_from_bytes(&IntCiphertext::batch_to_bytes(&ints).unwrap()).unwrap();
        assert_eq!(ibatch, ints);

        let negated = from_compressed.not(&ct).unwrap();
        assert!(!restored.decrypt_bool(&negated).unwrap(), "{}", p.name);
        let nands = from_full.nand_batch(&batch[..2], &batch[1..3]).unwrap();
        for (i, c) in nands.iter().enumerate() {
            assert_eq!(restored.decrypt_bool(c).unwrap(), !(bits[i] && bits[i + 1]), "{}", p.name);
        }
        let lut = from_compressed.apply_lut(&ict, |m| (m + 1) % modulus).unwrap();
        assert_eq!(restored.decrypt(&lut).unwrap(), (1 + 1) % modulus, "{}", p.name);
        for (m, c) in ibatch.iter().enumerate() {
            assert_eq!(restored.decrypt(c).unwrap(), m as u64 % modulus);
        }
    }
}

#[test]
fn compressed_server_key_bootstraps_bit_for_bit_like_the_full_one() {
    let client = ClientKey::from_seed(params::TFHE_LIB, [8; 32]).unwrap();
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();
    let full = ServerKey::from_bytes(&server.to_bytes().unwrap(), BackendChoice::Cpu).unwrap();
    let compressed = ServerKey::from_bytes(&server.to_compressed_bytes().unwrap(), BackendChoice::Cpu).unwrap();
    let xs: Vec<_> = (0..8).map(|i| client.encrypt_bool(i % 3 == 0)).collect();
    let ys: Vec<_> = (0..8).map(|i| client.encrypt_bool(i % 2 == 0)).collect();
    let reference = server.xor_batch(&xs, &ys).unwrap();
    for loaded in [&full, &compressed] {
        let out = loaded.xor_batch(&xs, &ys).unwrap();
        for (a, b) in out.iter().zip(&reference) {
            assert_eq!(a.as_lwe().as_slice(), b.as_lwe().as_slice());
        }
    }
}

#[test]
fn serde_carries_the_same_envelopes() {
    let client = ClientKey::from_seed(params::TFHE_LIB, [9; 32]).unwrap();
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();
    let cts = vec![client.encrypt_bool(true), client.encrypt_bool(false)];
    let json = serde_json::to_vec(&cts).unwrap();
    let back: Vec<BoolCiphertext> = serde_json::from_slice(&json).unwrap();
    assert_eq!(back, cts);
    let int = ClientKey::from_seed(params::MESSAGE_2_BITS, [9; 32]).unwrap().encrypt(2).unwrap();
    let back: IntCiphertext = serde_json::from_slice(&serde_json::to_vec(&int).unwrap()).unwrap();
    assert_eq!(back, int);
    let loaded: ServerKey = serde_json::from_slice(&serde_json::to_vec(&server).unwrap()).unwrap();
    assert_eq!(loaded.to_bytes().unwrap(), server.to_bytes().unwrap());
    let garbage: Result<BoolCiphertext, _> = serde_json::from_slice(b"[1, 2, 3]");
    assert!(garbage.is_err());
}

#[test]
fn ciphertexts_of_other_keys_or_sets_are_refused_after_a_round_trip() {
    let alice = ClientKey::from_seed(params::DEFAULT_BOOLEAN, [10; 32]).unwrap();
    let bob = ClientKey::from_seed(params::DEFAULT_BOOLEAN, [11; 32]).unwrap();
    let server = ServerKey::from_bytes(
        &ServerKey::with_backend(&alice, BackendChoice::Cpu).unwrap().to_compressed_bytes().unwrap(),
        BackendChoice::Cpu,
    )
    .unwrap();
    let theirs = BoolCiphertext::from_bytes(&bob.encrypt_bool(true).to_bytes().unwrap()).unwrap();
    assert!(matches!(server.not(&theirs), Err(Error::KeyMismatch { .. })));

    // A ciphertext relabelled as `message-1` (same shape as `default-boolean`),
    // name, fingerprint and checksum all made consistent: it parses, and is
    // then refused by the server key of its true set.
    let ours = alice.encrypt_bool(true).to_bytes().unwrap();
    let p = params::DEFAULT_BOOLEAN;
    let q = params::MESSAGE_1_BIT;
    let mut relabelled = Vec::new();
    relabelled.extend_from_slice(&ours[..12]);
    relabelled.push(q.name.len() as u8);
    relabelled.extend_from_slice(q.name.as_bytes());
    relabelled.extend_from_slice(&q.fingerprint().to_le_bytes());
    relabelled.extend_from_slice(&ours[13 + p.name.len() + 4..]);
    reseal(&mut relabelled);
    let foreign = BoolCiphertext::from_bytes(&relabelled).unwrap();
    assert_eq!(foreign.parameter_set(), "message-1");
    assert!(matches!(server.not(&foreign), Err(Error::ParameterMismatch { .. })));
    assert!(matches!(alice.decrypt_bool(&foreign), Err(Error::ParameterMismatch { .. })));

    // A fingerprint of other values than the named set's (`default-boolean`
    // and `message-1` have the same values), or an unknown name: refused at once.
    let fingerprint_at = 13 + q.name.len();
    let mut renamed = relabelled.clone();
    renamed[fingerprint_at..fingerprint_at + 4].copy_from_slice(&params::MESSAGE_2_BITS.fingerprint().to_le_bytes());
    reseal(&mut renamed);
    assert_every_decoder_refuses(&renamed, "renamed set");
    let mut unknown = ours.clone();
    unknown[13..13 + p.name.len()].copy_from_slice(b"default-boolea?");
    reseal(&mut unknown);
    assert_every_decoder_refuses(&unknown, "unknown set");
}

#[test]
fn truncations_bit_flips_and_header_edits_are_errors() {
    let p = params::TFHE_LIB;
    let client = ClientKey::from_seed(p, [12; 32]).unwrap();
    let ct = client.encrypt_bool(true).to_bytes().unwrap();
    let batch = IntCiphertext::batch_to_bytes(&[client.encrypt(1).unwrap(), client.encrypt(0).unwrap()]).unwrap();
    let secret = client.to_secret_bytes().unwrap().to_vec();
    let seeded = client.encrypt_bools_compressed(&[true, false, true]).to_bytes().unwrap();
    let seeded_u8 = FheUint8::encrypt_compressed(&[7, 200], &client).to_bytes().unwrap();
    let public = PublicKey::new(&client).unwrap();
    let public_bytes = public.to_bytes().unwrap();
    let compact = FheUint8::encrypt_public(&[3], &public).to_bytes().unwrap();
    let packed = PackingKey::new(&client).unwrap().pack(&[client.encrypt_bool(true)]).unwrap().to_bytes().unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let blobs = [
        ("ciphertext", &ct),
        ("batch", &batch),
        ("client key", &secret),
        ("seeded batch", &seeded),
        ("seeded integers", &seeded_u8),
        ("public key", &public_bytes),
        ("compact integers", &compact),
        ("packed results", &packed),
    ];
    for (what, blob) in blobs {
        for len in 0..blob.len() {
            assert_every_decoder_refuses(&blob[..len], &format!("{what} truncated to {len}"));
        }
        let header_bits = header_len(&p) * 8;
        let body_flips = (0..300).map(|_| rng.random_range(header_bits..blob.len() * 8));
        for bit in (0..header_bits).chain(body_flips) {
            let mut flipped = blob.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            assert_every_decoder_refuses(&flipped, &format!("{what} with bit {bit} flipped"));
        }
        let mut longer = blob.clone();
        longer.push(0);
        assert_every_decoder_refuses(&longer, &format!("{what} with a trailing byte"));
    }

    // A flipped header bit with the checksum made consistent again must still
    // be refused: the version, the kind, the name or a length no longer fit.
    for bit in 0..header_len(&p) * 8 {
        if (17 + p.name.len()) * 8 <= bit && bit < (25 + p.name.len()) * 8 {
            continue; // the key identifier: any value is well formed
        }
        let mut flipped = ct.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        let version = u16::from_le_bytes([flipped[8], flipped[9]]);
        if (1..FORMAT_VERSION).contains(&version) {
            continue; // an older version, which reads boolean ciphertexts as they are
        }
        reseal(&mut flipped);
        let outcome = catch_unwind(|| BoolCiphertext::from_bytes(&flipped));
        assert!(matches!(outcome, Ok(Err(Error::Deserialization(_)))), "resealed header bit {bit}");
    }

    let mut future = ct.clone();
    future[8..10].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    reseal(&mut future);
    let err = BoolCiphertext::from_bytes(&future).unwrap_err();
    assert!(err.to_string().contains("version"), "{err}");
}

#[test]
fn oversized_lengths_are_refused_before_allocating() {
    let p = params::MESSAGE_4_BITS;
    let client = ClientKey::from_seed(p, [13; 32]).unwrap();
    let batch = BoolCiphertext::batch_to_bytes(&[client.encrypt_bool(true)]).unwrap();
    let seeded = client.encrypt_bools_compressed(&[true, false]).to_bytes().unwrap();
    let seeded_u8 = FheUint8::encrypt_compressed(&[9], &client).to_bytes().unwrap();
    let compact = PublicKey::new(&client).unwrap().encrypt_bools(&[true]).to_bytes().unwrap();
    let packed = PackingKey::new(&client).unwrap().pack(&[client.encrypt_bool(true)]).unwrap().to_bytes().unwrap();
    let h = header_len(&p);
    let mut edits: Vec<Vec<u8>> = Vec::new();
    for blob in [&batch, &seeded, &seeded_u8, &compact, &packed] {
        for declared in [u64::MAX, 1 << 63, 1 << 40, (blob.len() as u64) * 2] {
            let mut b = blob.clone();
            b[h - 8..h].copy_from_slice(&declared.to_le_bytes());
            edits.push(b);
        }
        for count in [u64::MAX, 1 << 63, 1 << 40, 1 << 17, 0] {
            let mut b = blob.clone();
            b[h..h + 8].copy_from_slice(&count.to_le_bytes());
            edits.push(b);
        }
    }
    // The width of a seeded integer list: not 8, or no divisor of the count.
    for width in [u64::MAX, 1 << 63, 0, 7, 16, 64] {
        let mut b = seeded_u8.clone();
        b[h + 8..h + 16].copy_from_slice(&width.to_le_bytes());
        edits.push(b);
    }
    let mut server_sized = batch[..h].to_vec();
    server_sized[10..12].copy_from_slice(&ObjectKind::ServerKey.code().to_le_bytes());
    server_sized.extend_from_slice(&[0; 4]);
    edits.push(server_sized);
    for mut b in edits {
        reseal(&mut b);
        let largest = largest_allocation_of(|| assert_every_decoder_refuses(&b, "oversized length"));
        assert!(largest < 1 << 16, "decoding hostile lengths allocated {largest} bytes");
    }
}

#[test]
fn random_bytes_are_errors() {
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    let prefix: Vec<u8> = MAGIC.iter().copied().chain(FORMAT_VERSION.to_le_bytes()).collect();
    for i in 0..12_000 {
        let len = rng.random_range(0..600);
        let mut blob: Vec<u8> = (0..len).map(|_| rng.random()).collect();
        // Half of them get past the magic bytes and version to reach the
        // deeper checks; some also name a real kind and parameter set.
        if i % 2 == 1 && blob.len() > prefix.len() + 3 {
            blob[..prefix.len()].copy_from_slice(&prefix);
            if i % 4 == 3 {
                let kind = ObjectKind::from_code(rng.random_range(1..26)).map_or(0, ObjectKind::code);
                blob[10..12].copy_from_slice(&kind.to_le_bytes());
                let name = Parameters::all()[i % 6].name;
                blob.truncate(12);
                blob.push(name.len() as u8);
                blob.extend_from_slice(name.as_bytes());
                blob.extend((0..rng.random_range(0..64)).map(|_| rng.random::<u8>()));
            }
        }
        assert_every_decoder_refuses(&blob, &format!("random blob {i}"));
    }
}

#[test]
fn a_custom_set_under_a_shipped_name_is_refused_not_misread() {
    // `tfhe-lib`'s name with other gadgets: before, its server key loaded back
    // as the shipped set and computed wrong gates.
    let mut custom = params::TFHE_LIB;
    custom.pbs_base_log = umbra_fhe::core::params::DecompositionBaseLog(8);
    custom.ks_base_log = umbra_fhe::core::params::DecompositionBaseLog(3);
    let client = ClientKey::from_seed(custom, [12; 32]).unwrap();
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();
    // It evaluates correctly in memory…
    for (i, (a, b)) in [(false, false), (false, true), (true, false), (true, true)].into_iter().enumerate() {
        let c = server.and(&client.encrypt_bool(a), &client.encrypt_bool(b)).unwrap();
        assert_eq!(client.decrypt_bool(&c).unwrap(), a && b, "AND #{i}");
    }
    // …but none of its objects serializes, since a reader would rebuild `tfhe-lib`.
    assert!(matches!(server.to_compressed_bytes(), Err(Error::Unsupported(_))));
    assert!(matches!(server.to_bytes(), Err(Error::Unsupported(_))));
    assert!(matches!(client.to_secret_bytes(), Err(Error::Unsupported(_))));
    assert!(matches!(client.encrypt_bool(true).to_bytes(), Err(Error::Unsupported(_))));
    assert!(matches!(client.encrypt(1).unwrap().to_bytes(), Err(Error::Unsupported(_))));
    let err = serde_json::to_string(&server).unwrap_err().to_string();
    assert!(err.contains("custom values"), "{err}");

    // Ciphertexts of the two sets that share a name are refused by each other's keys.
    let shipped = ClientKey::from_seed(params::TFHE_LIB, [12; 32]).unwrap();
    let mismatch = server.not(&shipped.encrypt_bool(true));
    assert!(matches!(mismatch, Err(Error::ParameterMismatch { .. })), "{mismatch:?}");
    let mismatch = shipped.decrypt_bool(&client.encrypt_bool(true));
    assert!(matches!(mismatch, Err(Error::ParameterMismatch { .. })), "{mismatch:?}");
}

#[test]
fn integer_degrees_are_checked_when_read() {
    let client = ClientKey::from_seed(params::MESSAGE_2_BITS, [13; 32]).unwrap();
    let bytes = client.encrypt_bounded(1, 2).unwrap().to_bytes().unwrap();
    let degree_at = header_len(&params::MESSAGE_2_BITS);
    assert_eq!(bytes[degree_at..degree_at + 8], 2u64.to_le_bytes());
    assert_eq!(IntCiphertext::from_bytes(&bytes).unwrap().degree(), 2);
    // 2^(2+1) − 1 = 7 is the most a 2-bit ciphertext (padding included) holds.
    for (degree, ok) in [(7u64, true), (8, false), (u64::MAX, false)] {
        let mut edited = bytes.clone();
        edited[degree_at..degree_at + 8].copy_from_slice(&degree.to_le_bytes());
        reseal(&mut edited);
        assert_eq!(IntCiphertext::from_bytes(&edited).is_ok(), ok, "degree {degree}");
    }
}

#[test]
fn integer_ciphertexts_keep_their_noise_bound_and_refuse_forged_ones() {
    let p = params::MESSAGE_2_BITS;
    let client = ClientKey::from_seed(p, [7; 32]).unwrap();
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();
    let bit = server.apply_lut(&client.encrypt(3).unwrap(), |m| m & 1).unwrap();
    let doubled = server.scalar_mul(&bit, 2).unwrap();
    let back = IntCiphertext::from_bytes(&doubled.to_bytes().unwrap()).unwrap();
    assert_eq!(back, doubled);
    assert_eq!(server.failure_log2(&back).unwrap(), server.failure_log2(&doubled).unwrap());
    // The body: the degree, then Σc² and Σc over bootstrap outputs and Σc²
    // over fresh encryptions, one u64 each.
    let words = header_len(&p) + 8;
    let forge = |field: usize, value: u64| {
        let mut bytes = doubled.to_bytes().unwrap();
        let at = words + 8 * field;
        bytes[at..at + 8].copy_from_slice(&value.to_le_bytes());
        reseal(&mut bytes);
        IntCiphertext::from_bytes(&bytes)
    };
    assert_eq!(forge(0, 4).unwrap(), doubled, "the field layout is as documented");
    // A bound no operation may produce: beyond the target, or Σc above Σc².
    for (field, value) in [(0, 9), (0, u64::MAX), (1, 5), (1, (-5i64) as u64)] {
        let err = forge(field, value).unwrap_err();
        assert!(matches!(err, Error::Deserialization(_)), "field {field} = {value}: {err}");
    }
}
