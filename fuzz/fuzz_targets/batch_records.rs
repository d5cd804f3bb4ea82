#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| polc_fuzz::batch_records(data));
