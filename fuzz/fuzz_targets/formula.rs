//! cargo fuzz run formula: see rbf_targets::io::import::fuzzing::formula_bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    rbf_targets::io::import::fuzzing::formula_bytes(data);
});
