"""The desk's configuration: which regencies report, where files live, limits.

Built-in defaults describe Kalimantan Timur, so the tool runs with no config at
all; a `pilkada.yaml` overrides any key, and another province is only another file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pilkada_cli.errors import ConfigError
from pilkada_cli.texts import phrase
from pilkada_cli.yamlfile import InvalidYaml, read_yaml

CONFIG_NAME = "pilkada.yaml"

DEFAULT_REGENCIES: list[dict[str, Any]] = [
    {"code": "64.01", "name": "Kabupaten Paser", "aliases": ["Paser"]},
    {"code": "64.02", "name": "Kabupaten Kutai Barat", "aliases": ["Kubar"]},
    {"code": "64.03", "name": "Kabupaten Kutai Kartanegara", "aliases": ["Kukar"]},
    {"code": "64.04", "name": "Kabupaten Kutai Timur", "aliases": ["Kutim"]},
    {"code": "64.05", "name": "Kabupaten Berau", "aliases": ["Berau"]},
    {"code": "64.09", "name": "Kabupaten Penajam Paser Utara", "aliases": ["PPU"]},
    {"code": "64.11", "name": "Kabupaten Mahakam Ulu", "aliases": ["Mahulu", "Mahakam Hulu"]},
    {"code": "64.71", "name": "Kota Balikpapan", "aliases": ["Balikpapan", "BPN"]},
    {"code": "64.72", "name": "Kota Samarinda", "aliases": ["Samarinda", "SMD"]},
    {"code": "64.74", "name": "Kota Bontang", "aliases": ["Bontang"]},
]

DEFAULTS: dict[str, Any] = {
    "province": {"code": "64", "name": "Kalimantan Timur"},
    "timezone": "Asia/Makassar",
    "timezone_label": "WITA",
    "election_day": "2024-11-27",
    "deadline": "18:00",
    "regencies": DEFAULT_REGENCIES,
    # Names of provinces by code, for a config that spans several (the national view).
    "provinces": {},
    "paths": {"inbox": "inbox", "out": "out", "archive": "archive", "store": "pilkada.sqlite"},
    "schema": None,
    "templates": None,
    "template_password": None,
    # Who receives the desk's messages for each regency (pilkada kirim).
    "contacts": [],
    # The mail servers for sending messages (smtp) and taking reports in (imap).
    "smtp": None,
    "imap": None,
    # The one-page summary's map: a GeoJSON file of boundaries, or
    # {tiles: {code: [column, row]}, boundaries: FILE}; null: the built-in tile map.
    "map": None,
    # How files are taken from an inbox: a symlink leading out of it is refused unless allowed.
    "inbox": {"follow_symlinks": False},
    # The province's targets the briefing shows beside a figure, by field (a percentage).
    "targets": {"partisipasi.proyeksi": 79},
    # The briefing's closing: the place it is signed at, and the Desk head's title, name and
    # NIP (each left out when null).
    "signature": {"place": "Samarinda", "title": None, "name": None, "nip": None},
    "limits": {
        "max_file_mb": 20,
        "max_inflated_mb": 100,
        "max_members": 1000,
        "max_ratio": 500,
        "max_rows": 5000,
        "max_cols": 200,
        "max_seconds": 10,
        "max_memory_mb": 1024,
    },
}


@dataclass(frozen=True)
class Regency:
    code: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def province_code(self) -> str:
        return self.code.split(".")[0]


@dataclass(frozen=True)
class Contact:
    """Where a regency's desk is reached: phone numbers as 62… and e-mail addresses."""

    regency: str
    name: str = ""
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class MailServer:
    """An SMTP or IMAP server. The password is never in the file: it is read from the
    environment variable `password_env` when the server is used."""

    host: str
    port: int
    user: str | None = None
    password_env: str | None = None
    ssl: bool = False
    starttls: bool = False
    cafile: Path | None = None
    sender: str | None = None
    folder: str = "INBOX"

    def password(self) -> str | None:
        """The password from the environment; a user without one is a config error."""
        if self.user is None:
            return None
        if not self.password_env:
            raise ConfigError(phrase("config", "no_password_env", host=self.host,
                                     user=self.user))
        value = os.environ.get(self.password_env)
        if not value:
            raise ConfigError(phrase("config", "env_unset", host=self.host,
                                     env=self.password_env))
        return value


