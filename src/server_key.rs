//! The server key: public evaluation material bound to a backend.

use std::sync::Arc;
use std::time::Instant;

use umbra_fhe_core::backend::{Backend, Luts, PreparedKey};
use umbra_fhe_core::bootstrap::{BootstrapKey, LookupTable, SeededBootstrapKey};
use umbra_fhe_core::keyswitch::{LweKeyswitchKey, SeededKeyswitchKey};
use umbra_fhe_core::lwe::LweCiphertext;
use umbra_fhe_core::params::Parameters;
use umbra_fhe_core::serialization::{expected_body_len, Codec, ObjectKind, Reader, Writer};
use umbra_fhe_core::{Error, Result};

use crate::backend_choice::BackendChoice;
use crate::ciphertext::KeyTag;
use crate::client_key::ClientKey;

/// The standard-domain keys a server key was prepared from, kept so that it
/// can be serialized.
enum KeyMaterial {
    /// Mask seeds and bodies: generated here, or loaded from the compressed format.
    Seeded { bsk: SeededBootstrapKey, ksk: SeededKeyswitchKey },
    /// Whole keys, loaded from the uncompressed format (their seeds are not known).
    Full { bsk: BootstrapKey, ksk: LweKeyswitchKey },
}

/// Bootstrapping and keyswitching keys, prepared once for one backend.
///
/// Holds no secret: it can be handed to whoever evaluates. Cheap to share
/// behind an `Arc`; all methods take `&self`. It keeps the keys in the
/// standard domain as well as prepared, so that it serializes
/// ([`to_bytes`](Self::to_bytes), [`to_compressed_bytes`](Self::to_compressed_bytes),
/// and `serde`, which writes the compressed form when it can).
pub struct ServerKey {
    pub(crate) params: Parameters,
    pub(crate) tag: KeyTag,
    backend: Arc<dyn Backend>,
    prepared: PreparedKey,
    backend_description: String,
    material: KeyMaterial,
}

impl ServerKey {
    /// Generates the server key of `client` for the backend named by
    /// `UMBRA_BACKEND` (default `auto`: a GPU if available, else the CPU).
    ///
    /// ```
    /// let client = umbra_fhe::ClientKey::new(umbra_fhe::params::DEFAULT_BOOLEAN)?;
    /// let server = umbra_fhe::ServerKey::new(&client)?;
    /// println!("evaluating on {}", server.backend_description());
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn new(client: &ClientKey) -> Result<Self> {
        Self::with_backend(client, BackendChoice::from_env()?)
    }

    /// Generates the server key of `client` for the chosen backend.
    pub fn with_backend(client: &ClientKey, choice: BackendChoice) -> Result<Self> {
        let (backend, description) = choice.build()?;
        Self::with_custom_backend(client, backend, description)
    }

    /// Generates the server key of `client` for any [`Backend`] implementation.
    pub fn with_custom_backend(client: &ClientKey, backend: Arc<dyn Backend>, description: String) -> Result<Self> {
        let params = client.params;
        let _span =
            tracing::info_span!("server_key_generation", params = params.name, backend = backend.name()).entered();
        let (bsk, ksk) = client.with_rng_locked(|rng| -> Result<_> {
            let bsk = SeededBootstrapKey::generate(&params, &client.lwe, &client.glwe, rng)?;
            let ksk = SeededKeyswitchKey::generate(
                &client.glwe.as_lwe_key(),
                &client.lwe,
                params.ks_base_log,
                params.ks_level,
                params.lwe_noise,
                rng,
            );
            Ok((bsk, ksk))
        })?;
        let prepared = prepare_key(backend.as_ref(), &params, &bsk.decompress(), &ksk.decompress())?;
        Ok(Self {
            params,
            tag: client.tag(),
            backend,
            prepared,
            backend_description: description,
            material: KeyMaterial::Seeded { bsk, ksk },
        })
    }

