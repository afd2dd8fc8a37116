pub mod fixture {
    use resuma::prelude::*;

    #[server]
    async fn add((a, b): (i32, i32)) -> i32 {
               //^^^^^^ R064
        a + b
    }
}
