//! Umbra's binary format for keys and ciphertexts, version 3.
//!
//! Every serialized object is one self-describing *envelope*. All integers are
//! little-endian; bulk arrays of torus values are written as raw `u32` bytes in
//! one copy (`bytemuck`), never element by element.
//!
//! | offset | size | field |
//! |---:|---:|---|
//! | 0 | 8 | magic `b"UMBRAFHE"` |
//! | 8 | 2 | format version, [`FORMAT_VERSION`] (= 3) |
//! | 10 | 2 | object kind, [`ObjectKind::code`] |
//! | 12 | 1 | length `L` of the parameter-set name, 1..=64 |
//! | 13 | L | parameter-set name (ASCII), one of [`Parameters::all`] |
//! | 13+L | 4 | parameter fingerprint: CRC-32 of the set's numeric values ([`Parameters::fingerprint`]) |
//! | 17+L | 8 | key identifier (0 for objects not tied to a key pair) |
//! | 25+L | 8 | body length `B` in bytes |
//! | 33+L | B | body, laid out by kind (below) |
//! | 33+L+B | 4 | CRC-32 (IEEE) of every byte before it |
//!
//! Bodies, with `n`, `k`, `N`, `l` (PBS levels) and `t` (keyswitch levels)
//! taken from the named parameter set, arrays of `u32`:
//!
//! | kind | body |
//! |---|---|
//! | `LweCiphertext`, `BoolCiphertext` | `n + 1` values: mask then body |
//! | `IntCiphertext` | `u64` degree (the largest value the ciphertext may hold, at most `2^(bits+1) − 1`), the noise bound as three `u64` (`Σcᵢ²` and `Σcᵢ`, two's complement, over the bootstrap outputs its error combines, `Σcᵢ²` over fresh encryptions), then `n + 1` values |
//! | `BoolCiphertextBatch` | `u64` count `c` (1..=[`MAX_BATCH_LEN`]), then `c·(n + 1)` values |
//! | `UnsignedInteger`, `SignedInteger` | as `BoolCiphertextBatch`: the width `c`, then the bits, least significant first |
//! | `IntCiphertextBatch` | `u64` count `c` (1..=[`MAX_BATCH_LEN`]), then `c` times: `u64` degree, three `u64` of noise bound, `n + 1` values |
//! | `CompressedBoolCiphertextBatch` | `u64` count `c` (1..=[`MAX_BATCH_LEN`]), 32-byte mask seed, then `c` bodies |
//! | `PublicKey` | 32-byte seed of `a`, then the `N_pk` values of `b` ([`crate::public_key`]; `N_pk = n` rounded up to a power of two) |
//! | `CompactBoolList` | `u64` count `c` (1..=[`MAX_BATCH_LEN`]), then `⌈c / N_pk⌉` chunks of `2·N_pk` values (mask polynomial, body polynomial) |
//! | `CompactUnsignedIntegers`, `CompactSignedIntegers` | `u64` count `c` of bits, `u64` width `w` (as for the compressed integers), then the chunks of `CompactBoolList` |
//! | `PackingKey` | 32-byte mask seed, then the body polynomial (`N` values) of each of the `n·t_pack` rows ([`crate::packing`]) |
//! | `PackedBoolList` | `u64` count `c` (1..=[`MAX_BATCH_LEN`]), then `⌈c / N⌉` GLWE ciphertexts of `(k+1)·N` values |
//! | `PackedUnsignedIntegers`, `PackedSignedIntegers` | `u64` count `c` of bits, `u64` width `w`, then the GLWE ciphertexts of `PackedBoolList` |
//! | `CompressedUnsignedIntegers`, `CompressedSignedIntegers` | `u64` count `c` of bits (1..=[`MAX_BATCH_LEN`]), `u64` width `w` (8, 16, 32 or 64, dividing `c`), 32-byte mask seed, then `c` bodies: `c / w` values, each least significant bit first |
//! | `BootstrapKey` | `n` GGSWs of `(k+1)·l` rows of `(k+1)·N` values |
//! | `CompressedBootstrapKey` | 32-byte mask seed, then the `N` body values of each of the `n·(k+1)·l` rows |
//! | `KeyswitchKey` | `k·N·t` rows of `n + 1` values |
//! | `CompressedKeyswitchKey` | 32-byte mask seed, then the body of each of the `k·N·t` rows |
//! | `ServerKey` | `BootstrapKey` body then `KeyswitchKey` body |
//! | `CompressedServerKey` | `CompressedBootstrapKey` body then `CompressedKeyswitchKey` body |
//! | `ClientKey` | `n` LWE key bits then `k·N` GLWE key bits, one `u32` (0 or 1) each |
//!
//! Versions 1 and 2 differ only in the integer kinds: version 1 had no
//! degree, version 2 no noise bound. Their envelopes of every other kind are
//! still read; their integer ciphertexts are refused, since the largest value
//! (version 1) or the error (versions 1 and 2) they may carry is unknown, and
//! guessing either could let a later operation decrypt wrongly. Version 3
//! also added the `UnsignedInteger` and `SignedInteger` kinds, so that a
//! value of the integer API carries its signedness and width (earlier
//! versions wrote those values as plain `BoolCiphertextBatch`es, which the
//! integer API no longer reads), the three compressed ciphertext kinds, the
//! public key and the three compact list kinds, the packing key and the
//! three packed list kinds.
//!
//! Only the shipped parameter sets serialize ([`Parameters::is_shipped`]): a
//! reader rebuilds the set from its name and checks the fingerprint, so a
//! custom set (even one that kept a shipped set's name) is refused when
//! written, rather than read back as the shipped set.
//!
//! A compressed key's masks are the stream of a
//! [`MaskGenerator`](crate::random::MaskGenerator) keyed by the seed, drawn
//! row after row in key order; decompression regenerates them. The
//! compressed ciphertext kinds are [`SeededLweList`](crate::lwe::SeededLweList)s:
//! `n` values of the stream per ciphertext, in order.
//!
//! # Why a codec of our own
//! Every length in a body follows from the parameter set, so the decoder never
//! trusts a length it reads: it looks the set up by name among the shipped
//! ones ([`Parameters::by_name`]), computes the exact body length for the kind
//! ([`expected_body_len`]), and refuses the input before allocating anything
//! unless the declared and the actual lengths both equal it. A generic format
//! (bincode, CBOR) would read lengths from the input and allocate on their
//! word, and would write arrays element by element. The CRC-32 catches
//! truncation and corruption (every single-bit error, guaranteed); it is not a
//! signature: authenticity is the transport's business.
//!
//! Serde: the user-facing types serialize as one byte string holding their
//! envelope ([`deserialize_envelope`] reads it back, bounded by
//! [`max_envelope_len`]), so every serde format carries the same validated
//! bytes.
//!
//! ```
//! use umbra_fhe_core::{lwe::*, params::DEFAULT_BOOLEAN, random::Csprng, serialization::*};
//! let p = DEFAULT_BOOLEAN;
//! let mut rng = Csprng::from_seed([1; 32]);
//! let key = LweSecretKey::generate(p.lwe_dimension, &mut rng);
//! let ct = LweCiphertext::encrypt(&key, 1 << 29, p.lwe_noise, &mut rng);
//! let bytes = to_bytes(ObjectKind::LweCiphertext, &p, 7, &ct)?;
//! let (header, back) = from_bytes::<LweCiphertext>(&bytes, ObjectKind::LweCiphertext)?;
//! assert_eq!((header.params.name, header.key_id, back), ("default-boolean", 7, ct));
//! assert!(from_bytes::<LweCiphertext>(&bytes[..bytes.len() - 1], ObjectKind::LweCiphertext).is_err());
//! # Ok::<(), umbra_fhe_core::Error>(())
//! ```

