//! Hover: on an event handler or its attribute's name (`onClick`), the JavaScript it
//! becomes and its size; on a component's name, its payload against the budget.

use resuma_analysis::payload::{gzip_size, Budget, ComponentPayload, HandlerPayload};
use resuma_analysis::view::KNOWN_EVENTS;
use resuma_analysis::{FileAnalysis, TextRange};
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::convert::PositionIndex;

/// The hover at byte `offset` of `text`, if it is on a handler, its event attribute's
/// name, or a component's name.
pub(crate) fn hover(
    text: &str,
    analysis: &FileAnalysis,
    index: &PositionIndex<'_>,
    offset: u32,
    budget: &Budget,
) -> Option<Hover> {
    for component in &analysis.components {
        if component.name_range.contains(offset) {
            return Some(markdown(component_text(component, budget), index, component.name_range));
        }
    }
    let handlers = || {
        analysis
            .components
            .iter()
            .flat_map(|component| component.handlers.iter().map(move |it| (component, it)))
    };
    for (component, handler) in handlers() {
        let Some((name, dom)) = event_attribute(text, handler.range) else { continue };
        if name.contains(offset) {
            let attr = &text[name.start as usize..name.end as usize];
            let about = format!("**`{attr}`**: the DOM event `{dom}`, handled in the browser\n\n");
            return Some(markdown(about + &handler_text(component, handler), index, name));
        }
    }
    let (component, handler) = handlers()
        .filter(|(_, it)| it.range.contains(offset))
        .min_by_key(|(_, it)| it.range.len_bytes())?;
    Some(markdown(handler_text(component, handler), index, handler.range))
}

/// The event attribute whose value is the handler `braces` (`onClick={…}`): its name's
/// range and its DOM event type; `None` when what precedes the braces is no known event.
fn event_attribute(text: &str, braces: TextRange) -> Option<(TextRange, &'static str)> {
    let before = text.get(..braces.start as usize)?.trim_end().strip_suffix('=')?.trim_end();
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || *c == '_')
        .last()
        .map(|(at, _)| at)?;
    let camel = before[start..].strip_prefix("on")?;
    let (dom, _) = KNOWN_EVENTS.iter().find(|(_, it)| *it == camel)?;
    Some((TextRange::new(start as u32, before.len() as u32), dom))
}

fn markdown(value: String, index: &PositionIndex<'_>, range: resuma_analysis::TextRange) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }),
        range: Some(index.range(range)),
    }
}

fn handler_text(component: &ComponentPayload, handler: &HandlerPayload) -> String {
    let Some(js) = &handler.js else {
        return format!(
            "**Handler `{}` of `{}`** does not translate to JavaScript: see its diagnostics.",
            handler.export, component.name
        );
    };
    let chunk = component.chunk_name.as_deref().unwrap_or("?");
    let captures = if handler.captures.is_empty() {
        String::new()
    } else {
        let names: Vec<_> = handler.captures.iter().map(|it| format!("`{it}`")).collect();
        format!(" · captures {}", names.join(", "))
    };
    format!(
        "**Handler `{}` of `{}`** in chunk `{chunk}`\n\n```javascript\n{js}\n```\n\n{} B, {} B gzip{captures}",
        handler.export,
        component.name,
        handler.js_bytes,
        gzip_size(js)
    )
}

fn component_text(component: &ComponentPayload, budget: &Budget) -> String {
    let n = component.handlers.len();
    let chunk = match &component.chunk_name {
        Some(name) => format!(
            "handler chunk `{name}`: {n} handler{}, {} B, **{} B gzip** (budget {} B)",
            if n == 1 { "" } else { "s" },
            component.chunk_bytes,
            component.chunk_gz_bytes,
            budget.chunk_gz_bytes
        ),
        None => "no handler chunk: this component ships no JavaScript".to_owned(),
    };
    format!(
        "**`{}`** payload\n\n- {chunk}\n- state {}**{} B** (budget {} B)",
        component.name,
        if component.state_exact { "" } else { "≈ " },
        component.state_bytes,
        budget.state_bytes
    )
}
