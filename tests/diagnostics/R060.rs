pub mod fixture {
    use resuma::prelude::*;

    #[server(limit = 10)]
           //^^^^^^^^^^ R060
    async fn save(text: String) -> Result<(), String> {
        let _ = text;
        Ok(())
    }
}
