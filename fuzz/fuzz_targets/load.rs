//! Load and validate arbitrary bytes: an org or located diagnostics, never
//! a panic; every diagnostic renders.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = servchain::load::load_bytes("fuzz.yaml", data) {
        for d in &e.diagnostics {
            let _ = servchain::diagnostic::render(d, &e.sources);
        }
    }
});