    /// Serializes the full keys (kind `ServerKey` of
    /// [`umbra_fhe_core::serialization`]): loading skips the mask regeneration.
    ///
    /// ```
    /// use umbra_fhe::{params, BackendChoice, ClientKey, ServerKey};
    /// let client = ClientKey::new(params::TFHE_LIB)?;
    /// let server = ServerKey::with_backend(&client, BackendChoice::Cpu)?;
    /// let full = server.to_bytes()?;
    /// let compressed = server.to_compressed_bytes()?;
    /// assert!(compressed.len() * 19 < full.len() * 10);
    /// let loaded = ServerKey::from_bytes(&compressed, BackendChoice::Cpu)?;
    /// let c = loaded.not(&client.encrypt_bool(false))?;
    /// assert!(client.decrypt_bool(&c)?);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        match &self.material {
            KeyMaterial::Full { bsk, ksk } => self.write(ObjectKind::ServerKey, bsk, ksk),
            KeyMaterial::Seeded { bsk, ksk } => self.write(ObjectKind::ServerKey, &bsk.decompress(), &ksk.decompress()),
        }
    }

    /// Serializes the compressed keys (kind `CompressedServerKey`): mask
    /// seeds and bodies only, about `1/(k+1)` of the bootstrapping key and a
    /// tiny fraction of the keyswitching key. An [`Error::Unsupported`] for
    /// a key itself loaded from the uncompressed format, whose seeds are unknown.
    pub fn to_compressed_bytes(&self) -> Result<Vec<u8>> {
        match &self.material {
            KeyMaterial::Seeded { bsk, ksk } => self.write(ObjectKind::CompressedServerKey, bsk, ksk),
            KeyMaterial::Full { .. } => Err(Error::Unsupported(
                "this server key was loaded from the uncompressed format: its mask seeds are unknown".into(),
            )),
        }
    }

    fn write(&self, kind: ObjectKind, bsk: &impl Codec, ksk: &impl Codec) -> Result<Vec<u8>> {
        let header = self.tag.header(kind)?;
        let len = expected_body_len(kind, &self.params, 0)
            .ok_or_else(|| Error::InvalidInput("server key size overflows".into()))?;
        let mut w = Writer::new(&header, len)?;
        bsk.write_body(&mut w);
        ksk.write_body(&mut w);
        w.finish()
    }

    /// Loads a server key written by [`to_bytes`](Self::to_bytes) or
    /// [`to_compressed_bytes`](Self::to_compressed_bytes) (decompressing it)
    /// and prepares it for the chosen backend. Malformed input is an
    /// [`Error::Deserialization`], found before the backend is built; the key
    /// keeps the key identifier and parameter set it was written with, so
    /// ciphertexts of other keys are refused.
    pub fn from_bytes(bytes: &[u8], choice: BackendChoice) -> Result<Self> {
        let (tag, params, material) = Self::read(bytes)?;
        let (backend, description) = choice.build()?;
        Self::prepare(tag, params, material, backend, description)
    }

    /// [`from_bytes`](Self::from_bytes) for any [`Backend`] implementation.
    pub fn from_bytes_with_custom_backend(
        bytes: &[u8],
        backend: Arc<dyn Backend>,
        description: String,
    ) -> Result<Self> {
        let (tag, params, material) = Self::read(bytes)?;
        Self::prepare(tag, params, material, backend, description)
    }

    fn read(bytes: &[u8]) -> Result<(KeyTag, Parameters, KeyMaterial)> {
        let (header, mut r) = Reader::open(bytes, &[ObjectKind::ServerKey, ObjectKind::CompressedServerKey])?;
        let params = header.params;
        let material = if header.kind == ObjectKind::ServerKey {
            let bsk = BootstrapKey::read_body(&params, &mut r)?;
            KeyMaterial::Full { bsk, ksk: LweKeyswitchKey::read_body(&params, &mut r)? }
        } else {
            let bsk = SeededBootstrapKey::read_body(&params, &mut r)?;
            KeyMaterial::Seeded { bsk, ksk: SeededKeyswitchKey::read_body(&params, &mut r)? }
        };
        r.finish()?;
        Ok((KeyTag::from_header(&header), params, material))
    }

    fn prepare(
        tag: KeyTag,
        params: Parameters,
        material: KeyMaterial,
        backend: Arc<dyn Backend>,
        description: String,
    ) -> Result<Self> {
        let prepared = match &material {
            KeyMaterial::Full { bsk, ksk } => prepare_key(backend.as_ref(), &params, bsk, ksk)?,
            KeyMaterial::Seeded { bsk, ksk } => {
                prepare_key(backend.as_ref(), &params, &bsk.decompress(), &ksk.decompress())?
            }
        };
        Ok(Self { params, tag, backend, prepared, backend_description: description, material })
    }

    /// The parameter set.
    pub fn parameters(&self) -> &Parameters {
        &self.params
    }

    /// Identifier of the key pair this key belongs to.
    pub fn key_id(&self) -> u64 {
        self.tag.key_id
    }

    /// The backend's short name (e.g. `cpu-fft`).
    pub fn backend_name(&self) -> &str {
        self.backend.name()
    }

    /// Bootstraps the backend runs side by side ([`Backend::parallel_width`]).
    pub fn parallel_width(&self) -> usize {
        self.backend.parallel_width()
    }

    /// The backend's estimate of one batch of `bootstraps` on this key's
    /// parameters, in lone one-thread bootstraps ([`Backend::batch_cost`]):
    /// what [`evaluate`](Self::evaluate) sums over a circuit's levels to
    /// choose its shape.
    ///
    /// ```
    /// use umbra_fhe::{params, ClientKey, ServerKey};
    /// let server = ServerKey::new(&ClientKey::new(params::DEFAULT_BOOLEAN)?)?;
    /// assert_eq!(server.batch_cost(0), 0.0);
    /// assert!(server.batch_cost(64) <= 64.0);
    /// # Ok::<(), umbra_fhe::Error>(())
    /// ```
    pub fn batch_cost(&self, bootstraps: usize) -> f64 {
        self.backend.batch_cost(&self.params, bootstraps)
    }

    /// Which backend evaluates and why it was chosen.
    pub fn backend_description(&self) -> &str {
        &self.backend_description
    }

    /// Bootstraps a batch on the backend.
    pub(crate) fn bootstrap(&self, inputs: &[LweCiphertext], luts: Luts<'_>) -> Result<Vec<LweCiphertext>> {
        if inputs.is_empty() {
            return Ok(Vec::new());
        }
        let backend = self.backend.name();
        let _span = tracing::debug_span!("bootstrap_batch", backend, size = inputs.len()).entered();
        let start = Instant::now();
        let outputs = self.backend.bootstrap_batch(&self.prepared, inputs, luts)?;
        tracing::debug!(elapsed_ms = start.elapsed().as_secs_f64() * 1e3, "batch bootstrapped");
        Ok(outputs)
    }

    /// Bootstraps a batch with one table.
    pub(crate) fn bootstrap_shared(&self, inputs: &[LweCiphertext], lut: &LookupTable) -> Result<Vec<LweCiphertext>> {
        self.bootstrap(inputs, Luts::Shared(lut))
    }
}

