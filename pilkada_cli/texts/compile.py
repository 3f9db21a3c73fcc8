"""`pilkada compile`: the console's words."""

TEXTS: dict[str, tuple[str, str]] = {
    'written': ('ditulis',
                'written'),
    'strict': ('--strict: ada kabupaten/kota yang belum melapor atau laporannya tidak sah.',
               '--strict: a regency/city has not reported or its report is invalid.'),
}
