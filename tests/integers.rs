//! Encrypted integers through the user API on the CPU backend: every
//! operator against Rust on edge and random inputs for every width (on a toy
//! set, whose bootstraps are about 40× cheaper), a sample on the shipped
//! boolean sets, lazy against eager evaluation, the merging of independent
//! operations into shared backend calls, and the errors.

use rand::{Rng, SeedableRng};
use umbra_fhe::circuit::Shape;
use umbra_fhe::core::testing::TOY;
use umbra_fhe::integers::Integer;
use umbra_fhe::{
    params, BackendChoice, ClientKey, Error, FheBool, FheInt16, FheInteger, FheUint16, FheUint32, FheUint8, Operation,
    Parameters, ServerKey,
};

fn keys(p: Parameters) -> (ClientKey, ServerKey) {
    let client = ClientKey::new(p).unwrap();
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();
    (client, server)
}

/// One encrypted result and what Rust computes.
enum Check<T: Integer> {
    Int(String, FheInteger<T>, u64),
    Bool(String, FheBool, bool),
}

/// Every operator on `(x, y)`, recorded lazily, with Rust's answers.
fn all_operations<T: Integer>(client: &ClientKey, x: u64, y: u64) -> Vec<Check<T>> {
    let bits = T::BITS;
    let mask = u64::MAX >> (64 - bits);
    let (a, b) = (
        FheInteger::<T>::encrypt(T::from_u64_wrapping(x), client),
        FheInteger::<T>::encrypt(T::from_u64_wrapping(y), client),
    );
    let yt = T::from_u64_wrapping(y);
    let k = (y % 64) as u32;
    let rotl = |v: u64, k: u32| {
        let k = k % bits;
        if k == 0 {
            v
        } else {
            (v << k | v >> (bits - k)) & mask
        }
    };
    // Order and arithmetic shifts: on the sign-extended value when signed.
    let key = |v: u64| if T::SIGNED { ((v << (64 - bits)) as i64 >> (64 - bits)) as i128 } else { v as i128 };
    let (kx, ky) = (key(x), key(y));
    let int = |name: &str, v: FheInteger<T>, want: u64| Check::Int(format!("{name}({x}, {y})"), v, want & mask);
    let boolean = |name: &str, v: FheBool, want: bool| Check::Bool(format!("{name}({x}, {y})"), v, want);
    let cond = FheBool::encrypt(x & 1 == 1, client);
    vec![
        int("add", &a + &b, x.wrapping_add(y)),
        int("sub", &a - &b, x.wrapping_sub(y)),
        int("mul", &a * &b, x.wrapping_mul(y)),
        int("and", &a & &b, x & y),
        int("or", &a | &b, x | y),
        int("xor", &a ^ &b, x ^ y),
        int("not", !&a, !x),
        int("neg", a.wrapping_neg(), x.wrapping_neg()),
        int("add plain", &a + yt, x.wrapping_add(y)),
        int("sub plain", &a - yt, x.wrapping_sub(y)),
        int("mul plain", &a * yt, x.wrapping_mul(y)),
        int("and plain", &a & yt, x & y),
        int("shl", &a << k, x << (k % bits)),
        int("shr", &a >> k, (kx >> (k % bits)) as u64),
        int("rotate_left", a.rotate_left(k), rotl(x, k)),
        int("rotate_right", a.rotate_right(k), rotl(x, bits - k % bits)),
        int("min", a.min(&b), if ky < kx { y } else { x }),
        int("max", a.max(&b), if kx < ky { y } else { x }),
        int("select", cond.select(&a, &b), if x & 1 == 1 { x } else { y }),
        boolean("eq", a.eq(&b), x == y),
        boolean("ne", a.ne(&b), x != y),
        boolean("lt", a.lt(&b), kx < ky),
        boolean("le", a.le(&b), kx <= ky),
        boolean("gt", a.gt(&b), kx > ky),
        boolean("ge", a.ge(&b), kx >= ky),
        boolean("lt and ne", &a.lt(&b) & &a.ne(&b), kx < ky),
        boolean("lt or eq", &a.lt(&b) | &a.eq(&b), kx <= ky),
        boolean("lt xor le", &a.lt(&b) ^ &a.le(&b), x == y),
        boolean("not lt", !&a.lt(&b), kx >= ky),
    ]
}

