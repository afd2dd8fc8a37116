use bytes::Bytes;
use serde::Deserialize;

use super::value::*;
use super::*;
use crate::flow::form::fields::{parse_urlencoded, FormLimits};
use crate::flow::form::upload::Upload;

type Errors = Vec<(String, String)>;

/// Decodes a urlencoded body, plus file parts `(name, file name, bytes)`.
#[track_caller]
fn check<T: DeserializeOwned>(body: &str, files: &[(&str, &str, &[u8])]) -> Result<T, Errors> {
    let parsed = parse_urlencoded(body.as_bytes(), &FormLimits::default()).expect("a form");
    let mut entries = parsed.entries().to_vec();
    for (name, file_name, bytes) in files {
        let upload = Upload::new(
            Some(file_name.to_string()),
            Some("image/png".into()),
            Bytes::copy_from_slice(bytes),
        );
        entries.push((name.to_string(), FieldValue::File(upload)));
    }
    decode(&Fields::new(entries))
}

fn errors(expect: &[(&str, &str)]) -> Errors {
    expect.iter().map(|(name, message)| (name.to_string(), message.to_string())).collect()
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
enum Size {
    Small,
    Large,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Order {
    quantity: u8,
    size: Size,
    email: String,
    gift: bool,
    price: f64,
}

#[test]
fn every_bad_field_at_once_in_struct_order() {
    let res = check::<Order>("price=cheap&quantity=300&size=huge&email=a%40b&gift=on", &[]);
    assert_eq!(
        res.unwrap_err(),
        errors(&[
            ("quantity", "Enter a whole number from 0 to 255."),
            ("size", "Choose one of the options."),
            ("price", "Enter a number."),
        ])
    );
    let order = check::<Order>("quantity=+3&size=large&email=a%40b&price=%202.5", &[]).unwrap();
    assert_eq!(
        order,
        Order { quantity: 3, size: Size::Large, email: "a@b".into(), gift: false, price: 2.5 }
    );
}

#[derive(Debug, Deserialize, PartialEq)]
struct Note {
    title: String,
    count: u32,
    subscribe: bool,
    comment: Option<String>,
    tags: Vec<String>,
    kind: Size,
}

#[test]
fn missing_required_vs_absent_checkbox_option_and_list() {
    assert_eq!(
        check::<Note>("", &[]).unwrap_err(),
        errors(&[("title", REQUIRED), ("count", REQUIRED), ("kind", REQUIRED)])
    );
    // An empty input is sent: "" is a string, but not a number.
    assert_eq!(
        check::<Note>("title=&count=&kind=small&comment=", &[]).unwrap_err(),
        errors(&[("count", REQUIRED)])
    );
    let note = check::<Note>("title=&count=1&kind=small&comment=", &[]).unwrap();
    let expect = Note {
        title: "".into(),
        count: 1,
        subscribe: false,
        comment: None,
        tags: vec![],
        kind: Size::Small,
    };
    assert_eq!(note, expect);
}

#[test]
fn serde_default_keeps_working() {
    fn seven() -> u32 {
        7
    }
    #[derive(Debug, Deserialize, PartialEq)]
    struct Search {
        #[serde(default)]
        q: String,
        #[serde(default = "seven")]
        page: u32,
        #[serde(default)]
        size: Option<u8>,
    }
    assert_eq!(check::<Search>("", &[]), Ok(Search { q: "".into(), page: 7, size: None }));
    assert_eq!(check::<Search>("page=x", &[]), Err(errors(&[("page", WHOLE_NUMBER)])));
}

#[test]
fn integers_name_their_range() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // only the errors are read
    struct Numbers {
        a: u8,
        b: i8,
        c: u64,
        d: u16,
        e: i32,
        f: usize,
    }
    let res = check::<Numbers>("a=-1&b=-129&c=99999999999999999999999&d=2.5&e=12abc&f=-0", &[]);
    assert_eq!(
        res.unwrap_err(),
        errors(&[
            ("a", "Enter a whole number from 0 to 255."),
            ("b", "Enter a whole number from -128 to 127."),
            ("c", "Enter a whole number from 0 to 18446744073709551615."),
            ("d", WHOLE_NUMBER),
            ("e", WHOLE_NUMBER),
        ])
    );
}

#[test]
fn booleans_floats_and_chars() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct Flags {
        a: bool,
        b: bool,
        c: bool,
        d: bool,
        x: f32,
        initial: char,
    }
    let flags = check::<Flags>("a=on&b=YES&c=0&d=&x=-1.5e3&initial=%C3%A9", &[]).unwrap();
    assert_eq!(flags, Flags { a: true, b: true, c: false, d: false, x: -1500.0, initial: 'é' });
    let res = check::<Flags>("a=maybe&b=1&c=off&d=true&x=1e40&initial=ab", &[]);
    assert_eq!(
        res.unwrap_err(),
        errors(&[("a", YES_OR_NO), ("x", NUMBER), ("initial", ONE_CHARACTER)])
    );
    assert_eq!(
        check::<Flags>("x=NaN&initial=", &[]).unwrap_err(),
        errors(&[("x", NUMBER), ("initial", REQUIRED)])
    );
}

#[test]
fn repeated_fields_are_sequences() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct Filter {
        tags: Vec<String>,
        ids: Vec<u32>,
        sizes: Vec<Size>,
        first: String,
    }
    let filter =
        check::<Filter>("tags=a&ids=1&tags=b&ids=2&sizes=small&first=x&first=y", &[]).unwrap();
    assert_eq!(filter.tags, ["a", "b"]);
    assert_eq!(
        (filter.ids, filter.sizes, filter.first.as_str()),
        (vec![1, 2], vec![Size::Small], "x")
    );
    let res = check::<Filter>("tags=a&ids=1&ids=x&ids=y&sizes=tiny&first=", &[]);
    assert_eq!(res.unwrap_err(), errors(&[("ids", WHOLE_NUMBER), ("sizes", CHOOSE_ONE)]));
}

