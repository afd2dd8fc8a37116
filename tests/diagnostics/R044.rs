use resuma::prelude::*;

pub fn helper() {
    let q = use_signal(1);
    let _ = computed!([q], move || q.get() + 1);
                    //^^^^^^^^^^^^^^^^^^^^^^^^ R044
}
