//! [`Upload`]: an uploaded file as a form struct's field, and its content-type check.
//!
//! Invariant: an `Upload` is only ever deserialized by the form decoder (`decode`), which
//! hands the file over through a thread-local slot filled and emptied around one visitor
//! call; any other deserializer meets a plain serde error, so no client can forge an
//! upload out of JSON or text.

use std::cell::RefCell;
use std::fmt;

use bytes::Bytes;
use serde::de::{self, Deserialize, Deserializer, Visitor};

/// The newtype-struct name the decoder recognises as "an `Upload` is asked for".
pub(super) const UPLOAD_TOKEN: &str = "$resuma::flow::Upload";

thread_local! {
    /// The file the decoder is handing to the `Upload` visitor it is calling right now.
    static SLOT: RefCell<Option<Upload>> = const { RefCell::new(None) };
}

/// An uploaded file, as the field of a form struct: `avatar: Upload` (required),
/// `avatar: Option<Upload>` (`None` when no file was chosen: the browser then sends a part
/// with `filename=""` and no bytes) or `files: Vec<Upload>` (`<input type="file" multiple>`).
/// The form must be sent as `multipart/form-data`; the whole file is in memory, within
/// the form's [`FormLimits`](super::FormLimits).
///
/// ```
/// use resuma::flow::Upload;
///
/// #[derive(serde::Deserialize)]
/// struct Profile {
///     name: String,
///     avatar: Option<Upload>,
/// }
///
/// // In the submit: refuse what is not an image, as a field error.
/// fn avatar_error(profile: &Profile) -> Option<String> {
///     profile.avatar.as_ref()?.check_type(&["image/png", "image/jpeg"]).err()
/// }
/// ```
#[derive(Clone)]
pub struct Upload {
    file_name: Option<String>,
    content_type: Option<String>,
    bytes: Bytes,
}

impl Upload {
    /// A file part as multipart parsing read it.
    pub(super) fn new(
        file_name: Option<String>,
        content_type: Option<String>,
        bytes: Bytes,
    ) -> Upload {
        Upload { file_name, content_type, bytes }
    }

    /// The stand-in the decoder visits when a field that should be a file is not one.
    pub(super) fn stand_in() -> Upload {
        Upload::new(None, None, Bytes::new())
    }

    /// Whether this is the part of a file input with no file chosen: no name, no bytes.
    pub(super) fn is_no_file(&self) -> bool {
        self.file_name.as_deref().is_none_or(str::is_empty) && self.bytes.is_empty()
    }

