//! `multipart/form-data` bodies: streamed through multer into [`Fields`].
//!
//! Invariant: nothing is buffered past the [`FormLimits`]: the whole body is bounded by
//! multer's stream limit, each part is read chunk by chunk and refused as soon as it
//! passes its own limit (a file's or a text field's), and a part past the field count is
//! refused before its data is read.

use axum::body::Body;
use bytes::BytesMut;
use http_body_util::LengthLimitError;
use multer::{Constraints, Multipart, SizeLimit};

use super::fields::{BadForm, FieldValue, Fields, FormLimits};
use super::upload::Upload;

/// Parses a `multipart/form-data` body; `content_type` is the request's `Content-Type`
/// (`multipart/form-data; boundary=…`). A part with a `filename` (even an empty one) is a
/// file; any other is text, which must be UTF-8 (as in
/// [`parse_urlencoded`](super::fields::parse_urlencoded)). A missing or bad boundary, a
/// truncated body, a part without a name or bad part headers are `Malformed`; over a
/// limit (or a body the server's own length limit cut) is `TooLarge`.
pub(crate) async fn parse_multipart(
    body: Body,
    content_type: &str,
    limits: &FormLimits,
) -> Result<Fields, BadForm> {
    let boundary = multer::parse_boundary(content_type)
        .map_err(|err| BadForm::Malformed(format!("bad multipart content type: {err}")))?;
    let per_part_bytes = limits.max_file_bytes.max(limits.max_text_bytes);
    let constraints = Constraints::new().size_limit(
        SizeLimit::new()
            .whole_stream(to_u64(limits.max_body_bytes))
            .per_field(to_u64(per_part_bytes)),
    );
    let mut multipart = Multipart::with_constraints(body.into_data_stream(), boundary, constraints);
    let mut entries = Vec::new();
    while let Some(mut part) = multipart.next_field().await.map_err(refusal)? {
        if entries.len() == limits.max_fields {
            return Err(BadForm::TooLarge);
        }
        let name = part
            .name()
            .ok_or_else(|| BadForm::Malformed("a part has no name".to_owned()))?
            .to_owned();
        let file_name = part.file_name().map(str::to_owned);
        let content_type = part.content_type().map(ToString::to_string);
        let limit_bytes =
            if file_name.is_some() { limits.max_file_bytes } else { limits.max_text_bytes };
        let mut data = BytesMut::new();
        while let Some(chunk) = part.chunk().await.map_err(refusal)? {
            if data.len() + chunk.len() > limit_bytes {
                return Err(BadForm::TooLarge);
            }
            data.extend_from_slice(&chunk);
        }
        let value = if file_name.is_some() {
            FieldValue::File(Upload::new(file_name, content_type, data.freeze()))
        } else {
            let text = String::from_utf8(data.to_vec()).map_err(|_| {
                BadForm::Malformed(format!("the text of part `{name}` is not UTF-8"))
            })?;
            FieldValue::Text(text)
        };
        entries.push((name, value));
    }
    Ok(Fields::new(entries))
}

