//! Division, shifts by an encrypted amount, bit counts, overflow flags, sums
//! and plaintext comparisons through the user API, encrypted and
//! bootstrapped (on the toy set; one sample on `default-boolean`), against
//! Rust. Every circuit is also checked exhaustively on 8 bits, and on edge
//! and random values up to 64 bits, by the crate's plaintext interpreter.

use umbra_fhe::circuit::Shape;
use umbra_fhe::core::testing::TOY;
use umbra_fhe::integers::Integer;
use umbra_fhe::{
    params, BackendChoice, ClientKey, FheBool, FheInt8, FheInteger, FheUint16, FheUint32, FheUint8, Operation,
    Parameters, ServerKey,
};

fn keys(p: Parameters) -> (ClientKey, ServerKey) {
    let client = ClientKey::new(p).unwrap();
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();
    (client, server)
}

/// An encrypted result of a newer operation.
enum Value<T: Integer> {
    Word(FheInteger<T>),
    Count(FheUint32),
    Flag(FheBool),
}

/// One encrypted result, its name and what Rust computes, as bits.
struct Check<T: Integer> {
    what: String,
    value: Value<T>,
    want: u64,
}

/// The newer operations of `T` on `(x, y)`, with Rust's answers (wrapping
/// arithmetic on the bit patterns; division by zero as documented).
fn operations<T: Integer>(client: &ClientKey, x: T, y: T) -> Vec<Check<T>> {
    let bits = T::BITS;
    let mask = u64::MAX >> (64 - bits);
    let key =
        |v: T| if T::SIGNED { ((v.to_u64() << (64 - bits)) as i64 >> (64 - bits)) as i128 } else { v.to_u64() as i128 };
    let (kx, ky) = (key(x), key(y));
    let (min, max) = if T::SIGNED { (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1) } else { (0, mask as i128) };
    let wrap = |v: i128| v as u64 & mask;
    let (a, b) = (FheInteger::<T>::encrypt(x, client), FheInteger::<T>::encrypt(y, client));
    let (q, r) = a.div_rem(&b);
    let (want_q, want_r) =
        if ky == 0 { (wrap(if kx < 0 { 1 } else { -1 }), wrap(kx)) } else { (wrap(kx / ky), wrap(kx % ky)) };
    let amount = (y.to_u64() % u64::from(bits)) as u32;
    let rotl = |v: u64, k: u32| if k == 0 { v } else { (v << k | v >> (bits - k)) & mask };
    let (sum, add_over) = a.overflowing_add(&b);
    let (difference, sub_over) = a.overflowing_sub(&b);
    let (product, mul_over) = a.overflowing_mul(&b);
    let (_, add_exact) = a.checked_add(y);
    let exact_product = if T::SIGNED {
        (min..=max).contains(&(kx * ky))
    } else {
        u128::from(x.to_u64()) * u128::from(y.to_u64()) <= u128::from(mask)
    };
    let (log, defined) = a.checked_ilog2();
    let label = |name: &str| format!("{name}({x:?}, {y:?})");
    let word = |name: &str, v: FheInteger<T>, want: u64| Check { what: label(name), value: Value::Word(v), want };
    let count = |name: &str, v: FheUint32, want: u32| Check {
        what: label(name),
        value: Value::Count(v),
        want: u64::from(want),
    };
    let flag =
        |name: &str, v: FheBool, want: bool| Check { what: label(name), value: Value::Flag(v), want: u64::from(want) };
    let top_one = 63u32.saturating_sub(x.to_u64().leading_zeros());
    vec![
        word("div_rem quotient", q, want_q),
        word("div_rem remainder", r, want_r),
        word("/ plain", &a / y, want_q),
        word("% plain", &a % y, want_r),
        word("<<", &a << &b, wrap(kx << amount)),
        word(">>", &a >> &b, wrap(kx >> amount)),
        word("rotate_left_by", a.rotate_left_by(&b), rotl(x.to_u64(), amount)),
        word("rotate_right_by", a.rotate_right_by(&b), rotl(x.to_u64(), (bits - amount) % bits)),
        word("overflowing_add", sum, wrap(kx + ky)),
        word("overflowing_sub", difference, wrap(kx - ky)),
        word("overflowing_mul", product, wrap(kx.wrapping_mul(ky))),
        count("count_ones", a.count_ones(), x.to_u64().count_ones()),
        count("count_zeros", a.count_zeros(), bits - x.to_u64().count_ones()),
        count("leading_zeros", a.leading_zeros(), x.to_u64().leading_zeros() - (64 - bits)),
        count("trailing_zeros", a.trailing_zeros(), x.to_u64().trailing_zeros().min(bits)),
        count("ilog2", log, if x.to_u64() == 0 { bits - 1 } else { top_one }),
        flag("ilog2 defined", defined, kx > 0),
        flag("add overflowed", add_over, !(min..=max).contains(&(kx + ky))),
        flag("add exact", add_exact, (min..=max).contains(&(kx + ky))),
        flag("sub overflowed", sub_over, !(min..=max).contains(&(kx - ky))),
        flag("mul overflowed", mul_over, !exact_product),
        flag("lt plain", a.lt(y), kx < ky),
        flag("ge plain", a.ge(y), kx >= ky),
        flag("eq plain", a.eq(y), x.to_u64() == y.to_u64()),
    ]
}