use crate::bootstrap::{BootstrapKey, SeededBootstrapKey};
use crate::error::{Error, Result};
use crate::glwe::GlweSecretKey;
use crate::keyswitch::{LweKeyswitchKey, SeededKeyswitchKey};
use crate::lwe::{LweCiphertext, LweSecretKey};
use crate::packing::PackingParameters;
use crate::params::Parameters;
use crate::public_key::PublicKeyParameters;

/// First eight bytes of every envelope.
pub const MAGIC: [u8; 8] = *b"UMBRAFHE";
/// The format version this build writes (it also reads versions 1 and 2 for
/// every kind but the integer ciphertexts, see the module documentation).
pub const FORMAT_VERSION: u16 = 3;
/// Most ciphertexts one batch envelope may hold.
pub const MAX_BATCH_LEN: usize = 1 << 16;
/// Bytes before the values of an integer ciphertext: its degree and the
/// three words of its noise bound.
const INT_PREFIX_LEN: usize = 4 * 8;
/// Longest parameter-set name an envelope may carry.
const MAX_NAME_LEN: usize = 64;
/// Bytes of a mask seed.
const SEED_LEN: usize = 32;
/// Bytes of the CRC-32 trailer.
const CRC_LEN: usize = 4;

/// What an envelope holds; the code is stored as a `u16`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ObjectKind {
    /// A client key (secret).
    ClientKey,
    /// A server key with full bootstrapping and keyswitching keys.
    ServerKey,
    /// A server key with seeded (compressed) bootstrapping and keyswitching keys.
    CompressedServerKey,
    /// One encrypted boolean.
    BoolCiphertext,
    /// One encrypted small integer.
    IntCiphertext,
    /// Encrypted booleans of one key.
    BoolCiphertextBatch,
    /// Encrypted small integers of one key.
    IntCiphertextBatch,
    /// A bare LWE ciphertext of dimension `n`.
    LweCiphertext,
    /// A bootstrapping key.
    BootstrapKey,
    /// A seeded bootstrapping key.
    CompressedBootstrapKey,
    /// A keyswitching key from dimension `k·N` to `n`.
    KeyswitchKey,
    /// A seeded keyswitching key.
    CompressedKeyswitchKey,
    /// An encrypted unsigned integer of the facade's integer API: its bits
    /// as boolean ciphertexts, least significant first (the count is the
    /// width).
    UnsignedInteger,
    /// An encrypted two's-complement integer, laid out as
    /// [`UnsignedInteger`](Self::UnsignedInteger).
    SignedInteger,
    /// Encrypted booleans whose masks come from one public seed.
    CompressedBoolCiphertextBatch,
    /// Encrypted unsigned integers of one width whose masks come from one
    /// public seed.
    CompressedUnsignedIntegers,
    /// Encrypted two's-complement integers, laid out as
    /// [`CompressedUnsignedIntegers`](Self::CompressedUnsignedIntegers).
    CompressedSignedIntegers,
    /// A compact public key ([`crate::public_key`]).
    PublicKey,
    /// Booleans encrypted under a public key, in one compact list.
    CompactBoolList,
    /// Unsigned integers of one width encrypted under a public key.
    CompactUnsignedIntegers,
    /// Two's-complement integers encrypted under a public key, laid out as
    /// [`CompactUnsignedIntegers`](Self::CompactUnsignedIntegers).
    CompactSignedIntegers,
    /// A packing keyswitching key ([`crate::packing`]).
    PackingKey,
    /// Booleans packed into GLWE ciphertexts.
    PackedBoolList,
    /// Unsigned integers of one width packed into GLWE ciphertexts.
    PackedUnsignedIntegers,
    /// Two's-complement integers packed, laid out as
    /// [`PackedUnsignedIntegers`](Self::PackedUnsignedIntegers).
    PackedSignedIntegers,
}

