fn main() {
    let q = resuma::use_signal(0);
    let _ = resuma::computed!([q], move || q.get() + 1);
}
