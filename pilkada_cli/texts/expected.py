"""What a cell of each type should hold, as said in an issue ("bukan bilangan bulat")."""

TEXTS: dict[str, tuple[str, str]] = {
    "integer": ("bilangan bulat", "a whole number"),
    "number": ("angka", "a number"),
    "percent": ("persentase (0-100)", "a percentage (0-100)"),
    "date": ("tanggal (mis. 18 November 2024)", "a date (e.g. 18 November 2024)"),
    "time": ("jam (mis. 14.30)", "a time (e.g. 14:30)"),
    "text": ("teks", "text"),
}
