//! The server key: public evaluation material bound to a backend.

use std::sync::Arc;

use umbra_core::backend::{Backend, Luts, PreparedKey};
use umbra_core::bootstrap::{BootstrapKey, LookupTable};
use umbra_core::keyswitch::LweKeyswitchKey;
use umbra_core::lwe::LweCiphertext;
use umbra_core::params::Parameters;
use umbra_core::Result;

use crate::backend_choice::BackendChoice;
use crate::ciphertext::KeyTag;
use crate::client_key::ClientKey;

/// Bootstrapping and keyswitching keys, prepared once for one backend.
///
/// Holds no secret: it can be handed to whoever evaluates. Cheap to share
/// behind an `Arc`; all methods take `&self`.
pub struct ServerKey {
    pub(crate) params: Parameters,
    pub(crate) tag: KeyTag,
    backend: Arc<dyn Backend>,
    prepared: PreparedKey,
    backend_description: String,
}

impl ServerKey {
    /// Generates the server key of `client` for the backend named by
    /// `UMBRA_BACKEND` (default `auto`: a GPU if available, else the CPU).
    ///
    /// ```
    /// let client = umbra::ClientKey::new(umbra::params::DEFAULT_BOOLEAN)?;
    /// let server = umbra::ServerKey::new(&client)?;
    /// println!("evaluating on {}", server.backend_description());
    /// # Ok::<(), umbra::Error>(())
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
        let (bsk, ksk) = client.with_rng_locked(|rng| -> Result<_> {
            let bsk = BootstrapKey::generate(&params, &client.lwe, &client.glwe, rng)?;
            let ksk = LweKeyswitchKey::generate(
                &client.glwe.as_lwe_key(),
                &client.lwe,
                params.ks_base_log,
                params.ks_level,
                params.lwe_noise,
                rng,
            );
            Ok((bsk, ksk))
        })?;
        let prepared = backend.prepare_key(&params, &bsk, &ksk)?;
        Ok(Self { params, tag: client.tag(), backend, prepared, backend_description: description })
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

    /// Which backend evaluates and why it was chosen.
    pub fn backend_description(&self) -> &str {
        &self.backend_description
    }

    /// Bootstraps a batch on the backend.
    pub(crate) fn bootstrap(&self, inputs: &[LweCiphertext], luts: Luts<'_>) -> Result<Vec<LweCiphertext>> {
        if inputs.is_empty() {
            return Ok(Vec::new());
        }
        self.backend.bootstrap_batch(&self.prepared, inputs, luts)
    }

    /// Bootstraps a batch with one table.
    pub(crate) fn bootstrap_shared(&self, inputs: &[LweCiphertext], lut: &LookupTable) -> Result<Vec<LweCiphertext>> {
        self.bootstrap(inputs, Luts::Shared(lut))
    }
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
