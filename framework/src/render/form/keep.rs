//! A failed submit's form, shown again: the markup the form's children rendered, with
//! every value the visitor typed put back and each field's error next to its field.
//!
//! Why the markup and not the view: a form's fields come from anywhere — its own `view!`,
//! a `<TextField>` component, a loop — and all of them must keep what was typed. Walking
//! the rendered markup once reaches every field whatever wrote it; it runs only on the
//! render that answers a failed submit (a 422), never on an ordinary page view.
//!
//! Invariant: the walk copies what it does not understand byte for byte (comments,
//! `<script>`/`<style>` text, malformed tags), writes every value it puts back escaped,
//! and never puts a password or a file back. Per field (by `name`):
//! - text-like `<input>`s get `value` (the next value sent for that name, in order);
//! - checkboxes and radios are `checked` when their value (default `on`) was sent;
//! - a `<textarea>`'s content is replaced; `<option>`s of a `<select>` are `selected`
//!   when their value (or text) was sent;
//! - a field with an error gets `aria-invalid="true"` and `aria-describedby`, and a
//!   `<span class="r-field-error">` right after it; errors of fields the form has no
//!   element for, and the form-level message, go first, as `<p class="r-form-error">`.

use std::collections::{HashMap, HashSet};

use super::Replay;
use crate::render::escape::{escape_attr, escape_text};

/// `markup` (a form's children) with `replay`'s values and errors applied.
pub(crate) fn keep(markup: &str, replay: &Replay) -> String {
    let mut walk = Walk {
        replay,
        out: String::with_capacity(markup.len() + 256),
        next_value: HashMap::new(),
        placed: HashSet::new(),
        select: None,
    };
    walk.run(markup);
    let Walk { out, placed, .. } = walk;
    let mut first = String::new();
    if let Some(message) = &replay.message {
        first.push_str("<p class=\"r-form-error\" role=\"alert\">");
        escape_text(&mut first, message);
        first.push_str("</p>");
    }
    for (field, message) in &replay.errors {
        if !placed.contains(field.as_str()) {
            first.push_str("<p class=\"r-form-error\" role=\"alert\">");
            escape_text(&mut first, field);
            first.push_str(": ");
            escape_text(&mut first, message);
            first.push_str("</p>");
        }
    }
    first + &out
}

/// The id of the error of `field` in the form of `submit`: `r-error-SUBMIT-FIELD`, with
/// every character that is not ASCII alphanumeric, `-` or `_` written as `-`.
pub(crate) fn error_id(submit: &str, field: &str) -> String {
    let clean = |text: &str| -> String {
        text.chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
            .collect()
    };
    format!("r-error-{}-{}", clean(submit), clean(field))
}

struct Walk<'a> {
    replay: &'a Replay,
    out: String,
    /// How many values of each name text-like fields have taken.
    next_value: HashMap<&'a str, usize>,
    /// Fields whose error is placed.
    placed: HashSet<&'a str>,
    /// The name of the `<select>` the walk is in.
    select: Option<String>,
}

/// One attribute of a start tag, as written.
struct Attr<'m> {
    name: &'m str,
    /// The raw value with its quotes (`"a&amp;b"`), if it has one.
    raw: Option<&'m str>,
}

impl Attr<'_> {
    fn value(&self) -> Option<String> {
        let raw = self.raw?;
        let inner = raw
            .strip_prefix('"')
            .and_then(|it| it.strip_suffix('"'))
            .or_else(|| raw.strip_prefix('\'').and_then(|it| it.strip_suffix('\'')))
            .unwrap_or(raw);
        Some(unescape(inner))
    }
}

/// A start tag: its name, attributes and whether it ends in `/>`.
struct Tag<'m> {
    name: String,
    attrs: Vec<Attr<'m>>,
    self_closing: bool,
}

impl Tag<'_> {
    fn attr(&self, name: &str) -> Option<String> {
        self.attrs.iter().find(|it| it.name.eq_ignore_ascii_case(name)).and_then(Attr::value)
    }

    /// Writes the tag with the attributes in `drop` left out and `extra` (already
    /// escaped, each with its leading space) added.
    fn write(&self, out: &mut String, drop: &[&str], extra: &str) {
        out.push('<');
        out.push_str(&self.name);
        for attr in &self.attrs {
            if drop.iter().any(|it| attr.name.eq_ignore_ascii_case(it)) {
                continue;
            }
            out.push(' ');
            out.push_str(attr.name);
            if let Some(raw) = attr.raw {
                out.push('=');
                out.push_str(raw);
            }
        }
        out.push_str(extra);
        out.push_str(if self.self_closing { "/>" } else { ">" });
    }
}

