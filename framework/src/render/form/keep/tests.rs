use super::{error_id, keep};
use crate::render::form::Replay;

fn replay(values: &[(&str, &str)], errors: &[(&str, &str)], message: Option<&str>) -> Replay {
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
    };
    Replay {
        submit: "create_note".to_owned(),
        values: pairs(values),
        errors: pairs(errors),
        message: message.map(str::to_owned),
        ..Replay::default()
    }
}

#[test]
fn text_inputs_get_the_typed_value_escaped_and_errors_after_them() {
    let markup = r#"<label>Title <input name="title" value="old"></label><input name="tag"/>"#;
    let kept = keep(
        markup,
        &replay(&[("title", "a\"<b>&"), ("tag", "x")], &[("title", "Too long.")], None),
    );
    assert_eq!(
        kept,
        "<label>Title <input name=\"title\" value=\"a&quot;&lt;b&gt;&amp;\" aria-invalid=\"true\" \
         aria-describedby=\"r-error-create_note-title\"><span class=\"r-field-error\" \
         id=\"r-error-create_note-title\">Too long.</span></label><input name=\"tag\" value=\"x\"/>"
    );
}

#[test]
fn passwords_files_and_hidden_fields_are_never_written_back() {
    let markup = r#"<input type="password" name="pw"><input type="file" name="f"><input type="hidden" name="id" value="7">"#;
    let kept = keep(markup, &replay(&[("pw", "hunter2"), ("f", "x.png"), ("id", "8")], &[], None));
    assert_eq!(kept, markup);
    assert!(!kept.contains("hunter2"));
}

#[test]
fn checkboxes_radios_selects_and_textareas_follow_what_was_sent() {
    let markup = "<input type=\"checkbox\" name=\"done\" checked><input type=\"radio\" name=\"c\" value=\"r\">\
                  <input type=\"radio\" name=\"c\" value=\"g\" checked>\
                  <select name=\"s\"><option value=\"1\" selected>One</option><option>Two</option></select>\
                  <textarea name=\"body\">server</textarea>";
    let kept =
        keep(markup, &replay(&[("c", "r"), ("s", "Two"), ("body", "typed <here>")], &[], None));
    assert_eq!(
        kept,
        "<input type=\"checkbox\" name=\"done\"><input type=\"radio\" name=\"c\" value=\"r\" checked>\
         <input type=\"radio\" name=\"c\" value=\"g\">\
         <select name=\"s\"><option value=\"1\">One</option><option selected>Two</option></select>\
         <textarea name=\"body\">typed &lt;here&gt;</textarea>"
    );
}

#[test]
fn repeated_names_take_their_values_in_order() {
    let markup = r#"<input name="tag"><input name="tag"><input name="tag" value="s">"#;
    let kept = keep(markup, &replay(&[("tag", "a"), ("tag", "b")], &[], None));
    assert_eq!(
        kept,
        r#"<input name="tag" value="a"><input name="tag" value="b"><input name="tag" value="s">"#
    );
}

#[test]
fn errors_without_a_field_and_the_form_message_come_first() {
    let kept = keep("<p>x</p>", &replay(&[], &[("ghost", "Bad <b>")], Some("Try again & later")));
    assert_eq!(
        kept,
        "<p class=\"r-form-error\" role=\"alert\">Try again &amp; later</p>\
         <p class=\"r-form-error\" role=\"alert\">ghost: Bad &lt;b&gt;</p><p>x</p>"
    );
}

#[test]
fn comments_scripts_and_broken_markup_are_copied_as_they_are() {
    let markup = "<!--r:0--><input name=a><!--/r--><script>if (a<b) x='<input name=a>'</script>< 3 <input name=";
    let kept = keep(markup, &replay(&[("a", "1")], &[], None));
    assert_eq!(
        kept,
        "<!--r:0--><input name=a value=\"1\"><!--/r--><script>if (a<b) x='<input name=a>'</script>< 3 <input name="
    );
}

#[test]
fn textarea_errors_follow_its_end_tag_and_select_errors_the_select() {
    let markup = "<textarea name=\"t\"></textarea><select name=\"s\"><option>a</option></select>";
    let kept = keep(markup, &replay(&[], &[("t", "Required."), ("s", "Choose.")], None));
    let t = error_id("create_note", "t");
    let s = error_id("create_note", "s");
    assert_eq!(
        kept,
        format!(
            "<textarea name=\"t\" aria-invalid=\"true\" aria-describedby=\"{t}\"></textarea>\
             <span class=\"r-field-error\" id=\"{t}\">Required.</span>\
             <select name=\"s\" aria-invalid=\"true\" aria-describedby=\"{s}\"><option>a</option></select>\
             <span class=\"r-field-error\" id=\"{s}\">Choose.</span>"
        )
    );
}

#[test]
fn ids_are_safe_whatever_the_field_name() {
    assert_eq!(error_id("save", "tags[0] \"x\""), "r-error-save-tags-0---x-");
}

proptest::proptest! {
    #[test]
    fn any_markup_survives(markup in "(<|>|/|=|\"|'|input|name|a|textarea|select|option|!--|-->| |&|;|#)*") {
        let out = keep(&markup, &replay(&[("a", "v")], &[("a", "e")], None));
        // Nothing is lost: without fields named in the replay, the markup is unchanged.
        let unchanged = keep(&markup, &replay(&[], &[], None));
        proptest::prop_assert_eq!(unchanged, markup);
        let _ = out;
    }
}
