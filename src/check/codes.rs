//! Stable diagnostic codes of the checker. CI configurations and docs refer
//! to these strings; never rename one.

pub const UNKNOWN_NAME: &str = "polc::check::unknown_name";
pub const DUPLICATE_NAME: &str = "polc::check::duplicate_name";
pub const TYPE_MISMATCH: &str = "polc::check::type_mismatch";
pub const UNIT_MISMATCH: &str = "polc::check::unit_mismatch";
pub const UNKNOWN_UNIT: &str = "polc::check::unknown_unit";
pub const UNKNOWN_ENUM_VALUE: &str = "polc::check::unknown_enum_value";
pub const CLAUSE_ORDER: &str = "polc::check::clause_order";
pub const DUPLICATE_CLAUSE: &str = "polc::check::duplicate_clause";
pub const DANGLING_CITATION: &str = "polc::check::dangling_citation";
pub const DATE_OUTSIDE_VALIDITY: &str = "polc::check::date_outside_validity";
pub const UNUSED_FACT: &str = "polc::check::unused_fact";
pub const UNDEFINED_OUTPUT: &str = "polc::check::undefined_output";
pub const ASSIGN_TO_INPUT: &str = "polc::check::assign_to_input";
pub const PRIORITY_CYCLE: &str = "polc::check::priority_cycle";
pub const OVERRIDES_NOTHING: &str = "polc::check::overrides_nothing";
pub const DEPENDENCY_CYCLE: &str = "polc::check::dependency_cycle";
pub const ROSTER_COUNT: &str = "polc::check::roster_count";
pub const MISSING_DOC_NUMBER: &str = "polc::check::missing_doc_number";
pub const VALIDITY: &str = "polc::check::validity";
pub const NO_CASE_DATE: &str = "polc::check::no_case_date";
pub const TABLE_SHAPE: &str = "polc::check::table_shape";
pub const UNKNOWN_NOTICE: &str = "polc::check::unknown_notice";
pub const DUPLICATE_NOTICE: &str = "polc::check::duplicate_notice";
pub const ROSTER_DUPLICATE: &str = "polc::check::roster_duplicate";
pub const BAD_ACKNOWLEDGEMENT: &str = "polc::check::bad_acknowledgement";
pub const UNUSED_ACKNOWLEDGEMENT: &str = "polc::check::unused_acknowledgement";
pub const OVERLAP: &str = "polc::check::overlap";
pub const GAP: &str = "polc::check::gap";
pub const MASKED_CASE: &str = "polc::check::masked_case";
pub const IMPOSSIBLE_CONDITION: &str = "polc::check::impossible_condition";
pub const UNDECIDED: &str = "polc::check::undecided";
pub const QUANTITY_BOUNDED_TWICE: &str = "polc::check::quantity_bounded_twice";
pub const CAP_ALWAYS_BINDS: &str = "polc::check::cap_always_binds";
pub const CAP_NEVER_BINDS: &str = "polc::check::cap_never_binds";
pub const VALIDITY_CONFLICT: &str = "polc::check::validity_conflict";