    /// The file's name as the browser sent it. Never trust it as a path: it may be empty,
    /// contain `/`, `\` or `..`, or name a file you already have. Store the bytes under a
    /// name you choose and show this one only as text.
    ///
    /// ```
    /// fn label(upload: &resuma::flow::Upload) -> &str {
    ///     upload.file_name().unwrap_or("(unnamed)")
    /// }
    /// ```
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The content type the browser declared for the file (from its extension, usually):
    /// a claim, checked against the bytes by [`check_type`](Upload::check_type).
    ///
    /// ```
    /// fn is_declared_png(upload: &resuma::flow::Upload) -> bool {
    ///     upload.content_type() == Some("image/png")
    /// }
    /// ```
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The file's bytes.
    ///
    /// ```
    /// fn first_byte(upload: &resuma::flow::Upload) -> Option<u8> {
    ///     upload.bytes().first().copied()
    /// }
    /// ```
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The file's bytes, owned (no copy).
    ///
    /// ```
    /// fn store(upload: resuma::flow::Upload, path: &std::path::Path) -> std::io::Result<()> {
    ///     std::fs::write(path, upload.into_bytes())
    /// }
    /// ```
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }

    /// The file's length in bytes.
    ///
    /// ```
    /// fn too_big(upload: &resuma::flow::Upload) -> bool {
    ///     upload.len() > 100 * 1024
    /// }
    /// ```
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the file has no bytes (a chosen but empty file).
    ///
    /// ```
    /// fn empty(upload: &resuma::flow::Upload) -> bool {
    ///     upload.is_empty()
    /// }
    /// ```
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Accepts the file when its declared type is one of `types` and its first bytes agree
    /// with it; otherwise gives a message for the field's error, like "Choose a PNG or
    /// JPEG image.".
    ///
    /// The bytes are checked for `image/png`, `image/jpeg`, `image/gif`, `image/webp`,
    /// `image/avif`, `application/pdf` and `application/zip` (their magic numbers), and for
    /// `text/*`, `application/json` and `…+xml`/`…+json` types (valid UTF-8 without NUL).
    /// Any other type in `types` is accepted on the browser's declaration alone. Types
    /// compare without their parameters and case; `image/jpg` and `image/pjpeg` count as
    /// `image/jpeg`.
    ///
    /// ```
    /// fn avatar_error(avatar: &resuma::flow::Upload) -> Option<String> {
    ///     avatar.check_type(&["image/png", "image/jpeg"]).err()
    /// }
    /// ```
    pub fn check_type(&self, types: &[&str]) -> Result<(), String> {
        let declared = self.content_type.as_deref().map(essence);
        let accepted = declared.is_some_and(|declared| {
            types.iter().any(|it| essence(it) == declared) && bytes_agree(&declared, &self.bytes)
        });
        if accepted {
            Ok(())
        } else {
            Err(refusal(types))
        }
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The bytes would flood a log: their length says enough.
        f.debug_struct("Upload")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

impl<'de> Deserialize<'de> for Upload {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Upload, D::Error> {
        deserializer.deserialize_newtype_struct(UPLOAD_TOKEN, UploadVisitor)
    }
}

/// Takes the file out of the slot: the decoder's only way in.
struct UploadVisitor;

impl<'de> Visitor<'de> for UploadVisitor {
    type Value = Upload;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "a file uploaded with a form (resuma::flow::Upload decodes only from a submitted form)",
        )
    }

    fn visit_unit<E: de::Error>(self) -> Result<Upload, E> {
        take_slot().ok_or_else(|| E::invalid_type(de::Unexpected::Unit, &self))
    }
}

/// Runs `visit` with `upload` in the slot, and empties the slot after, whatever `visit`
/// did with it.
pub(super) fn with_slot<R>(upload: Upload, visit: impl FnOnce() -> R) -> R {
    SLOT.with(|slot| *slot.borrow_mut() = Some(upload));
    let res = visit();
    SLOT.with(|slot| slot.borrow_mut().take());
    res
}

fn take_slot() -> Option<Upload> {
    SLOT.with(|slot| slot.borrow_mut().take())
}

/// A content type without parameters, lowercase, with the JPEG aliases folded.
fn essence(content_type: &str) -> String {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    match essence.as_str() {
        "image/jpg" | "image/pjpeg" => "image/jpeg".to_owned(),
        _ => essence,
    }
}

/// Whether `bytes` start as a file of type `essence` does (true for a type without a check).
fn bytes_agree(essence: &str, bytes: &[u8]) -> bool {
    let textual = essence.starts_with("text/")
        || essence == "application/json"
        || essence.ends_with("+xml")
        || essence.ends_with("+json");
    match essence {
        "image/png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg" => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
        "image/gif" => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
        "image/webp" => bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP",
        "image/avif" => {
            bytes.len() >= 12
                && &bytes[4..8] == b"ftyp"
                && matches!(&bytes[8..12], b"avif" | b"avis")
        }
        "application/pdf" => bytes.starts_with(b"%PDF-"),
        "application/zip" => bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06"),
        _ if textual => std::str::from_utf8(bytes).is_ok() && !bytes.contains(&0),
        _ => true,
    }
}

/// "Choose a PNG or JPEG image.", "Choose a PDF or text file.".
fn refusal(types: &[&str]) -> String {
    let essences: Vec<String> = types.iter().map(|it| essence(it)).collect();
    let mut names: Vec<String> = Vec::new();
    for name in essences.iter().map(|it| type_name(it)) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let Some(first) = names.first() else {
        return "This file type is not accepted.".to_owned();
    };
    let all_images = essences.iter().all(|it| it.starts_with("image/"));
    let kind = if all_images { "image" } else { "file" };
    let article = if sounds_like_vowel(first) { "an" } else { "a" };
    let list = match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    format!("Choose {article} {list} {kind}.")
}

