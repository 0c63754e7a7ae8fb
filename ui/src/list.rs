//! Keys for `Keyed` lists: a row is known by its id and drawn again when it changes.

use std::hash::{Hash, Hasher};

/// `Keyed` keeps the view it drew for a key it has seen before, unchanged. Keyed on the id
/// alone, a row would go on showing its old state after a sync (a shop card switched, an
/// action applied); keyed on id and contents, a row that did not change keeps its view, and
/// its place when rows are added above it, while a changed one is drawn again. The hash is
/// the id's, so looking a row up costs what keying on the id costs.
#[derive(PartialEq, Eq)]
pub struct RowKey<I, T> {
    id: I,
    row: T,
}

impl<I: Hash, T> Hash for RowKey<I, T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Equal keys have equal ids, so hashing the id alone keeps `Hash` consistent with `Eq`.
        self.id.hash(state);
    }
}

/// The key of `row`, whose id is `id`.
pub fn by_id<I, T: Clone>(id: I, row: &T) -> RowKey<I, T> {
    RowKey { id, row: row.clone() }
}
