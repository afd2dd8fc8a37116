//! Property tests: no input panics the parsers or the decoder.

use std::collections::HashMap;

use axum::body::Body;
use bytes::Bytes;
use proptest::prelude::*;
use serde::Deserialize;

use super::upload::Upload;
use super::*;

#[derive(Debug, Deserialize)]
enum Choice {
    A,
    B,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // decoded only to see that nothing panics
struct Wrapper(u32);

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // decoded only to see that nothing panics
struct Everything {
    a: u8,
    b: i64,
    c: f32,
    d: bool,
    e: char,
    f: String,
    g: Option<u16>,
    h: Vec<i8>,
    i: Choice,
    j: Upload,
    k: Option<Upload>,
    l: Vec<Upload>,
    m: (u8, bool),
    #[serde(default)]
    n: String,
    o: Wrapper,
    p: Vec<Option<bool>>,
    q: HashMap<String, String>,
    r: Option<Choice>,
    s: u128,
}

const NAMES: &[&str] = &[
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "", "zz",
];

fn value() -> impl Strategy<Value = FieldValue> {
    let text = prop_oneof![
        Just(String::new()),
        prop::sample::select(vec!["0", "1", "-1", "on", "A", "B", "300", "1e9", "é", "x"])
            .prop_map(str::to_owned),
        ".{0,6}",
    ];
    let file = (
        prop::option::of(prop::sample::select(vec!["", "f.png"])),
        prop::collection::vec(any::<u8>(), 0..4),
    );
    prop_oneof![
        3 => text.prop_map(FieldValue::Text),
        1 => file.prop_map(|(name, bytes)| FieldValue::File(Upload::new(name.map(str::to_owned), None, Bytes::from(bytes)))),
    ]
}

fn multipart_body() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "--B\r\n",
            "--B--\r\n",
            "\r\n--B",
            "Content-Disposition: form-data; name=\"a\"",
            "Content-Disposition: form-data",
            "; filename=\"f.png\"",
            "Content-Type: image/png",
            "\r\n",
            "\r\n\r\n",
            "abc",
        ])
        .prop_map(|it| it.as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn limits() -> impl Strategy<Value = FormLimits> {
    (1usize..200, 0usize..50, 0usize..6, 0usize..50).prop_map(|(body, file, n_fields, text)| {
        FormLimits::default()
            .max_body_bytes(body)
            .max_file_bytes(file)
            .max_fields(n_fields)
            .max_text_bytes(text)
    })
}

proptest! {
    #[test]
    fn decode_never_panics(entries in prop::collection::vec((prop::sample::select(NAMES), value()), 0..30)) {
        let fields = Fields::new(entries.into_iter().map(|(name, value)| (name.to_owned(), value)).collect());
        if let Err(errors) = decode::<Everything>(&fields) {
            prop_assert!(!errors.is_empty());
            for (idx, (name, _)) in errors.iter().enumerate() {
                prop_assert!(errors[..idx].iter().all(|(it, _)| it != name), "{errors:?}");
            }
        }
    }

    #[test]
    fn parse_urlencoded_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200), limits in limits()) {
        let _ = parse_urlencoded(&bytes, &limits);
        let _ = parse_urlencoded(&bytes, &FormLimits::default());
    }

    #[test]
    fn parse_urlencoded_reads_what_a_browser_encodes(pairs in prop::collection::vec((".{0,5}", ".{0,5}"), 0..8)) {
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish();
        let fields = parse_urlencoded(body.as_bytes(), &FormLimits::default()).unwrap();
        let got: Vec<(String, String)> = fields.texts().map(|(name, value)| (name.to_owned(), value.to_owned())).collect();
        prop_assert_eq!(got, pairs);
    }

    #[test]
    fn parse_multipart_never_panics(
        bytes in multipart_body(),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
        limits in prop::option::of(limits()),
    ) {
        let mut at: Vec<usize> = cuts.iter().map(|it| it.index(bytes.len() + 1)).collect();
        at.sort_unstable();
        let (mut chunks, mut start) = (Vec::new(), 0);
        for end in at.into_iter().chain([bytes.len()]) {
            chunks.push(Ok::<_, std::io::Error>(Bytes::copy_from_slice(&bytes[start..end])));
            start = end;
        }
        let body = Body::from_stream(futures_util::stream::iter(chunks));
        let limits = limits.unwrap_or_default();
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let res = runtime.block_on(parse_multipart(body, "multipart/form-data; boundary=B", &limits));
        if let Ok(fields) = res {
            prop_assert!(fields.entries().len() <= limits.max_fields);
        }
    }
}

#[tokio::test]
async fn a_multipart_form_decodes_with_its_empty_file_input() {
    #[derive(Debug, Deserialize)]
    struct Profile {
        name: String,
        age: u8,
        avatar: Option<Upload>,
        photos: Vec<Upload>,
    }
    let body = "--B\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAnn\r\n\
        --B\r\nContent-Disposition: form-data; name=\"age\"\r\n\r\n300\r\n\
        --B\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"\"\r\n\
        Content-Type: application/octet-stream\r\n\r\n\r\n\
        --B\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"a.gif\"\r\n\
        Content-Type: image/gif\r\n\r\nGIF89a\r\n--B--\r\n";
    let limits = FormLimits::default();
    let fields = parse_multipart(Body::from(body), "multipart/form-data; boundary=B", &limits);
    let mut fields = fields.await.unwrap();
    let errors = decode::<Profile>(&fields).unwrap_err();
    assert_eq!(errors, [("age".to_owned(), "Enter a whole number from 0 to 255.".to_owned())]);
    assert_eq!(fields.remove("age").as_deref(), Some("300"));
    fields = Fields::new(
        [fields.entries(), &[("age".to_owned(), FieldValue::Text("30".into()))]].concat(),
    );
    let profile = decode::<Profile>(&fields).unwrap();
    assert_eq!((profile.name.as_str(), profile.age, profile.avatar.is_none()), ("Ann", 30, true));
    assert_eq!(profile.photos[0].check_type(&["image/gif"]), Ok(()));
}