fn verify<T: Integer>(client: &ClientKey, checks: &[Check<T>]) {
    for check in checks {
        match check {
            Check::Int(what, v, want) => {
                assert_eq!(v.decrypt(client).unwrap().to_u64(), *want, "{} bits: {what}", T::BITS)
            }
            Check::Bool(what, v, want) => assert_eq!(v.decrypt(client).unwrap(), *want, "{} bits: {what}", T::BITS),
        }
    }
}

/// Edge pairs (0, 1, MAX, MAX − 1, and for signed types MIN and −1, −2),
/// `random` random pairs and one pair of equal operands.
fn operand_pairs(bits: u32, signed: bool, random: usize, seed: u64) -> Vec<(u64, u64)> {
    let mask = u64::MAX >> (64 - bits);
    let mut edges = vec![0, 1, mask, mask - 1];
    if signed {
        // MIN and MAX; −1 and −2 are the unsigned MAX and MAX − 1 above.
        edges.extend([1 << (bits - 1), (1 << (bits - 1)) - 1]);
    }
    let mut pairs: Vec<(u64, u64)> = edges.iter().flat_map(|&x| edges.iter().map(move |&y| (x, y))).collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    pairs.extend((0..random).map(|_| (rng.random::<u64>() & mask, rng.random::<u64>() & mask)));
    // Equal operands, random.
    let z = rng.random::<u64>() & mask;
    pairs.push((z, z));
    pairs
}

/// Every operator on edge and random pairs, evaluated together in `shape`
/// (`None`: the shape evaluation picks).
fn sweep<T: Integer>(client: &ClientKey, server: &ServerKey, random: usize, shape: Option<Shape>) {
    let checks: Vec<Check<T>> = operand_pairs(T::BITS, T::SIGNED, random, u64::from(T::BITS))
        .into_iter()
        .flat_map(|(x, y)| all_operations(client, x, y))
        .collect();
    let values: Vec<&FheInteger<T>> =
        checks.iter().filter_map(|c| if let Check::Int(_, v, _) = c { Some(v) } else { None }).collect();
    let bools: Vec<&FheBool> =
        checks.iter().filter_map(|c| if let Check::Bool(_, v, _) = c { Some(v) } else { None }).collect();
    match shape {
        Some(shape) => server.evaluate_with_shape(&(values, bools), shape),
        None => server.evaluate(&(values, bools)),
    }
    .unwrap();
    verify(client, &checks);
}

#[test]
fn every_operator_matches_rust_on_8_and_16_bits_in_both_shapes() {
    let (client, server) = keys(TOY);
    for shape in [Shape::Small, Shape::Shallow] {
        sweep::<u8>(&client, &server, 4, Some(shape));
        sweep::<u16>(&client, &server, 2, Some(shape));
    }
}

#[test]
fn every_operator_matches_rust_on_32_and_64_bits() {
    let (client, server) = keys(TOY);
    sweep::<u32>(&client, &server, 1, None);
    sweep::<u64>(&client, &server, 0, None);
}

#[test]
fn signed_operators_match_rust() {
    let (client, server) = keys(TOY);
    sweep::<i8>(&client, &server, 4, None);
    sweep::<i32>(&client, &server, 0, None);
}

#[test]
fn casts_follow_as() {
    let (client, server) = keys(TOY);
    let x = FheUint16::encrypt(0xBEEF, &client);
    let (low, wide, same) = (x.cast::<u8>(), x.cast::<u64>(), x.cast::<u16>());
    server.evaluate(&(&low, &wide, &same)).unwrap();
    assert_eq!(low.decrypt(&client).unwrap(), 0xEF);
    assert_eq!(wide.decrypt(&client).unwrap(), 0xBEEF);
    assert_eq!(same.decrypt(&client).unwrap(), 0xBEEF);

    let minus = FheInt16::encrypt(-1234, &client);
    let (narrow, wide, unsigned) = (minus.cast::<i8>(), minus.cast::<i64>(), minus.cast::<u32>());
    let from_unsigned = x.cast::<i32>();
    server.evaluate(&(&narrow, &wide, &unsigned, &from_unsigned)).unwrap();
    assert_eq!(narrow.decrypt(&client).unwrap(), -1234i16 as i8);
    assert_eq!(wide.decrypt(&client).unwrap(), -1234);
    assert_eq!(unsigned.decrypt(&client).unwrap(), -1234i16 as u32);
    assert_eq!(from_unsigned.decrypt(&client).unwrap(), 0xBEEF);
}

