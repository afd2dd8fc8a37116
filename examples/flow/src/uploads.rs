//! Where attachments go: a folder on disk (`FLOW_UPLOADS`, by default one in the temp
//! directory). A file is stored under a name the app makes (the post's slug, hex-encoded,
//! and an extension from its checked type), never under the name the browser sent.

use std::fmt::Write as _;
use std::path::PathBuf;

use resuma::flow::Upload;

/// The attachments folder, shared as app state (`FlowApp::state`).
#[derive(Clone, Debug)]
pub(crate) struct Uploads(pub(crate) PathBuf);

/// The types an attachment may have, and their extensions.
pub(crate) const TYPES: [(&str, &str); 3] =
    [("image/png", "png"), ("image/jpeg", "jpg"), ("application/pdf", "pdf")];

impl Uploads {
    /// The folder of `FLOW_UPLOADS`, or `flow-uploads` in the temp directory; created.
    pub(crate) fn from_env() -> std::io::Result<Uploads> {
        let dir = std::env::var_os("FLOW_UPLOADS")
            .map(PathBuf::from)
            .unwrap_or_else(|| std::env::temp_dir().join("flow-uploads"));
        std::fs::create_dir_all(&dir)?;
        Ok(Uploads(dir))
    }

    /// Stores `file` (its type already checked) as the attachment of `slug`; returns
    /// what the post shows of it.
    pub(crate) fn store(&self, slug: &str, file: &Upload) -> std::io::Result<String> {
        let extension = TYPES
            .iter()
            .find(|(kind, _)| file.content_type() == Some(kind))
            .map_or("bin", |(_, extension)| extension);
        let mut name = String::new();
        for byte in slug.bytes() {
            let _ = write!(name, "{byte:02x}");
        }
        let name = format!("{name}.{extension}");
        std::fs::write(self.0.join(&name), file.bytes())?;
        Ok(format!("{name}, {} bytes", file.len()))
    }
}
