title = Resuma in Ihrer Sprache
hello = Hallo!
intro = Diese Seite spricht { $language }. Ändern Sie es unten oder in den Einstellungen Ihres Browsers.
switch = Lesen auf
fields-wrong = { $count ->
    [one] Ein Feld braucht noch einen Blick.
   *[other] { $count } Felder brauchen noch einen Blick.
}
contact = Schreiben Sie uns
name = Name
age = Alter
send = Senden
thanks = Danke, { $name }.
error-name-required = Bitte nennen Sie Ihren Namen.
error-age-number = Bitte geben Sie Ihr Alter in Ziffern an.
error-age-range = Ein Alter liegt zwischen { $min } und { $max }.
