pub mod fixture {
    use resuma::prelude::*;

    #[component]
    pub struct Card;
      //^^^^^^ R058
}
