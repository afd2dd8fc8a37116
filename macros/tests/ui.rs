//! One compile-fail case per user mistake, with the compiler's exact output.
//! Refresh the `.stderr` files with `TRYBUILD=overwrite cargo test -p resuma-macros --test ui`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
