pub mod fixture {
    use resuma::flow::{LoadCx, LoadError};
    use resuma::prelude::*;

    #[load]
    pub fn load(cx: LoadCx) -> Result<String, LoadError> {
      //^^ R080
        cx.param("slug")
    }
}