impl ObjectKind {
    const ALL: [ObjectKind; 25] = [
        Self::ClientKey,
        Self::ServerKey,
        Self::CompressedServerKey,
        Self::BoolCiphertext,
        Self::IntCiphertext,
        Self::BoolCiphertextBatch,
        Self::IntCiphertextBatch,
        Self::LweCiphertext,
        Self::BootstrapKey,
        Self::CompressedBootstrapKey,
        Self::KeyswitchKey,
        Self::CompressedKeyswitchKey,
        Self::UnsignedInteger,
        Self::SignedInteger,
        Self::CompressedBoolCiphertextBatch,
        Self::CompressedUnsignedIntegers,
        Self::CompressedSignedIntegers,
        Self::PublicKey,
        Self::CompactBoolList,
        Self::CompactUnsignedIntegers,
        Self::CompactSignedIntegers,
        Self::PackingKey,
        Self::PackedBoolList,
        Self::PackedUnsignedIntegers,
        Self::PackedSignedIntegers,
    ];

    /// The stable code written in the envelope (1 for `ClientKey` … 25).
    ///
    /// ```
    /// use umbra_fhe_core::serialization::ObjectKind;
    /// assert_eq!(ObjectKind::from_code(ObjectKind::ServerKey.code()), Some(ObjectKind::ServerKey));
    /// assert_eq!(ObjectKind::from_code(0), None);
    /// ```
    pub fn code(self) -> u16 {
        match self {
            Self::ClientKey => 1,
            Self::ServerKey => 2,
            Self::CompressedServerKey => 3,
            Self::BoolCiphertext => 4,
            Self::IntCiphertext => 5,
            Self::BoolCiphertextBatch => 6,
            Self::IntCiphertextBatch => 7,
            Self::LweCiphertext => 8,
            Self::BootstrapKey => 9,
            Self::CompressedBootstrapKey => 10,
            Self::KeyswitchKey => 11,
            Self::CompressedKeyswitchKey => 12,
            Self::UnsignedInteger => 13,
            Self::SignedInteger => 14,
            Self::CompressedBoolCiphertextBatch => 15,
            Self::CompressedUnsignedIntegers => 16,
            Self::CompressedSignedIntegers => 17,
            Self::PublicKey => 18,
            Self::CompactBoolList => 19,
            Self::CompactUnsignedIntegers => 20,
            Self::CompactSignedIntegers => 21,
            Self::PackingKey => 22,
            Self::PackedBoolList => 23,
            Self::PackedUnsignedIntegers => 24,
            Self::PackedSignedIntegers => 25,
        }
    }

    /// The kind of a stored code, if it is one.
    pub fn from_code(code: u16) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    fn is_batch(self) -> bool {
        matches!(
            self,
            Self::BoolCiphertextBatch
                | Self::IntCiphertextBatch
                | Self::UnsignedInteger
                | Self::SignedInteger
                | Self::CompressedBoolCiphertextBatch
                | Self::CompressedUnsignedIntegers
                | Self::CompressedSignedIntegers
                | Self::CompactBoolList
                | Self::CompactUnsignedIntegers
                | Self::CompactSignedIntegers
                | Self::PackedBoolList
                | Self::PackedUnsignedIntegers
                | Self::PackedSignedIntegers
        )
    }

    /// Kinds whose body changed in versions 2 (they gained a degree) and 3
    /// (a noise bound).
    fn changed_since_version_1(self) -> bool {
        matches!(self, Self::IntCiphertext | Self::IntCiphertextBatch)
    }
}

/// The envelope fields that precede the body.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Header {
    /// What the body holds.
    pub kind: ObjectKind,
    /// The parameter set, one of [`Parameters::all`].
    pub params: Parameters,
    /// Identifier of the key pair the object belongs to (0 when none).
    pub key_id: u64,
}

