// With the `transformer` feature, record libtorch's folder (`$LIBTORCH/lib`, as
// `scripts/setup-transformer` exports it) as an rpath in every binary, test and example of
// this package, so they run without `LD_LIBRARY_PATH`. slant-cli's build script is this file.

fn main() {
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if std::env::var_os("CARGO_FEATURE_TRANSFORMER").is_none() {
        return;
    }
    if let Some(dir) = std::env::var_os("LIBTORCH") {
        let lib = std::path::Path::new(&dir).join("lib");
        println!("cargo:rustc-link-arg=-Wl,-rpath,{}", lib.display());
    }
}
