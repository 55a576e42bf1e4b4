//! `UMBRA_BACKEND` and the three backend choices, in a process of their own
//! (one test, so that nothing else reads the environment while it changes).

use umbra_fhe::{params, BackendChoice, ClientKey, Error, ServerKey};

#[test]
fn umbra_backend_selects_the_backend() {
    let set = |value: Option<&str>| match value {
        Some(v) => std::env::set_var("UMBRA_BACKEND", v),
        None => std::env::remove_var("UMBRA_BACKEND"),
    };
    for (value, expected) in [
        (None, BackendChoice::Auto),
        (Some(""), BackendChoice::Auto),
        (Some("auto"), BackendChoice::Auto),
        (Some("CPU"), BackendChoice::Cpu),
        (Some(" gpu "), BackendChoice::Gpu),
    ] {
        set(value);
        assert_eq!(BackendChoice::from_env().unwrap(), expected, "{value:?}");
    }
    set(Some("tpu"));
    let err = BackendChoice::from_env().unwrap_err();
    assert!(err.to_string().contains("unknown backend `tpu`"), "{err}");

    // `ServerKey::new` follows the variable.
    let client = ClientKey::from_seed(params::MESSAGE_2_BITS, [3; 32]).unwrap();
    assert!(matches!(ServerKey::new(&client), Err(Error::InvalidInput(_))));
    set(Some("cpu"));
    let server = ServerKey::new(&client).unwrap();
    assert_eq!(server.backend_name(), "cpu-fft");
    assert_eq!(server.backend_description(), "CPU backend (requested)");
    let sum = server.apply_lut(&client.encrypt(3).unwrap(), |m| m + 2).unwrap();
    assert_eq!(client.decrypt(&sum).unwrap(), 1);

    // Without the `gpu` feature, asking for the GPU is an error that says so,
    // and `auto` falls back to the CPU saying why.
    set(Some("gpu"));
    let gpu = ServerKey::new(&client);
    if cfg!(feature = "gpu") {
        // With the feature, the result depends on the adapter: tests/gpu.rs covers it.
        assert!(gpu.is_ok() || matches!(gpu, Err(Error::Backend { .. })), "{gpu:?}");
    } else {
        let err = gpu.unwrap_err();
        assert!(err.to_string().contains("no GPU backend (feature `gpu`)"), "{err}");
        set(None);
        let server = ServerKey::new(&client).unwrap();
        assert_eq!(server.backend_name(), "cpu-fft");
        assert!(server.backend_description().starts_with("CPU backend (auto; no GPU:"));
    }
    set(None);
}
