"""The recap workbook's page setup: what its printed pages say in the footer."""

TEXTS: dict[str, tuple[str, str]] = {
    "footer": ("Rekap Desk Pilkada {province} · {date}",
               "Desk Pilkada recap, {province} · {date}"),
    "page": ("Halaman &P dari &N",
             "Page &P of &N"),
}
