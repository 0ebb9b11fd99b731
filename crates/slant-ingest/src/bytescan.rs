//! Byte searches that remember where they last matched, so that a scan which asks again and
//! again for "the next one at or after here" reads every byte of the text once.

/// The next match of one byte search at or after a position, cached: asked again with a
/// position not past the cached match, it answers without searching.
pub(crate) struct Next<F: Fn(&[u8]) -> Option<usize>> {
    find: F,
    /// The last answer (`usize::MAX`: no match left), or `None` before the first search.
    at: Option<usize>,
}

impl<F: Fn(&[u8]) -> Option<usize>> Next<F> {
    pub(crate) fn new(find: F) -> Self {
        Next { find, at: None }
    }

    /// The first match at or after `from` in `hay` (always the same `hay`), or `usize::MAX`.
    #[inline]
    pub(crate) fn at(&mut self, hay: &[u8], from: usize) -> usize {
        match self.at {
            Some(at) if at >= from => at,
            _ => {
                let at = if from >= hay.len() {
                    usize::MAX
                } else {
                    (self.find)(&hay[from..]).map_or(usize::MAX, |k| from + k)
                };
                self.at = Some(at);
                at
            }
        }
    }
}