/// Converts the keys into `backend`'s domain, traced as `key_preparation`.
fn prepare_key(
    backend: &dyn Backend,
    params: &Parameters,
    bsk: &BootstrapKey,
    ksk: &LweKeyswitchKey,
) -> Result<PreparedKey> {
    let _span = tracing::info_span!("key_preparation", params = params.name, backend = backend.name()).entered();
    let start = Instant::now();
    let prepared = backend.prepare_key(params, bsk, ksk)?;
    tracing::info!(elapsed_ms = start.elapsed().as_secs_f64() * 1e3, "keys prepared");
    Ok(prepared)
}

impl std::fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerKey")
            .field("params", &self.params.name)
            .field("key_id", &format_args!("{:#018x}", self.tag.key_id))
            .field("backend", &self.backend.name())
            .finish()
    }
}

/// One byte string: the compressed envelope when the seeds are known, else the full one.
impl serde::Serialize for ServerKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let bytes = match self.material {
            KeyMaterial::Seeded { .. } => self.to_compressed_bytes(),
            KeyMaterial::Full { .. } => self.to_bytes(),
        };
        serializer.serialize_bytes(&bytes.map_err(serde::ser::Error::custom)?)
    }
}

/// Reads either envelope and prepares the key for the backend named by
/// `UMBRA_BACKEND`, as [`ServerKey::new`] does.
impl<'de> serde::Deserialize<'de> for ServerKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let bytes = umbra_fhe_core::serialization::deserialize_envelope(deserializer)?;
        let choice = BackendChoice::from_env().map_err(serde::de::Error::custom)?;
        Self::from_bytes(&bytes, choice).map_err(serde::de::Error::custom)
    }
}
