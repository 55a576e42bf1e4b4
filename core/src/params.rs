//! Dimension newtypes and the parameter sets Umbra ships.
//!
//! Every size that travels through the scheme has its own type, so an LWE
//! dimension `n` can never be passed where a polynomial size `N` is meant.

use crate::error::Error;

macro_rules! dimension {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub usize);

        impl $name {
            /// The wrapped count.
            pub const fn get(self) -> usize {
                self.0
            }
        }
    };
}

dimension!(
    /// `n`: number of mask elements of an LWE ciphertext.
    LweDimension
);
dimension!(
    /// `k`: number of mask polynomials of a GLWE ciphertext.
    GlweDimension
);
dimension!(
    /// `N`: degree bound of the ring `Z[X]/(X^N + 1)`; a power of two.
    PolynomialSize
);
dimension!(
    /// `log2(B)` of a gadget decomposition base `B`.
    DecompositionBaseLog
);
dimension!(
    /// `l` (or `t`): number of digits a gadget decomposition keeps.
    DecompositionLevelCount
);

impl GlweDimension {
    /// LWE dimension `k·N` of a sample extracted from a GLWE ciphertext of this shape.
    pub const fn extracted_lwe_dimension(self, poly: PolynomialSize) -> LweDimension {
        LweDimension(self.0 * poly.0)
    }
}

/// Standard deviation of a Gaussian noise distribution, as a fraction of the torus.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct StandardDev(pub f64);

impl StandardDev {
    /// Builds a deviation `2^log2` (e.g. `-25.0` for `2^-25`).
    pub fn from_log2(log2: f64) -> Self {
        Self(log2.exp2())
    }

    /// The variance `σ²`.
    pub fn variance(self) -> f64 {
        self.0 * self.0
    }
}

/// A complete TFHE parameter set.
///
/// Evaluation order is PBS → keyswitch (the TFHE gate-bootstrapping order):
/// ciphertexts live under the small LWE key of dimension `n`; a bootstrap
/// blind-rotates under the GLWE key (`k`, `N`), extracts an LWE sample of
/// dimension `k·N` and keyswitches it back to dimension `n`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Parameters {
    /// Short stable name, used as the parameter tag of keys and ciphertexts.
    pub name: &'static str,
    /// `n`.
    pub lwe_dimension: LweDimension,
    /// `k`.
    pub glwe_dimension: GlweDimension,
    /// `N`.
    pub polynomial_size: PolynomialSize,
    /// Noise of fresh LWE encryptions and of the keyswitching key.
    pub lwe_noise: StandardDev,
    /// Noise of the GLWE encryptions inside the bootstrapping key.
    pub glwe_noise: StandardDev,
    /// Gadget base of the bootstrapping key.
    pub pbs_base_log: DecompositionBaseLog,
    /// Gadget levels of the bootstrapping key.
    pub pbs_level: DecompositionLevelCount,
    /// Gadget base of the keyswitching key.
    pub ks_base_log: DecompositionBaseLog,
    /// Gadget levels of the keyswitching key.
    pub ks_level: DecompositionLevelCount,
    /// Bits of message a small-integer ciphertext carries (a padding bit comes on top).
    pub message_bits: u32,
}

