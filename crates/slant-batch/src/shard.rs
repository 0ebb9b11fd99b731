//! `--shard K/N`: a deterministic partition of a batch's inputs, so that N independent
//! processes given the same command line cover every input exactly once.
//!
//! An input's shard is a stable hash of its path as shown in the output and of its item
//! number inside the file (the line's article for JSONL, the element for a JSON array; 0 for a
//! file that holds one article). The hash is FNV-1a with a final mix, fixed here for good: the
//! same input lands in the same shard on every machine and with every version of slant.

use crate::BatchError;

/// The K-th (1-based) of N slices of the inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    k: u64,
    n: u64,
}

impl Shard {
    /// Slice `k` of `n`, `1 <= k <= n`.
    pub fn new(k: u64, n: u64) -> Result<Shard, BatchError> {
        if n == 0 || k == 0 || k > n {
            return Err(BatchError::BadShard(format!(
                "{k}/{n}: K must be between 1 and N"
            )));
        }
        Ok(Shard { k, n })
    }

    pub fn k(&self) -> u64 {
        self.k
    }

    pub fn n(&self) -> u64 {
        self.n
    }

    /// True when item `item` of the input shown as `path` belongs to this slice.
    pub fn holds(&self, path: &str, item: u64) -> bool {
        self.n == 1 || key(path, item) % self.n == self.k - 1
    }
}

impl std::str::FromStr for Shard {
    type Err = BatchError;

    fn from_str(s: &str) -> Result<Shard, BatchError> {
        let bad = || BatchError::BadShard(format!("{s}: expected K/N, e.g. 1/4"));
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let k = k.trim().parse().map_err(|_| bad())?;
        let n = n.trim().parse().map_err(|_| bad())?;
        Shard::new(k, n)
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

/// The stable hash of an item: FNV-1a 64 over the path's bytes, a separator and the item
/// number, then the splitmix64 finaliser so every bit of the key depends on every input bit
/// (plain FNV leaves the low bits, which `% n` reads, poorly mixed).
fn key(path: &str, item: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in path
        .as_bytes()
        .iter()
        .chain(&[0xff])
        .chain(&item.to_le_bytes())
    {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_in_exactly_one_slice_and_slices_are_even() {
        let n = 4;
        let shards: Vec<Shard> = (1..=n).map(|k| Shard::new(k, n).unwrap()).collect();
        let mut sizes = vec![0usize; n as usize];
        for file in 0..50 {
            let path = format!("corpus/outlet-{}/article-{file}.txt", file % 7);
            for item in 0..40 {
                let holders: Vec<usize> = (0..shards.len())
                    .filter(|&i| shards[i].holds(&path, item))
                    .collect();
                assert_eq!(holders.len(), 1, "{path} item {item}");
                sizes[holders[0]] += 1;
            }
        }
        // 2,000 items over 4 slices: each near 500.
        assert!(sizes.iter().all(|&s| (400..600).contains(&s)), "{sizes:?}");
    }

    #[test]
    fn the_hash_is_fixed() {
        // Changing it would move inputs between slices of runs already made.
        assert_eq!(key("a.txt", 0), 14_496_241_176_883_191_816);
        assert_eq!(key("corpus/a.jsonl", 7), 14_761_300_436_471_935_344);
    }

    #[test]
    fn parses_k_of_n() {
        assert_eq!("2/3".parse::<Shard>().unwrap(), Shard::new(2, 3).unwrap());
        for bad in ["0/3", "4/3", "1/0", "x", "1-3", "/3"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
