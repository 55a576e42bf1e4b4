//! Private face matching: an encrypted 1,024-bit template (128 bytes, as
//! sixteen 64-bit words) against a database of plaintext templates, by
//! Hamming distance.
//!
//! Per database entry: XOR with the public template (free: it negates the
//! bits where the entry has a 1), `count_ones` of each word, the sixteen
//! counts summed by one tree of counters (as `u16`: a distance is at most
//! 1,024), and a comparison with the threshold. Over the database, a
//! tournament keeps the smallest distance and its index (a comparison and
//! two selections per entry). The result is two encrypted values: whether
//! the best entry is within the threshold, and its index.

use umbra_fhe::{FheBool, FheUint16, FheUint64};

/// 64-bit words of a template.
pub const TEMPLATE_WORDS: usize = 16;

/// A template: 1,024 bits.
pub type Template = [u64; TEMPLATE_WORDS];

/// The encrypted answer.
pub struct Answer {
    /// Whether the closest entry lies within the threshold.
    pub matched: FheBool,
    /// The index of the closest entry (the first of equals).
    pub best: FheUint16,
    /// The distance of every entry, for checking.
    pub distances: Vec<FheUint16>,
}

/// The Hamming distance of the encrypted `probe` to the public `template`.
pub fn distance(probe: &[FheUint64; TEMPLATE_WORDS], template: &Template) -> FheUint16 {
    let counts: Vec<FheUint16> = probe.iter().zip(template).map(|(p, &t)| (p ^ t).count_ones().cast::<u16>()).collect();
    counts.iter().sum()
}

/// Matches `probe` against every entry of `database` (not empty; at most
/// 65,536 entries): the closest entry, and whether its distance is below
/// `threshold`.
pub fn best_match(probe: &[FheUint64; TEMPLATE_WORDS], database: &[Template], threshold: u16) -> Answer {
    assert!(!database.is_empty() && database.len() <= 1 << 16, "1 to 65,536 database entries");
    let distances: Vec<FheUint16> = database.iter().map(|t| distance(probe, t)).collect();
    let mut best = FheUint16::trivial(0);
    let mut best_distance = distances[0].clone();
    for (i, d) in distances.iter().enumerate().skip(1) {
        let closer = d.lt(&best_distance);
        best_distance = closer.select(d, &best_distance);
        best = closer.select(&FheUint16::trivial(i as u16), &best);
    }
    Answer { matched: best_distance.lt(threshold), best, distances }
}

/// The same on plaintext: `(matched, best index, distances)`.
pub fn best_match_plain(probe: &Template, database: &[Template], threshold: u16) -> (bool, u16, Vec<u16>) {
    let distances: Vec<u16> =
        database.iter().map(|t| probe.iter().zip(t).map(|(p, t)| (p ^ t).count_ones() as u16).sum()).collect();
    let (best, &least) =
        distances.iter().enumerate().min_by_key(|&(i, d)| (*d, i)).expect("a database of at least one entry");
    (least < threshold, best as u16, distances)
}

/// A deterministic database of `entries` random templates, and a probe that
/// differs from entry `entries / 2` in `noise_bits` bits (a second capture
/// of the same face).
pub fn sample_database(entries: usize, noise_bits: usize, seed: u64) -> (Template, Vec<Template>) {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let database: Vec<Template> = (0..entries).map(|_| std::array::from_fn(|_| rng.random())).collect();
    let mut probe = database[entries / 2];
    for _ in 0..noise_bits {
        let bit = rng.random_range(0..64 * TEMPLATE_WORDS);
        probe[bit / 64] ^= 1 << (bit % 64);
    }
    (probe, database)
}

#[cfg(test)]
mod tests {
    use super::{best_match_plain, sample_database};

    #[test]
    fn the_probe_matches_the_entry_it_was_taken_from() {
        for entries in [1, 2, 7, 100] {
            let (probe, database) = sample_database(entries, 50, entries as u64);
            let (matched, best, distances) = best_match_plain(&probe, &database, 300);
            assert_eq!(usize::from(best), entries / 2);
            assert!(matched && distances[entries / 2] <= 50, "{distances:?}");
            // Unrelated random templates lie near 512 bits apart.
            assert!(distances.iter().enumerate().all(|(i, &d)| i == entries / 2 || (400..=624).contains(&d)));
        }
    }

    #[test]
    fn ties_go_to_the_first_entry_and_the_threshold_is_strict() {
        let database = vec![[u64::MAX; 16], [0; 16], [0; 16]];
        assert_eq!(best_match_plain(&[0; 16], &database, 1), (true, 1, vec![1024, 0, 0]));
        assert_eq!(best_match_plain(&[0; 16], &database, 0), (false, 1, vec![1024, 0, 0]));
    }
}
