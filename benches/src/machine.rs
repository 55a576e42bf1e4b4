//! Where a result came from: CPU model, thread count, operating system.

use serde::Serialize;

/// Machine facts recorded with every result file.
#[derive(Clone, Debug, Serialize)]
pub struct MachineInfo {
    /// CPU model name (from `/proc/cpuinfo` on Linux).
    pub cpu: String,
    /// Hardware threads available to this process.
    pub threads: usize,
    /// Operating system and architecture.
    pub os: String,
    /// Devices of GPU contenders (adapter, driver, backend), if any.
    pub adapters: Vec<String>,
}

impl MachineInfo {
    /// Reads the facts of this machine.
    pub fn detect() -> Self {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|text| {
                text.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split(':').nth(1))
                    .map(|s| s.trim().to_owned())
            })
            .unwrap_or_else(|| "unknown".into());
        Self {
            cpu,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            os: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
            adapters: Vec::new(),
        }
    }
}