#[test]
fn a_sample_on_the_shipped_boolean_sets() {
    for set in [params::DEFAULT_BOOLEAN, params::TFHE_LIB] {
        let (client, server) = keys(set);
        let (a, b) = (FheUint8::encrypt(201, &client), FheUint8::encrypt(99, &client));
        let (sum, product, larger, less) = (&a + &b, &a * &b, a.max(&b), a.lt(&b));
        server.evaluate(&(&sum, &product, &larger, &less)).unwrap();
        assert_eq!(sum.decrypt(&client).unwrap(), 201u8.wrapping_add(99), "{}", set.name);
        assert_eq!(product.decrypt(&client).unwrap(), 201u8.wrapping_mul(99), "{}", set.name);
        assert_eq!(larger.decrypt(&client).unwrap(), 201, "{}", set.name);
        assert!(!less.decrypt(&client).unwrap(), "{}", set.name);
    }
    let (client, server) = keys(params::DEFAULT_BOOLEAN);
    let (a, b) = (FheUint32::encrypt(3_000_000_000, &client), FheUint32::encrypt(1_500_000_001, &client));
    let (sum, ge) = (&a + &b, a.ge(&b));
    server.evaluate(&(&sum, &ge)).unwrap();
    assert_eq!(sum.decrypt(&client).unwrap(), 3_000_000_000u32.wrapping_add(1_500_000_001));
    assert!(ge.decrypt(&client).unwrap());
}

/// A small program: `max(a + b, c·3) − (a ^ c)`, with a comparison on the side.
fn program(a: &FheUint16, b: &FheUint16, c: &FheUint16) -> (FheUint16, FheBool) {
    let s = a + b;
    let t = c * 3u16;
    let m = s.max(&t);
    (&m - &(a ^ c), s.lt(&t))
}

#[test]
fn lazy_and_eager_evaluation_give_identical_results() {
    let (client, server) = keys(TOY);
    let (x, y, z) = (40_000u16, 30_000u16, 21_000u16);
    let enc = |v| FheUint16::encrypt(v, &client);

    // Lazy: one evaluation of the whole program.
    let (a, b, c) = (enc(x), enc(y), enc(z));
    let (out, flag) = program(&a, &b, &c);
    assert!(!out.is_evaluated());
    let lazy = server.evaluate(&(&out, &flag)).unwrap();
    assert!(out.is_evaluated());

    // Eager: every intermediate evaluated as soon as it exists.
    let (a, b, c) = (enc(x), enc(y), enc(z));
    let mut eager_calls = 0;
    let mut eval = |v: &FheUint16| eager_calls += server.evaluate(v).unwrap().levels;
    let s = &a + &b;
    eval(&s);
    let t = &c * 3u16;
    eval(&t);
    let m = s.max(&t);
    eval(&m);
    let d = &a ^ &c;
    eval(&d);
    let eager_out = &m - &d;
    eval(&eager_out);
    let eager_flag = s.lt(&t);
    eager_calls += server.evaluate(&eager_flag).unwrap().levels;

    let want = x.wrapping_add(y).max(z.wrapping_mul(3)).wrapping_sub(x ^ z);
    assert_eq!(out.decrypt(&client).unwrap(), want);
    assert_eq!(eager_out.decrypt(&client).unwrap(), want);
    assert_eq!(flag.decrypt(&client).unwrap(), x.wrapping_add(y) < z.wrapping_mul(3));
    assert_eq!(eager_flag.decrypt(&client).unwrap(), flag.decrypt(&client).unwrap());
    // Lazy evaluation overlaps independent parts: fewer backend calls.
    assert!(lazy.levels < eager_calls, "lazy {} calls, eager {eager_calls}", lazy.levels);
}