/// Exact body length in bytes of a `kind` object under `params`; `batch_len`
/// is the ciphertext count of a batch (ignored for other kinds). `None` when
/// a batch count is 0 or above [`MAX_BATCH_LEN`].
///
/// ```
/// use umbra_fhe_core::{params::TFHE_LIB, serialization::*};
/// assert_eq!(expected_body_len(ObjectKind::LweCiphertext, &TFHE_LIB, 0), Some(631 * 4));
/// assert_eq!(expected_body_len(ObjectKind::BoolCiphertextBatch, &TFHE_LIB, 2), Some(8 + 2 * 631 * 4));
/// // Integer ciphertexts carry a `u64` degree each.
/// assert_eq!(expected_body_len(ObjectKind::IntCiphertextBatch, &TFHE_LIB, 2), Some(8 + 2 * (32 + 631 * 4)));
/// assert_eq!(expected_body_len(ObjectKind::IntCiphertextBatch, &TFHE_LIB, 0), None);
/// ```
pub fn expected_body_len(kind: ObjectKind, params: &Parameters, batch_len: usize) -> Option<usize> {
    let (n, k, big_n) = (params.lwe_dimension.0, params.glwe_dimension.0, params.polynomial_size.0);
    let (l, t) = (params.pbs_level.0, params.ks_level.0);
    let words = |count: usize| count.checked_mul(4);
    let bsk = || words(n * (k + 1) * l * (k + 1) * big_n);
    let seeded_bsk = || words(n * (k + 1) * l * big_n).map(|w| SEED_LEN + w);
    let ksk = || words(k * big_n * t * (n + 1));
    let seeded_ksk = || words(k * big_n * t).map(|w| SEED_LEN + w);
    let pk_n = PublicKeyParameters::for_set(params).polynomial_size.0;
    let packing = PackingParameters::for_set(params);
    match kind {
        ObjectKind::LweCiphertext | ObjectKind::BoolCiphertext => words(n + 1),
        ObjectKind::IntCiphertext => words(n + 1).map(|w| INT_PREFIX_LEN + w),
        ObjectKind::BoolCiphertextBatch
        | ObjectKind::IntCiphertextBatch
        | ObjectKind::UnsignedInteger
        | ObjectKind::SignedInteger => {
            if !(1..=MAX_BATCH_LEN).contains(&batch_len) {
                return None;
            }
            let prefix = if kind == ObjectKind::IntCiphertextBatch { INT_PREFIX_LEN } else { 0 };
            words(n + 1).map(|w| 8 + batch_len * (prefix + w))
        }
        ObjectKind::CompressedBoolCiphertextBatch
        | ObjectKind::CompressedUnsignedIntegers
        | ObjectKind::CompressedSignedIntegers => {
            if !(1..=MAX_BATCH_LEN).contains(&batch_len) {
                return None;
            }
            let width = if kind == ObjectKind::CompressedBoolCiphertextBatch { 0 } else { 8 };
            words(batch_len).map(|w| 8 + width + SEED_LEN + w)
        }
        ObjectKind::CompactBoolList | ObjectKind::CompactUnsignedIntegers | ObjectKind::CompactSignedIntegers => {
            if !(1..=MAX_BATCH_LEN).contains(&batch_len) {
                return None;
            }
            let width = if kind == ObjectKind::CompactBoolList { 0 } else { 8 };
            words(batch_len.div_ceil(pk_n) * 2 * pk_n).map(|w| 8 + width + w)
        }
        ObjectKind::PublicKey => words(pk_n).map(|w| SEED_LEN + w),
        ObjectKind::PackedBoolList | ObjectKind::PackedUnsignedIntegers | ObjectKind::PackedSignedIntegers => {
            if !(1..=MAX_BATCH_LEN).contains(&batch_len) {
                return None;
            }
            let width = if kind == ObjectKind::PackedBoolList { 0 } else { 8 };
            words(batch_len.div_ceil(big_n) * (k + 1) * big_n).map(|w| 8 + width + w)
        }
        ObjectKind::PackingKey => words(packing.rows() * big_n).map(|w| SEED_LEN + w),
        ObjectKind::BootstrapKey => bsk(),
        ObjectKind::CompressedBootstrapKey => seeded_bsk(),
        ObjectKind::KeyswitchKey => ksk(),
        ObjectKind::CompressedKeyswitchKey => seeded_ksk(),
        ObjectKind::ServerKey => bsk()?.checked_add(ksk()?),
        ObjectKind::CompressedServerKey => seeded_bsk()?.checked_add(seeded_ksk()?),
        ObjectKind::ClientKey => words(n + k * big_n),
    }
}

fn header_len(name: &str) -> usize {
    8 + 2 + 2 + 1 + name.len() + 4 + 8 + 8
}

/// Total envelope length of a `kind` object under `params` (see [`expected_body_len`]).
///
/// ```
/// use umbra_fhe_core::{params::TFHE_LIB, serialization::*};
/// assert_eq!(envelope_len(ObjectKind::LweCiphertext, &TFHE_LIB, 0), Some(41 + 631 * 4 + 4));
/// ```
pub fn envelope_len(kind: ObjectKind, params: &Parameters, batch_len: usize) -> Option<usize> {
    expected_body_len(kind, params, batch_len)?.checked_add(header_len(params.name) + CRC_LEN)
}

/// The longest envelope any shipped parameter set produces (a full server key
/// or a batch of [`MAX_BATCH_LEN`] ciphertexts): the bound on what
/// [`deserialize_envelope`] accepts.
pub fn max_envelope_len() -> usize {
    Parameters::all()
        .iter()
        .flat_map(|p| ObjectKind::ALL.map(|kind| envelope_len(kind, p, MAX_BATCH_LEN)))
        .flatten()
        .max()
        .unwrap_or(0)
}

fn malformed(why: impl Into<String>) -> Error {
    Error::Deserialization(why.into())
}

