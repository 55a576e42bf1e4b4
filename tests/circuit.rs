//! Circuits: results against plaintext, level counts, and batches merged across instances.

mod common;

use common::{decrypt_bits, encrypt_bits};
use rand::{Rng, SeedableRng};
use umbra_fhe::circuit::{Circuit, CircuitInputs};
use umbra_fhe::{params, BackendChoice, ClientKey, ServerKey};

fn keys(p: umbra_fhe::Parameters) -> (ClientKey, ServerKey) {
    let client = ClientKey::new(p).unwrap();
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();
    (client, server)
}

fn two_operand_inputs(client: &ClientKey, x: u64, y: u64, width: usize) -> CircuitInputs {
    let mut bits = encrypt_bits(client, x, width);
    bits.extend(encrypt_bits(client, y, width));
    CircuitInputs::bools(bits)
}

#[test]
fn adders_over_many_instances_merge_their_levels() {
    let (client, server) = keys(params::DEFAULT_BOOLEAN);
    let mut c = Circuit::new();
    let a = c.bool_inputs(8);
    let b = c.bool_inputs(8);
    for s in c.add_words(&a, &b).unwrap() {
        c.output_bool(s);
    }
    // Parallel prefix: generate/propagate, 3 prefix levels, the sums.
    assert_eq!(c.levels(), 5);
    assert_eq!(c.bootstraps(), 33);
    let sizes = c.level_sizes();
    assert_eq!((sizes.len(), sizes.iter().sum::<usize>()), (5, 33));

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    let pairs: Vec<(u64, u64)> = (0..6).map(|_| (rng.random_range(0..256), rng.random_range(0..256))).collect();
    let instances: Vec<_> = pairs.iter().map(|&(x, y)| two_operand_inputs(&client, x, y, 8)).collect();
    let (outputs, stats) = c.evaluate_many(&server, &instances).unwrap();
    for ((x, y), out) in pairs.iter().zip(&outputs) {
        assert_eq!(decrypt_bits(&client, &out.bools), (x + y) % 256, "{x} + {y}");
    }
    // One backend call per level, each holding that level of all six instances.
    assert_eq!(stats.batch_sizes, sizes.iter().map(|s| 6 * s).collect::<Vec<_>>());
    assert_eq!(stats.levels, 5);
    assert_eq!(stats.bootstraps, 6 * 33);
}

#[test]
fn comparator_select_and_min_max_match_plaintext() {
    let (client, server) = keys(params::TFHE_LIB);
    let width = 4;
    let mut c = Circuit::new();
    let a = c.bool_inputs(width);
    let b = c.bool_inputs(width);
    let lt = c.lt_words(&a, &b).unwrap();
    let eq = c.eq_words(&a, &b).unwrap();
    let (min, max) = c.min_max_words(&a, &b).unwrap();
    c.output_bool(lt);
    c.output_bool(eq);
    for w in min.iter().chain(&max) {
        c.output_bool(*w);
    }
    // lt: generate/propagate and a 2-level prefix; min/max one mux level more.
    assert_eq!(c.levels(), 1 + 2 + 1);

    let pairs = [(3u64, 9u64), (9, 3), (7, 7), (0, 15), (15, 0), (6, 5)];
    let instances: Vec<_> = pairs.iter().map(|&(x, y)| two_operand_inputs(&client, x, y, width)).collect();
    let (outputs, stats) = c.evaluate_many(&server, &instances).unwrap();
    assert_eq!(stats.levels, 1 + 2 + 1);
    for ((x, y), out) in pairs.iter().zip(&outputs) {
        assert_eq!(client.decrypt_bool(&out.bools[0]).unwrap(), x < y, "{x} < {y}");
        assert_eq!(client.decrypt_bool(&out.bools[1]).unwrap(), x == y, "{x} == {y}");
        assert_eq!(decrypt_bits(&client, &out.bools[2..2 + width]), *x.min(y), "min({x}, {y})");
        assert_eq!(decrypt_bits(&client, &out.bools[2 + width..]), *x.max(y), "max({x}, {y})");
    }
}

#[test]
fn equality_uses_a_logarithmic_and_tree() {
    let mut c = Circuit::new();
    let a = c.bool_inputs(8);
    let b = c.bool_inputs(8);
    let eq = c.eq_words(&a, &b).unwrap();
    c.output_bool(eq);
    assert_eq!(c.levels(), 1 + 3);
    assert_eq!(c.bootstraps(), 8 + 7);
}

/// `((x + y) / 2)·2 + 1`, then a table `m ↦ 3m mod 2^bits`; outputs the
/// final value and the halved sum.
fn halve_double_table(bits: u32) -> Circuit {
    let modulus = 1u64 << bits;
    let mut c = Circuit::new();
    let x = c.int_input();
    let y = c.int_input();
    let sum = c.add(x, y);
    let halved = c.lut(sum, |m| m / 2);
    let doubled = c.scalar_mul(halved, 2);
    let shifted = c.scalar_add(doubled, 1);
    let out = c.lut(shifted, move |m| (m * 3) % modulus);
    c.output_int(out);
    c.output_int(halved);
    c
}