#[test]
fn unknown_fields_are_ignored() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct One {
        a: u8,
    }
    assert_eq!(check::<One>("_csrf=t&_submit=save&a=1&zzz=%E2%9C%93&b=", &[]), Ok(One { a: 1 }));
}

#[test]
fn newtypes_and_optional_numbers() {
    #[derive(Debug, Deserialize, PartialEq)]
    struct Age(u8);
    #[derive(Debug, Deserialize, PartialEq)]
    struct Person {
        age: Age,
        height: Option<u16>,
        weight: Option<u16>,
    }
    assert_eq!(
        check::<Person>("age=30&height=&weight=70", &[]),
        Ok(Person { age: Age(30), height: None, weight: Some(70) })
    );
    assert_eq!(
        check::<Person>("age=x&height=-2", &[]).unwrap_err(),
        errors(&[("age", WHOLE_NUMBER), ("height", "Enter a whole number from 0 to 65535.")])
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // the name is only decoded
struct Profile {
    name: String,
    avatar: Upload,
    banner: Option<Upload>,
    #[serde(default)]
    attachments: Vec<Upload>,
}

#[test]
fn uploads_from_file_parts() {
    let png = b"\x89PNG\r\n\x1a\n....";
    let profile = check::<Profile>(
        "name=Ann",
        &[("avatar", "me.png", png), ("banner", "", b""), ("attachments", "", b"")],
    );
    let profile = profile.unwrap();
    assert_eq!((profile.avatar.file_name(), profile.avatar.len()), (Some("me.png"), png.len()));
    assert_eq!(profile.avatar.check_type(&["image/png"]), Ok(()));
    assert!(profile.banner.is_none());
    assert!(profile.attachments.is_empty());

    let two = check::<Profile>(
        "name=Ann",
        &[("avatar", "a", png), ("attachments", "b", b"1"), ("attachments", "c", b"2")],
    );
    let names: Vec<_> =
        two.unwrap().attachments.iter().map(|it| it.file_name().map(str::to_owned)).collect();
    assert_eq!(names, [Some("b".to_owned()), Some("c".to_owned())]);

    // A script calling itself a PNG is decoded, and refused by the submit's check.
    let fake = check::<Profile>("name=Ann", &[("avatar", "x.png", b"<script>")]).unwrap();
    assert_eq!(
        fake.avatar.check_type(&["image/png", "image/jpeg"]),
        Err("Choose a PNG or JPEG image.".to_owned())
    );
}

#[test]
fn text_for_a_file_and_a_file_for_text_are_field_errors() {
    // A form sent without enctype="multipart/form-data": file inputs arrive as their names.
    let res = check::<Profile>("name=Ann&avatar=me.png&banner=b.png", &[]);
    assert_eq!(res.unwrap_err(), errors(&[("avatar", EXPECTED_FILE), ("banner", EXPECTED_FILE)]));
    let res = check::<Profile>("", &[("name", "n.txt", b"x"), ("avatar", "", b"")]);
    assert_eq!(res.unwrap_err(), errors(&[("name", EXPECTED_TEXT), ("avatar", CHOOSE_FILE)]));
    assert_eq!(
        check::<Profile>("", &[]).unwrap_err(),
        errors(&[("name", REQUIRED), ("avatar", CHOOSE_FILE)])
    );
}

#[derive(Debug, Deserialize)]
#[serde(try_from = "String")]
#[allow(dead_code)] // only its check is used
struct Slug(String);

impl TryFrom<String> for Slug {
    type Error = &'static str;
    fn try_from(text: String) -> Result<Slug, &'static str> {
        match text.bytes().all(|it| it.is_ascii_lowercase() || it == b'-') {
            true => Ok(Slug(text)),
            false => Err("Use lowercase letters and dashes."),
        }
    }
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // only the errors are read
struct Post {
    title: String,
    slug: Slug,
    count: u8,
    nested: Option<Size>,
}

#[test]
fn a_custom_type_refusing_its_value_is_its_field_error() {
    let res = check::<Post>("slug=Not%20OK&count=x", &[]);
    assert_eq!(
        res.unwrap_err(),
        errors(&[
            ("title", REQUIRED),
            ("slug", "Use lowercase letters and dashes."),
            ("count", WHOLE_NUMBER)
        ])
    );
    assert!(check::<Post>("title=t&slug=ok-slug&count=1", &[]).is_ok());
    // Absent, it is required like any other field.
    assert_eq!(check::<Post>("title=t&count=1", &[]).unwrap_err(), errors(&[("slug", REQUIRED)]));
}

#[test]
fn nested_structs_and_non_structs_are_clear_errors() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // only the errors are read
    struct Outer {
        inner: Order,
        n: u8,
    }
    assert_eq!(
        check::<Outer>("inner=x&n=y", &[]).unwrap_err(),
        errors(&[("inner", NESTED), ("n", WHOLE_NUMBER)])
    );
    let res = check::<String>("a=1", &[]).unwrap_err();
    assert_eq!(res.len(), 1);
    assert_eq!(res[0].0, "");
}

#[test]
fn deny_unknown_fields_names_the_field() {
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // only the errors are read
    struct Strict {
        a: u8,
    }
    let res = check::<Strict>("a=x&b=1", &[]).unwrap_err();
    assert_eq!(res[0], ("a".to_owned(), WHOLE_NUMBER.to_owned()));
    assert_eq!(res[1].0, "b");
    assert!(res[1].1.contains("unknown field"), "{res:?}");
}
