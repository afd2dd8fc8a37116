use resuma::prelude::*;

pub fn handler() {
    let _ = js! { console.log("hi") };
                //^^^^^^^^^^^^^^^^^ R039
}
