// The same rpath for libtorch as slant-score's binaries get (see that file).
include!("../slant-score/build_rpath.rs");

fn main() {
    rpath();
}
