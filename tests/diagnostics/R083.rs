pub mod fixture {
    use resuma::flow::{FormError, Submitted};
    use resuma::prelude::*;

    #[submit]
    pub async fn save(form: String) -> Result<Submitted, FormError> {
                    //^^^^^^^^^^^^ R083
        let _ = form;
        Ok(Submitted::redirect("/"))
    }
}