impl Parameters {
    /// Checks the structural constraints every backend relies on.
    ///
    /// ```
    /// use umbra_fhe_core::params::DEFAULT_BOOLEAN;
    /// assert!(DEFAULT_BOOLEAN.validate().is_ok());
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        let n = self.polynomial_size.0;
        let bad = |why: String| Err(Error::InvalidParameters(why));
        if !(16..=1 << 14).contains(&n) || !n.is_power_of_two() {
            return bad(format!("polynomial size {n} is not a power of two in 16..=16384"));
        }
        if self.glwe_dimension.0 == 0 || self.glwe_dimension.0 > 8 {
            return bad(format!("GLWE dimension {} outside 1..=8", self.glwe_dimension.0));
        }
        if self.lwe_dimension.0 == 0 || self.lwe_dimension.0 > 1 << 14 {
            return bad(format!("LWE dimension {} outside 1..=16384", self.lwe_dimension.0));
        }
        for (what, base, level) in
            [("PBS", self.pbs_base_log, self.pbs_level), ("keyswitch", self.ks_base_log, self.ks_level)]
        {
            if base.0 == 0 || level.0 == 0 || base.0 > 16 || base.0 * level.0 > 32 {
                return bad(format!(
                    "{what} decomposition {}×{} must have 1 ≤ base_log ≤ 16 and base_log·levels ≤ 32",
                    base.0, level.0
                ));
            }
        }
        if self.message_bits == 0 || self.message_bits > 8 || (2usize << self.message_bits) > n {
            return bad(format!("{} message bits do not fit a lookup table of {n} coefficients", self.message_bits));
        }
        for (what, sd) in [("LWE", self.lwe_noise), ("GLWE", self.glwe_noise)] {
            if !(sd.0.is_finite() && sd.0 > 0.0 && sd.0 < 0.25) {
                return bad(format!("{what} noise deviation {} outside (0, 1/4)", sd.0));
            }
        }
        Ok(())
    }

    /// Number of rows `(k+1)·l` of one GGSW ciphertext of the bootstrapping key.
    pub fn ggsw_rows(&self) -> usize {
        (self.glwe_dimension.0 + 1) * self.pbs_level.0
    }

    /// `k·N`, the dimension of samples extracted from the accumulator.
    pub fn extracted_lwe_dimension(&self) -> LweDimension {
        self.glwe_dimension.extracted_lwe_dimension(self.polynomial_size)
    }

    /// CRC-32 of every numeric value of the set (not its name): two sets
    /// with one name and other values have different fingerprints.
    ///
    /// ```
    /// use umbra_fhe_core::params::*;
    /// assert_ne!(MESSAGE_1_BIT.fingerprint(), MESSAGE_2_BITS.fingerprint());
    /// let mut custom = TFHE_LIB;
    /// custom.pbs_base_log = DecompositionBaseLog(8);
    /// assert_ne!(custom.fingerprint(), TFHE_LIB.fingerprint());
    /// ```
    pub fn fingerprint(&self) -> u32 {
        let mut h = crc32fast::Hasher::new();
        for v in [
            self.lwe_dimension.0,
            self.glwe_dimension.0,
            self.polynomial_size.0,
            self.pbs_base_log.0,
            self.pbs_level.0,
            self.ks_base_log.0,
            self.ks_level.0,
            self.message_bits as usize,
        ] {
            h.update(&(v as u64).to_le_bytes());
        }
        h.update(&self.lwe_noise.0.to_bits().to_le_bytes());
        h.update(&self.glwe_noise.0.to_bits().to_le_bytes());
        h.finalize()
    }

    /// The identity of this set: its name and the fingerprint of its values.
    /// Keys and ciphertexts carry it, so that objects of a custom set that
    /// kept a shipped set's name are never taken for the shipped set's.
    pub fn id(&self) -> ParameterId {
        ParameterId { name: self.name, fingerprint: self.fingerprint() }
    }

    /// Whether this is one of the shipped sets, values included (only those
    /// serialize: a reader rebuilds a set from its name).
    ///
    /// ```
    /// use umbra_fhe_core::params::*;
    /// assert!(TFHE_LIB.is_shipped());
    /// let mut custom = TFHE_LIB;
    /// custom.ks_base_log = DecompositionBaseLog(3);
    /// assert!(!custom.is_shipped());
    /// ```
    pub fn is_shipped(&self) -> bool {
        Self::by_name(self.name).is_some_and(|p| p.id() == self.id())
    }

    /// Every parameter set Umbra ships, for lookup by name.
    pub fn all() -> [Parameters; 6] {
        [DEFAULT_BOOLEAN, TFHE_LIB, MESSAGE_1_BIT, MESSAGE_2_BITS, MESSAGE_3_BITS, MESSAGE_4_BITS]
    }

    /// Finds a shipped parameter set by its [`name`](Self::name).
    ///
    /// ```
    /// use umbra_fhe_core::params::Parameters;
    /// assert_eq!(Parameters::by_name("tfhe-lib").unwrap().polynomial_size.get(), 1024);
    /// assert!(Parameters::by_name("nope").is_none());
    /// ```
    pub fn by_name(name: &str) -> Option<Parameters> {
        Self::all().into_iter().find(|p| p.name == name)
    }
}

/// What identifies a parameter set: its name and the [fingerprint](Parameters::fingerprint)
/// of its values. Displayed as the name, with the fingerprint where the
/// values are not those of the shipped set of that name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParameterId {
    /// The set's name.
    pub name: &'static str,
    /// CRC-32 of the set's values.
    pub fingerprint: u32,
}