/// Every newer operation on every pair of `edges` and the given extra pairs,
/// all evaluated together, checked against Rust.
fn sweep<T: Integer>(client: &ClientKey, server: &ServerKey, edges: &[T], extra: &[(T, T)]) {
    let pairs: Vec<(T, T)> =
        edges.iter().flat_map(|&x| edges.iter().map(move |&y| (x, y))).chain(extra.iter().copied()).collect();
    let checks: Vec<Check<T>> = pairs.into_iter().flat_map(|(x, y)| operations(client, x, y)).collect();
    let words: Vec<&FheInteger<T>> =
        checks.iter().filter_map(|c| if let Value::Word(v) = &c.value { Some(v) } else { None }).collect();
    let counts: Vec<&FheUint32> =
        checks.iter().filter_map(|c| if let Value::Count(v) = &c.value { Some(v) } else { None }).collect();
    let flags: Vec<&FheBool> =
        checks.iter().filter_map(|c| if let Value::Flag(v) = &c.value { Some(v) } else { None }).collect();
    server.evaluate(&(words, counts, flags)).unwrap();
    for check in &checks {
        let got = match &check.value {
            Value::Word(v) => v.decrypt(client).unwrap().to_u64(),
            Value::Count(v) => u64::from(v.decrypt(client).unwrap()),
            Value::Flag(v) => u64::from(v.decrypt(client).unwrap()),
        };
        assert_eq!(got, check.want, "{} bits: {}", T::BITS, check.what);
    }
}

#[test]
fn newer_operations_match_rust_unsigned() {
    let (client, server) = keys(TOY);
    sweep::<u8>(&client, &server, &[0, 1, 7, 128, 255], &[(200, 7), (9, 3), (100, 16), (13, 200)]);
    sweep::<u16>(&client, &server, &[0, 1, u16::MAX], &[(40_000, 123), (12_345, 2)]);
}

#[test]
fn newer_operations_match_rust_signed() {
    let (client, server) = keys(TOY);
    sweep::<i8>(&client, &server, &[0, 1, -1, i8::MIN, i8::MAX], &[(-100, 7), (100, -7), (-9, -2), (64, 64)]);
}

#[test]
fn sums_and_dot_products_match_rust() {
    let (client, server) = keys(TOY);
    let plain = [200u16, 17, 65_000, 3, 999, 40_000, 7];
    let xs: Vec<FheUint16> = plain.iter().map(|&x| FheUint16::encrypt(x, &client)).collect();
    let weights = [3u16, 0, 255, 65_535, 1, 0x5555, 2];
    let total: FheUint16 = xs.iter().sum();
    let owned_total: FheUint16 = xs.clone().into_iter().sum();
    let dot = FheUint16::dot(xs.iter().zip(weights));
    let empty: FheUint16 = std::iter::empty::<&FheUint16>().sum();
    let one: FheUint16 = xs[..1].iter().sum();
    let stats = server.evaluate(&(&total, &owned_total, &dot, &empty, &one)).unwrap();
    let want_total = plain.iter().fold(0u16, |s, &x| s.wrapping_add(x));
    let want_dot = plain.iter().zip(weights).fold(0u16, |s, (&x, w)| s.wrapping_add(x.wrapping_mul(w)));
    assert_eq!(total.decrypt(&client).unwrap(), want_total);
    assert_eq!(owned_total.decrypt(&client).unwrap(), want_total);
    assert_eq!(dot.decrypt(&client).unwrap(), want_dot);
    assert_eq!(empty.decrypt(&client).unwrap(), 0);
    assert_eq!(one.decrypt(&client).unwrap(), 200);
    // One tree of counters beats a chain of six additions.
    let chain = 6 * FheUint16::cost(Operation::Add, Shape::Small).bootstraps;
    let tree = FheUint16::cost(Operation::Sum(7), Shape::Small).bootstraps;
    assert!(tree < chain, "sum of 7: {tree} bootstraps against {chain} for a chain");
    assert!(stats.bootstraps > 0);
}

