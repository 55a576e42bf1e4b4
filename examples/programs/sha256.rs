//! SHA-256 (FIPS 180-4) written once over any 32-bit word type: Rust's
//! `u32` for the reference digest, Umbra's `FheUint32` for the encrypted one
//! (and, in the comparison runner, tfhe-rs's `FheUint32`).
//!
//! The functions are the standard's, spelled as ordinary bitwise code:
//! `Ch(e, f, g) = (e ∧ f) ⊕ (¬e ∧ g)`, `Maj(a, b, c) = (a ∧ b) ⊕ (a ∧ c) ⊕
//! (b ∧ c)`, the `Σ`/`σ` functions XORs of rotations and shifts. Umbra's
//! circuit builder turns each XOR of three into one bootstrap a bit, `Ch`
//! into a mux (two bootstraps on one level) and `Maj` into one majority
//! bootstrap. Additions of several words are one sum each (`T1`, the new
//! `a` and `e`, a message-schedule word), so a carry-save tree adds them,
//! not a chain of additions.

/// What SHA-256 needs of a 32-bit word.
pub trait Word: Clone {
    /// The public value `value` (a trivial encryption for encrypted words).
    fn public(value: u32) -> Self;
    /// Rotation right by `k`.
    fn rotr(&self, k: u32) -> Self;
    /// Logical shift right by `k`.
    fn shr(&self, k: u32) -> Self;
    /// Bitwise XOR.
    fn xor(&self, other: &Self) -> Self;
    /// Bitwise AND.
    fn and(&self, other: &Self) -> Self;
    /// Bitwise NOT.
    fn not(&self) -> Self;
    /// `Σ terms + constant`, wrapping.
    fn sum(terms: &[&Self], constant: u32) -> Self;
}

impl Word for u32 {
    fn public(value: u32) -> Self {
        value
    }
    fn rotr(&self, k: u32) -> Self {
        self.rotate_right(k)
    }
    fn shr(&self, k: u32) -> Self {
        self >> k
    }
    fn xor(&self, other: &Self) -> Self {
        self ^ other
    }
    fn and(&self, other: &Self) -> Self {
        self & other
    }
    fn not(&self) -> Self {
        !self
    }
    fn sum(terms: &[&Self], constant: u32) -> Self {
        terms.iter().fold(constant, |acc, &&t| acc.wrapping_add(t))
    }
}

impl Word for umbra_fhe::FheUint32 {
    fn public(value: u32) -> Self {
        Self::trivial(value)
    }
    fn rotr(&self, k: u32) -> Self {
        self.rotate_right(k)
    }
    fn shr(&self, k: u32) -> Self {
        self >> k
    }
    fn xor(&self, other: &Self) -> Self {
        self ^ other
    }
    fn and(&self, other: &Self) -> Self {
        self & other
    }
    fn not(&self) -> Self {
        !self
    }
    fn sum(terms: &[&Self], constant: u32) -> Self {
        let constant = (constant != 0).then(|| Self::trivial(constant));
        terms.iter().copied().chain(constant.as_ref()).sum()
    }
}

/// The initial hash value `H⁽⁰⁾`.
pub const INITIAL: [u32; 8] =
    [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/// The round constants `K₀ … K₆₃`.
pub const ROUND_CONSTANTS: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
    0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
    0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
    0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
];

/// The padded message as 512-bit blocks of big-endian words: the message,
/// a 1 bit, zeros, and the bit length as a 64-bit big-endian number.
pub fn padded_blocks(message: &[u8]) -> Vec<[u32; 16]> {
    let mut bytes = message.to_vec();
    bytes.push(0x80);
    while bytes.len() % 64 != 56 {
        bytes.push(0);
    }
    bytes.extend_from_slice(&((message.len() as u64).wrapping_mul(8)).to_be_bytes());
    bytes
        .chunks_exact(64)
        .map(|block| std::array::from_fn(|i| u32::from_be_bytes(block[4 * i..4 * i + 4].try_into().unwrap())))
        .collect()
}

