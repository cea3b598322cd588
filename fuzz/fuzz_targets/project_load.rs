//! cargo fuzz run project_load: see rbf_targets::io::import::fuzzing::project_bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rbf_targets::io::import::fuzzing::project_bytes(data);
});
