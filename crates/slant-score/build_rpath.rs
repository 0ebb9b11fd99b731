// With the `transformer` feature, record libtorch's folder (`$LIBTORCH/lib`, as
// `scripts/setup-transformer` exports it) as an rpath in every binary, test and example of
// the package, so they run without `LD_LIBRARY_PATH`. Included by slant-score's and
// slant-cli's build scripts.

fn rpath() {
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if std::env::var_os("CARGO_FEATURE_TRANSFORMER").is_none() {
        return;
    }
    if let Some(dir) = std::env::var_os("LIBTORCH") {
        let lib = std::path::Path::new(&dir).join("lib");
        println!("cargo:rustc-link-arg=-Wl,-rpath,{}", lib.display());
    }
}
