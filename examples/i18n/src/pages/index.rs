//! `/`: a page and a form in the visitor's language. The submit checks the fields itself
//! and words each error with the request's messages; a second form switches the
//! language by setting the `lang` cookie.

use fluent_bundle::FluentValue;
use resuma::flow::{use_form, FieldErrors, FormError, LoadCx, LoadError, SubmitCx, Submitted};
use resuma::prelude::*;
use serde::Deserialize;

use crate::i18n::{self, Tr};

/// The youngest and oldest age the form takes.
const AGES: (u32, u32) = (1, 150);

/// The request's messages.
#[load]
pub async fn load(cx: LoadCx) -> Result<Tr, LoadError> {
    Tr::of(&cx)
}

/// What the contact form sends. Text only, so that nothing fails before the submit can
/// word it (decoding errors, like garde's messages, are English).
#[derive(Deserialize)]
pub struct Contact {
    #[serde(default)]
    name: String,
    #[serde(default)]
    age: String,
}

/// Thanks the visitor by name, or the form again with each error in their language.
#[submit]
pub async fn send(cx: SubmitCx, form: Contact) -> Result<Submitted<String>, FormError> {
    let tr = Tr::of(&cx)?;
    let mut errors = Vec::new();
    if form.name.trim().is_empty() {
        errors.push(("name", tr.t("error-name-required")));
    }
    match form.age.trim().parse::<u32>() {
        Ok(age) if (AGES.0..=AGES.1).contains(&age) => {}
        Ok(_) => {
            let (min, max) = (FluentValue::from(AGES.0), FluentValue::from(AGES.1));
            errors.push(("age", tr.t_with("error-age-range", &[("min", min), ("max", max)])));
        }
        Err(_) => errors.push(("age", tr.t("error-age-number"))),
    }
    if errors.is_empty() {
        return Ok(Submitted::data(tr.t_with("thanks", &[("name", form.name.into())])));
    }
    let count = FluentValue::from(errors.len());
    let mut report = FieldErrors::new().message(tr.t_with("fields-wrong", &[("count", count)]));
    for (field, message) in errors {
        report = report.field(field, message);
    }
    Err(report.into())
}

/// The language switch's one field.
#[derive(Deserialize)]
pub struct Choice {
    lang: String,
}

/// Keeps the chosen language in the `lang` cookie for a year, and shows the page again.
#[submit]
pub async fn switch(_cx: SubmitCx, form: Choice) -> Result<Submitted, FormError> {
    let lang = i18n::negotiate(Some(&form.lang), None);
    let cookie = format!("{}={lang}; Path=/; Max-Age=31536000; SameSite=Lax", i18n::COOKIE);
    Ok(Submitted::redirect("/").set_cookie(cookie))
}

/// The page.
#[component]
pub fn Home(data: Tr) -> View {
    let here = i18n::languages().find(|(tag, _)| *tag == data.lang()).map_or("", |it| it.1);
    let intro = data.t_with("intro", &[("language", here.into())]);
    let thanks = use_form(send).data().cloned().unwrap_or_default();
    let others: Vec<(String, String)> = i18n::languages()
        .filter(|(tag, _)| *tag != data.lang())
        .map(|(tag, name)| (tag.to_owned(), format!("{} {name}", data.t("switch"))))
        .collect();
    view! {
        <main>
            <h1>{data.t("hello")}</h1>
            <p class="intro">{intro}</p>
            <For each={others} key={|(tag, _)| tag.clone()} let:other>
                <Form submit={switch} class="switch">
                    <input type="hidden" name="lang" value={other.0}/>
                    <button>{other.1}</button>
                </Form>
            </For>
            <h2>{data.t("contact")}</h2>
            <p class="thanks">{thanks}</p>
            <Form submit={send} class="contact">
                <label>{data.t("name")} " " <input name="name" required/></label>
                <label>{data.t("age")} " " <input name="age" inputmode="numeric" required/></label>
                <button>{data.t("send")}</button>
            </Form>
        </main>
    }
}