/// A multer error as a refusal: its size limits and a body cut by a length limit are
/// `TooLarge`, anything else `Malformed`.
fn refusal(err: multer::Error) -> BadForm {
    match err {
        multer::Error::FieldSizeExceeded { .. } | multer::Error::StreamSizeExceeded { .. } => {
            BadForm::TooLarge
        }
        multer::Error::StreamReadFailed(cause) => {
            let mut source: Option<&(dyn std::error::Error + 'static)> = Some(cause.as_ref());
            while let Some(err) = source {
                if err.is::<LengthLimitError>() {
                    return BadForm::TooLarge;
                }
                source = err.source();
            }
            BadForm::Malformed(format!("the body could not be read: {cause}"))
        }
        other => BadForm::Malformed(other.to_string()),
    }
}

fn to_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TYPE: &str = "multipart/form-data; boundary=XyZ";

    fn body(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, file_name, data) in parts {
            out.extend_from_slice(b"--XyZ\r\nContent-Disposition: form-data; name=\"");
            out.extend_from_slice(name.as_bytes());
            out.push(b'"');
            if let Some(file_name) = file_name {
                out.extend_from_slice(
                    format!("; filename=\"{file_name}\"\r\nContent-Type: image/png").as_bytes(),
                );
            }
            out.extend_from_slice(b"\r\n\r\n");
            out.extend_from_slice(data);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"--XyZ--\r\n");
        out
    }

    async fn parse(
        bytes: Vec<u8>,
        content_type: &str,
        limits: FormLimits,
    ) -> Result<Fields, BadForm> {
        parse_multipart(Body::from(bytes), content_type, &limits).await
    }

    #[tokio::test]
    async fn text_and_file_parts_in_order() {
        let bytes = body(&[
            ("title", None, "Hé".as_bytes()),
            ("avatar", Some("a.png"), b"\x89PNG"),
            ("empty", Some(""), b""),
        ]);
        let fields = parse(bytes, TYPE, FormLimits::default()).await.unwrap();
        assert_eq!(fields.texts().collect::<Vec<_>>(), [("title", "Hé")]);
        let [_, (avatar, FieldValue::File(file)), (_, FieldValue::File(empty))] = fields.entries()
        else {
            panic!("{fields:?}");
        };
        assert_eq!(
            (avatar.as_str(), file.file_name(), file.content_type()),
            ("avatar", Some("a.png"), Some("image/png"))
        );
        assert_eq!(&file.bytes()[..], b"\x89PNG");
        assert!(empty.is_no_file());
    }

    #[tokio::test]
    async fn bad_boundary_truncated_and_nameless_are_malformed() {
        let good = body(&[("a", None, b"1")]);
        for content_type in [
            "multipart/form-data",
            "text/plain; boundary=XyZ",
            "multipart/form-data; boundary=Other",
        ] {
            let res = parse(good.clone(), content_type, FormLimits::default()).await;
            assert!(matches!(res, Err(BadForm::Malformed(_))), "{content_type}: {res:?}");
        }
        let truncated = good[..good.len() - 12].to_vec();
        assert!(matches!(
            parse(truncated, TYPE, FormLimits::default()).await,
            Err(BadForm::Malformed(_))
        ));
        let nameless = b"--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--\r\n".to_vec();
        assert_eq!(
            parse(nameless, TYPE, FormLimits::default()).await.unwrap_err(),
            BadForm::Malformed("a part has no name".to_owned())
        );
        let not_utf8 = body(&[("a", None, b"\xFF")]);
        assert!(matches!(
            parse(not_utf8, TYPE, FormLimits::default()).await,
            Err(BadForm::Malformed(_))
        ));
    }

    #[tokio::test]
    async fn over_each_limit_is_too_large() {
        let limits = FormLimits::default().max_file_bytes(10).max_text_bytes(4).max_fields(2);
        let cases: [(&str, Vec<u8>, FormLimits); 4] = [
            ("file", body(&[("f", Some("f.png"), &[7; 11])]), limits),
            ("text", body(&[("t", None, b"12345")]), limits),
            ("fields", body(&[("a", None, b""), ("b", None, b""), ("c", None, b"")]), limits),
            ("body", body(&[("f", Some("f.png"), &[7; 10])]), limits.max_body_bytes(64)),
        ];
        for (what, bytes, limits) in cases {
            assert_eq!(parse(bytes, TYPE, limits).await.unwrap_err(), BadForm::TooLarge, "{what}");
        }
        let at_limits = body(&[("f", Some("f.png"), &[7; 10]), ("t", None, b"1234")]);
        assert!(parse(at_limits, TYPE, limits).await.is_ok());
    }

    #[tokio::test]
    async fn a_body_cut_by_a_length_limit_is_too_large() {
        let bytes = body(&[("t", None, &[b'a'; 100])]);
        let limited = http_body_util::Limited::new(Body::from(bytes), 50);
        let res = parse_multipart(Body::new(limited), TYPE, &FormLimits::default()).await;
        assert_eq!(res.unwrap_err(), BadForm::TooLarge);
    }
}
