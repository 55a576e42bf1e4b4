//! Test support: a parameter set with **no security**, for fast tests of the
//! library's mechanics (every backend's, and circuits on top of them).

use crate::params::{
    DecompositionBaseLog, DecompositionLevelCount, GlweDimension, LweDimension, Parameters, PolynomialSize, StandardDev,
};

/// A toy set, small enough for the schoolbook reference: n = 64, k = 1,
/// N = 256, about 40× cheaper per bootstrap than `tfhe-lib` (which matters
/// on a software GPU adapter). No security; noise far below the margins of
/// 2-bit messages and of gates. Not serializable (not a shipped set).
///
/// ```
/// assert!(umbra_fhe_core::testing::TOY.validate().is_ok());
/// ```
pub const TOY: Parameters = Parameters {
    name: "toy-k1",
    lwe_dimension: LweDimension(64),
    glwe_dimension: GlweDimension(1),
    polynomial_size: PolynomialSize(256),
    lwe_noise: StandardDev(9.5367431640625e-7),     // 2^-20
    glwe_noise: StandardDev(9.313225746154785e-10), // 2^-30
    pbs_base_log: DecompositionBaseLog(7),
    pbs_level: DecompositionLevelCount(3),
    ks_base_log: DecompositionBaseLog(4),
    ks_level: DecompositionLevelCount(4),
    message_bits: 2,
};
