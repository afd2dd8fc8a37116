//! Wraps every page of `blog/` in the blog's navigation and a counter with a handler.

use resuma::prelude::*;

use crate::counter::Counter;

/// The blog's frame.
#[layout]
pub fn BlogLayout(children: Children) -> View {
    view! {
        <div class="blog-layout">
            <nav class="blog-nav"><a href="/blog">"All posts"</a> <a href="/blog/hello">"Hello"</a></nav>
            {children}
            <footer><Counter/></footer>
        </div>
    }
}