/// `Σ₀`, `Σ₁`, `σ₀` and `σ₁` of the standard.
fn big_sigma0<W: Word>(x: &W) -> W {
    x.rotr(2).xor(&x.rotr(13)).xor(&x.rotr(22))
}

fn big_sigma1<W: Word>(x: &W) -> W {
    x.rotr(6).xor(&x.rotr(11)).xor(&x.rotr(25))
}

fn small_sigma0<W: Word>(x: &W) -> W {
    x.rotr(7).xor(&x.rotr(18)).xor(&x.shr(3))
}

fn small_sigma1<W: Word>(x: &W) -> W {
    x.rotr(17).xor(&x.rotr(19)).xor(&x.shr(10))
}

/// `Ch(e, f, g)`: `f` where `e` is set, `g` elsewhere.
fn choose<W: Word>(e: &W, f: &W, g: &W) -> W {
    e.and(f).xor(&e.not().and(g))
}

/// `Maj(a, b, c)`: the bitwise majority.
fn majority<W: Word>(a: &W, b: &W, c: &W) -> W {
    a.and(b).xor(&a.and(c)).xor(&b.and(c))
}

/// The compression function's first `rounds` rounds (64 for SHA-256) on
/// `state`, followed by the feed-forward addition: the next hash value.
///
/// Fewer rounds give a reduced-round variant of the same construction
/// (each round the same work), for measurements that cannot afford all 64.
pub fn compress<W: Word>(state: &[W; 8], block: [W; 16], rounds: usize) -> [W; 8] {
    let rounds = rounds.min(64);
    let mut schedule: Vec<W> = block.into_iter().collect();
    for t in 16..rounds {
        let next = W::sum(
            &[&small_sigma1(&schedule[t - 2]), &schedule[t - 7], &small_sigma0(&schedule[t - 15]), &schedule[t - 16]],
            0,
        );
        schedule.push(next);
    }
    // The working variables a … h.
    let mut vars: Vec<W> = state.to_vec();
    for (t, w) in schedule.iter().enumerate().take(rounds) {
        let [a, b, c, d, e, f, g, h] = <&[W; 8]>::try_from(&vars[..]).expect("eight working variables");
        let t1 = W::sum(&[h, &big_sigma1(e), &choose(e, f, g), w], ROUND_CONSTANTS[t]);
        let new_a = W::sum(&[&t1, &big_sigma0(a), &majority(a, b, c)], 0);
        let new_e = W::sum(&[d, &t1], 0);
        vars.rotate_right(1);
        vars[0] = new_a;
        vars[4] = new_e;
    }
    std::array::from_fn(|i| W::sum(&[&state[i], &vars[i]], 0))
}

/// The hash of `blocks` (padded, see [`padded_blocks`]) with `rounds`
/// rounds per block: the SHA-256 digest for 64.
pub fn hash<W: Word>(blocks: impl IntoIterator<Item = [W; 16]>, rounds: usize) -> [W; 8] {
    let mut state = INITIAL.map(W::public);
    for block in blocks {
        state = compress(&state, block, rounds);
    }
    state
}

/// The digest's 32 bytes from its eight words.
pub fn digest_bytes(words: &[u32; 8]) -> [u8; 32] {
    std::array::from_fn(|i| words[i / 4].to_be_bytes()[i % 4])
}

#[cfg(test)]
mod tests {
    use sha2::Digest;

    use super::{digest_bytes, hash, padded_blocks};

    #[test]
    fn the_word_construction_is_sha256_at_every_padding_boundary() {
        for len in [0usize, 1, 3, 55, 56, 63, 64, 65, 119, 120, 200] {
            let message: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let ours = digest_bytes(&hash(padded_blocks(&message), 64));
            let theirs: [u8; 32] = sha2::Sha256::digest(&message).into();
            assert_eq!(ours, theirs, "{len} bytes");
        }
    }

    #[test]
    fn padding_makes_whole_blocks() {
        for len in 0..200usize {
            let blocks = padded_blocks(&vec![0xab; len]);
            assert_eq!(blocks.len(), (len + 9).div_ceil(64), "{len} bytes");
            assert_eq!(blocks.last().unwrap()[15], (len as u32) * 8);
        }
    }
}
