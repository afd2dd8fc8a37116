//! surfaces: check lsp — the compiler's lexer rejects an unbalanced delimiter before any macro runs
use resuma::prelude::*;

pub fn page() -> View {
    view! { <p>(count</p> }
                        //^ R009
}
