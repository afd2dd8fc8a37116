pub mod fixture {
    use resuma::prelude::*;

    #[server]
    fn add(a: i32, b: i32) -> i32 {
  //^^ R062
        a + b
    }
}
