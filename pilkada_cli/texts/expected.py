"""What a cell of each type should hold, as said in an issue ("bukan bilangan bulat")."""

TEXTS: dict[str, tuple[str, str]] = {
    "integer": ("bilangan bulat", "a whole number"),
    "number": ("angka", "a number"),
    "percent": ("persentase (0-100)", "a percentage (0-100)"),
    "date": ("tanggal (mis. 18 November 2024)", "a date (e.g. 18 November 2024)"),
    "time": ("jam (mis. 14.30)", "a time (e.g. 14:30)"),
    "text": ("teks", "text"),
    # '1,234' alone, in an integer cell and in a number or percentage cell.
    "ambiguous_integer": (
        "{what} yang jelas: dapat dibaca {thousands} (ribuan) atau {decimal} (desimal). "
        "Ketik angkanya tanpa pemisah ribuan, misalnya {plain}",
        "{what} that reads one way only: it may be {thousands} (thousands) or {decimal} "
        "(a decimal). Type the number without a thousands separator, e.g. {plain}",
    ),
    "ambiguous_number": (
        "{what} yang jelas: dapat dibaca {thousands} (ribuan) atau {decimal} (desimal). "
        "Ketik {plain} untuk ribuan, atau {decimal_plain} untuk desimal",
        "{what} that reads one way only: it may be {thousands} (thousands) or {decimal} "
        "(a decimal). Type {plain} for thousands, or {decimal_plain} for the decimal",
    ),
}
