pub mod fixture {
    use resuma::prelude::*;

    #[server]
    async fn echo<T: Clone>(value: T) -> T {
               //^^^^^^^^^^ R063
        value
    }
}