#[test]
fn a_thousand_independent_additions_run_as_one_additions_levels() {
    let (client, server) = keys(TOY);
    // One addition alone: its backend calls and their sizes.
    let (p, q) = (FheUint8::encrypt(1, &client), FheUint8::encrypt(2, &client));
    let one = server.evaluate(&(&p + &q)).unwrap();
    // On the CPU the small shape is the one the cost model expects to finish first.
    let cost = FheUint8::cost(Operation::Add, Shape::Small);
    assert_eq!((one.levels, one.bootstraps), (cost.levels, cost.bootstraps));

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1000);
    let pairs: Vec<(u8, u8)> = (0..1000).map(|_| (rng.random(), rng.random())).collect();
    let sums: Vec<FheUint8> =
        pairs.iter().map(|&(x, y)| &FheUint8::encrypt(x, &client) + &FheUint8::encrypt(y, &client)).collect();
    let stats = server.evaluate(&sums).unwrap();
    assert_eq!(stats.levels, one.levels, "{stats}");
    assert_eq!(stats.batch_sizes, one.batch_sizes.iter().map(|b| 1000 * b).collect::<Vec<_>>());
    assert_eq!(stats.bootstraps, 1000 * one.bootstraps);
    assert!(stats.average_batch() >= 1000.0);
    for ((x, y), s) in pairs.iter().zip(&sums) {
        assert_eq!(s.decrypt(&client).unwrap(), x.wrapping_add(*y));
    }
    // Already evaluated: nothing left to do.
    assert_eq!(server.evaluate(&sums).unwrap().bootstraps, 0);
}

#[test]
fn dependent_chains_evaluate_in_order() {
    let (client, server) = keys(TOY);
    let values = [17u8, 200, 3, 99, 250, 1, 64];
    let mut total = FheUint8::trivial(0);
    for &v in &values {
        total += FheUint8::encrypt(v, &client);
    }
    // Half evaluated, then more operations on top of the evaluated value.
    server.evaluate(&total).unwrap();
    total *= 3u8;
    total = total.rotate_left(3);
    server.evaluate(&total).unwrap();
    let want = values.iter().fold(0u8, |t, &v| t.wrapping_add(v)).wrapping_mul(3).rotate_left(3);
    assert_eq!(total.decrypt(&client).unwrap(), want);
}

#[test]
fn errors_are_results_not_panics() {
    let (client, server) = keys(TOY);
    let a = FheUint8::encrypt(5, &client);
    let pending = &a + &a;
    assert!(matches!(pending.decrypt(&client), Err(Error::InvalidInput(_))));

    // A value of another key pair: the evaluation refuses, nothing changes.
    let (other_client, _) = keys(TOY);
    let foreign = FheUint8::encrypt(7, &other_client);
    let mixed = &a + &foreign;
    assert!(matches!(server.evaluate(&mixed), Err(Error::KeyMismatch { .. })));
    assert!(!mixed.is_evaluated());
    // Another parameter set.
    let (default_client, _) = keys(params::DEFAULT_BOOLEAN);
    let other_set = &a * &FheUint8::encrypt(2, &default_client);
    assert!(matches!(server.evaluate(&other_set), Err(Error::ParameterMismatch { .. })));

    // Values that are already evaluated (fresh, computed or deserialized)
    // of another key or set are refused too, although nothing is computed:
    // a server can vet what it received.
    assert!(matches!(server.evaluate(&foreign), Err(Error::KeyMismatch { .. })));
    let received = FheUint8::from_bytes(&FheUint8::encrypt(9, &default_client).to_bytes().unwrap()).unwrap();
    assert!(matches!(server.evaluate(&received), Err(Error::ParameterMismatch { .. })));
    assert!(matches!(server.evaluate(&(&a, &foreign)), Err(Error::KeyMismatch { .. })));
    assert_eq!(server.evaluate(&a).unwrap().bootstraps, 0, "a value of this key passes");

    // Decryption under another key.
    server.evaluate(&pending).unwrap();
    assert!(matches!(pending.decrypt(&other_client), Err(Error::KeyMismatch { .. })));
    assert_eq!(pending.decrypt(&client).unwrap(), 10);
}

