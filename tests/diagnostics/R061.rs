pub mod fixture {
    use resuma::prelude::*;

    #[server(rate = "10/day")]
                  //^^^^^^^^ R061
    async fn save(text: String) -> Result<(), String> {
        let _ = text;
        Ok(())
    }
}