#[test]
fn lookup_table_circuit_with_free_linear_operations() {
    // On `message-2` a table output doubled stays within the noise target.
    let (client, server) = keys(params::MESSAGE_2_BITS);
    let c = halve_double_table(2);
    assert_eq!(c.levels(), 2);
    for (a, b) in [(1u64, 2u64), (0, 0), (2, 1), (1, 1)] {
        // Declared bounds that keep the sum within 2 bits (a + b ≤ 3 for every pair).
        let inputs =
            CircuitInputs::ints(vec![client.encrypt_bounded(a, a).unwrap(), client.encrypt_bounded(b, 3 - a).unwrap()]);
        let (outputs, stats) = c.evaluate(&server, &inputs).unwrap();
        let h = (a + b) / 2;
        assert_eq!(client.decrypt(&outputs.ints[1]).unwrap(), h);
        assert_eq!(client.decrypt(&outputs.ints[0]).unwrap(), ((2 * h + 1) * 3) % 4);
        assert_eq!(stats.batch_sizes, [1, 1]);
    }
}

#[test]
fn a_linear_node_beyond_the_noise_target_is_refused_before_any_bootstrap() {
    // On `message-3` the doubled table output would fail with probability
    // about 2^-57 per lookup, above the 2^-64 target.
    let (client, server) = keys(params::MESSAGE_3_BITS);
    let c = halve_double_table(3);
    let inputs =
        CircuitInputs::ints(vec![client.encrypt_bounded(1, 1).unwrap(), client.encrypt_bounded(2, 6).unwrap()]);
    let err = c.evaluate(&server, &inputs).unwrap_err();
    assert!(matches!(err, umbra_fhe::Error::NoiseOverflow { target_log2: -64, .. }), "{err}");
    assert!(err.to_string().contains("lookup table"), "the message says what to do: {err}");
}

#[test]
fn malformed_circuits_and_inputs_are_errors() {
    let (client, server) = keys(params::DEFAULT_BOOLEAN);
    let mut c = Circuit::new();
    let a = c.bool_input();
    let b = c.bool_input();
    let x = c.and(a, b);
    c.output_bool(x);
    // Wrong number of inputs.
    let one = CircuitInputs::bools(vec![client.encrypt_bool(true)]);
    assert!(c.evaluate(&server, &one).is_err());
    // Inputs under another key.
    let other = ClientKey::new(params::DEFAULT_BOOLEAN).unwrap();
    let foreign = CircuitInputs::bools(vec![other.encrypt_bool(true), other.encrypt_bool(true)]);
    assert!(c.evaluate(&server, &foreign).is_err());
    // A wire from another circuit.
    let mut d = Circuit::new();
    let stray = d.bool_input();
    let y = c.or(x, stray);
    c.output_bool(y);
    let two = CircuitInputs::bools(vec![client.encrypt_bool(true), client.encrypt_bool(true)]);
    assert!(c.evaluate(&server, &two).is_err());
    // Width mismatch in word helpers.
    let mut e = Circuit::new();
    let p = e.bool_inputs(3);
    let q = e.bool_inputs(2);
    assert!(e.add_words(&p, &q).is_err());
    assert!(e.lt_words(&p, &q).is_err());
}

#[test]
fn example_circuits_have_their_minimum_level_counts() {
    // The 4-input sorting network of `examples/sort.rs`: three layers of
    // compare-exchanges, each a 4-level comparison and one mux level.
    let mut sort = Circuit::new();
    let mut words: Vec<Vec<_>> = (0..4).map(|_| sort.bool_inputs(8)).collect();
    for (i, j) in [(0, 1), (2, 3), (0, 2), (1, 3), (1, 2)] {
        let (min, max) = sort.min_max_words(&words[i], &words[j]).unwrap();
        words[i] = min;
        words[j] = max;
    }
    for w in words.iter().flatten() {
        sort.output_bool(*w);
    }
    assert_eq!(sort.levels(), 3 * (4 + 1));
    // Per compare-exchange: 26 comparison bootstraps and 2·2·8 for the muxes.
    assert_eq!(sort.bootstraps(), 5 * (26 + 32));

    // The private lookup of `examples/private_lookup.rs`: S-box, halving, S-box.
    let mut lookup = Circuit::new();
    let (x, y) = (lookup.int_input(), lookup.int_input());
    let (sx, sy) = (lookup.lut(x, |m| m), lookup.lut(y, |m| m));
    let (hx, hy) = (lookup.lut(sx, |m| m / 2), lookup.lut(sy, |m| m / 2));
    let sum = lookup.add(hx, hy);
    let out = lookup.lut(sum, |m| m);
    lookup.output_int(out);
    assert_eq!(lookup.levels(), 3);
    assert_eq!(lookup.bootstraps(), 5);
}