/// Builds one envelope: the header first, then the body through the `put_*`
/// methods, then [`finish`](Self::finish) appends the checksum. The buffer
/// is allocated once at its final size (no copies of secrets left behind by
/// reallocation).
#[derive(Debug)]
pub struct Writer {
    buf: Vec<u8>,
    end: usize,
}

impl Writer {
    /// Starts an envelope for `header` whose body is `body_len` bytes; an
    /// [`Error::Unsupported`] for a parameter set that is not a shipped one
    /// (see the module documentation).
    pub fn new(header: &Header, body_len: usize) -> Result<Self> {
        header.params.id().to_shipped()?;
        let name = header.params.name;
        let start = header_len(name);
        let mut buf = Vec::with_capacity(start + body_len + CRC_LEN);
        buf.extend_from_slice(&MAGIC);
        buf.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        buf.extend_from_slice(&header.kind.code().to_le_bytes());
        buf.push(name.len() as u8);
        buf.extend_from_slice(name.as_bytes());
        buf.extend_from_slice(&header.params.fingerprint().to_le_bytes());
        buf.extend_from_slice(&header.key_id.to_le_bytes());
        buf.extend_from_slice(&(body_len as u64).to_le_bytes());
        Ok(Self { buf, end: start + body_len })
    }

    /// Appends a `u64`.
    pub fn put_u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// Appends a mask seed.
    pub fn put_seed(&mut self, seed: &[u8; 32]) {
        self.buf.extend_from_slice(seed);
    }

    /// Appends `values` as little-endian `u32`s in one copy.
    pub fn put_u32s(&mut self, values: &[u32]) {
        let start = self.buf.len();
        self.buf.extend_from_slice(bytemuck::cast_slice(values));
        if cfg!(target_endian = "big") {
            for word in self.buf[start..].chunks_exact_mut(4) {
                word.reverse();
            }
        }
    }

    /// Appends the checksum and returns the envelope; an error if the body
    /// written differs from the length announced in [`new`](Self::new).
    pub fn finish(mut self) -> Result<Vec<u8>> {
        if self.buf.len() != self.end {
            return Err(Error::DimensionMismatch { what: "serialized body", expected: self.end, got: self.buf.len() });
        }
        let crc = crc32fast::hash(&self.buf);
        self.buf.extend_from_slice(&crc.to_le_bytes());
        Ok(self.buf)
    }
}

/// Reads one envelope: [`open`](Self::open) validates everything it can
/// before a body is touched, the `take_*` methods then hand out the body.
#[derive(Debug)]
pub struct Reader<'a> {
    body: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Checks magic, version, kind (one of `accepted`), parameter set,
    /// fingerprint, that the declared and actual body lengths both equal the
    /// length the set implies, and the checksum; returns the header and a
    /// reader over the body. Nothing is allocated but error messages.
    pub fn open(bytes: &'a [u8], accepted: &[ObjectKind]) -> Result<(Header, Self)> {
        let mut r = Reader { body: bytes };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(malformed("not an Umbra envelope (bad magic bytes)"));
        }
        let version = u16::from_le_bytes(r.take_array()?);
        if !(1..=FORMAT_VERSION).contains(&version) {
            return Err(malformed(format!(
                "format version {version} is not supported (this build reads 1 to {FORMAT_VERSION})"
            )));
        }
        let code = u16::from_le_bytes(r.take_array()?);
        let kind = ObjectKind::from_code(code).ok_or_else(|| malformed(format!("unknown object kind {code}")))?;
        if version < FORMAT_VERSION && kind.changed_since_version_1() {
            let missing = if version == 1 { "no degree (the largest value it may hold)" } else { "no noise bound" };
            return Err(malformed(format!(
                "{kind:?} of format version {version} carries {missing}; encrypt it again with this version"
            )));
        }
        if !accepted.contains(&kind) {
            return Err(malformed(format!("expected one of {accepted:?}, found {kind:?}")));
        }
        let [name_len] = r.take_array::<1>()?;
        if name_len == 0 || usize::from(name_len) > MAX_NAME_LEN {
            return Err(malformed(format!("parameter-set name length {name_len} outside 1..={MAX_NAME_LEN}")));
        }
        let name = std::str::from_utf8(r.take(usize::from(name_len))?)
            .map_err(|_| malformed("parameter-set name is not UTF-8"))?;
        let params = Parameters::by_name(name)
            .ok_or_else(|| malformed(format!("unknown parameter set `{}`", name.escape_debug())))?;
        if u32::from_le_bytes(r.take_array()?) != params.fingerprint() {
            return Err(malformed(format!("parameter set `{name}` has other values than this build's")));
        }
        let key_id = u64::from_le_bytes(r.take_array()?);
        let declared = u64::from_le_bytes(r.take_array()?);
        let batch_len = if kind.is_batch() {
            r.body.get(..8).and_then(|b| b.try_into().ok()).map_or(0, u64::from_le_bytes)
        } else {
            0
        };
        let expected = expected_body_len(kind, &params, usize::try_from(batch_len).unwrap_or(0))
            .ok_or_else(|| malformed(format!("batch length {batch_len} outside 1..={MAX_BATCH_LEN}")))?;
        if declared != expected as u64 {
            return Err(malformed(format!(
                "{kind:?} of `{name}` has a {expected}-byte body, header declares {declared}"
            )));
        }
        if r.body.len() != expected + CRC_LEN {
            return Err(malformed(format!(
                "{kind:?} of `{name}` needs {} bytes after the header, found {}",
                expected + CRC_LEN,
                r.body.len()
            )));
        }
        let (body, crc) = r.body.split_at(expected);
        let content = &bytes[..bytes.len() - CRC_LEN];
        if crc32fast::hash(content).to_le_bytes() != crc {
            return Err(malformed("checksum mismatch: the data is corrupted"));
        }
        Ok((Header { kind, params, key_id }, Reader { body }))
    }

    /// Bytes of body not read yet.
    pub fn remaining(&self) -> usize {
        self.body.len()
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8]> {
        if len > self.body.len() {
            return Err(malformed(format!("truncated: {len} more bytes needed, {} left", self.body.len())));
        }
        let (head, tail) = self.body.split_at(len);
        self.body = tail;
        Ok(head)
    }

    fn take_array<const L: usize>(&mut self) -> Result<[u8; L]> {
        let mut out = [0u8; L];
        out.copy_from_slice(self.take(L)?);
        Ok(out)
    }

    /// Reads a `u64`.
    pub fn take_u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.take_array()?))
    }

    /// Reads a mask seed.
    pub fn take_seed(&mut self) -> Result<[u8; 32]> {
        self.take_array()
    }

    /// Reads `count` little-endian `u32`s in one copy; checks they are there
    /// before allocating.
    pub fn take_u32s(&mut self, count: usize) -> Result<Vec<u32>> {
        let len = count.checked_mul(4).ok_or_else(|| malformed("array length overflows"))?;
        let bytes = self.take(len)?;
        let mut out = vec![0u32; count];
        bytemuck::cast_slice_mut::<u32, u8>(&mut out).copy_from_slice(bytes);
        for v in &mut out {
            *v = u32::from_le(*v);
        }
        Ok(out)
    }

    /// Ends reading: an error if body bytes are left over.
    pub fn finish(self) -> Result<()> {
        if self.body.is_empty() {
            Ok(())
        } else {
            Err(malformed(format!("{} unexpected bytes after the body", self.body.len())))
        }
    }
}

