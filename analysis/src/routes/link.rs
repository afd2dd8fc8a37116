//! A route's URL: its axum pattern, and the path with its parameters filled in, for
//! typed links.

use super::{ParamKind, Route, Segment};

/// The axum 0.8 pattern of `segments`: `/blog/{slug}`, `/docs/{*rest}`, `/` for none.
///
/// ```
/// use resuma_analysis::routes::{pattern_of, Segment};
/// assert_eq!(pattern_of(&[]), "/");
/// assert_eq!(pattern_of(&[Segment::Static("blog".into())]), "/blog");
/// ```
pub fn pattern_of(segments: &[Segment]) -> String {
    let mut pattern = String::new();
    for segment in segments {
        pattern.push('/');
        match segment {
            Segment::Static(name) => pattern.push_str(name),
            Segment::Param(param) => {
                pattern.push_str(if param.kind == ParamKind::Segment { "{" } else { "{*" });
                pattern.push_str(&param.name);
                pattern.push('}');
            }
        }
    }
    if pattern.is_empty() {
        pattern.push('/');
    }
    pattern
}

/// The path of `route` with `args` in its parameters, in order; `None` when the number
/// of arguments is not the number of parameters, or when an argument cannot be put in a
/// URL that still matches the route.
///
/// A segment parameter is percent-encoded as UTF-8, keeping only the unreserved
/// characters (`A-Z a-z 0-9 - . _ ~`), so a `/` in it is `%2F`. A catch-all keeps its
/// `/`s and encodes each piece between them. `None` for an empty segment (or an empty
/// piece of a catch-all), and for `.` and `..`, which browsers resolve as dot segments
/// even when encoded (`%2E`).
///
/// ```
/// use resuma_analysis::routes::{link_path, route_table, PageFile};
/// let table = route_table(&[PageFile::new("blog/[slug].rs")]);
/// let route = &table.routes[0];
/// assert_eq!(link_path(route, &["hello world"]).as_deref(), Some("/blog/hello%20world"));
/// assert_eq!(link_path(route, &[]), None);
/// ```
pub fn link_path(route: &Route, args: &[&str]) -> Option<String> {
    if args.len() != route.params.len() {
        return None;
    }
    let mut args = args.iter();
    let mut out = String::new();
    for segment in &route.segments {
        out.push('/');
        match segment {
            Segment::Static(name) => out.push_str(name),
            Segment::Param(param) => {
                let arg = args.next()?;
                match param.kind {
                    ParamKind::Segment => push_piece(&mut out, arg)?,
                    ParamKind::CatchAll => {
                        for (piece_idx, piece) in arg.split('/').enumerate() {
                            if piece_idx > 0 {
                                out.push('/');
                            }
                            push_piece(&mut out, piece)?;
                        }
                    }
                }
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Appends one path segment, percent-encoded; `None` for one no URL can carry.
fn push_piece(out: &mut String, piece: &str) -> Option<()> {
    if matches!(piece, "" | "." | "..") {
        return None;
    }
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in piece.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
    Some(())
}
