pub mod fixture {
    use resuma::flow::{Request, Response};
    use resuma::prelude::*;

    #[middleware]
    pub async fn guard(req: Request) -> Response {
                     //^^^^^^^^^^^^ R081
        let _ = req;
        Response::default()
    }
}