/// A value with a body in the format above; lengths come from the parameter set.
pub trait Codec: Sized {
    /// Appends the body.
    fn write_body(&self, w: &mut Writer);
    /// Reads a body laid out for `params`.
    fn read_body(params: &Parameters, r: &mut Reader<'_>) -> Result<Self>;
}

impl Codec for LweCiphertext {
    fn write_body(&self, w: &mut Writer) {
        w.put_u32s(self.as_slice());
    }

    fn read_body(params: &Parameters, r: &mut Reader<'_>) -> Result<Self> {
        LweCiphertext::from_raw(r.take_u32s(params.lwe_dimension.0 + 1)?)
    }
}

impl Codec for BootstrapKey {
    fn write_body(&self, w: &mut Writer) {
        w.put_u32s(self.as_slice());
    }

    fn read_body(params: &Parameters, r: &mut Reader<'_>) -> Result<Self> {
        let shape = BootstrapKey::shape_for(params);
        BootstrapKey::from_parts(params, r.take_u32s(params.lwe_dimension.0 * shape.len())?)
    }
}

impl Codec for SeededBootstrapKey {
    fn write_body(&self, w: &mut Writer) {
        w.put_seed(self.seed());
        w.put_u32s(self.bodies());
    }

    fn read_body(params: &Parameters, r: &mut Reader<'_>) -> Result<Self> {
        let seed = r.take_seed()?;
        let count = params.lwe_dimension.0 * params.ggsw_rows() * params.polynomial_size.0;
        SeededBootstrapKey::from_parts(params, seed, r.take_u32s(count)?)
    }
}

impl Codec for LweKeyswitchKey {
    fn write_body(&self, w: &mut Writer) {
        w.put_u32s(self.as_slice());
    }

    fn read_body(params: &Parameters, r: &mut Reader<'_>) -> Result<Self> {
        let (input, output) = (params.extracted_lwe_dimension(), params.lwe_dimension);
        let data = r.take_u32s(input.0 * params.ks_level.0 * (output.0 + 1))?;
        LweKeyswitchKey::from_parts(input, output, params.ks_base_log, params.ks_level, data)
    }
}

impl Codec for SeededKeyswitchKey {
    fn write_body(&self, w: &mut Writer) {
        w.put_seed(self.seed());
        w.put_u32s(self.bodies());
    }

    fn read_body(params: &Parameters, r: &mut Reader<'_>) -> Result<Self> {
        let (input, output) = (params.extracted_lwe_dimension(), params.lwe_dimension);
        let seed = r.take_seed()?;
        let bodies = r.take_u32s(input.0 * params.ks_level.0)?;
        SeededKeyswitchKey::from_parts(input, output, params.ks_base_log, params.ks_level, seed, bodies)
    }
}

/// Reads `count` key bits, zeroized on drop even when invalid.
fn take_key_bits(r: &mut Reader<'_>, count: usize) -> Result<LweSecretKey> {
    let key = LweSecretKey::from_bits(r.take_u32s(count)?);
    if key.as_slice().iter().any(|&b| b > 1) {
        return Err(malformed("secret key bits must be 0 or 1"));
    }
    Ok(key)
}

impl Codec for LweSecretKey {
    fn write_body(&self, w: &mut Writer) {
        w.put_u32s(self.as_slice());
    }

