//! The process's peak memory, for the examples that report it.

/// The peak resident set size in bytes (`VmHWM` of `/proc/self/status`),
/// or `None` where that file does not exist (outside Linux).
pub fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
