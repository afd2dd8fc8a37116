//! Messages in English and German (Fluent files in `locales/`, compiled in), and the
//! language of a request: the `lang` cookie when it names one of them, else the first
//! of `Accept-Language` (by quality) that does, else English.
//!
//! Invariant: every language has every message (a test checks it); a message that is
//! missing anyway shows its id, never panics.

use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use resuma::flow::{LoadCx, LoadError};
use unic_langid::LanguageIdentifier;

/// The languages, the default first: (tag, its name in itself, its messages).
const LANGUAGES: [(&str, &str, &str); 2] = [
    ("en", "English", include_str!("../locales/en.ftl")),
    ("de", "Deutsch", include_str!("../locales/de.ftl")),
];

/// The cookie that keeps a visitor's choice.
pub(crate) const COOKIE: &str = "lang";

/// Every language's messages, shared as app state (`FlowApp::state`).
#[derive(Clone)]
pub(crate) struct Locales(Arc<Vec<(&'static str, FluentBundle<FluentResource>)>>);

impl Locales {
    /// Parses the Fluent files.
    ///
    /// # Panics
    ///
    /// If one does not parse: they are compiled in, so a test catches it.
    pub(crate) fn new() -> Locales {
        let bundles = LANGUAGES
            .iter()
            .map(|(tag, _, source)| {
                let id: LanguageIdentifier = tag.parse().expect("a language tag");
                let resource = FluentResource::try_new((*source).to_owned())
                    .unwrap_or_else(|(_, errors)| panic!("locales/{tag}.ftl: {errors:?}"));
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // No Unicode isolation marks around `{ $name }`: no right-to-left language here.
                bundle.set_use_isolating(false);
                bundle.add_resource(resource).expect("no message defined twice");
                (*tag, bundle)
            })
            .collect();
        Locales(Arc::new(bundles))
    }
}

/// The messages of one request's language: what loads, submits and pages translate with.
#[derive(Clone)]
pub(crate) struct Tr {
    locales: Locales,
    lang: &'static str,
}

impl Tr {
    /// The language `cx`'s request asks for (cookie, then `Accept-Language`).
    pub(crate) fn of(cx: &LoadCx) -> Result<Tr, LoadError> {
        let accept = cx.headers().get("accept-language").and_then(|it| it.to_str().ok());
        let lang = negotiate(cx.cookie(COOKIE), accept);
        Ok(Tr { locales: cx.state()?, lang })
    }

    /// Its language tag, for `<html lang>`.
    pub(crate) fn lang(&self) -> &'static str {
        self.lang
    }

    /// Message `id`.
    pub(crate) fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// Message `id` with `args` (`{ $name }` in the message).
    pub(crate) fn t_with(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, value.clone());
        }
        self.format(id, Some(&fluent))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some((_, bundle)) = self.locales.0.iter().find(|(tag, _)| *tag == self.lang) else {
            return id.to_owned();
        };
        let Some(pattern) = bundle.get_message(id).and_then(|it| it.value()) else {
            return id.to_owned();
        };
        // A missing argument is written as its name: the page still renders.
        let mut errors = Vec::new();
        bundle.format_pattern(pattern, args, &mut errors).into_owned()
    }
}

/// The languages a visitor can choose: (tag, name).
pub(crate) fn languages() -> impl Iterator<Item = (&'static str, &'static str)> {
    LANGUAGES.iter().map(|(tag, name, _)| (*tag, *name))
}

/// The language of a request: `cookie` when it is one of ours, else the best of
/// `accept_language` (`de-CH, de;q=0.9, en;q=0.8`) whose primary subtag is ours, else
/// the default.
pub(crate) fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> &'static str {
    let ours = |tag: &str| {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        LANGUAGES.iter().map(|it| it.0).find(|ours| ours.eq_ignore_ascii_case(primary))
    };
    if let Some(lang) = cookie.and_then(ours) {
        return lang;
    }
    let mut asked: Vec<(f32, &str)> = accept_language
        .unwrap_or_default()
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let quality = parts
                .find_map(|it| it.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (quality > 0.0 && !tag.is_empty()).then_some((quality, tag))
        })
        .collect();
    // Stable: equal qualities keep the order the browser sent.
    asked.sort_by(|a, b| b.0.total_cmp(&a.0));
    asked.iter().find_map(|(_, tag)| ours(tag)).unwrap_or(LANGUAGES[0].0)
}

#[cfg(test)]
mod tests {
    use super::{negotiate, Locales, LANGUAGES};

    #[track_caller]
    fn check(cookie: Option<&str>, accept: Option<&str>, expected: &str) {
        assert_eq!(negotiate(cookie, accept), expected, "{cookie:?} {accept:?}");
    }

    #[test]
    fn the_cookie_then_accept_language_then_english() {
        check(None, None, "en");
        check(None, Some("de-DE,de;q=0.9,en;q=0.8"), "de");
        check(None, Some("fr-FR, en;q=0.5, de;q=0.7"), "de");
        check(None, Some("fr, it"), "en");
        check(None, Some("de;q=0, en"), "en");
        check(None, Some("*"), "en");
        check(Some("de"), Some("en"), "de");
        check(Some("klingon"), Some("de"), "de");
        check(Some("EN"), Some("de"), "en");
    }

    #[test]
    fn every_language_has_every_message() {
        let locales = Locales::new();
        let ids = |source: &str| -> Vec<String> {
            let mut ids: Vec<String> = source
                .lines()
                .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
                .filter_map(|line| line.split_once(" =").map(|(id, _)| id.to_owned()))
                .collect();
            ids.sort();
            ids
        };
        for (tag, _, source) in &LANGUAGES[1..] {
            assert_eq!(ids(source), ids(LANGUAGES[0].2), "locales/{tag}.ftl");
        }
        assert_eq!(locales.0.len(), LANGUAGES.len());
    }
}
