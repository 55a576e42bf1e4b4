//! Memory follows what a program holds, not how many operations it ran.
//!
//! A global allocator counts the bytes live on the heap and their peak, so
//! the figures are exact and independent of timing. The scenarios run one
//! after the other in a single test: the counters are process-wide.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use umbra_fhe::{params, BackendChoice, ClientKey, FheUint8, ServerKey};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to the system allocator unchanged; the
// counters only observe the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grow(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MB: f64 = 1024.0 * 1024.0;

/// The peak heap while `f` runs, above what was live when it started.
fn peak_above_start(f: impl FnOnce()) -> usize {
    let start = LIVE.load(Ordering::Relaxed);
    PEAK.store(start, Ordering::Relaxed);
    f();
    PEAK.load(Ordering::Relaxed).saturating_sub(start)
}

fn keys() -> (ClientKey, ServerKey) {
    let client = ClientKey::new(params::DEFAULT_BOOLEAN).unwrap();
    let server = ServerKey::with_backend(&client, BackendChoice::Cpu).unwrap();
    (client, server)
}

/// `ops` free operations (rotations and negations) on one `u8`, each result
/// replacing the last, then one evaluation: the peak heap of it all.
fn free_chain(client: &ClientKey, server: &ServerKey, ops: usize) -> usize {
    peak_above_start(|| {
        let mut v = FheUint8::encrypt(77, client);
        let mut want = 77u8;
        for i in 0..ops {
            (v, want) = if i % 2 == 0 { (v.rotate_left(3), want.rotate_left(3)) } else { (!v, !want) };
        }
        let stats = server.evaluate(&v).unwrap();
        assert_eq!(stats.bootstraps, 0);
        assert_eq!(v.decrypt(client).unwrap(), want);
    })
}

/// `ops` bitwise ANDs with one encrypted `u8` (8 bootstraps each, one
/// level), each result replacing the last, then one evaluation: the peak
/// heap of it all.
fn bootstrapped_chain(client: &ClientKey, server: &ServerKey, ops: usize) -> usize {
    peak_above_start(|| {
        let x = FheUint8::encrypt(0b1011_0111, client);
        let mut v = FheUint8::encrypt(0b1111_0101, client);
        for _ in 0..ops {
            v = &v & &x;
        }
        let stats = server.evaluate(&v).unwrap();
        assert_eq!(stats.bootstraps, 8 * ops);
        assert_eq!(v.decrypt(client).unwrap(), 0b1011_0101);
    })
}

#[test]
fn peak_memory_follows_live_values_not_operation_count() {
    let (client, server) = keys();
    let keys_bytes = LIVE.load(Ordering::Relaxed);
    let short = free_chain(&client, &server, 1_000);
    let long = free_chain(&client, &server, 50_000);
    let total = PEAK.load(Ordering::Relaxed);
    println!(
        "default-boolean: keys and setup {:.1} MB; free chain peak above them: {:.2} MB at 1,000 operations, \
         {:.2} MB at 50,000; process peak {:.1} MB",
        keys_bytes as f64 / MB,
        short as f64 / MB,
        long as f64 / MB,
        total as f64 / MB
    );
    // The lazy graph itself (a small node per operation) is all that grows.
    assert!(long < 64 << 20, "50,000 free operations peaked {:.1} MB above the keys", long as f64 / MB);
    assert!(total < 300 << 20, "the whole program peaked at {:.1} MB", total as f64 / MB);

    // Each AND's 8 results are bootstrapped, so a program that stored its
    // dropped intermediates would hold one encrypted u8 more per operation.
    let before = LIVE.load(Ordering::Relaxed);
    let value = FheUint8::encrypt(1, &client);
    let value_bytes = LIVE.load(Ordering::Relaxed) - before;
    drop(value);
    let short = bootstrapped_chain(&client, &server, 10);
    let long = bootstrapped_chain(&client, &server, 60);
    let per_operation = long.saturating_sub(short) / 50;
    println!(
        "default-boolean: bootstrapped chain peak {:.2} MB at 10 ANDs, {:.2} MB at 60: {per_operation} bytes per \
         AND, against {value_bytes} bytes for one encrypted u8",
        short as f64 / MB,
        long as f64 / MB
    );
    assert!(per_operation < value_bytes / 4, "{per_operation} bytes per AND, {value_bytes} per encrypted u8");
}
