//! A client block's template: the JavaScript that renders its content in the browser.
//!
//! A template carries no values: every dynamic part is a binding (bound text, `data-r-a`,
//! a handler address) that the browser evaluates once the nodes are inserted, so it is
//! structure and slot numbers only, and nothing in it needs escaping at run time.

use super::plan::SlotRef;
use crate::rs2js::js_string;

/// A client block's template, written alongside the server's markup of its content.
#[derive(Default)]
pub(super) struct Template {
    /// The item's name, in a `<For>`.
    item: Option<String>,
    /// The names from outside the block the content uses, in slot order (the seed first).
    pub(super) outer: Vec<String>,
    pieces: Vec<Piece>,
    /// The DOM events of the content's handlers.
    pub(super) events: Vec<String>,
}

enum Piece {
    /// Markup, as it is.
    Lit(String),
    /// A JavaScript expression: `c` (the chunk's name), `a[K]` (a block slot) or `i` (the
    /// item's slot).
    Code(String),
}

impl Template {
    /// The template of a block whose item is `item` (a `<For>`'s), its slots seeded with
    /// `outer`.
    pub(super) fn new(item: Option<String>, outer: Vec<String>) -> Template {
        Template { item, outer, ..Template::default() }
    }

    pub(super) fn lit(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.pieces.last_mut() {
            Some(Piece::Lit(last)) => last.push_str(text),
            _ => self.pieces.push(Piece::Lit(text.to_owned())),
        }
    }

    pub(super) fn code(&mut self, code: String) {
        self.pieces.push(Piece::Code(code));
    }

    /// Where the slot of `name` comes from in the block (a new block slot the first time).
    pub(super) fn slot_ref(&mut self, name: &str) -> SlotRef {
        if self.item.as_deref() == Some(name) {
            return SlotRef::Item;
        }
        match self.outer.iter().position(|it| it == name) {
            Some(idx) => SlotRef::Outer(idx),
            None => {
                self.outer.push(name.to_owned());
                SlotRef::Outer(self.outer.len() - 1)
            }
        }
    }

    pub(super) fn slot_code(&mut self, slot: &SlotRef) {
        let code = match slot {
            SlotRef::Outer(idx) => format!("a[{idx}]"),
            SlotRef::Item | SlotRef::Capture(..) => "i".to_owned(),
        };
        self.code(code);
    }

    /// `(c,a,i)=>"…"+…`: `c` the chunk's name, `a` the block's slots, `i` the item's.
    pub(super) fn js(&self) -> String {
        let parts: Vec<String> = self
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Lit(text) => js_string(text),
                Piece::Code(code) => code.clone(),
            })
            .collect();
        match parts.is_empty() {
            true => format!("(c,a,i)=>{}", js_string("")),
            false => format!("(c,a,i)=>{}", parts.join("+")),
        }
    }
}