#[test]
fn public_operands_fold_away() {
    let (client, server) = keys(TOY);
    let a = FheUint8::encrypt(77, &client);
    // Shifts and rotations are free; a product by a power of two is a shift.
    let free = ((&a << 2u32) >> 1u32).rotate_right(3);
    assert_eq!(server.evaluate(&free).unwrap().bootstraps, 0);
    let by_eight = &a * 8u8;
    assert_eq!(server.evaluate(&by_eight).unwrap().bootstraps, 0);
    assert_eq!(by_eight.decrypt(&client).unwrap(), 77u8.wrapping_mul(8));
    // Adding a public value costs less than adding an encrypted one.
    let plus = &a + 1u8;
    let stats = server.evaluate(&plus).unwrap();
    assert!(stats.bootstraps < FheUint8::cost(Operation::Add, Shape::Small).bootstraps, "{stats}");
    assert_eq!(plus.decrypt(&client).unwrap(), 78);
    assert_eq!(format!("{plus:?}"), "FheInteger { bits: 8, evaluated: true, .. }");
}

/// The measurement behind the choice of representation (module docs of
/// `umbra_fhe::integers`): an 8-bit addition as 8 boolean bits (the prefix
/// adder, on `default-boolean`) against 4 radix blocks of 2 bits with 2
/// carry bits (on `message-4`, ripple carry: two lookups per block, the top
/// block's carry dropped, 7 lookups in 4 levels: the fewest bootstraps radix
/// blocks allow). Prints the time of one addition and of 32 together.
/// Run: `cargo test --release --test integers -- --ignored --nocapture representation`.
#[test]
#[ignore = "a measurement, not a check: about a minute"]
fn representation_bits_against_radix_blocks() {
    use std::time::Instant;
    use umbra_fhe::circuit::{Circuit, CircuitInputs};

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(8);
    let pairs: Vec<(u8, u8)> = (0..32).map(|_| (rng.random(), rng.random())).collect();

    let (client, server) = keys(params::DEFAULT_BOOLEAN);
    for count in [1, 32] {
        let sums: Vec<FheUint8> = pairs[..count]
            .iter()
            .map(|&(x, y)| &FheUint8::encrypt(x, &client) + &FheUint8::encrypt(y, &client))
            .collect();
        let start = Instant::now();
        let stats = server.evaluate(&sums).unwrap();
        let elapsed = start.elapsed();
        for (s, &(x, y)) in sums.iter().zip(&pairs) {
            assert_eq!(s.decrypt(&client).unwrap(), x.wrapping_add(y));
        }
        println!(
            "bits, default-boolean: {count} additions in {elapsed:.2?} ({} bootstraps, {} levels)",
            stats.bootstraps, stats.levels
        );
    }

    let (client, server) = keys(params::MESSAGE_4_BITS);
    let mut c = Circuit::new();
    let a: Vec<_> = (0..4).map(|_| c.int_input()).collect();
    let b: Vec<_> = (0..4).map(|_| c.int_input()).collect();
    let mut carry = None;
    for i in 0..4 {
        let mut t = c.add(a[i], b[i]);
        if let Some(carry) = carry {
            t = c.add(t, carry);
        }
        let block = c.lut(t, |m| m & 3);
        c.output_int(block);
        if i < 3 {
            carry = Some(c.lut(t, |m| m >> 2));
        }
    }
    let blocks =
        |x: u8| (0..4).map(|i| client.encrypt_bounded(u64::from(x >> (2 * i) & 3), 3).unwrap()).collect::<Vec<_>>();
    for count in [1, 32] {
        let instances: Vec<_> = pairs[..count]
            .iter()
            .map(|&(x, y)| CircuitInputs::ints(blocks(x).into_iter().chain(blocks(y)).collect()))
            .collect();
        let start = Instant::now();
        let (outputs, stats) = c.evaluate_many(&server, &instances).unwrap();
        let elapsed = start.elapsed();
        for (out, &(x, y)) in outputs.iter().zip(&pairs) {
            let sum = out.ints.iter().enumerate().map(|(i, b)| client.decrypt(b).unwrap() << (2 * i)).sum::<u64>();
            assert_eq!(sum, u64::from(x.wrapping_add(y)));
        }
        println!(
            "radix blocks, message-4: {count} additions in {elapsed:.2?} ({} bootstraps, {} levels)",
            stats.bootstraps, stats.levels
        );
    }
}