impl<'a> Walk<'a> {
    fn run(&mut self, markup: &str) {
        let mut rest = markup;
        while let Some(at) = rest.find('<') {
            self.out.push_str(&rest[..at]);
            rest = &rest[at..];
            if let Some(comment) = rest.strip_prefix("<!--") {
                let end = comment.find("-->").map_or(rest.len(), |it| it + 4 + 3);
                self.out.push_str(&rest[..end]);
                rest = &rest[end..];
            } else if rest.starts_with("</") {
                let end = rest.find('>').map_or(rest.len(), |it| it + 1);
                let name = tag_name(&rest[2..]);
                self.out.push_str(&rest[..end]);
                rest = &rest[end..];
                if name.eq_ignore_ascii_case("select") {
                    if let Some(select) = self.select.take() {
                        self.place_error(&select);
                    }
                }
            } else {
                match parse_tag(rest) {
                    Some((tag, len)) => {
                        rest = self.start_tag(&tag, &rest[..len], &rest[len..]);
                    }
                    None => {
                        self.out.push('<');
                        rest = &rest[1..];
                    }
                }
            }
        }
        self.out.push_str(rest);
    }

    /// Handles the start tag `tag` (written as `written`), followed by `after`; returns
    /// what is left to walk.
    fn start_tag<'m>(&mut self, tag: &Tag<'_>, written: &str, after: &'m str) -> &'m str {
        match tag.name.to_ascii_lowercase().as_str() {
            "script" | "style" | "title" => {
                // Raw text: copied up to its end tag, not walked.
                self.out.push_str(written);
                let end = find_end_tag(after, &tag.name).unwrap_or(after.len());
                self.out.push_str(&after[..end]);
                &after[end..]
            }
            "input" => {
                self.input(tag, written);
                after
            }
            "textarea" => self.textarea(tag, written, after),
            "select" => {
                let name = tag.attr("name");
                self.field_tag(tag, written, name.as_deref(), &[], "");
                self.select = name;
                after
            }
            "option" => {
                self.option(tag, written, after);
                after
            }
            _ => {
                self.out.push_str(written);
                after
            }
        }
    }

    fn input(&mut self, tag: &Tag<'_>, written: &str) {
        let Some(name) = tag.attr("name") else {
            self.out.push_str(written);
            return;
        };
        let kind = tag.attr("type").unwrap_or_default().to_ascii_lowercase();
        match kind.as_str() {
            "hidden" | "submit" | "button" | "image" | "reset" => self.out.push_str(written),
            // Never written back: a password or a file stays with the visitor.
            "password" | "file" => self.field_tag(tag, written, Some(&name), &[], ""),
            "checkbox" | "radio" => {
                let own = tag.attr("value").unwrap_or_else(|| "on".to_owned());
                let sent = self.sent(&name).any(|value| value == own);
                let extra = if sent { " checked" } else { "" };
                self.field_tag(tag, written, Some(&name), &["checked"], extra);
            }
            _ => match self.next_sent(&name) {
                Some(value) => {
                    let mut extra = String::from(" value=\"");
                    escape_attr(&mut extra, &value);
                    extra.push('"');
                    self.field_tag(tag, written, Some(&name), &["value"], &extra);
                }
                None => self.field_tag(tag, written, Some(&name), &[], ""),
            },
        }
    }

    fn textarea<'m>(&mut self, tag: &Tag<'_>, written: &str, after: &'m str) -> &'m str {
        let end = find_end_tag(after, "textarea").unwrap_or(after.len());
        let name = tag.attr("name");
        let sent = name.as_deref().and_then(|name| self.next_sent(name));
        self.field_tag(tag, written, name.as_deref(), &[], "");
        match sent {
            Some(value) => escape_text(&mut self.out, &value),
            None => self.out.push_str(&after[..end]),
        }
        let rest = &after[end..];
        let close = rest.find('>').map_or(rest.len(), |it| it + 1);
        self.out.push_str(&rest[..close]);
        if let Some(name) = &name {
            self.place_error(name);
        }
        &rest[close..]
    }

    fn option(&mut self, tag: &Tag<'_>, written: &str, after: &str) {
        let Some(select) = self.select.clone() else {
            self.out.push_str(written);
            return;
        };
        let own = tag.attr("value").unwrap_or_else(|| {
            let text = &after[..after.find('<').unwrap_or(after.len())];
            unescape(text.trim())
        });
        if !self.replay.values.iter().any(|(name, _)| *name == select) {
            self.out.push_str(written);
            return;
        }
        let selected = self.sent(&select).any(|value| value == own);
        tag.write(&mut self.out, &["selected"], if selected { " selected" } else { "" });
    }

