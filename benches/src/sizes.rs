//! The comparison runner's size section: bytes of an encrypted `u8`, `u32`
//! and `[u8; 128]` as ordinary ciphertexts, compressed (seeded) ones and a
//! public key's compact list, for Umbra (`default-boolean`, its envelopes)
//! and for tfhe-rs 1.8 (feature `peer`: its default integer parameters,
//! serialized with bincode, in the same run).

use serde::Serialize;
use umbra_fhe_core::params::{Parameters, DEFAULT_BOOLEAN};
use umbra_fhe_core::serialization::{envelope_len, ObjectKind};

/// One value's sizes in one library.
#[derive(Clone, Debug, Serialize)]
pub struct SizeRow {
    /// `umbra` or `tfhe-rs`.
    pub library: &'static str,
    /// What is encrypted.
    pub value: &'static str,
    /// Bytes as ordinary ciphertexts.
    pub ordinary: usize,
    /// Bytes compressed (seeded masks).
    pub compressed: usize,
    /// Bytes in a public key's compact list.
    pub compact: usize,
    /// Bytes of the public key itself.
    pub public_key: usize,
}

/// The values measured: a label, how many integers, their width.
const VALUES: [(&str, usize, usize); 3] = [("u8", 1, 8), ("u32", 1, 32), ("[u8; 128]", 128, 8)];

/// Umbra's sizes on `default-boolean`: envelope lengths of the kinds the
/// values serialize to (the user-level tests check they are the lengths
/// `to_bytes` writes). An ordinary `[u8; 128]` is 128 envelopes.
pub fn umbra_rows() -> Result<Vec<SizeRow>, String> {
    let p: Parameters = DEFAULT_BOOLEAN;
    let len = |kind, count| envelope_len(kind, &p, count).ok_or_else(|| format!("no {kind:?} of {count}"));
    let public_key = len(ObjectKind::PublicKey, 0)?;
    VALUES
        .iter()
        .map(|&(value, count, width)| {
            Ok(SizeRow {
                library: "umbra",
                value,
                ordinary: count * len(ObjectKind::UnsignedInteger, width)?,
                compressed: len(ObjectKind::CompressedUnsignedIntegers, count * width)?,
                compact: len(ObjectKind::CompactUnsignedIntegers, count * width)?,
                public_key,
            })
        })
        .collect()
}

/// The sizes as a Markdown table.
pub fn markdown(rows: &[SizeRow]) -> String {
    let mut out = String::from(
        "| library | value | ordinary | compressed | compact list | public key |\n|---|---|---:|---:|---:|---:|\n",
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {} |\n",
            r.library, r.value, r.ordinary, r.compressed, r.compact, r.public_key
        ));
    }
    out
}

#[cfg(feature = "peer")]
pub use peer::tfhe_rs_rows;

/// No peer compiled in (feature `peer` off): no rows.
#[cfg(not(feature = "peer"))]
pub fn tfhe_rs_rows() -> Result<Vec<SizeRow>, String> {
    Ok(Vec::new())
}

#[cfg(feature = "peer")]
mod peer {
    //! tfhe-rs's high-level API with its default configuration.

    use tfhe::prelude::*;
    use tfhe::{
        generate_keys, set_server_key, CompactCiphertextList, CompactPublicKey, CompressedFheUint32,
        CompressedFheUint8, ConfigBuilder, FheUint32, FheUint8,
    };

    use super::{SizeRow, VALUES};

    fn bytes<T: serde::Serialize>(value: &T) -> Result<usize, String> {
        bincode::serialize(value).map(|b| b.len()).map_err(|e| e.to_string())
    }

    /// tfhe-rs 1.8's sizes: `FheUint8`/`FheUint32` (a `[u8; 128]` as 128
    /// of them), `CompressedFheUint8`/`CompressedFheUint32`, and a
    /// `CompactCiphertextList` built packed from a `CompactPublicKey`.
    pub fn tfhe_rs_rows() -> Result<Vec<SizeRow>, String> {
        let (client, server) = generate_keys(ConfigBuilder::default().build());
        set_server_key(server);
        let public = CompactPublicKey::new(&client);
        let public_key = bytes(&public)?;
        let mut rows = Vec::new();
        for &(value, count, width) in &VALUES {
            let (ordinary, compressed, compact) = if width == 32 {
                let list = CompactCiphertextList::builder(&public).push(4_000_000_000u32).build_packed();
                (
                    bytes(&FheUint32::encrypt(4_000_000_000u32, &client))?,
                    bytes(&CompressedFheUint32::try_encrypt(4_000_000_000u32, &client).map_err(|e| e.to_string())?)?,
                    bytes(&list)?,
                )
            } else {
                let values = vec![200u8; count];
                let list = CompactCiphertextList::builder(&public).extend(values.iter().copied()).build_packed();
                (
                    count * bytes(&FheUint8::encrypt(200u8, &client))?,
                    count * bytes(&CompressedFheUint8::try_encrypt(200u8, &client).map_err(|e| e.to_string())?)?,
                    bytes(&list)?,
                )
            };
            rows.push(SizeRow { library: "tfhe-rs", value, ordinary, compressed, compact, public_key });
        }
        Ok(rows)
    }
}
