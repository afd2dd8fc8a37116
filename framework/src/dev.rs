//! Development mode: under `resuma dev`, every page ends with a small script that connects
//! to the dev server's WebSocket, reloads the page when the app was rebuilt, and shows the
//! build's errors in an overlay.
//!
//! `resuma dev` starts the app with `RESUMA_DEV_SOCKET` set to the socket's URL (usually a
//! path on the page's own origin, `/_resuma/dev`, so the page's CSP `connect-src 'self'`
//! allows it). Invariant: without that variable nothing is written, so outside
//! development a page without handlers still ships no JavaScript.

use std::sync::OnceLock;

use crate::render::nonce::Nonce;
use crate::resume::state::escape_json_for_script;
use crate::Html;

/// The environment variable that turns development mode on, naming the socket's URL.
pub(crate) const DEV_SOCKET_VAR: &str = "RESUMA_DEV_SOCKET";

/// The dev client: a function expression called with the socket's URL.
///
/// Messages are JSON: `{"type":"reload"}` reloads the page; `{"type":"errors","errors":[…]}`
/// shows the overlay (each error has `file`, `line`, `column`, `code`, `message`, `help`
/// and `rendered`, the compiler's text); `{"type":"ok"}` hides it. The overlay is built
/// with `textContent` only, so no message can inject markup, and styled through the
/// CSSOM, which the page's CSP allows.
const DEV_CLIENT: &str = r#"(url=>{const u=new URL(url,location.href);u.protocol=u.protocol.replace("http","ws");let o,n=0;const el=(t,s,x)=>{const e=document.createElement(t);e.style.cssText=s;if(x!=null)e.textContent=x;return e};const hide=()=>{o&&o.remove();o=null};const show=errs=>{hide();o=el("div","position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(24,24,28,.96);color:#eee;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:24px");o.id="resuma-dev-overlay";o.setAttribute("role","alert");o.append(el("h2","margin:0 0 16px;color:#ff6b6b;font-size:18px",`Build failed: ${errs.length} error${errs.length==1?"":"s"}. The page shows the last good build.`));for(const e of errs){const s=el("section","margin:0 0 20px;padding:12px;border-left:4px solid #ff6b6b;background:#000a");s.className="resuma-dev-error";s.append(el("div","color:#9cdcfe",`${e.file}:${e.line}:${e.column}`),el("div","font-weight:bold",(e.code?e.code+": ":"")+e.message));if(e.help)s.append(el("div","color:#b5e8a0","help: "+e.help));if(e.rendered)s.append(el("pre","margin:8px 0 0;white-space:pre-wrap;color:#ccc",e.rendered));o.append(s)}document.documentElement.append(o)};const connect=()=>{const w=new WebSocket(u);const h=document.documentElement.dataset;w.onopen=()=>{n=0;h.resumaDev="connected"};w.onmessage=m=>{let d;try{d=JSON.parse(m.data)}catch{return}if(d.type=="reload")location.reload();else if(d.type=="errors")show(d.errors);else if(d.type=="ok")hide()};w.onclose=()=>{h.resumaDev="disconnected";setTimeout(connect,Math.min(2e3,100*++n))}};connect()})"#;

/// The dev socket's URL when the app runs under `resuma dev`, read once.
fn dev_socket() -> Option<&'static str> {
    static SOCKET: OnceLock<Option<String>> = OnceLock::new();
    SOCKET.get_or_init(|| std::env::var(DEV_SOCKET_VAR).ok().filter(|it| !it.is_empty())).as_deref()
}

/// Writes the dev client's script, with the response's CSP nonce, in development mode;
/// nothing otherwise.
pub(crate) fn write_dev_script(nonce: Option<Nonce<'_>>, html: &mut Html) {
    if let Some(socket) = dev_socket() {
        write_script(socket, nonce, html);
    }
}

fn write_script(socket: &str, nonce: Option<Nonce<'_>>, html: &mut Html) {
    html.open_script(nonce);
    html.push_raw(DEV_CLIENT);
    html.push_static("(");
    // JSON, escaped for a script: the URL comes from the environment, not from a request,
    // but nothing in it may end the script.
    let json = serde_json::to_string(socket).unwrap_or_else(|_| "\"\"".to_owned());
    html.push_raw(&escape_json_for_script(&json));
    html.push_static(")</script>");
}

#[cfg(test)]
mod tests {
    use super::write_script;
    use crate::render::nonce::Nonce;
    use crate::Html;

    #[test]
    fn the_script_carries_the_nonce_and_a_script_safe_url() {
        let mut html = Html::new();
        write_script("/_resuma/dev?x=</script>", Some(Nonce::Given("n0nce")), &mut html);
        let out = html.into_string();
        assert!(out.starts_with("<script nonce=\"n0nce\">(url=>"), "{out}");
        assert!(out.ends_with("(\"/_resuma/dev?x=\\u003c/script\\u003e\")</script>"), "{out}");
        assert_eq!(out.matches("</script>").count(), 1, "{out}");
    }

    #[test]
    fn outside_development_nothing_is_written() {
        // The test process has no RESUMA_DEV_SOCKET (scripts/test.sh does not set it).
        if std::env::var_os(super::DEV_SOCKET_VAR).is_none() {
            let mut html = Html::new();
            super::write_dev_script(Some(Nonce::Given("n")), &mut html);
            assert_eq!(html.into_string(), "");
        }
    }
}
