pub mod fixture {
    use resuma::prelude::*;

    pub struct Store;

    impl Store {
        #[server]
        async fn save(&self, text: String) {
                    //^^^^^ R065
            let _ = text;
        }
    }
}
