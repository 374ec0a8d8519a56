//! What several integration tests share: the committed MNIST test set and its images as the
//! network takes them.

use std::path::Path;

use convscope::data::mnist::{Mnist, Split};

/// The committed MNIST test set (`tests/data/mnist`, 10,000 images), checked against its
/// checksums as it loads.
pub fn test_set() -> Mnist {
    Mnist::load(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mnist")),
        Split::Test,
    )
    .expect("the committed MNIST test set loads with its checksums")
}

/// Image `i` of `set` as `[28 * 28]` ink in [0, 1] (what `Network::forward` takes).
pub fn pixels(set: &Mnist, i: usize) -> Vec<f32> {
    set.image(i).iter().map(|&b| b as f32 / 255.0).collect()
}