@dataclass(frozen=True)
class Limits:
    """Bounds applied to every workbook before it is parsed (see README, Security)."""

    max_file_bytes: int
    max_inflated_bytes: int
    max_members: int
    max_ratio: int
    max_rows: int
    max_cols: int
    max_seconds: float
    max_memory_bytes: int


@dataclass(frozen=True)
class Signature:
    """Who signs the briefing, and where; any part may be left out (None)."""

    place: str | None = None
    title: str | None = None
    name: str | None = None
    nip: str | None = None


@dataclass(frozen=True)
class Config:
    province_code: str
    province_name: str
    timezone: ZoneInfo
    timezone_label: str
    election_day: dt.date
    deadline: dt.time
    regencies: tuple[Regency, ...]
    provinces: dict[str, str]
    paths: dict[str, Path]
    schema_path: Path | None
    templates_dir: Path | None
    template_password: str | None
    limits: Limits
    source: Path | None = field(default=None)
    contacts: tuple[Contact, ...] = ()
    smtp: MailServer | None = None
    imap: MailServer | None = None
    # The summary map: a tile (column, row) per regency code, and a GeoJSON of boundaries.
    map_tiles: dict[str, tuple[int, int]] = field(default_factory=dict)
    map_boundaries: Path | None = None
    follow_symlinks: bool = False
    targets: dict[str, float] = field(default_factory=dict)
    signature: Signature = Signature()

    def today(self) -> dt.date:
        """Today in the province's time zone, not on the server's clock."""
        return dt.datetime.now(self.timezone).date()

    def regency(self, code: str) -> Regency | None:
        return next((r for r in self.regencies if r.code == code), None)

    def contact(self, code: str) -> Contact | None:
        return next((c for c in self.contacts if c.regency == code), None)

    def province_of(self, regency: Regency) -> str:
        code = regency.province_code
        if code == self.province_code:
            return self.province_name
        return self.provinces.get(code, code)


def find_config(explicit: Path | None) -> Path | None:
    """The config to use: the one given, else ./pilkada.yaml if present, else none."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(phrase("config", "not_found", path=explicit))
        return explicit
    local = Path.cwd() / CONFIG_NAME
    return local if local.is_file() else None


def load_config(path: Path | None = None) -> Config:
    """Read the config (or the built-in defaults) and check every value."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            loaded = read_yaml(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(phrase("config", "unreadable", path=path, why=exc)) from exc
        except InvalidYaml as exc:
            raise ConfigError(phrase("config", "not_yaml", path=path, why=exc)) from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(phrase("config", "top_level", path=path))
        data = loaded or {}
    unknown = sorted(set(data) - set(DEFAULTS))
    if unknown:
        raise ConfigError(phrase("config", "unknown_setting",
                                 at=f"{_where(path)}{unknown[0]}"))
    merged = {**DEFAULTS, **data}
    for key in ("paths", "limits", "inbox", "signature"):
        if not isinstance(merged[key], dict):
            raise ConfigError(phrase("config", "mapping", at=f"{_where(path)}{key}"))
        merged[key] = {**DEFAULTS[key], **merged[key]}
    return _build(merged, path)


def _where(path: Path | None) -> str:
    return f"{path}: " if path else ""


