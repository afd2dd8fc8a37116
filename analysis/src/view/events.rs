//! The DOM events an event attribute may name, and the "did you mean" for the others.

/// Known DOM events: the lower-case DOM name and the camel-case part of the
/// `onName` attribute form.
pub const KNOWN_EVENTS: &[(&str, &str)] = &[
    ("abort", "Abort"),
    ("animationend", "AnimationEnd"),
    ("animationiteration", "AnimationIteration"),
    ("animationstart", "AnimationStart"),
    ("auxclick", "AuxClick"),
    ("beforeinput", "BeforeInput"),
    ("blur", "Blur"),
    ("cancel", "Cancel"),
    ("canplay", "CanPlay"),
    ("change", "Change"),
    ("click", "Click"),
    ("close", "Close"),
    ("contextmenu", "ContextMenu"),
    ("copy", "Copy"),
    ("cut", "Cut"),
    ("dblclick", "DblClick"),
    ("drag", "Drag"),
    ("dragend", "DragEnd"),
    ("dragenter", "DragEnter"),
    ("dragleave", "DragLeave"),
    ("dragover", "DragOver"),
    ("dragstart", "DragStart"),
    ("drop", "Drop"),
    ("ended", "Ended"),
    ("error", "Error"),
    ("focus", "Focus"),
    ("focusin", "FocusIn"),
    ("focusout", "FocusOut"),
    ("input", "Input"),
    ("invalid", "Invalid"),
    ("keydown", "KeyDown"),
    ("keypress", "KeyPress"),
    ("keyup", "KeyUp"),
    ("load", "Load"),
    ("mousedown", "MouseDown"),
    ("mouseenter", "MouseEnter"),
    ("mouseleave", "MouseLeave"),
    ("mousemove", "MouseMove"),
    ("mouseout", "MouseOut"),
    ("mouseover", "MouseOver"),
    ("mouseup", "MouseUp"),
    ("paste", "Paste"),
    ("pause", "Pause"),
    ("play", "Play"),
    ("pointercancel", "PointerCancel"),
    ("pointerdown", "PointerDown"),
    ("pointerenter", "PointerEnter"),
    ("pointerleave", "PointerLeave"),
    ("pointermove", "PointerMove"),
    ("pointerout", "PointerOut"),
    ("pointerover", "PointerOver"),
    ("pointerup", "PointerUp"),
    ("reset", "Reset"),
    ("resize", "Resize"),
    ("scroll", "Scroll"),
    ("select", "Select"),
    ("submit", "Submit"),
    ("toggle", "Toggle"),
    ("touchcancel", "TouchCancel"),
    ("touchend", "TouchEnd"),
    ("touchmove", "TouchMove"),
    ("touchstart", "TouchStart"),
    ("transitionend", "TransitionEnd"),
    ("volumechange", "VolumeChange"),
    ("wheel", "Wheel"),
];

/// Whether `event` (lower-case) is a known DOM event.
pub fn is_known_event(event: &str) -> bool {
    KNOWN_EVENTS.iter().any(|&(name, _)| name == event)
}

/// The closest known event attribute to `written`, in the form it was written in
/// (`onClik` → `onClick`, `on:clik` → `on:click`), if one is close enough.
pub fn suggest_event(written: &str) -> Option<String> {
    let colon_form = written.starts_with("on:");
    let event = written.trim_start_matches("on:").trim_start_matches("on").to_ascii_lowercase();
    let (name, camel) = KNOWN_EVENTS
        .iter()
        .map(|&(name, camel)| (edit_distance(&event, name), name, camel))
        .filter(|&(distance, name, _)| distance <= (name.len() / 3).max(1))
        .min_by_key(|&(distance, ..)| distance)
        .map(|(_, name, camel)| (name, camel))?;
    Some(if colon_form { format!("on:{name}") } else { format!("on{camel}") })
}

/// Damerau-Levenshtein distance over chars (adjacent swaps count one edit): typing
/// mistakes are mostly swaps, and counting them as two would hide good suggestions.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best =
                (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_keep_the_written_form() {
        assert_eq!(suggest_event("onClik").as_deref(), Some("onClick"));
        assert_eq!(suggest_event("onCilck").as_deref(), Some("onClick"));
        assert_eq!(suggest_event("on:inptu").as_deref(), Some("on:input"));
        assert_eq!(suggest_event("onKeyDonw").as_deref(), Some("onKeyDown"));
        assert_eq!(suggest_event("onFrobnicate"), None);
        assert!(is_known_event("click"));
        assert!(!is_known_event("clik"));
    }
}
