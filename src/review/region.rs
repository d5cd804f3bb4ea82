//! Regions of the input space as unions of boxes (DNF): a box allows, for
//! each variable it names, a set of slabs of that variable's partition, and
//! anything for the variables it does not name. Conditions made of
//! comparisons with constants, membership, 且/或/非 are exact in this form.

use std::collections::BTreeMap;

/// Most boxes a region may hold; past it the analysis gives up on that
/// condition (and says so) rather than explode.
pub const MAX_BOXES: usize = 4096;

/// A set of slab indices (slab counts are small: constants in one notice).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slabs(Vec<u64>);

impl Slabs {
    pub fn none(len: usize) -> Slabs {
        Slabs(vec![0; len.div_ceil(64).max(1)])
    }

    pub fn insert(&mut self, i: usize) {
        if let Some(word) = self.0.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }

    pub fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    pub fn first(&self) -> Option<usize> {
        self.0
            .iter()
            .enumerate()
            .find(|(_, w)| **w != 0)
            .map(|(i, w)| i * 64 + w.trailing_zeros() as usize)
    }

    fn and(&self, other: &Slabs) -> Slabs {
        Slabs(self.0.iter().zip(&other.0).map(|(a, b)| a & b).collect())
    }

    /// The slabs of a partition of `len` slabs not in this set.
    pub fn complement(&self, len: usize) -> Slabs {
        let mut out = Slabs::none(len);
        for i in 0..len {
            if !self.contains(i) {
                out.insert(i);
            }
        }
        out
    }
}

/// One box: the allowed slabs of each constrained variable.
pub type Cell = BTreeMap<usize, Slabs>;

/// A union of boxes. `exact` is false when some part of the condition was
/// beyond the analysis (it then over-approximates: every input the
/// condition holds for is in the region, perhaps more).
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub boxes: Vec<Cell>,
    pub exact: bool,
}

impl Region {
    pub fn everything() -> Region {
        Region {
            boxes: vec![Cell::new()],
            exact: true,
        }
    }

    pub fn nothing() -> Region {
        Region {
            boxes: Vec::new(),
            exact: true,
        }
    }

    /// Anything at all, because the analysis cannot say.
    pub fn unknown() -> Region {
        Region {
            boxes: vec![Cell::new()],
            exact: false,
        }
    }

    pub fn atom(var: usize, slabs: Slabs) -> Region {
        if slabs.is_empty() {
            return Region::nothing();
        }
        let mut cell = Cell::new();
        cell.insert(var, slabs);
        Region {
            boxes: vec![cell],
            exact: true,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.boxes.is_empty()
    }

    pub fn or(mut self, other: Region) -> Region {
        self.exact &= other.exact;
        self.boxes.extend(other.boxes);
        self.dedup();
        self.limit()
    }

    pub fn and(&self, other: &Region) -> Region {
        let mut boxes = Vec::new();
        for a in &self.boxes {
            for b in &other.boxes {
                if let Some(c) = intersect(a, b) {
                    boxes.push(c);
                }
                if boxes.len() > MAX_BOXES {
                    return Region::unknown();
                }
            }
        }
        let mut out = Region {
            boxes,
            exact: self.exact && other.exact,
        };
        out.dedup();
        out
    }

    /// The complement, given each variable's slab count. An inexact region's
    /// complement is not an over-approximation, so it is unknown.
    pub fn not(&self, sizes: &dyn Fn(usize) -> usize) -> Region {
        if !self.exact {
            return Region::unknown();
        }
        let mut acc = Region::everything();
        for cell in &self.boxes {
            // ¬(x∈A ∧ y∈B) = x∉A ∨ y∉B
            let mut negated = Region::nothing();
            for (var, slabs) in cell {
                negated = negated.or(Region::atom(*var, slabs.complement(sizes(*var))));
            }
            acc = acc.and(&negated);
            if !acc.exact {
                return Region::unknown();
            }
            if acc.is_empty() {
                break;
            }
        }
        acc
    }

    fn dedup(&mut self) {
        self.boxes.sort();
        self.boxes.dedup();
        // A box inside another adds nothing.
        let boxes = std::mem::take(&mut self.boxes);
        for (i, b) in boxes.iter().enumerate() {
            let covered = boxes
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && contains(other, b) && (!contains(b, other) || j < i));
            if !covered {
                self.boxes.push(b.clone());
            }
        }
    }

    fn limit(self) -> Region {
        if self.boxes.len() > MAX_BOXES {
            Region::unknown()
        } else {
            self
        }
    }
}

fn intersect(a: &Cell, b: &Cell) -> Option<Cell> {
    let mut out = a.clone();
    for (var, slabs) in b {
        let merged = match out.get(var) {
            Some(mine) => mine.and(slabs),
            None => slabs.clone(),
        };
        if merged.is_empty() {
            return None;
        }
        out.insert(*var, merged);
    }
    Some(out)
}

/// Whether box `outer` contains box `inner`.
fn contains(outer: &Cell, inner: &Cell) -> bool {
    outer.iter().all(|(var, slabs)| match inner.get(var) {
        Some(theirs) => theirs.and(slabs) == *theirs,
        None => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(len: usize, items: &[usize]) -> Slabs {
        let mut s = Slabs::none(len);
        for i in items {
            s.insert(*i);
        }
        s
    }

    #[test]
    fn boolean_algebra_on_boxes() {
        let sizes = |_: usize| 3;
        let a = Region::atom(0, set(3, &[0, 1]));
        let b = Region::atom(1, set(3, &[2]));
        assert!(!a.and(&b).is_empty());
        let not_a = a.not(&sizes);
        assert!(a.and(&not_a).is_empty());
        let either = a.clone().or(not_a);
        // x∈{0,1} ∨ x∈{2} covers everything: its complement is empty.
        assert!(either.not(&sizes).is_empty());
        assert!(Region::unknown().not(&sizes).exact.eq(&false));
    }
}