def _build(raw: dict[str, Any], path: Path | None) -> Config:
    where = _where(path)
    base = path.parent if path else Path.cwd()

    province = raw["province"]
    if not isinstance(province, dict) or not {"code", "name"} <= set(province):
        raise ConfigError(phrase("config", "province", at=f"{where}province"))
    try:
        tz = ZoneInfo(str(raw["timezone"]))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(phrase("config", "timezone", at=f"{where}timezone",
                                 value=raw["timezone"])) from exc
    election_day = _date(raw["election_day"], f"{where}election_day")
    deadline = _time(raw["deadline"], f"{where}deadline")

    regencies = raw["regencies"]
    if not isinstance(regencies, list) or not regencies:
        raise ConfigError(phrase("config", "regencies", at=f"{where}regencies"))
    units: list[Regency] = []
    seen: set[str] = set()
    for i, item in enumerate(regencies):
        at = f"{where}regencies[{i}]"
        if not isinstance(item, dict) or not {"code", "name"} <= set(item):
            raise ConfigError(phrase("config", "regency", at=at))
        code = str(item["code"])
        if code in seen:
            raise ConfigError(phrase("config", "code_twice", at=at, code=code))
        seen.add(code)
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list):
            raise ConfigError(phrase("config", "aliases", at=at))
        units.append(Regency(code, str(item["name"]), tuple(str(a) for a in aliases)))

    limits_raw = raw["limits"]
    extra = sorted(set(limits_raw) - set(DEFAULTS["limits"]))
    if extra:
        raise ConfigError(phrase("config", "unknown_limit", at=f"{where}limits.{extra[0]}",
                                 known=", ".join(DEFAULTS["limits"])))
    for key, value in limits_raw.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ConfigError(phrase("config", "limit_positive", at=f"{where}limits.{key}",
                                     value=value))
    try:
        limits = Limits(
            max_file_bytes=int(limits_raw["max_file_mb"] * 1024 * 1024),
            max_inflated_bytes=int(limits_raw["max_inflated_mb"] * 1024 * 1024),
            max_members=int(limits_raw["max_members"]),
            max_ratio=int(limits_raw["max_ratio"]),
            max_rows=int(limits_raw["max_rows"]),
            max_cols=int(limits_raw["max_cols"]),
            max_seconds=float(limits_raw["max_seconds"]),
            max_memory_bytes=int(limits_raw["max_memory_mb"] * 1024 * 1024),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(phrase("config", "limits_numbers", at=f"{where}limits", why=exc)) from exc

    inbox = raw["inbox"]
    extra = sorted(set(inbox) - set(DEFAULTS["inbox"]))
    if extra:
        raise ConfigError(phrase("config", "unknown_setting", at=f"{where}inbox.{extra[0]}"))
    if not isinstance(inbox["follow_symlinks"], bool):
        raise ConfigError(phrase("config", "expected_bool", at=f"{where}inbox.follow_symlinks",
                                 value=inbox["follow_symlinks"]))

    paths = raw["paths"]
    map_tiles, map_boundaries = _map(raw["map"], {u.code for u in units}, base, where)
    return Config(
        province_code=str(province["code"]),
        province_name=str(province["name"]),
        timezone=tz,
        timezone_label=str(raw["timezone_label"] or ""),
        election_day=election_day,
        deadline=deadline,
        regencies=tuple(units),
        provinces={str(k): str(v) for k, v in (raw["provinces"] or {}).items()},
        paths={k: base / str(v) for k, v in paths.items()},
        schema_path=base / raw["schema"] if raw["schema"] else None,
        templates_dir=base / raw["templates"] if raw["templates"] else None,
        # YAML reads `template_password: 1234` as a number; Excel hashes text.
        template_password=str(raw["template_password"]) if raw["template_password"] not in
        (None, "") else None,
        limits=limits,
        source=path,
        contacts=_contacts(raw["contacts"], units, where),
        smtp=_server(raw["smtp"], "smtp", base, where),
        imap=_server(raw["imap"], "imap", base, where),
        map_tiles=map_tiles,
        map_boundaries=map_boundaries,
        follow_symlinks=inbox["follow_symlinks"],
        targets=_targets(raw["targets"], where),
        signature=_signature(raw["signature"], where),
    )


def _targets(value: Any, where: str) -> dict[str, float]:
    """`targets: {field: percent}`: what the province aims at, beside the figure."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(phrase("config", "targets", at=f"{where}targets"))
    targets = {}
    for key, target in value.items():
        at = f"{where}targets.{key}"
        if isinstance(target, bool) or not isinstance(target, int | float) \
                or not 0 <= target <= 100:
            raise ConfigError(phrase("config", "target_value", at=at, value=target))
        targets[str(key)] = float(target)
    return targets


def _signature(value: dict[str, Any], where: str) -> Signature:
    """`signature: {place, title, name, nip}`: texts, each optional."""
    extra = sorted(set(value) - set(DEFAULTS["signature"]))
    if extra:
        raise ConfigError(phrase("config", "unknown_setting",
                                 at=f"{where}signature.{extra[0]}"))
    parts: dict[str, str | None] = {}
    for key, text in value.items():
        if text is not None and (isinstance(text, bool) or
                                 not isinstance(text, str | int | float)):
            raise ConfigError(phrase("config", "signature_text", at=f"{where}signature.{key}",
                                     value=text))
        # YAML reads an NIP of digits as a number; it is text.
        parts[key] = str(text).strip() or None if text is not None else None
    return Signature(**parts)


def _map(value: Any, codes: set[str], base: Path,
         where: str) -> tuple[dict[str, tuple[int, int]], Path | None]:
    """`map: FILE.geojson` or `map: {tiles: {code: [column, row]}, boundaries: FILE}`."""
    if value is None:
        return {}, None
    if isinstance(value, str):
        return {}, base / value
    if not isinstance(value, dict):
        raise ConfigError(phrase("config", "map_kind", where=where))
    extra = sorted(set(value) - {"tiles", "boundaries"})
    if extra:
        raise ConfigError(phrase("config", "map_unknown", where=where, key=extra[0]))
    boundaries = value.get("boundaries")
    if boundaries is not None and not isinstance(boundaries, str):
        raise ConfigError(phrase("config", "map_boundaries", where=where))
    tiles_raw = value.get("tiles") or {}
    if not isinstance(tiles_raw, dict):
        raise ConfigError(phrase("config", "map_tiles", where=where))
    tiles: dict[str, tuple[int, int]] = {}
    taken: dict[tuple[int, int], str] = {}
    for code, cell in tiles_raw.items():
        at = f"{where}map.tiles.{code}"
        if str(code) not in codes:
            key = "tile_unknown" if isinstance(code, str) else "tile_unquoted"
            raise ConfigError(phrase("config", key, at=at))
        if not (isinstance(cell, list) and len(cell) == 2 and all(
                isinstance(n, int) and not isinstance(n, bool) and 0 <= n < 1000
                for n in cell)):
            raise ConfigError(phrase("config", "tile_place", at=at, value=repr(cell)))
        place = (cell[0], cell[1])
        if place in taken:
            raise ConfigError(phrase("config", "tile_taken", at=at, column=place[0],
                                     row=place[1], other=taken[place]))
        taken[place] = str(code)
        tiles[str(code)] = place
    return tiles, base / boundaries if boundaries else None


def _date(value: Any, at: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(phrase("config", "date", at=at, value=value)) from exc


def _time(value: Any, at: str) -> dt.time:
    # YAML 1.1 reads an unquoted 18:00 as the sexagesimal number 1080.
    if isinstance(value, int):
        value = f"{value // 60:02d}:{value % 60:02d}"
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", str(value).strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ConfigError(phrase("config", "time", at=at, value=value))
    return dt.time(int(match[1]), int(match[2]))


_EMAIL = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+")


def _contacts(raw: Any, units: list[Regency], where: str) -> tuple[Contact, ...]:
    """`contacts: [{regency: Kukar, name: ..., phone: 0812..., email: ...}]`, each regency once,
    named by code, name or short form; phone and email may be one value or a list."""
    from pilkada_cli.formats import wa_number

    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(phrase("config", "contacts", at=f"{where}contacts"))
    names = {n.casefold(): u.code for u in units for n in (u.code, u.name, *u.aliases)}
    found: dict[str, Contact] = {}
    for i, item in enumerate(raw):
        at = f"{where}contacts[{i}]"
        if not isinstance(item, dict) or "regency" not in item:
            raise ConfigError(phrase("config", "contact", at=at))
        unknown = sorted(set(item) - {"regency", "name", "phone", "email"})
        if unknown:
            raise ConfigError(phrase("config", "unknown_key", at=f"{at}.{unknown[0]}",
                                     known="regency, name, phone, email"))
        code = names.get(str(item["regency"]).strip().casefold())
        if code is None:
            raise ConfigError(phrase("config", "contact_regency", at=at, value=item["regency"]))
        if code in found:
            raise ConfigError(phrase("config", "contact_twice", at=at, code=code))
        phones = []
        for phone in _values(item.get("phone"), f"{at}.phone"):
            number = wa_number(phone)
            if number is None:
                raise ConfigError(phrase("config", "phone", at=f"{at}.phone", value=phone))
            phones.append(number)
        emails = _values(item.get("email"), f"{at}.email")
        for email in emails:
            if not _EMAIL.fullmatch(email):
                raise ConfigError(phrase("config", "email", at=f"{at}.email", value=email))
        found[code] = Contact(code, str(item.get("name") or ""), tuple(phones), tuple(emails))
    return tuple(found.values())


def _values(raw: Any, at: str) -> list[str]:
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in items):
        raise ConfigError(phrase("config", "texts", at=at))
    return [str(v).strip() for v in items if str(v).strip()]


_SERVER_KEYS = {"smtp": ("host", "port", "user", "password_env", "ssl", "starttls", "cafile",
                         "from"),
                "imap": ("host", "port", "user", "password_env", "ssl", "starttls", "cafile",
                         "folder")}


def _server(raw: Any, key: str, base: Path, where: str) -> MailServer | None:
    """`smtp:` or `imap:`. TLS is the default (STARTTLS for SMTP, implicit TLS for IMAP);
    plain text only when both `ssl` and `starttls` are false."""
    if raw is None:
        return None
    at = f"{where}{key}"
    if not isinstance(raw, dict):
        raise ConfigError(phrase("config", "server", at=at))
    if "password" in raw:
        raise ConfigError(phrase("config", "password", at=at))
    unknown = sorted(set(raw) - set(_SERVER_KEYS[key]))
    if unknown:
        raise ConfigError(phrase("config", "unknown_key", at=f"{at}.{unknown[0]}",
                                 known=", ".join(_SERVER_KEYS[key])))
    host = str(raw.get("host") or "").strip()
    if not host:
        raise ConfigError(phrase("config", "host", at=at, kind=key.upper()))
    flags = {}
    for name in ("ssl", "starttls"):
        value = raw.get(name)
        if value is not None and not isinstance(value, bool):
            raise ConfigError(phrase("config", "flag", at=f"{at}.{name}", value=value))
        flags[name] = value
    ssl = flags["ssl"] if flags["ssl"] is not None else key == "imap"
    starttls = flags["starttls"] if flags["starttls"] is not None else (key == "smtp" and not ssl)
    if ssl and starttls:
        raise ConfigError(phrase("config", "ssl_starttls", at=at))
    default_port = {("smtp", True): 465, ("imap", True): 993, ("smtp", False): 587 if starttls
                    else 25, ("imap", False): 143}[(key, ssl)]
    port = raw.get("port", default_port)
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise ConfigError(phrase("config", "port", at=at, value=port))
    sender = raw.get("from")
    if sender is not None and not _EMAIL.search(str(sender)):
        raise ConfigError(phrase("config", "sender", at=at, value=sender))
    user = raw.get("user")
    return MailServer(
        host=host, port=port, user=str(user) if user not in (None, "") else None,
        password_env=str(raw["password_env"]) if raw.get("password_env") else None,
        ssl=ssl, starttls=starttls,
        cafile=base / str(raw["cafile"]) if raw.get("cafile") else None,
        sender=str(sender) if sender else None,
        folder=str(raw.get("folder") or "INBOX"))
