use polc::source::SourceFile;

#[test]
fn flagship_parses() {
    let text = std::fs::read_to_string("policies/temporary-relief.pol").unwrap();
    let src = SourceFile::new("temporary-relief.pol", text);
    match polc::syntax::parse(&src) {
        Ok(n) => {
            assert_eq!(n.clauses.len(), 7);
        }
        Err(e) => panic!("{e:?} at {:?}", src.line_col(e.span.start)),
    }
}
