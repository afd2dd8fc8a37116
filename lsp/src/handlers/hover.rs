//! Hover: on an event handler, the JavaScript it becomes and its size; on a component's
//! name, its payload against the budget.

use resuma_analysis::payload::{gzip_size, Budget, ComponentPayload, HandlerPayload};
use resuma_analysis::FileAnalysis;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::convert::PositionIndex;

/// The hover at byte `offset`, if it is on a handler or a component's name.
pub(crate) fn hover(
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
    let (component, handler) = analysis
        .components
        .iter()
        .flat_map(|component| component.handlers.iter().map(move |it| (component, it)))
        .filter(|(_, it)| it.range.contains(offset))
        .min_by_key(|(_, it)| it.range.len_bytes())?;
    Some(markdown(handler_text(component, handler), index, handler.range))
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