#[test]
fn public_operands_make_comparisons_and_division_cheaper() {
    let (client, server) = keys(TOY);
    let x = FheUint8::encrypt(4, &client);
    let y = FheUint8::encrypt(5, &client);
    let small = |v: &FheBool| server.evaluate_with_shape(v, Shape::Small).unwrap().bootstraps;
    let (public, encrypted, top_bit) = (x.lt(5u8), x.lt(&y), x.lt(128u8));
    // 5 = 0b101: the low bit's borrow is a negation; each bit above it one bootstrap.
    let costs = (small(&public), small(&encrypted), small(&top_bit));
    assert_eq!(costs, (7, FheUint8::cost(Operation::Lt, Shape::Small).bootstraps, 0));
    assert!(
        public.decrypt(&client).unwrap() && encrypted.decrypt(&client).unwrap() && top_bit.decrypt(&client).unwrap()
    );
    let z = FheUint8::encrypt(77, &client);
    let (by_eight, by_ten) = (&z / 8u8, &z / 10u8);
    let shaped = |v: &FheUint8| server.evaluate_with_shape(v, Shape::Small).unwrap().bootstraps;
    assert_eq!(shaped(&by_eight), 0);
    // The three steps with 2^s ≤ 10 (whose remainder is below the divisor) vanish.
    let folded = shaped(&by_ten);
    println!(
        "77 / 10: {folded} bootstraps, against {} for an encrypted divisor",
        FheUint8::cost(Operation::Div, Shape::Small).bootstraps
    );
    assert!(folded < FheUint8::cost(Operation::Div, Shape::Small).bootstraps, "{folded}");
    assert_eq!((by_eight.decrypt(&client).unwrap(), by_ten.decrypt(&client).unwrap()), (9, 7));
}

#[test]
fn a_sample_of_the_newer_operations_on_default_boolean() {
    let (client, server) = keys(params::DEFAULT_BOOLEAN);
    let (a, b) = (FheInt8::encrypt(-100, &client), FheInt8::encrypt(7, &client));
    let (q, r) = a.div_rem(&b);
    let (sum, overflowed) = a.overflowing_add(-50i8);
    let ones = FheUint32::encrypt(0xF0F0_0001, &client).count_ones();
    let rotated = FheUint8::encrypt(0b1001_0110, &client).rotate_left_by(&FheUint8::encrypt(3, &client));
    server.evaluate(&(&q, &r, &sum, &overflowed, &ones, &rotated)).unwrap();
    assert_eq!((q.decrypt(&client).unwrap(), r.decrypt(&client).unwrap()), (-100 / 7, -100 % 7));
    assert_eq!((sum.decrypt(&client).unwrap(), overflowed.decrypt(&client).unwrap()), (-100i8).overflowing_add(-50));
    assert_eq!(ones.decrypt(&client).unwrap(), 9);
    assert_eq!(rotated.decrypt(&client).unwrap(), 0b1001_0110u8.rotate_left(3));
}

/// Bitwise code written as in SHA-256 costs what the circuit rewrites
/// promise, with the right values: a three-way XOR of rotations one
/// bootstrap a bit, `Ch` two, `Maj` one (on `default-boolean`).
#[test]
fn hash_style_bitwise_code_is_rewritten_into_fewer_bootstraps() {
    let (client, server) = keys(params::DEFAULT_BOOLEAN);
    let (x, y, z) = (0b1011_0110u8, 0b0110_1100u8, 0b1100_1010u8);
    let [a, b, c] = [x, y, z].map(|v| FheUint8::encrypt(v, &client));
    let cases: [(&str, FheUint8, u8, usize); 3] = [
        (
            "sigma",
            a.rotate_right(2) ^ a.rotate_right(5) ^ a.rotate_right(7),
            x.rotate_right(2) ^ x.rotate_right(5) ^ x.rotate_right(7),
            8,
        ),
        ("choose", (&a & &b) ^ (!&a & &c), (x & y) ^ (!x & z), 16),
        ("majority", (&a & &b) ^ (&a & &c) ^ (&b & &c), (x & y) ^ (x & z) ^ (y & z), 8),
    ];
    for (what, value, want, bootstraps) in cases {
        let stats = server.evaluate(&value).unwrap();
        assert_eq!(stats.bootstraps, bootstraps, "{what}");
        assert_eq!(stats.levels, 1, "{what}");
        assert_eq!(value.decrypt(&client).unwrap(), want, "{what}");
    }
}
