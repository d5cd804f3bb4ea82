//! What batch record errors say, in Chinese and English.

use super::error::RecordError;
use crate::diag::Lang;

pub fn message(error: &RecordError, lang: Lang) -> String {
    match (error, lang) {
        (RecordError::RowShape { fields, header }, Lang::Zh) => {
            format!("这一行有 {fields} 个字段，表头有 {header} 个")
        }
        (RecordError::RowShape { fields, header }, Lang::En) => {
            format!("the row has {fields} fields, the header {header}")
        }
        (RecordError::TooLong { limit }, Lang::Zh) => format!("记录超过 {limit} 字节，未读取"),
        (RecordError::TooLong { limit }, Lang::En) => {
            format!("record longer than {limit} bytes, not read")
        }
    }
}