#[test]
fn values_serialize_and_keep_their_key() {
    // A shipped set: custom sets do not serialize.
    let (client, server) = keys(params::DEFAULT_BOOLEAN);
    let a = FheUint16::encrypt(0xABCD, &client);
    // Four low bits known to be zero travel as noiseless encryptions.
    let shifted = &a << 4;
    let flag = a.gt(100u16);
    assert!(matches!(shifted.to_bytes(), Err(Error::InvalidInput(_))), "not evaluated yet");
    server.evaluate(&(&shifted, &flag)).unwrap();

    let back = FheUint16::from_bytes(&shifted.to_bytes().unwrap()).unwrap();
    assert_eq!(back.decrypt(&client).unwrap(), 0xBCD0);
    let flag_back = FheBool::from_bytes(&flag.to_bytes().unwrap()).unwrap();
    assert!(flag_back.decrypt(&client).unwrap());
    // A value read back takes part in further operations.
    let sum = &back + 1u16;
    server.evaluate(&sum).unwrap();
    assert_eq!(sum.decrypt(&client).unwrap(), 0xBCD1);
    // Through serde too.
    let json = serde_json::to_string(&sum).unwrap();
    let from_json: FheUint16 = serde_json::from_str(&json).unwrap();
    assert_eq!(from_json.decrypt(&client).unwrap(), 0xBCD1);

    // Another width, another signedness, a public value, another key.
    assert!(matches!(FheUint8::from_bytes(&back.to_bytes().unwrap()), Err(Error::Deserialization(_))));
    assert!(matches!(FheInt16::from_bytes(&back.to_bytes().unwrap()), Err(Error::Deserialization(_))));
    let signed = FheInt16::encrypt(-5, &client);
    assert!(matches!(FheUint16::from_bytes(&signed.to_bytes().unwrap()), Err(Error::Deserialization(_))));
    assert_eq!(FheInt16::from_bytes(&signed.to_bytes().unwrap()).unwrap().decrypt(&client).unwrap(), -5);
    assert!(matches!(FheBool::from_bytes(&back.to_bytes().unwrap()), Err(Error::Deserialization(_))));
    assert!(matches!(FheUint8::trivial(3).to_bytes(), Err(Error::Unsupported(_))));
    let (other, _) = keys(params::DEFAULT_BOOLEAN);
    assert!(matches!(back.decrypt(&other), Err(Error::KeyMismatch { .. })));
    // Truncated bytes.
    let bytes = back.to_bytes().unwrap();
    assert!(matches!(FheUint16::from_bytes(&bytes[..bytes.len() - 3]), Err(Error::Deserialization(_))));
}

#[test]
fn a_long_chain_of_pending_operations_drops_without_recursion() {
    let client = ClientKey::new(TOY).unwrap();
    let one = FheUint8::encrypt(1, &client);
    let mut total = FheUint8::trivial(0);
    for _ in 0..300_000 {
        total = &total + &one;
    }
    assert!(!total.is_evaluated());
    drop(total);
}

#[test]
fn evaluate_takes_nothing_many_values_and_iterators() {
    let (client, server) = keys(TOY);
    assert_eq!(server.evaluate(&()).unwrap().bootstraps, 0);
    let x = FheUint8::encrypt(0b1001_0110, &client);
    let rotations: Vec<FheUint8> = (0..12).map(|k| x.rotate_left(k)).collect();
    let r = &rotations;
    // A tuple of twelve values, mixed with references and a unit.
    let twelve = (&r[0], &r[1], &r[2], &r[3], &r[4], &r[5], &r[6], &r[7], &r[8], &r[9], &r[10], ());
    server.evaluate(&twelve).unwrap();
    let flags: Vec<FheBool> = rotations.iter().map(|v| v.eq(&x)).collect();
    server.evaluate_all(flags.iter().chain([&x.eq(&x)])).unwrap();
    // The twelfth rotation was left out of the tuple, but the flags read it.
    for (k, (v, f)) in rotations.iter().zip(&flags).enumerate() {
        let expected = 0b1001_0110u8.rotate_left(k as u32);
        assert_eq!(v.decrypt(&client).unwrap(), expected);
        assert_eq!(f.decrypt(&client).unwrap(), expected == 0b1001_0110);
    }
}
