//! Clause paths: where in a notice something is stated, and how to cite it.

use crate::numeral::to_chinese;
use std::fmt;

/// What the top level of a path is. Articles (第六条) are the 条 of 办法 and
/// 规定; sections (一、) the outline of 通知 and 意见; annexes (附件1) the
/// tables attached to a notice; the preamble (导语) the unnumbered opening
/// paragraph of an 意见.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum TopKind {
    #[default]
    Article,
    Section,
    Annex,
    Preamble,
    /// 结语: the unnumbered closing paragraph after the last section.
    Closing,
}

/// A clause's position: 第六条第（二）项第1目 is article 6, item 2, subitem 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ClausePath {
    /// The annex whose own articles this clause belongs to (附件1第三条), for
    /// a notice that issues documents with their own numbering; 0 for the
    /// notice's body and for the annex itself.
    pub annex: u32,
    pub top: u32,
    pub kind: TopKind,
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
            kind: TopKind::Section,
            ..Default::default()
        }
    }

    pub fn annex(n: u32) -> Self {
        ClausePath {
            top: n,
            kind: TopKind::Annex,
            ..Default::default()
        }
    }

    pub fn closing() -> Self {
        ClausePath {
            top: 0,
            kind: TopKind::Closing,
            ..Default::default()
        }
    }

    pub fn preamble() -> Self {
        ClausePath {
            top: 0,
            kind: TopKind::Preamble,
            ..Default::default()
        }
    }

    /// Whether `other` lies within this clause (a clause contains itself).
    pub fn contains(&self, other: &ClausePath) -> bool {
        // 附件1 holds the document it issues: 附件1第三条, 附件1一、.
        if self.kind == TopKind::Annex
            && self.paragraph.is_none()
            && other.annex == self.top
            && other.kind != TopKind::Annex
        {
            return true;
        }
        let within = |mine: Option<u32>, theirs: Option<u32>| mine.is_none() || mine == theirs;
        self.annex == other.annex
            && self.top == other.top
            && self.kind == other.kind
            && within(self.paragraph, other.paragraph)
            && within(self.item, other.item)
            && within(self.subitem, other.subitem)
    }

    /// The article (or section, annex) this clause belongs to.
    pub fn article_only(&self) -> ClausePath {
        ClausePath {
            annex: self.annex,
            top: self.top,
            kind: self.kind,
            ..Default::default()
        }
    }

    /// The same clause inside annex `n`'s own numbering.
    pub fn in_annex(self, n: u32) -> Self {
        ClausePath { annex: n, ..self }
    }
}

impl fmt::Display for ClausePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.annex > 0 && self.kind != TopKind::Annex {
            write!(f, "附件{}", self.annex)?;
        }
        match self.kind {
            TopKind::Article => {
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
                return Ok(());
            }
            TopKind::Section => write!(f, "{}、", to_chinese(self.top))?,
            TopKind::Annex => write!(f, "附件{}", self.top)?,
            TopKind::Preamble => f.write_str("导语")?,
            TopKind::Closing => f.write_str("结语")?,
        }
        if let Some(p) = self.paragraph {
            write!(f, "第{}款", to_chinese(p))?;
        }
        if let Some(item) = self.item {
            write!(f, "（{}）", to_chinese(item))?;
        }
        if let Some(sub) = self.subitem {
            write!(f, "{sub}.")?;
        }
        Ok(())
    }
}

/// In JSON a clause is the citation a reader knows (第七条第（一）项), not
/// its fields.
impl serde::Serialize for ClausePath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
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
            item: Some(2),
            subitem: Some(3),
            ..ClausePath::section(1)
        };
        assert_eq!(s.to_string(), "一、（二）3.");
        assert_eq!(ClausePath::annex(1).to_string(), "附件1");
        assert_eq!(ClausePath::preamble().to_string(), "导语");
        assert!(!ClausePath::section(1).contains(&ClausePath::article(1)));
        let own = ClausePath {
            item: Some(2),
            subitem: Some(6),
            ..ClausePath::article(3).in_annex(1)
        };
        assert_eq!(own.to_string(), "附件1第三条第（二）项第6目");
        assert!(ClausePath::article(3).in_annex(1).contains(&own));
        assert!(!ClausePath::article(3).contains(&own));
        assert!(ClausePath::annex(1).contains(&own));
        assert!(!ClausePath::annex(2).contains(&own));
    }
}