    fn read_body(params: &Parameters, r: &mut Reader<'_>) -> Result<Self> {
        take_key_bits(r, params.lwe_dimension.0)
    }
}

impl Codec for GlweSecretKey {
    fn write_body(&self, w: &mut Writer) {
        w.put_u32s(self.as_lwe_key().as_slice());
    }

    fn read_body(params: &Parameters, r: &mut Reader<'_>) -> Result<Self> {
        let bits = take_key_bits(r, params.extracted_lwe_dimension().0)?;
        Ok(GlweSecretKey::from_lwe_key(params.glwe_dimension, params.polynomial_size, bits))
    }
}

/// Serializes `value`, a single-part object of `kind`, under `params` and `key_id`.
pub fn to_bytes<T: Codec>(kind: ObjectKind, params: &Parameters, key_id: u64, value: &T) -> Result<Vec<u8>> {
    let body_len = expected_body_len(kind, params, 0)
        .ok_or_else(|| Error::InvalidInput(format!("{kind:?} is not a single-part object")))?;
    let mut w = Writer::new(&Header { kind, params: *params, key_id }, body_len)?;
    value.write_body(&mut w);
    w.finish()
}

/// Reads a single-part object of `kind` written by [`to_bytes`].
pub fn from_bytes<T: Codec>(bytes: &[u8], kind: ObjectKind) -> Result<(Header, T)> {
    let (header, mut r) = Reader::open(bytes, &[kind])?;
    let value = T::read_body(&header.params, &mut r)?;
    r.finish()?;
    Ok((header, value))
}

/// Reads an envelope held as one serde byte string (or, for formats without
/// byte strings, a sequence of bytes), refusing more than
/// [`max_envelope_len`] bytes before storing them.
pub fn deserialize_envelope<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    struct EnvelopeVisitor;

