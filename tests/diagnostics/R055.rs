pub mod fixture {
    use resuma::prelude::*;

    #[component]
    fn Point((x, y): (i32, i32)) -> View {
           //^^^^^^ R055
        view! { <p>{x} "," {y}</p> }
    }
}