impl ParameterId {
    /// The shipped set with this identity, if there is one.
    pub fn shipped(&self) -> Option<Parameters> {
        Parameters::by_name(self.name).filter(|p| p.fingerprint() == self.fingerprint)
    }

    /// The shipped set with this identity, or an [`Error::Unsupported`]
    /// saying that only shipped sets serialize.
    pub fn to_shipped(&self) -> Result<Parameters, Error> {
        self.shipped().ok_or_else(|| {
            Error::Unsupported(format!(
                "parameter set `{self}` is not one of the shipped sets; only those serialize, \
                 since a reader rebuilds the set from its name"
            ))
        })
    }
}

impl std::fmt::Display for ParameterId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.shipped().is_some() {
            f.write_str(self.name)
        } else {
            write!(f, "{} (custom values, fingerprint {:08x})", self.name, self.fingerprint)
        }
    }
}

/// The default boolean set (≥ 128 bits).
///
/// Shape of tfhe-rs's current boolean default (`DEFAULT_PARAMETERS`):
/// n = 805, k = 3, N = 512, PBS 2^10 × 2, keyswitch 2^3 × 5,
/// σ_lwe = 5.8616e-6, σ_glwe = 9.3153e-10, PBS then keyswitch.
/// Security: its authors claim 132 bits (lattice estimator) with a gate
/// failure probability of about 2^-64 (their own noise model). Umbra's
/// average-case model ([`crate::noise`]) predicts ≈ 2^-291 per gate for this
/// shape with balanced digits; the 2^-64 figure is the one to rely on.
pub const DEFAULT_BOOLEAN: Parameters = Parameters {
    name: "default-boolean",
    lwe_dimension: LweDimension(805),
    glwe_dimension: GlweDimension(3),
    polynomial_size: PolynomialSize(512),
    lwe_noise: StandardDev(5.8615896e-6),
    glwe_noise: StandardDev(9.315272e-10),
    pbs_base_log: DecompositionBaseLog(10),
    pbs_level: DecompositionLevelCount(2),
    ks_base_log: DecompositionBaseLog(3),
    ks_level: DecompositionLevelCount(5),
    message_bits: 1,
};

/// The TFHE-library gate-bootstrapping set (≈ 120 bits by current estimates).
///
/// n = 630, k = 1, N = 1024, PBS 2^7 × 3, keyswitch 2^2 × 8, σ_lwe = 2^-15,
/// σ_glwe = 2^-25. Kept for 1:1 comparison with the TFHE library, the
/// nuFHE/cuFHE generation and tfhe-rs `TFHE_LIB_PARAMETERS`. Originally
/// published as 128-bit; re-estimates with the lattice estimator put it near
/// 120 bits, which is why it is not the default. Predicted gate failure
/// (Umbra's model, worst gate composition): ≈ 2^-163.
pub const TFHE_LIB: Parameters = Parameters {
    name: "tfhe-lib",
    lwe_dimension: LweDimension(630),
    glwe_dimension: GlweDimension(1),
    polynomial_size: PolynomialSize(1024),
    lwe_noise: StandardDev(3.0517578125e-5),
    glwe_noise: StandardDev(2.9802322387695312e-8),
    pbs_base_log: DecompositionBaseLog(7),
    pbs_level: DecompositionLevelCount(3),
    ks_base_log: DecompositionBaseLog(2),
    ks_level: DecompositionLevelCount(8),
    message_bits: 1,
};