    impl<'de> serde::de::Visitor<'de> for EnvelopeVisitor {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "an Umbra envelope of at most {} bytes", max_envelope_len())
        }

        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
            if v.len() > max_envelope_len() {
                return Err(E::invalid_length(v.len(), &self));
            }
            Ok(v.to_vec())
        }

        fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
            if v.len() > max_envelope_len() {
                return Err(E::invalid_length(v.len(), &self));
            }
            Ok(v)
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
            let limit = max_envelope_len();
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
            while let Some(byte) = seq.next_element::<u8>()? {
                if out.len() == limit {
                    return Err(serde::de::Error::invalid_length(limit + 1, &self));
                }
                out.push(byte);
            }
            Ok(out)
        }
    }

    deserializer.deserialize_bytes(EnvelopeVisitor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::{DEFAULT_BOOLEAN, TFHE_LIB};
    use crate::random::Csprng;

    fn keys(p: &Parameters) -> (LweSecretKey, GlweSecretKey) {
        let mut rng = Csprng::from_seed([40; 32]);
        let lwe = LweSecretKey::generate(p.lwe_dimension, &mut rng);
        let glwe = GlweSecretKey::generate(p.glwe_dimension, p.polynomial_size, &mut rng);
        (lwe, glwe)
    }

    #[test]
    fn every_core_object_round_trips() {
        let p = TFHE_LIB;
        let (lwe, glwe) = keys(&p);
        let bsk = SeededBootstrapKey::generate(&p, &lwe, &glwe, &mut Csprng::from_seed([41; 32])).unwrap();
        let ksk = SeededKeyswitchKey::generate(
            &glwe.as_lwe_key(),
            &lwe,
            p.ks_base_log,
            p.ks_level,
            p.lwe_noise,
            &mut Csprng::from_seed([42; 32]),
        );
        fn round_trip<T: Codec + PartialEq + std::fmt::Debug>(kind: ObjectKind, p: &Parameters, value: &T) {
            let bytes = to_bytes(kind, p, 99, value).unwrap();
            assert_eq!(Some(bytes.len()), envelope_len(kind, p, 0));
            let (header, back) = from_bytes::<T>(&bytes, kind).unwrap();
            assert_eq!(header, Header { kind, params: *p, key_id: 99 });
            assert_eq!(&back, value, "{kind:?}");
        }
        round_trip(ObjectKind::CompressedBootstrapKey, &p, &bsk);
        round_trip(ObjectKind::BootstrapKey, &p, &bsk.decompress());
        round_trip(ObjectKind::CompressedKeyswitchKey, &p, &ksk);
        round_trip(ObjectKind::KeyswitchKey, &p, &ksk.decompress());
        round_trip(ObjectKind::LweCiphertext, &p, &LweCiphertext::trivial(p.lwe_dimension, 5));
        let header = Header { kind: ObjectKind::ClientKey, params: p, key_id: 1 };
        let mut w = Writer::new(&header, expected_body_len(ObjectKind::ClientKey, &p, 0).unwrap()).unwrap();
        lwe.write_body(&mut w);
        glwe.write_body(&mut w);
        let bytes = w.finish().unwrap();
        let (read, mut r) = Reader::open(&bytes, &[ObjectKind::ClientKey]).unwrap();
        assert_eq!(read, header);
        assert_eq!(LweSecretKey::read_body(&p, &mut r).unwrap(), lwe);
        assert_eq!(GlweSecretKey::read_body(&p, &mut r).unwrap(), glwe);
        r.finish().unwrap();
        assert!(to_bytes(ObjectKind::ClientKey, &p, 0, &glwe).is_err(), "a GLWE key alone is not a client key body");
    }

    #[test]
    fn seeded_keys_decompress_to_the_keys_generated_in_full() {
        let p = DEFAULT_BOOLEAN;
        let (lwe, glwe) = keys(&p);
        let seeded = SeededBootstrapKey::generate(&p, &lwe, &glwe, &mut Csprng::from_seed([43; 32])).unwrap();
        let full = BootstrapKey::generate(&p, &lwe, &glwe, &mut Csprng::from_seed([43; 32])).unwrap();
        assert_eq!(seeded.decompress(), full);
        let input = glwe.as_lwe_key();
        let seeded = SeededKeyswitchKey::generate(
            &input,
            &lwe,
            p.ks_base_log,
            p.ks_level,
            p.lwe_noise,
            &mut Csprng::from_seed([44; 32]),
        );
        let full = LweKeyswitchKey::generate(
            &input,
            &lwe,
            p.ks_base_log,
            p.ks_level,
            p.lwe_noise,
            &mut Csprng::from_seed([44; 32]),
        );
        assert_eq!(seeded.decompress(), full);
    }

    #[test]
    fn invalid_key_bits_and_wrong_kinds_are_errors() {
        let p = TFHE_LIB;
        let mut bits = vec![0u32; p.lwe_dimension.0 + 1];
        bits[3] = 2;
        let ct = LweCiphertext::from_raw(bits).unwrap();
        let bytes = to_bytes(ObjectKind::LweCiphertext, &p, 0, &ct).unwrap();
        assert!(matches!(
            from_bytes::<LweSecretKey>(&bytes, ObjectKind::LweCiphertext),
            Err(Error::Deserialization(_))
        ));
        assert!(matches!(
            from_bytes::<LweCiphertext>(&bytes, ObjectKind::BoolCiphertext),
            Err(Error::Deserialization(_))
        ));
    }

    #[test]
    fn custom_sets_do_not_serialize_even_under_a_shipped_name() {
        let mut custom = TFHE_LIB;
        custom.pbs_base_log = crate::params::DecompositionBaseLog(8);
        let ct = LweCiphertext::trivial(custom.lwe_dimension, 5);
        assert!(matches!(to_bytes(ObjectKind::LweCiphertext, &custom, 0, &ct), Err(Error::Unsupported(_))));
        assert!(to_bytes(ObjectKind::LweCiphertext, &TFHE_LIB, 0, &ct).is_ok());
    }

    #[test]
    fn version_1_is_read_except_for_integer_ciphertexts() {
        let p = TFHE_LIB;
        let ct = LweCiphertext::trivial(p.lwe_dimension, 5);
        let as_version_1 = |mut bytes: Vec<u8>| {
            bytes[8..10].copy_from_slice(&1u16.to_le_bytes());
            let end = bytes.len() - CRC_LEN;
            let crc = crc32fast::hash(&bytes[..end]);
            bytes[end..].copy_from_slice(&crc.to_le_bytes());
            bytes
        };
        let old = as_version_1(to_bytes(ObjectKind::LweCiphertext, &p, 3, &ct).unwrap());
        assert_eq!(from_bytes::<LweCiphertext>(&old, ObjectKind::LweCiphertext).unwrap().1, ct);
        // A version-1 integer ciphertext: no degree, `n + 1` values.
        let header = Header { kind: ObjectKind::IntCiphertext, params: p, key_id: 3 };
        let mut w = Writer::new(&header, expected_body_len(ObjectKind::LweCiphertext, &p, 0).unwrap()).unwrap();
        ct.write_body(&mut w);
        let old_int = as_version_1(w.finish().unwrap());
        let err = Reader::open(&old_int, &[ObjectKind::IntCiphertext]).unwrap_err();
        assert!(err.to_string().contains("no degree"), "{err}");
        // A version-2 integer ciphertext: a degree, no noise bound.
        let mut w = Writer::new(&header, 8 + expected_body_len(ObjectKind::LweCiphertext, &p, 0).unwrap()).unwrap();
        w.put_u64(1);
        ct.write_body(&mut w);
        let mut old_int = w.finish().unwrap();
        old_int[8..10].copy_from_slice(&2u16.to_le_bytes());
        let end = old_int.len() - CRC_LEN;
        let crc = crc32fast::hash(&old_int[..end]);
        old_int[end..].copy_from_slice(&crc.to_le_bytes());
        let err = Reader::open(&old_int, &[ObjectKind::IntCiphertext]).unwrap_err();
        assert!(err.to_string().contains("no noise bound"), "{err}");
        let mut future = to_bytes(ObjectKind::LweCiphertext, &p, 3, &ct).unwrap();
        future[8..10].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        assert!(from_bytes::<LweCiphertext>(&future, ObjectKind::LweCiphertext).is_err());
    }

    #[test]
    fn the_bound_covers_every_shipped_object() {
        let max = max_envelope_len();
        for p in Parameters::all() {
            assert!(envelope_len(ObjectKind::ServerKey, &p, 0).unwrap() <= max);
        }
        assert!(max < 1 << 30);
    }
}
