//! Wraps every page: `<html lang>` and the title in the request's language, and links
//! to read the page in the others (each a form that sets the `lang` cookie).

use resuma::flow::{LoadCx, LoadError};
use resuma::prelude::*;
use resuma::render::{use_head, Head};

use crate::i18n::Tr;

/// The request's language. A page in it is the visitor's own: no shared cache keeps it.
#[load]
pub async fn load(cx: LoadCx) -> Result<Tr, LoadError> {
    cx.cache_control("private, no-cache");
    Tr::of(&cx)
}

/// The frame: the document's language and title, then the page.
#[layout]
pub fn Frame(children: Children, data: Tr) -> View {
    use_head(Head::new().lang(data.lang()).title(data.t("title")));
    view! { {children} }
}