    /// Writes a field's tag, with `drop`/`extra` as [`Tag::write`], and when the field
    /// has an error its ARIA attributes (and, for a void element, the error after it).
    fn field_tag(
        &mut self,
        tag: &Tag<'_>,
        written: &str,
        name: Option<&str>,
        drop: &[&str],
        extra: &str,
    ) {
        let error = name.filter(|name| self.error_of(name).is_some() && !self.placed_has(name));
        let Some(name) = error else {
            if drop.is_empty() && extra.is_empty() {
                self.out.push_str(written);
            } else {
                tag.write(&mut self.out, drop, extra);
            }
            return;
        };
        let mut extra = extra.to_owned();
        extra.push_str(" aria-invalid=\"true\" aria-describedby=\"");
        escape_attr(&mut extra, &error_id(&self.replay.submit, name));
        extra.push('"');
        let mut dropped = drop.to_vec();
        dropped.extend(["aria-invalid", "aria-describedby"]);
        tag.write(&mut self.out, &dropped, &extra);
        if tag.name.eq_ignore_ascii_case("input") {
            self.place_error(name);
        }
    }

    /// Writes the error of `name` (once per field) as a span after its field.
    fn place_error(&mut self, name: &str) {
        let Some((field, message)) = self.replay.errors.iter().find(|(field, _)| field == name)
        else {
            return;
        };
        if !self.placed.insert(field.as_str()) {
            return;
        }
        self.out.push_str("<span class=\"r-field-error\" id=\"");
        escape_attr(&mut self.out, &error_id(&self.replay.submit, field));
        self.out.push_str("\">");
        escape_text(&mut self.out, message);
        self.out.push_str("</span>");
    }

    fn error_of(&self, name: &str) -> Option<&'a str> {
        self.replay.errors.iter().find(|(field, _)| field == name).map(|(_, message)| &**message)
    }

    fn placed_has(&self, name: &str) -> bool {
        self.placed.contains(name)
    }

    /// Every value sent for `name`.
    fn sent<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'a str> + 's {
        self.replay.values.iter().filter(move |(it, _)| it == name).map(|(_, value)| &**value)
    }

    /// The next value sent for `name` that no field of that name has taken.
    fn next_sent(&mut self, name: &str) -> Option<String> {
        let (key, _) = self.replay.values.iter().find(|(it, _)| it == name)?;
        let taken = self.next_value.entry(key.as_str()).or_default();
        let value = self.replay.values.iter().filter(|(it, _)| it == name).nth(*taken)?;
        *taken += 1;
        Some(value.1.clone())
    }
}

/// The tag name at the start of `text`: ASCII letters, digits and `-`.
fn tag_name(text: &str) -> &str {
    let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(text.len());
    &text[..end]
}

/// Parses the start tag at the start of `text` (`<name attr="v" …>`): the tag and its
/// length, or `None` when it is no well-formed start tag (then it is copied as text).
fn parse_tag(text: &str) -> Option<(Tag<'_>, usize)> {
    let name = tag_name(&text[1..]);
    if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let bytes = text.as_bytes();
    let mut at = 1 + name.len();
    let mut attrs = Vec::new();
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        match bytes.get(at)? {
            b'>' => {
                return Some((Tag { name: name.to_owned(), attrs, self_closing: false }, at + 1))
            }
            b'/' if bytes.get(at + 1) == Some(&b'>') => {
                return Some((Tag { name: name.to_owned(), attrs, self_closing: true }, at + 2));
            }
            b'/' => at += 1,
            _ => {
                let start = at;
                while at < bytes.len()
                    && !bytes[at].is_ascii_whitespace()
                    && !matches!(bytes[at], b'=' | b'>' | b'/')
                {
                    at += 1;
                }
                if start == at {
                    return None;
                }
                let attr_name = &text[start..at];
                let mut raw = None;
                if bytes.get(at) == Some(&b'=') {
                    at += 1;
                    let value_start = at;
                    match bytes.get(at)? {
                        quote @ (b'"' | b'\'') => {
                            let close = text[at + 1..].find(*quote as char)?;
                            at += close + 2;
                        }
                        _ => {
                            while at < bytes.len()
                                && !bytes[at].is_ascii_whitespace()
                                && bytes[at] != b'>'
                            {
                                at += 1;
                            }
                        }
                    }
                    raw = Some(&text[value_start..at]);
                }
                attrs.push(Attr { name: attr_name, raw });
            }
        }
    }
}

/// Where the end tag `</name` starts in `text` (ASCII case-insensitive).
fn find_end_tag(text: &str, name: &str) -> Option<usize> {
    text.match_indices("</").map(|(at, _)| at).find(|&at| {
        let rest = &text.as_bytes()[at + 2..];
        rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes())
    })
}

/// Whether `text` contains `needle`, ASCII case-insensitively, without copying `text`.
pub(crate) fn contains_ignore_ascii_case(text: &str, needle: &str) -> bool {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    !needle.is_empty() && text.windows(needle.len()).any(|it| it.eq_ignore_ascii_case(needle))
}

/// An attribute value's or a text's character references decoded: the named ones the
/// renderer writes (`&amp;`, `&quot;`, `&#39;`, `&lt;`, `&gt;`, `&apos;`) and numeric
/// ones; anything else stays as written.
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            _ => entity.strip_prefix('#').and_then(|number| {
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => number.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
