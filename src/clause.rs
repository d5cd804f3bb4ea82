//! Clause paths: where in a notice something is stated, and how to cite it.

use crate::syntax::numeral::to_chinese;
use std::fmt;

/// A clause's position: 第六条第（二）项第1目 is article 6, item 2, subitem 1.
/// Outline-style notices (一、（二）3.) use `section` instead of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ClausePath {
    pub top: u32,
    pub section: bool,
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
    pub subitem: Option<u32>,
}

impl ClausePath {
    pub fn article(n: u32) -> Self {
        ClausePath {
            top: n,
            ..Default::default()
        }
    }

    pub fn section(n: u32) -> Self {
        ClausePath {
            top: n,
            section: true,
            ..Default::default()
        }
    }

    /// Whether `other` lies within this clause (a clause contains itself).
    pub fn contains(&self, other: &ClausePath) -> bool {
        let within = |mine: Option<u32>, theirs: Option<u32>| mine.is_none() || mine == theirs;
        self.top == other.top
            && self.section == other.section
            && within(self.paragraph, other.paragraph)
            && within(self.item, other.item)
            && within(self.subitem, other.subitem)
    }

    /// The article (or section) this clause belongs to.
    pub fn article_only(&self) -> ClausePath {
        ClausePath {
            top: self.top,
            section: self.section,
            ..Default::default()
        }
    }
}

impl fmt::Display for ClausePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.section {
            write!(f, "{}、", to_chinese(self.top))?;
            if let Some(item) = self.item {
                write!(f, "（{}）", to_chinese(item))?;
            }
            if let Some(sub) = self.subitem {
                write!(f, "{sub}.")?;
            }
            return Ok(());
        }
        write!(f, "第{}条", to_chinese(self.top))?;
        if let Some(p) = self.paragraph {
            write!(f, "第{}款", to_chinese(p))?;
        }
        if let Some(item) = self.item {
            write!(f, "第（{}）项", to_chinese(item))?;
        }
        if let Some(sub) = self.subitem {
            write!(f, "第{sub}目")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cites_as_statutes_do() {
        let p = ClausePath {
            top: 6,
            item: Some(2),
            subitem: Some(1),
            ..Default::default()
        };
        assert_eq!(p.to_string(), "第六条第（二）项第1目");
        assert!(ClausePath::article(6).contains(&p));
        assert!(!p.contains(&ClausePath::article(6)));
        let s = ClausePath {
            top: 1,
            section: true,
            item: Some(2),
            subitem: Some(3),
            paragraph: None,
        };
        assert_eq!(s.to_string(), "一、（二）3.");
    }
}