/// Security argument shared by the message sets below.
///
/// They reuse the LWE side of [`DEFAULT_BOOLEAN`] unchanged (n = 805,
/// σ = 5.8616e-6, keyswitch 2^3 × 5) and a GLWE side whose dimension `k·N`
/// is at least the default's 1536 with the same σ_glwe. For a fixed modulus
/// and noise, LWE hardness does not decrease with the dimension, so each set
/// is at least as hard as the 132-bit default claim. Failure probabilities
/// are predicted by [`crate::noise`] and measured by the ignored test
/// `failure_rate_message_sets` (see the README).
macro_rules! message_set {
    ($(#[$doc:meta])* $ident:ident, $name:literal, $bits:literal, k = $k:literal, N = $n:literal,
     pbs = $b:literal x $l:literal, ks = $kb:literal x $kl:literal) => {
        $(#[$doc])*
        pub const $ident: Parameters = Parameters {
            name: $name,
            lwe_dimension: LweDimension(805),
            glwe_dimension: GlweDimension($k),
            polynomial_size: PolynomialSize($n),
            lwe_noise: StandardDev(5.8615896e-6),
            glwe_noise: StandardDev(9.315272e-10),
            pbs_base_log: DecompositionBaseLog($b),
            pbs_level: DecompositionLevelCount($l),
            ks_base_log: DecompositionBaseLog($kb),
            ks_level: DecompositionLevelCount($kl),
            message_bits: $bits,
        };
    };
}

message_set!(
    /// 1-bit messages plus padding: k = 3, N = 512, PBS 2^10 × 2, KS 2^3 × 5.
    /// Predicted failure ≈ 2^-337 per lookup (see [`crate::noise`]).
    MESSAGE_1_BIT, "message-1", 1, k = 3, N = 512, pbs = 10 x 2, ks = 3 x 5
);
message_set!(
    /// 2-bit messages plus padding: k = 3, N = 512, PBS 2^10 × 2, KS 2^3 × 5.
    /// Predicted failure ≈ 2^-87 per lookup.
    MESSAGE_2_BITS, "message-2", 2, k = 3, N = 512, pbs = 10 x 2, ks = 3 x 5
);
message_set!(
    /// 3-bit messages plus padding: k = 2, N = 1024, PBS 2^10 × 2, KS 2^2 × 8.
    /// Predicted failure ≈ 2^-79 per lookup.
    MESSAGE_3_BITS, "message-3", 3, k = 2, N = 1024, pbs = 10 x 2, ks = 2 x 8
);
message_set!(
    /// 4-bit messages plus padding: k = 1, N = 2048, PBS 2^7 × 3, KS 2^2 × 8.
    /// Predicted failure ≈ 2^-64 per lookup.
    MESSAGE_4_BITS, "message-4", 4, k = 1, N = 2048, pbs = 7 x 3, ks = 2 x 8
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_sets_are_valid_and_named_uniquely() {
        let all = Parameters::all();
        for p in &all {
            p.validate().unwrap();
            assert_eq!(Parameters::by_name(p.name), Some(*p));
        }
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a.name, b.name);
            }
        }
    }

    #[test]
    fn identity_is_name_and_values() {
        let mut custom = TFHE_LIB;
        custom.pbs_base_log = DecompositionBaseLog(8);
        custom.ks_base_log = DecompositionBaseLog(3);
        assert_eq!(custom.name, TFHE_LIB.name);
        assert_ne!(custom.id(), TFHE_LIB.id());
        assert_eq!(custom.id().shipped(), None);
        assert_eq!(TFHE_LIB.id().shipped(), Some(TFHE_LIB));
        assert_eq!(TFHE_LIB.id().to_string(), "tfhe-lib");
        assert!(custom.id().to_string().starts_with("tfhe-lib (custom values, fingerprint "));
        // The noise deviations are part of the identity too.
        let mut noisier = DEFAULT_BOOLEAN;
        noisier.lwe_noise = StandardDev(1e-5);
        assert!(!noisier.is_shipped());
        // Two shipped sets with equal values and different names stay distinct.
        assert_eq!(DEFAULT_BOOLEAN.fingerprint(), MESSAGE_1_BIT.fingerprint());
        assert_ne!(DEFAULT_BOOLEAN.id(), MESSAGE_1_BIT.id());
    }

    #[test]
    fn message_sets_are_at_least_as_large_as_the_default_glwe() {
        let reference = DEFAULT_BOOLEAN.extracted_lwe_dimension();
        for p in [MESSAGE_1_BIT, MESSAGE_2_BITS, MESSAGE_3_BITS, MESSAGE_4_BITS] {
            assert!(p.extracted_lwe_dimension() >= reference);
            assert_eq!(p.lwe_dimension, DEFAULT_BOOLEAN.lwe_dimension);
            assert!(p.glwe_noise >= DEFAULT_BOOLEAN.glwe_noise);
        }
    }

    #[test]
    fn validate_rejects_bad_shapes() {
        let mut p = TFHE_LIB;
        p.polynomial_size = PolynomialSize(1000);
        assert!(p.validate().is_err());
        let mut p = TFHE_LIB;
        p.pbs_base_log = DecompositionBaseLog(11);
        assert!(p.validate().is_err());
        let mut p = TFHE_LIB;
        p.message_bits = 10;
        assert!(p.validate().is_err());
        let mut p = TFHE_LIB;
        p.lwe_noise = StandardDev(f64::NAN);
        assert!(p.validate().is_err());
    }
}
