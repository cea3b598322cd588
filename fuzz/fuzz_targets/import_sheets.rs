//! cargo fuzz run import_sheets: see rbf_targets::io::import::fuzzing::import_bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rbf_targets::io::import::fuzzing::import_bytes(data);
});
