//! Turns `src/pages/` into the page table `resuma::pages!()` includes.

fn main() {
    resuma_build::pages();
}