#[test]
fn a_clone_is_a_circuit_of_its_own() {
    let (client, server) = keys(params::DEFAULT_BOOLEAN);
    let mut orig = Circuit::new();
    let (x, y) = (orig.bool_input(), orig.bool_input());
    let mut clone = orig.clone();
    let w = orig.and(x, y);
    // Before, `w` (node 2 of `orig`) resolved to the clone's own node 2, `x ∨ y`.
    let mine = clone.or(x, y);
    clone.output_bool(w);
    let inputs = CircuitInputs::bools(vec![client.encrypt_bool(true), client.encrypt_bool(false)]);
    let err = clone.evaluate(&server, &inputs).unwrap_err();
    assert!(err.to_string().contains("another circuit"), "{err}");
    // A wire of the clone is foreign to the original, too.
    orig.output_bool(mine);
    assert!(orig.evaluate(&server, &inputs).is_err());

    // Wires that existed at the fork are valid in both, and in clones of clones.
    let mut base = Circuit::new();
    let (a, b) = (base.bool_input(), base.bool_input());
    let mut left = base.clone();
    let mut right = left.clone();
    let and = left.and(a, b);
    left.output_bool(and);
    let xor = right.xor(a, b);
    right.output_bool(xor);
    for (a_val, b_val) in [(false, true), (true, true)] {
        let inputs = CircuitInputs::bools(vec![client.encrypt_bool(a_val), client.encrypt_bool(b_val)]);
        let (out, _) = left.evaluate(&server, &inputs).unwrap();
        assert_eq!(client.decrypt_bool(&out.bools[0]).unwrap(), a_val && b_val);
        let (out, _) = right.evaluate(&server, &inputs).unwrap();
        assert_eq!(client.decrypt_bool(&out.bools[0]).unwrap(), a_val ^ b_val);
    }
}

#[test]
fn circuit_integers_follow_the_server_key_rules() {
    use umbra_fhe::Error;
    for p in [params::MESSAGE_2_BITS, params::MESSAGE_3_BITS] {
        let (client, server) = keys(p);
        // A constant of 2^20 was accepted before and gave wrong results; now
        // the circuit refuses it as the server key does.
        let mut c = Circuit::new();
        let x = c.int_input();
        let big = c.scalar_mul(x, 1 << 20);
        c.output_int(big);
        let zero = CircuitInputs::ints(vec![client.encrypt_bounded(0, 0).unwrap()]);
        let direct = server.scalar_mul(&zero.ints[0], 1 << 20).unwrap_err();
        let in_circuit = c.evaluate(&server, &zero).unwrap_err();
        assert!(matches!(direct, Error::InvalidInput(_)), "{direct:?}");
        assert_eq!(in_circuit, direct, "{}", p.name);
    }

    // message-4: 9 + 9 overflows 4 bits. Before, it decrypted to 2, and an
    // identity table on it returned 14.
    let (client, server) = keys(params::MESSAGE_4_BITS);
    let nine = client.encrypt(9).unwrap();
    assert!(matches!(server.add(&nine, &nine), Err(Error::MessageOverflow { degree: 30, max: 15 })));
    let mut c = Circuit::new();
    let (x, y) = (c.int_input(), c.int_input());
    let sum = c.add(x, y);
    let out = c.lut(sum, |m| m);
    c.output_int(out);
    let overflow = c.evaluate(&server, &CircuitInputs::ints(vec![nine.clone(), nine.clone()])).unwrap_err();
    assert!(matches!(overflow, Error::MessageOverflow { degree: 30, max: 15 }), "{overflow:?}");
    // Declared bounds that fit are evaluated; the output degree follows the table.
    let inputs =
        CircuitInputs::ints(vec![client.encrypt_bounded(9, 9).unwrap(), client.encrypt_bounded(5, 6).unwrap()]);
    let (outputs, _) = c.evaluate(&server, &inputs).unwrap();
    assert_eq!((client.decrypt(&outputs.ints[0]).unwrap(), outputs.ints[0].degree()), (14, 15));
    // The wrapping form decrypts mod 16, and a table refuses its result.
    let mut w = Circuit::new();
    let (x, y) = (w.int_input(), w.int_input());
    let wrapped = w.wrapping_add(x, y);
    w.output_int(wrapped);
    let pair = CircuitInputs::ints(vec![nine.clone(), nine.clone()]);
    let (outputs, _) = w.evaluate(&server, &pair).unwrap();
    assert_eq!(client.decrypt(&outputs.ints[0]).unwrap(), 2);
    let looked_up = w.lut(wrapped, |m| m);
    w.output_int(looked_up);
    assert!(matches!(w.evaluate(&server, &pair), Err(Error::MessageOverflow { .. })));
}
