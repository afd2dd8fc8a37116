title = Resuma in your language
hello = Hello!
intro = This page speaks { $language }. Change it below, or in your browser's settings.
switch = Read it in
fields-wrong = { $count ->
    [one] One field needs another look.
   *[other] { $count } fields need another look.
}
contact = Write to us
name = Name
age = Age
send = Send
thanks = Thank you, { $name }.
error-name-required = Tell us your name.
error-age-number = Write your age in digits.
error-age-range = An age is between { $min } and { $max }.
