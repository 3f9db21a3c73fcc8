"""Failures that stop a run (the store, its lock and log), said to the desk."""

TEXTS: dict[str, tuple[str, str]] = {
    'locked': (
        "proses pilkada lain masih memakai penyimpanan {store} setelah {seconds} detik "
        "(berkas kunci {lock}); coba lagi nanti, atau beri waktu lebih dengan --wait",
        "another pilkada run is still using the store {store} after {seconds} s (lock file "
        "{lock}); try again later, or give more time with --wait"),
    'lock_failed': (
        "kunci penyimpanan tidak dapat diambil: {why}",
        "cannot take the store's lock: {why}"),
    'no_store': (
        "belum ada penyimpanan di {path}: penyimpanan dibuat oleh `pilkada check` (dengan "
        "pilkada.yaml) atau `pilkada compile` saat membaca laporan",
        "no store yet at {path}: it is made by `pilkada check` (with a pilkada.yaml) or "
        "`pilkada compile` as they read reports"),
}