/// How a person calls a type: "PNG", "JPEG", "text", else its subtype in capitals.
fn type_name(essence: &str) -> String {
    let name = match essence {
        "image/webp" => "WebP",
        "text/plain" => "text",
        _ => {
            let subtype = essence.split('/').nth(1).unwrap_or(essence);
            let subtype = subtype.split('+').next().unwrap_or(subtype);
            return subtype.to_ascii_uppercase();
        }
    };
    name.to_owned()
}

/// "an SVG", "an MP3", "a PNG": an acronym by its letters' names, a word by its vowel.
fn sounds_like_vowel(name: &str) -> bool {
    let first = name.chars().next().unwrap_or('x');
    let acronym =
        name.len() > 1 && name.chars().all(|it| it.is_ascii_uppercase() || it.is_ascii_digit());
    if acronym {
        "AEFHILMNORSX".contains(first)
    } else {
        "aeiouAEIOU".contains(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[track_caller]
    fn check(content_type: &str, bytes: &[u8], types: &[&str], expect: Result<(), &str>) {
        let upload =
            Upload::new(Some("f".into()), Some(content_type.into()), Bytes::copy_from_slice(bytes));
        assert_eq!(upload.check_type(types), expect.map_err(str::to_owned));
    }

    #[test]
    fn declared_type_and_magic_must_agree() {
        let images = ["image/png", "image/jpeg"];
        check("image/png", PNG, &images, Ok(()));
        check("Image/PNG; x=y", PNG, &images, Ok(()));
        check("image/jpg", b"\xFF\xD8\xFF\xE0", &images, Ok(()));
        // A script renamed .png: the declaration says PNG, the bytes do not.
        check(
            "image/png",
            b"<script>alert(1)</script>",
            &images,
            Err("Choose a PNG or JPEG image."),
        );
        // A real PNG declared as something not listed.
        check("image/gif", PNG, &images, Err("Choose a PNG or JPEG image."));
        check("image/webp", b"RIFF\0\0\0\0WEBPVP8 ", &["image/webp"], Ok(()));
        check("image/gif", b"GIF89a..", &["image/gif", "image/webp", "image/png"], Ok(()));
    }

    #[test]
    fn text_pdf_and_unchecked_types() {
        check("text/plain", "héllo".as_bytes(), &["text/plain"], Ok(()));
        check("text/plain", b"a\0b", &["text/plain"], Err("Choose a text file."));
        check(
            "text/plain",
            b"\xFF",
            &["application/pdf", "text/plain"],
            Err("Choose a PDF or text file."),
        );
        check("application/pdf", b"%PDF-1.7", &["application/pdf"], Ok(()));
        check("image/svg+xml", b"<svg/>", &["image/svg+xml"], Ok(()));
        check("image/svg+xml", b"<svg/>", &["image/png", "image/svg+xml"], Ok(()));
        check("application/x-thing", b"anything", &["application/x-thing"], Ok(()));
        check("image/png", PNG, &["image/svg+xml"], Err("Choose an SVG image."));
        check("image/png", PNG, &[], Err("This file type is not accepted."));
    }

    #[test]
    fn an_undeclared_type_is_refused() {
        let upload = Upload::new(None, None, Bytes::from_static(PNG));
        assert_eq!(upload.check_type(&["image/png"]), Err("Choose a PNG image.".to_owned()));
    }

    #[test]
    fn only_the_decoder_makes_uploads() {
        let err = serde_json::from_str::<Upload>("null").unwrap_err().to_string();
        assert!(err.contains("resuma::flow::Upload decodes only from a submitted form"), "{err}");
        assert!(serde_json::from_str::<Upload>("0").is_err());
        assert!(serde_json::from_str::<Option<Upload>>("{}").is_err());
    }
}
