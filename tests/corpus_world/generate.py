#!/usr/bin/env python3
"""Generate the WORLD labelled corpora for privaudit ("names, addresses and national numbers
worldwide"):

    python3 tests/corpus_world/generate.py                    # tests/corpus_world/
    python3 tests/corpus_world/generate.py --variant holdout  # tests/corpus_world_holdout/

Each writes corpus.sql (portable SQL, the placeholders of the other corpora) and truth.toml (one
label for every column, with the country the column belongs to). Tables of 45 countries, named in
the local language as a local developer would write them (ASCII-folded snake case, native letters,
native scripts, romanised, or English), with values from the matching Faker locale. Every national
identity or tax number is checked with python-stdnum; where Faker's value does not pass, a valid
one is computed from the published algorithm, so the truth is honest.

INDEPENDENCE: written without reading the scanner's classifier, rules or word lists (only the
category ids of docs/contract.md). Do not tune labels or names towards the scanner's output; see
README.md.

Deterministic: seeded RNGs, Faker's clock frozen at 2024-12-01 and PYTHONHASHSEED=0, so the same
command with the pinned packages (requirements.txt) regenerates the files byte for byte.
"""

import datetime as dt
import os
import random
import re
import sys
import zlib

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import importlib  # noqa: E402
import unicodedata  # noqa: E402

import faker  # noqa: E402
from faker import Faker  # noqa: E402
from faker.providers import date_time as _faker_date_time  # noqa: E402
import stdnum  # noqa: E402
from stdnum import ean as std_ean, imei as std_imei, isbn as std_isbn  # noqa: E402
from stdnum import iban as std_iban, luhn, verhoeff  # noqa: E402

FROZEN_NOW = dt.datetime(2024, 12, 1, 12, 0, 0)


class _IsDateTime(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, dt.datetime)


class _IsDate(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, dt.date)


class _FrozenDateTime(dt.datetime, metaclass=_IsDateTime):
    @classmethod
    def now(cls, tz=None):
        return dt.datetime(2024, 12, 1, 12, 0, 0, tzinfo=tz) if tz else FROZEN_NOW

    @classmethod
    def today(cls):
        return FROZEN_NOW


class _FrozenDate(dt.date, metaclass=_IsDate):
    @classmethod
    def today(cls):
        return FROZEN_NOW.date()


_faker_date_time.datetime = _FrozenDateTime
_faker_date_time.dtdate = _FrozenDate

FAKER_VERSION = "40.63.0"
STDNUM_VERSION = "2.2"
if faker.VERSION != FAKER_VERSION or stdnum.__version__ != STDNUM_VERSION:
    sys.exit(
        "tests/corpus_world/generate.py needs Faker %s and python-stdnum %s (found %s, %s): "
        "pip install -r tests/corpus_world/requirements.txt"
        % (FAKER_VERSION, STDNUM_VERSION, faker.VERSION, stdnum.__version__)
    )

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ for vocab.py in the work tree
sys.path.insert(0, HERE)
from vocab import pool  # noqa: E402

VARIANTS = {
    # name: (seed, output folder, label)
    "main": (640231, os.path.join(HERE), "world"),
    "holdout": (771905, os.path.join(os.path.dirname(HERE), "corpus_world_holdout"), "world-holdout"),
}
ROWS_PER_INSERT = 50
MIN_PERSONAL_PER_COUNTRY = 10
D = dt.date
T = dt.datetime
DOB_START, DOB_END = D(1938, 1, 1), D(2006, 12, 31)
P_START, P_END = T(2023, 1, 1), T(2024, 11, 30, 23, 59, 59)
DIGITS = "0123456789"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# ---------------------------------------------------------------------------
# countries
# ---------------------------------------------------------------------------

# cc: [(naming language, Faker locale), ...]; a table picks one.
COUNTRIES = [
    ("DE", [("de", "de_DE")]),
    ("AT", [("de", "de_AT")]),
    ("CH", [("de", "de_CH"), ("fr", "fr_CH")]),
    ("FR", [("fr", "fr_FR")]),
    ("BE", [("nl", "nl_BE"), ("fr", "fr_BE")]),
    ("NL", [("nl", "nl_NL")]),
    ("LU", [("fr", "fr_FR"), ("de", "de_DE")]),
    ("IT", [("it", "it_IT")]),
    ("ES", [("es", "es_ES")]),
    ("PT", [("pt", "pt_PT")]),
    ("PL", [("pl", "pl_PL")]),
    ("CZ", [("cs", "cs_CZ")]),
    ("SK", [("sk", "sk_SK")]),
    ("HU", [("hu", "hu_HU")]),
    ("RO", [("ro", "ro_RO")]),
    ("BG", [("bg", "bg_BG")]),
    ("HR", [("hr", "hr_HR")]),
    ("SI", [("sl", "sl_SI")]),
    ("GR", [("el", "el_GR")]),
    ("SE", [("sv", "sv_SE")]),
    ("NO", [("no", "no_NO")]),
    ("DK", [("da", "da_DK")]),
    ("FI", [("fi", "fi_FI")]),
    ("IS", [("is", "is_IS")]),
    ("EE", [("et", "et_EE")]),
    ("LV", [("lv", "lv_LV")]),
    ("LT", [("lt", "lt_LT")]),
    ("IE", [("en", "en_IE")]),
    ("GB", [("en", "en_GB")]),
    ("TR", [("tr", "tr_TR")]),
    ("US", [("en", "en_US")]),
    ("CA", [("en", "en_CA"), ("fr", "fr_CA")]),
    ("MX", [("es", "es_MX")]),
    ("BR", [("pt", "pt_BR")]),
    ("AR", [("es", "es_AR")]),
    ("IN", [("hi", "hi_IN"), ("en", "en_IN")]),
    ("CN", [("zh", "zh_CN")]),
    ("TW", [("zh_tw", "zh_TW")]),
    ("JP", [("ja", "ja_JP")]),
    ("KR", [("ko", "ko_KR")]),
    ("AU", [("en", "en_AU")]),
    ("ZA", [("en", "zu_ZA")]),
    ("RU", [("ru", "ru_RU")]),
    ("UA", [("uk", "uk_UA")]),
    ("SA", [("ar", "ar_SA")]),
]

CURRENCY = {
    "DE": "EUR", "AT": "EUR", "CH": "CHF", "FR": "EUR", "BE": "EUR", "NL": "EUR", "LU": "EUR",
    "IT": "EUR", "ES": "EUR", "PT": "EUR", "PL": "PLN", "CZ": "CZK", "SK": "EUR", "HU": "HUF",
    "RO": "RON", "BG": "BGN", "HR": "EUR", "SI": "EUR", "GR": "EUR", "SE": "SEK", "NO": "NOK",
    "DK": "DKK", "FI": "EUR", "IS": "ISK", "EE": "EUR", "LV": "EUR", "LT": "EUR", "IE": "EUR",
    "GB": "GBP", "TR": "TRY", "US": "USD", "CA": "CAD", "MX": "MXN", "BR": "BRL", "AR": "ARS",
    "IN": "INR", "CN": "CNY", "TW": "TWD", "JP": "JPY", "KR": "KRW", "AU": "AUD", "ZA": "ZAR",
    "RU": "RUB", "UA": "UAH", "SA": "SAR",
}

# Birth-date text formats ({d}, {m}: day and month without leading zero).
DOB_FMT = {
    "DE": ["%d.%m.%Y"], "AT": ["%d.%m.%Y"], "CH": ["%d.%m.%Y"], "FR": ["%d/%m/%Y"],
    "BE": ["%d/%m/%Y", "%d-%m-%Y"], "NL": ["%d-%m-%Y"], "LU": ["%d/%m/%Y", "%d.%m.%Y"],
    "IT": ["%d/%m/%Y"], "ES": ["%d/%m/%Y"], "PT": ["%d/%m/%Y", "%d-%m-%Y"],
    "PL": ["%d.%m.%Y", "%Y-%m-%d"], "CZ": ["%d.%m.%Y", "{d}. {m}. %Y"], "SK": ["%d.%m.%Y", "{d}. {m}. %Y"],
    "HU": ["%Y.%m.%d.", "%Y. %m. %d."], "RO": ["%d.%m.%Y"], "BG": ["%d.%m.%Y", "%d.%m.%Y г."],
    "HR": ["%d.%m.%Y."], "SI": ["{d}. {m}. %Y", "%d.%m.%Y"], "GR": ["%d/%m/%Y"],
    "SE": ["%Y-%m-%d", "%Y%m%d"], "NO": ["%d.%m.%Y"], "DK": ["%d-%m-%Y", "%d.%m.%Y"],
    "FI": ["{d}.{m}.%Y", "%d.%m.%Y"], "IS": ["%d.%m.%Y"], "EE": ["%d.%m.%Y"], "LV": ["%d.%m.%Y."],
    "LT": ["%Y-%m-%d", "%Y.%m.%d"], "IE": ["%d/%m/%Y"], "GB": ["%d/%m/%Y"], "TR": ["%d.%m.%Y", "%d/%m/%Y"],
    "US": ["%m/%d/%Y"], "CA": ["%Y-%m-%d", "%d/%m/%Y"], "MX": ["%d/%m/%Y"], "BR": ["%d/%m/%Y"],
    "AR": ["%d/%m/%Y"], "IN": ["%d-%m-%Y", "%d/%m/%Y"], "CN": ["%Y-%m-%d", "%Y年%m月%d日", "%Y/%m/%d"],
    "TW": ["%Y/%m/%d", "%Y-%m-%d"], "JP": ["%Y/%m/%d", "%Y年%m月%d日"], "KR": ["%Y.%m.%d", "%Y-%m-%d", "%Y%m%d"],
    "AU": ["%d/%m/%Y"], "ZA": ["%Y/%m/%d", "%d/%m/%Y"], "RU": ["%d.%m.%Y"], "UA": ["%d.%m.%Y"],
    "SA": ["%d/%m/%Y", "%Y-%m-%d"],
}

# Sex codes (male, female) as local forms and applications store them.
GENDER = {
    "DE": [("m", "w"), ("männlich", "weiblich")], "AT": [("m", "w")], "CH": [("m", "w"), ("M", "F")],
    "FR": [("M", "F"), ("H", "F")], "BE": [("M", "V"), ("M", "F")], "NL": [("M", "V"), ("man", "vrouw")],
    "LU": [("M", "F")], "IT": [("M", "F")], "ES": [("H", "M"), ("hombre", "mujer")], "PT": [("M", "F")],
    "PL": [("M", "K"), ("mężczyzna", "kobieta")], "CZ": [("M", "Ž"), ("muž", "žena")], "SK": [("M", "Ž")],
    "HU": [("férfi", "nő"), ("F", "N")], "RO": [("M", "F")], "BG": [("М", "Ж"), ("мъж", "жена")],
    "HR": [("M", "Ž")], "SI": [("M", "Ž")], "GR": [("Α", "Γ"), ("Άνδρας", "Γυναίκα")],
    "SE": [("M", "K"), ("man", "kvinna")], "NO": [("M", "K"), ("mann", "kvinne")], "DK": [("M", "K")],
    "FI": [("M", "N"), ("mies", "nainen")], "IS": [("karl", "kona"), ("KK", "KVK")], "EE": [("M", "N")],
    "LV": [("V", "S"), ("vīrietis", "sieviete")], "LT": [("V", "M"), ("vyras", "moteris")],
    "IE": [("M", "F")], "GB": [("M", "F"), ("male", "female")], "TR": [("E", "K"), ("Erkek", "Kadın")],
    "US": [("M", "F"), ("male", "female")], "CA": [("M", "F")], "MX": [("H", "M")], "BR": [("M", "F")],
    "AR": [("M", "F")], "IN": [("पुरुष", "महिला"), ("M", "F")], "CN": [("男", "女")], "TW": [("男", "女")],
    "JP": [("男", "女"), ("男性", "女性")], "KR": [("남", "여"), ("남성", "여성")], "AU": [("M", "F")],
    "ZA": [("M", "F")], "RU": [("м", "ж"), ("М", "Ж")], "UA": [("ч", "ж"), ("чоловіча", "жіноча")],
    "SA": [("ذكر", "أنثى"), ("M", "F")],
}

# GS1 prefixes for EAN-13 traps.
GS1 = {
    "DE": "40", "AT": "90", "CH": "76", "FR": "30", "BE": "54", "NL": "87", "LU": "54", "IT": "80",
    "ES": "84", "PT": "560", "PL": "590", "CZ": "859", "SK": "858", "HU": "599", "RO": "594",
    "BG": "380", "HR": "385", "SI": "383", "GR": "520", "SE": "73", "NO": "70", "DK": "57",
    "FI": "64", "IS": "569", "EE": "474", "LV": "475", "LT": "477", "IE": "539", "GB": "50",
    "TR": "869", "US": "03", "CA": "06", "MX": "750", "BR": "789", "AR": "779", "IN": "890",
    "CN": "69", "TW": "471", "JP": "49", "KR": "880", "AU": "93", "ZA": "600", "RU": "46",
    "UA": "482", "SA": "628",
}

# Where Faker's locale has no local addresses or phone numbers of its own: small local lists.
LOCAL_ADDR = {
    "IS": (["Laugavegur", "Hverfisgata", "Skólavörðustígur", "Bankastræti", "Hafnargata",
            "Aðalstræti", "Kirkjuvegur", "Túngata"],
           [("101", "Reykjavík"), ("200", "Kópavogur"), ("220", "Hafnarfjörður"),
            ("600", "Akureyri"), ("800", "Selfoss"), ("230", "Reykjanesbær")],
           "{street} {n}, {pc} {city}"),
    "EE": (["Pärnu mnt", "Narva mnt", "Tartu mnt", "Kalevi", "Rüütli", "Mere pst", "Vabaduse pst",
            "Männi"],
           [("10111", "Tallinn"), ("50090", "Tartu"), ("80010", "Pärnu"), ("20308", "Narva"),
            ("41531", "Jõhvi")],
           "{street} {n}, {pc} {city}"),
    "LV": (["Brīvības iela", "Elizabetes iela", "Krišjāņa Barona iela", "Dzirnavu iela",
            "Lāčplēša iela", "Rīgas iela"],
           [("LV-1010", "Rīga"), ("LV-3001", "Jelgava"), ("LV-5401", "Daugavpils"),
            ("LV-3401", "Liepāja"), ("LV-4201", "Valmiera")],
           "{street} {n}, {city}, {pc}"),
    "LT": (["Gedimino pr.", "Vilniaus g.", "Laisvės al.", "Pilies g.", "Savanorių pr.",
            "Taikos pr."],
           [("LT-01103", "Vilnius"), ("LT-44248", "Kaunas"), ("LT-92231", "Klaipėda"),
            ("LT-76294", "Šiauliai"), ("LT-35173", "Panevėžys")],
           "{street} {n}, {pc} {city}"),
    "TR": (["Atatürk Caddesi", "İstiklal Caddesi", "Cumhuriyet Caddesi", "Bağdat Caddesi",
            "Gazi Mustafa Kemal Bulvarı", "Fevzi Çakmak Sokak"],
           [("34710", "Kadıköy/İstanbul"), ("06420", "Çankaya/Ankara"), ("35220", "Konak/İzmir"),
            ("16040", "Osmangazi/Bursa"), ("07100", "Muratpaşa/Antalya")],
           "{street} No:{n} D:{m}, {pc} {city}"),
    "BG": (["ул. Витоша", "бул. Цар Освободител", "ул. Граф Игнатиев", "бул. България",
            "ул. Шипка", "ул. Раковски"],
           [("1000", "София"), ("4000", "Пловдив"), ("9000", "Варна"), ("8000", "Бургас"),
            ("7000", "Русе")],
           "{street} {n}, {pc} {city}"),
    "LU": (["rue de la Gare", "route d'Arlon", "Grand-Rue", "avenue de la Liberté",
            "rue Principale", "boulevard Royal", "Hauptstrooss"],
           [("L-1611", "Luxembourg"), ("L-4002", "Esch-sur-Alzette"), ("L-9010", "Ettelbruck"),
            ("L-3401", "Dudelange"), ("L-4501", "Differdange")],
           "{n}, {street}, {pc} {city}"),
    "BE-fr": (["rue de la Station", "chaussée de Louvain", "avenue Louise", "rue Haute",
               "place du Marché", "rue des Déportés"],
              [("4000", "Liège"), ("5000", "Namur"), ("6000", "Charleroi"), ("1000", "Bruxelles"),
               ("7000", "Mons"), ("1300", "Wavre")],
              "{street} {n}, {pc} {city}"),
    "ZA": (["Main Road", "Church Street", "Jan Smuts Avenue", "Long Street", "Voortrekker Road",
            "Florida Road", "Rivonia Road"],
           [("2196", "Sandton"), ("8001", "Cape Town"), ("4001", "Durban"), ("0002", "Pretoria"),
            ("6001", "Gqeberha"), ("9301", "Bloemfontein")],
           "{n} {street}, {city}, {pc}"),
    "SA": (["طريق الملك فهد", "شارع العليا", "طريق الملك عبدالعزيز", "شارع التحلية",
            "طريق الأمير محمد بن عبدالعزيز", "شارع الستين"],
           [("12211", "الرياض"), ("21589", "جدة"), ("32241", "الدمام"), ("24231", "مكة المكرمة"),
            ("42311", "المدينة المنورة"), ("34422", "الخبر")],
           "{n} {street}، {city} {pc}"),
}


def local_phone(cc, rng):
    d = lambda n: "".join(rng.choice(DIGITS) for _ in range(n))  # noqa: E731
    if cc == "IS":
        return rng.choice(["+354 %s%s %s" % (rng.choice("678"), d(2), d(4)), "%s%s-%s" % (rng.choice("678"), d(2), d(4))])
    if cc == "EE":
        return rng.choice(["+372 5%s %s" % (d(3), d(4)), "5%s %s" % (d(3), d(4))])
    if cc == "LT":
        return rng.choice(["+370 6%s %s" % (d(2), d(5)), "8 6%s %s" % (d(2), d(5))])
    if cc == "ZA":
        p = rng.choice(["72", "82", "83", "71", "61"])
        return rng.choice(["+27 %s %s %s" % (p, d(3), d(4)), "0%s %s %s" % (p, d(3), d(4))])
    if cc == "LU":
        return rng.choice(["+352 621 %s %s" % (d(3), d(3)), "691 %s %s" % (d(3), d(3))])
    if cc == "SA":
        return rng.choice(["+966 5%s %s %s" % (d(1), d(3), d(4)), "05%s %s %s" % (d(1), d(3), d(4))])
    if cc == "BE":
        return rng.choice(["+32 47%s %s %s %s" % (d(1), d(2), d(2), d(2)), "04%s %s %s %s" % (d(2), d(2), d(2), d(2))])
    raise KeyError(cc)


def fold(ident):
    """An identifier as MariaDB's information_schema compares it: without case or accents (two
    tables whose names differ only so would be one table there, which no real schema has)."""
    nfkd = unicodedata.normalize("NFKD", ident.casefold())
    return "".join(ch for ch in nfkd if not unicodedata.combining(ch))


def one_line(s):
    return ", ".join(part.strip() for part in str(s).splitlines() if part.strip())


class Ctx:
    """The country, language and seeded Faker of one table."""

    def __init__(self, cc, lang, loc, seed, rng):
        self.cc, self.lang, self.loc = cc, lang, loc
        self.f = Faker(loc)
        self.f.seed_instance(seed)
        self.rng = rng

    def addr_key(self):
        if self.cc in ("IS", "EE", "LV", "LT", "TR", "BG", "LU", "ZA", "SA"):
            return self.cc
        if self.loc == "fr_BE":
            return "BE-fr"
        return None

    def address_parts(self):
        """(street with number, postcode, city, full one-line address)."""
        k = self.addr_key()
        f, rng = self.f, self.rng
        if k:
            streets, places, fmt = LOCAL_ADDR[k]
            street = rng.choice(streets)
            n = rng.randint(1, 180)
            pc, city = rng.choice(places)
            full = fmt.format(street=street, n=n, m=rng.randint(1, 20), pc=pc, city=city)
            if k in ("LU",):
                return "%d, %s" % (n, street), pc, city, full
            if k == "TR":
                return "%s No:%d" % (street, n), pc, city, full
            if k == "SA":
                return "%d %s" % (n, street), pc, city, full
            if k == "ZA":
                return "%d %s" % (n, street), pc, city, full
            return "%s %d" % (street, n), pc, city, full
        if self.loc == "ja_JP":
            street = f.town() + f.chome() + f.ban() + f.gou()
            return street, f.postcode(), f.city(), one_line(f.address())
        return one_line(f.street_address()), f.postcode(), f.city(), one_line(f.address())

    def phone(self):
        if self.cc in ("IS", "EE", "LT", "ZA", "LU", "SA") or self.loc == "fr_BE":
            return local_phone(self.cc, self.rng)
        return one_line(self.f.phone_number())


# ---------------------------------------------------------------------------
# identifiers, each checked with python-stdnum
# ---------------------------------------------------------------------------


def mod(name):
    return importlib.import_module("stdnum." + name)


def rdigits(rng, n):
    return "".join(rng.choice(DIGITS) for _ in range(n))


def a_dob(rng):
    return DOB_START + dt.timedelta(days=rng.randint(0, (DOB_END - DOB_START).days))


def try_last(body, alphabet, m):
    for ch in alphabet:
        if m.is_valid(body + ch):
            return body + ch
    return None


def own_de_idnr(rng):
    # In the first ten digits exactly one digit appears twice, the others once.
    ds = list(DIGITS)
    rng.shuffle(ds)
    body = ds[:9]
    body.insert(rng.randint(0, 9), rng.choice(body))
    if body[0] == "0":
        return None
    return try_last("".join(body), DIGITS, mod("de.idnr"))


def own_pt_nif(rng):
    b = rng.choice("123") + rdigits(rng, 7)
    return b + mod("pt.nif").calc_check_digit(b)


def own_bg_egn(rng):
    b = a_dob(rng)
    mm = b.month + 40 if b.year >= 2000 else b.month
    body = "%02d%02d%02d%s" % (b.year % 100, mm, b.day, rdigits(rng, 3))
    return body + mod("bg.egn").calc_check_digit(body)


def own_si_emso(rng):
    b = a_dob(rng)
    body = "%02d%02d%03d50%s" % (b.day, b.month, b.year % 1000, rdigits(rng, 3))
    return body + mod("si.emso").calc_check_digit(body)


def own_dk_cpr(rng):
    b = a_dob(rng)
    seventh = "4" if b.year >= 2000 else rng.choice("0123")
    return "%02d%02d%02d-%s%s" % (b.day, b.month, b.year % 100, seventh, rdigits(rng, 3))


def own_is_kennitala(rng):
    b = a_dob(rng)
    body = "%02d%02d%02d%s" % (b.day, b.month, b.year % 100, rdigits(rng, 2))
    century = "0" if b.year >= 2000 else "9"
    m = mod("is_.kennitala")
    for c in DIGITS:
        v = body + c + century
        if m.is_valid(v):
            return v[:6] + "-" + v[6:]
    return None


def own_lt_asmens(rng):
    b = a_dob(rng)
    g = rng.choice("56" if b.year >= 2000 else "34")
    body = "%s%02d%02d%02d%s" % (g, b.year % 100, b.month, b.day, rdigits(rng, 3))
    return body + mod("lt.asmens").calc_check_digit(body)


def own_ie_pps(rng):
    return try_last(rdigits(rng, 7), "ABCDEFGHIJKLMNOPQRSTUVW", mod("ie.pps"))


def own_be_nn(rng):
    b = a_dob(rng)
    body = "%02d%02d%02d%s" % (b.year % 100, b.month, b.day, rdigits(rng, 3))
    n = int(("2" + body) if b.year >= 2000 else body)
    return "%s%02d" % (body, 97 - n % 97)


def own_ar_dni(rng):
    return str(rng.randint(10_000_000, 45_999_999))


def own_ar_cuit(rng):
    body = rng.choice(["20", "27", "23"]) + own_ar_dni(rng)
    v = body + mod("ar.cuit").calc_check_digit(body)
    return "%s-%s-%s" % (v[:2], v[2:10], v[10:])


def own_in_aadhaar(rng):
    body = rng.choice("23456789") + rdigits(rng, 10)
    v = body + verhoeff.calc_check_digit(body)
    return rng.choice([v, "%s %s %s" % (v[:4], v[4:8], v[8:])])


def own_in_pan(rng):
    letters = lambda n: "".join(rng.choice(UPPER) for _ in range(n))  # noqa: E731
    return letters(3) + "P" + letters(1) + rdigits(rng, 4) + letters(1)


CN_REGIONS = ["110101", "110105", "110108", "310101", "310104", "310115", "440103", "440106",
              "440305", "510104", "330106", "420102", "320102", "370102", "210102"]


def own_cn_ric(rng):
    b = a_dob(rng)
    body = "%s%04d%02d%02d%s" % (rng.choice(CN_REGIONS), b.year, b.month, b.day, rdigits(rng, 3))
    return body + mod("cn.ric").calc_check_digit(body)


def own_jp_in(rng):
    body = rdigits(rng, 11)
    v = body + mod("jp.in_").calc_check_digit(body)
    return rng.choice([v, "%s %s %s" % (v[:4], v[4:8], v[8:])])


def own_kr_rrn(rng):
    b = a_dob(rng)
    g = rng.choice("34" if b.year >= 2000 else "12")
    body = "%02d%02d%02d%s%02d%s" % (b.year % 100, b.month, b.day, g, rng.randint(0, 95), rdigits(rng, 3))
    v = body + mod("kr.rrn").calc_check_digit(body)
    return v[:6] + "-" + v[6:]


def own_au_tfn(rng):
    v = try_last(rdigits(rng, 8), DIGITS, mod("au.tfn"))
    return v and rng.choice([v, "%s %s %s" % (v[:3], v[3:6], v[6:])])


def own_za_idnr(rng):
    b = a_dob(rng)
    body = "%02d%02d%02d%s08" % (b.year % 100, b.month, b.day, rdigits(rng, 4))
    return body + luhn.calc_check_digit(body)


def own_gb_utr(rng):
    body = rdigits(rng, 9)
    return mod("gb.utr").calc_check_digit(body) + body


def own_ru_inn(rng):
    body = rdigits(rng, 10)
    return body + mod("ru.inn").calc_personal_check_digits(body)


def own_ua_rntrc(rng):
    body = rdigits(rng, 9)
    return body + mod("ua.rntrc").calc_check_digit(body)


def faker_call(name):
    return lambda f: getattr(f, name)()


# cc: [(category, accept, stdnum module, Faker maker or None, own maker or None, names)]
IDS = {
    "DE": [("tax_id", ["national_id"], "de.idnr", None, own_de_idnr,
            ["steuer_id", "steuerid", "steuer_identnummer", "steueridentifikationsnummer", "idnr"])],
    "AT": [("national_id", [], "at.vnr", faker_call("ssn"), None,
            ["sv_nummer", "svnr", "versicherungsnummer", "sozialversicherungsnummer"])],
    "CH": [("national_id", [], "ch.ssn", faker_call("ssn"), None,
            ["ahv_nummer", "ahv_nr", "ahvn13", "avs", "no_avs"])],
    "FR": [("national_id", [], "fr.nir", faker_call("ssn"), None,
            ["numero_securite_sociale", "num_secu", "nir", "numéro_sécu", "insee"])],
    "BE": [("national_id", [], "be.nn", faker_call("ssn"), own_be_nn,
            ["rijksregisternummer", "rrn", "numero_national", "insz", "niss"])],
    "NL": [("national_id", ["tax_id"], "nl.bsn", faker_call("ssn"), None,
            ["bsn", "burgerservicenummer", "bsn_nummer"])],
    "IT": [("tax_id", ["national_id"], "it.codicefiscale", faker_call("ssn"), None,
            ["codice_fiscale", "cod_fiscale", "cf", "codicefiscale"])],
    "ES": [("national_id", ["tax_id"], "es.dni", faker_call("nif"), None,
            ["dni", "nif", "documento_identidad", "dni_nif", "num_dni"])],
    "PT": [("tax_id", [], "pt.nif", None, own_pt_nif,
            ["nif", "numero_contribuinte", "contribuinte", "n_contribuinte"])],
    "PL": [("national_id", [], "pl.pesel", faker_call("pesel"), None, ["pesel", "nr_pesel", "numer_pesel"])],
    "CZ": [("national_id", [], "cz.rc", faker_call("birth_number"), None, ["rodne_cislo", "rodné_číslo", "rc"])],
    "SK": [("national_id", [], "sk.rc", faker_call("birth_number"), None, ["rodne_cislo", "rodné_číslo"])],
    "RO": [("national_id", [], "ro.cnp", faker_call("ssn"), None, ["cnp", "cod_numeric_personal", "CNP"])],
    "BG": [("national_id", [], "bg.egn", None, own_bg_egn, ["егн", "egn", "ЕГН"])],
    "HR": [("national_id", ["tax_id"], "hr.oib", faker_call("ssn"), None, ["oib", "OIB", "osobni_identifikacijski_broj"])],
    "SI": [("national_id", [], "si.emso", None, own_si_emso, ["emso", "emšo", "EMŠO"])],
    "GR": [("national_id", [], "gr.amka", faker_call("ssn"), None, ["αμκα", "amka", "ΑΜΚΑ"])],
    "SE": [("national_id", [], "se.personnummer", faker_call("ssn"), None, ["personnummer", "pnr", "personnr"])],
    "NO": [("national_id", [], "no.fodselsnummer", faker_call("ssn"), None,
            ["fødselsnummer", "fodselsnummer", "fnr", "personnummer"])],
    "DK": [("national_id", [], "dk.cpr", None, own_dk_cpr, ["cpr", "cpr_nummer", "cprnr", "personnummer"])],
    "FI": [("national_id", [], "fi.hetu", faker_call("ssn"), None, ["henkilötunnus", "henkilotunnus", "hetu", "sotu"])],
    "IS": [("national_id", [], "is_.kennitala", None, own_is_kennitala, ["kennitala", "kt"])],
    "EE": [("national_id", [], "ee.ik", faker_call("ssn"), None, ["isikukood", "isiku_kood"])],
    "LV": [("national_id", [], "lv.pvn", faker_call("ssn"), None, ["personas_kods", "pers_kods", "p_k"])],
    "LT": [("national_id", [], "lt.asmens", None, own_lt_asmens, ["asmens_kodas", "ak", "asm_kodas"])],
    "IE": [("national_id", ["tax_id"], "ie.pps", None, own_ie_pps, ["pps_number", "ppsn", "pps_no"])],
    "GB": [("tax_id", [], "gb.utr", None, own_gb_utr, ["utr", "unique_taxpayer_ref", "sa_utr"])],
    "TR": [("national_id", [], "tr.tckimlik", faker_call("ssn"), None, ["tc_kimlik_no", "tckn", "kimlik_no", "tc_no"])],
    "US": [("national_id", ["tax_id"], "us.ssn", faker_call("ssn"), None, ["ssn", "social_security_number", "ss_number"])],
    "CA": [("national_id", ["tax_id"], "ca.sin", faker_call("ssn"), None, ["sin", "social_insurance_number", "nas"])],
    "MX": [("national_id", [], "mx.curp", faker_call("curp"), None, ["curp", "CURP"]),
           ("tax_id", [], "mx.rfc", faker_call("rfc"), None, ["rfc", "RFC", "rfc_persona"])],
    "BR": [("tax_id", ["national_id"], "br.cpf", faker_call("cpf"), None, ["cpf", "nr_cpf", "num_cpf"])],
    "AR": [("national_id", [], "ar.dni", None, own_ar_dni, ["dni", "nro_documento", "documento"]),
           ("tax_id", ["national_id"], "ar.cuit", None, own_ar_cuit, ["cuil", "cuit", "nro_cuil"])],
    "IN": [("national_id", [], "in_.aadhaar", None, own_in_aadhaar, ["aadhaar", "aadhaar_no", "आधार", "aadhar_number"]),
           ("tax_id", [], "in_.pan", None, own_in_pan, ["pan", "pan_number", "pan_no", "पैन"])],
    "CN": [("national_id", [], "cn.ric", faker_call("ssn"), own_cn_ric, ["身份证号", "shenfenzheng", "sfzh", "身份证号码"])],
    "JP": [("national_id", ["tax_id"], "jp.in_", None, own_jp_in, ["マイナンバー", "my_number", "kojin_bango", "個人番号"])],
    "KR": [("national_id", [], "kr.rrn", faker_call("ssn"), own_kr_rrn, ["주민등록번호", "jumin_no", "jumin_bunho", "주민번호"])],
    "AU": [("tax_id", [], "au.tfn", None, own_au_tfn, ["tfn", "tax_file_number", "tfn_no"])],
    "ZA": [("national_id", [], "za.idnr", None, own_za_idnr, ["id_number", "id_no", "identity_number", "sa_id"])],
    "RU": [("tax_id", [], "ru.inn", None, own_ru_inn, ["инн", "inn", "ИНН"])],
    "UA": [("tax_id", [], "ua.rntrc", None, own_ua_rntrc, ["рнокпп", "ipn", "іпн", "rnokpp"])],
}


def make_id(spec, ctx):
    category, accept, modname, from_faker, own, names = spec
    m = mod(modname)
    for _ in range(500):
        v = from_faker(ctx.f) if from_faker else None
        if v is None or not m.is_valid(v):
            v = own(ctx.rng) if own else None
        if v is not None and m.is_valid(v):
            return v
    raise RuntimeError("no valid %s for %s" % (modname, ctx.loc))


IBAN_COUNTRIES = {
    "DE", "AT", "CH", "FR", "BE", "NL", "LU", "IT", "ES", "PT", "PL", "CZ", "SK", "HU", "RO",
    "BG", "HR", "SI", "GR", "SE", "NO", "DK", "FI", "IS", "EE", "LV", "LT", "IE", "GB", "TR",
    "BR", "UA", "SA",
}
BBAN = {
    "HU": "24n", "BG": "4a6n8c", "HR": "17n", "SI": "15n", "SE": "20n", "IS": "22n", "EE": "16n",
    "LV": "4a13c", "LT": "16n", "LU": "3n13c", "BE": "12n", "RO": "4a16c", "GR": "7n16c",
    "CH": "5n12c", "FR": "10n11c2n", "SA": "20n",
}


def own_iban(cc, rng):
    spec = re.findall(r"(\d+)([nac])", BBAN[cc])
    for _ in range(2000):
        bban = ""
        for n, kind in spec:
            alphabet = {"n": DIGITS, "a": UPPER, "c": DIGITS + UPPER}[kind]
            bban += "".join(rng.choice(alphabet) for _ in range(int(n)))
        check = std_iban.calc_check_digits(cc + "00" + bban)
        v = cc + check + bban
        if std_iban.is_valid(v):
            return v
    raise RuntimeError("no IBAN for " + cc)


def make_iban(ctx):
    v = None
    try:
        v = ctx.f.iban()
    except Exception:  # noqa: BLE001 - a locale without a bank provider
        v = None
    if not v or not v.startswith(ctx.cc) or not std_iban.is_valid(v):
        v = own_iban(ctx.cc, ctx.rng)
    assert std_iban.is_valid(v) and v.startswith(ctx.cc), v
    if ctx.rng.random() < 0.35:
        v = std_iban.format(v)
    return v


# ---------------------------------------------------------------------------
# other values
# ---------------------------------------------------------------------------


def fmt_date(d, fmt):
    return d.strftime(fmt.replace("{d}", str(d.day)).replace("{m}", str(d.month)))


def dob_value(ctx, fmt):
    d = ctx.f.date_between_dates(date_start=DOB_START, date_end=DOB_END)
    return d if fmt is None else fmt_date(d, fmt)


def ts_text(ctx, fmt):
    t = ctx.f.date_time_between_dates(datetime_start=P_START, datetime_end=P_END).replace(microsecond=0)
    if fmt == "iso":
        return t.strftime("%Y-%m-%dT%H:%M:%SZ")
    return fmt_date(t, fmt) + t.strftime(" %H:%M")


def amount_text(ctx):
    rng, cc = ctx.rng, ctx.cc
    whole, cents = rng.randint(1, 4999), rng.randint(0, 99)
    us = "{:,}".format(whole)
    eu = us.replace(",", ".")
    sp = us.replace(",", "\u00a0")
    if cc in ("US", "AU", "CA"):
        return "$%s.%02d" % (us, cents)
    if cc in ("GB",):
        return "£%s.%02d" % (us, cents)
    if cc == "IE":
        return "€%s.%02d" % (us, cents)
    if cc == "JP":
        return "¥%s" % "{:,}".format(whole * 10)
    if cc == "KR":
        return "₩%s" % "{:,}".format(whole * 100)
    if cc in ("CN", "TW"):
        return "%s%s.%02d" % ("¥" if cc == "CN" else "NT$", us, cents)
    if cc == "IN":
        return "₹%s.%02d" % (us, cents)
    if cc == "SA":
        return "%s.%02d ر.س" % (us, cents) if rng.random() < 0.5 else "SAR %s.%02d" % (us, cents)
    if cc == "CH":
        return "CHF %s.%02d" % (us.replace(",", "'"), cents)
    if cc == "BR":
        return "R$ %s,%02d" % (eu, cents)
    if cc in ("MX", "AR"):
        return "$%s.%02d" % (us, cents) if cc == "MX" else "$ %s,%02d" % (eu, cents)
    if cc in ("FR", "FI", "SE", "NO", "CZ", "SK", "PL", "RU", "UA", "HU", "BG", "LV", "LT", "EE"):
        return "%s,%02d %s" % (sp, cents, CURRENCY[cc])
    return "%s,%02d %s" % (eu, cents, "€" if CURRENCY[cc] == "EUR" else CURRENCY[cc])


def ean13(ctx):
    p = GS1[ctx.cc]
    body = p + rdigits(ctx.rng, 12 - len(p))
    v = body + std_ean.calc_check_digit(body)
    assert std_ean.is_valid(v) and len(v) == 13
    return v


def upc_a(ctx):
    body = ctx.rng.choice("01678") + rdigits(ctx.rng, 10)
    v = body + std_ean.calc_check_digit(body)
    assert std_ean.is_valid(v) and len(v) == 12
    return v


def isbn13(ctx):
    for _ in range(100):
        v = ctx.f.isbn13()
        if std_isbn.is_valid(v):
            return v if ctx.rng.random() < 0.5 else std_isbn.compact(v)
    raise RuntimeError("isbn")


def imei(ctx):
    body = ctx.rng.choice(["35", "86", "01", "99"]) + rdigits(ctx.rng, 12)
    v = body + luhn.calc_check_digit(body)
    assert std_imei.is_valid(v) and len(v) == 15
    return v


def semver(ctx):
    r = ctx.rng
    return "%d.%d.%d" % (r.randint(0, 9), r.randint(0, 30), r.randint(0, 60))


PRODUCTS = {
    "ja": ["緑茶", "醤油", "味噌", "抹茶ラテ", "せんべい", "ほうじ茶", "梅干し", "カップ麺", "炭酸水"],
    "ko": ["김치", "라면", "고추장", "녹차", "햇반", "된장", "참기름", "떡볶이 떡", "보리차"],
    "zh": ["绿茶", "酱油", "月饼", "米粉", "豆腐乳", "老干妈", "茉莉花茶", "方便面"],
    "zh_tw": ["烏龍茶", "鳳梨酥", "珍珠奶茶", "牛肉麵", "米粉", "豆腐乳"],
    "el": ["ελαιόλαδο", "φέτα", "μέλι", "ούζο", "γιαούρτι", "ελιές Καλαμών", "ρίγανη"],
    "bg": ["кисело мляко", "сирене", "лютеница", "розово масло", "боза", "кашкавал"],
    "ru": ["гречка", "пельмени", "чай чёрный", "сгущёнка", "квас", "икра кабачковая"],
    "uk": ["вареники", "борщ", "сало", "узвар", "мед гречаний", "ряжанка"],
    "hi": ["चाय", "बासमती चावल", "घी", "मसाला", "आटा", "दाल", "अचार"],
    "hu": ["paprika", "szalámi", "pálinka", "túró rudi", "lecsó", "kolbász"],
    "fi": ["ruisleipä", "kahvi", "salmiakki", "karjalanpiirakka", "puuro"],
    "sv": ["knäckebröd", "kaffe", "lingonsylt", "kanelbullar", "sill"],
    "no": ["brunost", "kaffe", "fiskekaker", "lefse", "tran"],
    "da": ["rugbrød", "leverpostej", "remoulade", "smør", "kaffe"],
    "is": ["skyr", "harðfiskur", "lýsi", "flatkaka", "kaffi"],
    "et": ["rukkileib", "kohuke", "kama", "kilu", "kohv"],
    "lv": ["rupjmaize", "biezpiens", "balzams", "kefīrs", "kafija"],
    "lt": ["cepelinai", "šakotis", "kefyras", "rūkyta dešra", "kava"],
    "tr": ["Türk kahvesi", "lokum", "simit", "ayran", "beyaz peynir", "çay"],
    "ro": ["zacuscă", "telemea", "cozonac", "țuică", "mămăligă"],
    "hr": ["ajvar", "pršut", "maslinovo ulje", "kulen", "rakija"],
    "sl": ["potica", "kranjska klobasa", "med", "bučno olje", "čaj"],
    "sk": ["bryndza", "oštiepok", "tatranka", "kofola", "horalky"],
    "cs": ["pivo", "knedlíky", "tvarůžky", "oplatky", "Kofola"],
    "pl": ["pierogi", "kiełbasa", "ogórki kiszone", "barszcz", "twaróg"],
    "de": ["Brezel", "Apfelschorle", "Leberwurst", "Sauerkraut", "Spätzle", "Kaffee"],
    "fr": ["baguette", "confiture", "camembert", "croissant", "café moulu"],
    "nl": ["stroopwafels", "hagelslag", "drop", "pindakaas", "kaas"],
    "it": ["pasta", "olio extravergine", "parmigiano", "caffè", "biscotti"],
    "es": ["aceite de oliva", "turrón", "chorizo", "yerba mate", "dulce de leche"],
    "pt": ["pastel de nata", "azeite", "café", "goiabada", "bacalhau"],
    "ar": ["تمر سكري", "قهوة عربية", "هيل", "زعفران", "لبنة", "حمص", "ماء زمزم"],
    "en": ["tea bags", "oat biscuits", "rooibos", "maple syrup", "peanut butter", "flat white beans"],
}


def product_name(ctx):
    words = PRODUCTS.get(ctx.lang) or PRODUCTS["en"]
    size = ctx.rng.choice(["250 g", "500 g", "1 kg", "0,5 l", "1 l", "12x", "330 ml", "100 g"])
    return "%s %s" % (ctx.rng.choice(words), size)


# ---------------------------------------------------------------------------
# SQL and truth writing
# ---------------------------------------------------------------------------


class Raw(str):
    pass


def sql_value(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, Raw):
        return str(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, dt.datetime):
        return "'" + v.strftime("%Y-%m-%d %H:%M:%S") + "'"
    if isinstance(v, dt.date):
        return "'" + v.strftime("%Y-%m-%d") + "'"
    s = str(v)
    if "\\" in s or "\n" in s or "\r" in s or "{{" in s:
        raise ValueError("value not allowed in the corpus SQL: %r" % s)
    return "'" + s.replace("'", "''") + "'"


def q(ident):
    assert '"' not in ident and ident == ident.strip() and ident, ident
    assert len(ident) <= 64 and len(ident.encode("utf-8")) <= 63, ident
    assert all(ord(c) < 0x10000 for c in ident), ident
    return '"' + ident + '"'


class Col:
    def __init__(self, name, sqltype, personal, category=None, accept=(), note=None, gen=None):
        self.name, self.sqltype, self.personal = name, sqltype, personal
        self.category, self.accept, self.note, self.gen = category, list(accept), note, gen


class Writer:
    def __init__(self):
        self.sql, self.truth, self.counts = [], [], []
        self.table_names = set()
        self.personal = {}

    def table(self, name, cc, section, cols, rows):
        names = [c.name for c in cols]
        assert len({fold(n) for n in names}) == len(names), (name, names)
        self.counts.append((name, len(rows)))
        self.personal[cc] = self.personal.get(cc, 0) + sum(1 for c in cols if c.personal)
        out = self.sql
        out.append("-- %s: %s\n" % (cc, section))
        out.append("CREATE TABLE %s (\n" % q(name))
        defs = []
        for i, c in enumerate(cols):
            d = "    %s %s" % (q(c.name), c.sqltype)
            if i == 0:
                d += " PRIMARY KEY"
            defs.append(d)
        out.append(",\n".join(defs) + "\n);\n\n")
        for start in range(0, len(rows), ROWS_PER_INSERT):
            chunk = rows[start : start + ROWS_PER_INSERT]
            out.append("INSERT INTO %s (%s) VALUES\n" % (q(name), ", ".join(q(n) for n in names)))
            out.append(",\n".join("(" + ", ".join(sql_value(v) for v in r) + ")" for r in chunk) + ";\n")
        out.append("\n")
        t = self.truth
        t.append("# ---- %s (%s, %s)\n\n" % (name, cc, section))
        for c in cols:
            t.append("[[column]]\n")
            t.append('table = "%s"\n' % name)
            t.append('column = "%s"\n' % c.name)
            if c.personal:
                t.append("personal = true\n")
                line = 'category = "%s"' % c.category
            else:
                line = "personal = false"
            if c.note:
                line += "  # " + c.note
            t.append(line + "\n")
            if c.accept:
                t.append("accept = [%s]\n" % ", ".join('"%s"' % a for a in c.accept))
            t.append('country = "%s"\n' % cc)
            t.append("\n")


# ---------------------------------------------------------------------------
# table layouts
# ---------------------------------------------------------------------------


class Builder:
    """Picks the names of one table's columns from the pools, unique within the table."""

    def __init__(self, ctx):
        self.ctx, self.cols, self.used = ctx, [], set()

    def name(self, concept=None, options=None):
        opts = list(options) if options else list(pool(self.ctx.lang, concept))
        rng = self.ctx.rng
        rng.shuffle(opts)
        for o in opts:
            if fold(o) not in self.used:
                self.used.add(fold(o))
                return o
        base = opts[0]
        i = 2
        while fold("%s_%d" % (base, i)) in self.used:
            i += 1
        self.used.add(fold("%s_%d" % (base, i)))
        return "%s_%d" % (base, i)

    def add(self, concept, sqltype, personal, category=None, accept=(), note=None, gen=None, options=None):
        self.cols.append(Col(self.name(concept, options), sqltype, personal, category, accept, note, gen))

    def P(self, concept, sqltype, category, gen, accept=(), note=None, options=None):
        self.add(concept, sqltype, True, category, accept, note, gen, options)

    def N(self, concept, sqltype, gen, note=None, options=None):
        self.add(concept, sqltype, False, None, (), note, gen, options)


def add_name(b, style=None):
    ctx = b.ctx
    style = style or ctx.rng.choice(["full", "split", "split"])
    if style == "full":
        b.P("full", "VARCHAR(120)", "person_name", lambda c: c.f.name())
    else:
        b.P("first", "VARCHAR(60)", "person_name", lambda c: c.f.first_name())
        b.P("last", "VARCHAR(60)", "person_name", lambda c: c.f.last_name())


def add_address(b, row_cache):
    """Street/postcode/city, or one-line address (with or without a separate postcode)."""
    style = b.ctx.rng.choice(["parts", "parts", "full", "full_pc"])

    def part(i):
        return lambda c: row_cache(c)[i]

    if style == "parts":
        b.P("street", "VARCHAR(160)", "postal_address", part(0))
        b.P("postcode", "VARCHAR(16)", "postcode", part(1))
        b.P("city", "VARCHAR(80)", "postal_address", part(2), note="a person's city")
    else:
        b.P("address", "VARCHAR(255)", "postal_address", part(3))
        if style == "full_pc":
            b.P("postcode", "VARCHAR(16)", "postcode", part(1))


def add_dob(b):
    ctx = b.ctx
    if ctx.rng.random() < 0.35:
        b.P("dob", "DATE", "date_of_birth", lambda c: dob_value(c, None))
    else:
        fmt = ctx.rng.choice(DOB_FMT[ctx.cc])
        b.P("dob", "VARCHAR(20)", "date_of_birth", lambda c: dob_value(c, fmt),
            note="birth date as text " + fmt.replace("%", ""))


def add_gender(b):
    pair = b.ctx.rng.choice(GENDER[b.ctx.cc])
    b.P("gender", "VARCHAR(12)", "gender", lambda c: c.rng.choice(pair))


def add_ids(b, share=1.0):
    for spec in IDS.get(b.ctx.cc, []):
        if b.ctx.rng.random() < share:
            category, accept = spec[0], spec[1]
            b.P(None, "VARCHAR(24)", category, lambda c, s=spec: make_id(s, c), accept=accept,
                note="checked with stdnum." + spec[2], options=spec[5])


def add_email(b):
    b.P("email", "VARCHAR(120)", "email",
        lambda c: c.f.email() if c.rng.random() < 0.6 else c.f.free_email())


def add_phone(b):
    b.P("phone", "VARCHAR(40)", "phone", lambda c: c.phone())


def row_address_cache():
    """The address parts of the current row, drawn once per row."""
    state = {"row": None, "parts": None}

    def get(ctx):
        if state["row"] != ctx.row:
            state["row"], state["parts"] = ctx.row, ctx.address_parts()
        return state["parts"]

    return get


def cust_no_gen(prefix):
    return lambda c: "%s%06d" % (prefix, c.row * 7 + c.rng.randint(0, 6) + 1000)


def layout_person(b, kind, holdout):
    ctx, rng = b.ctx, b.ctx.rng
    cache = row_address_cache()
    if rng.random() < 0.7:
        b.N("cust_no", "VARCHAR(16)", cust_no_gen(rng.choice(["K", "C", "M", "P-", "NR"])),
            note="internal customer/member number")
    add_name(b)
    if rng.random() < 0.3 and kind == "customers" and holdout:
        b.P("username", "VARCHAR(60)", "username", lambda c: c.f.user_name())
    if rng.random() < 0.85:
        add_email(b)
    if rng.random() < 0.9:
        add_phone(b)
    add_address(b, cache)
    if rng.random() < 0.85 or kind == "patients":
        add_dob(b)
    if rng.random() < 0.55:
        add_gender(b)
    add_ids(b, 0.8 if kind != "members" else 0.5)
    if ctx.cc in IBAN_COUNTRIES and rng.random() < (0.55 if kind == "members" else 0.3):
        b.P("iban", "VARCHAR(42)", "iban", make_iban)
    if rng.random() < 0.15:
        b.P("ip", "VARCHAR(45)", "ip_address", lambda c: c.f.ipv4_public())
    if rng.random() < 0.6:
        fmt = rng.choice(["iso"] + DOB_FMT[ctx.cc])
        b.N("created", "VARCHAR(24)", lambda c: ts_text(c, fmt), note="record timestamp as text")
    if rng.random() < 0.4:
        b.N("points", "INTEGER", lambda c: c.rng.randint(0, 5000))


def layout_staff(b, holdout):
    ctx, rng = b.ctx, b.ctx.rng
    cache = row_address_cache()
    b.N("emp_no", "VARCHAR(12)", lambda c: "%s%05d" % (rng.choice(["", "E", "P"]), 10000 + c.row * 13),
        note="personnel number")
    add_name(b, "split" if rng.random() < 0.7 else "full")
    add_dob(b)
    if rng.random() < 0.5:
        add_gender(b)
    add_ids(b, 0.95)
    if ctx.cc in IBAN_COUNTRIES:
        b.P("iban", "VARCHAR(42)", "iban", make_iban)
    add_phone(b)
    if rng.random() < 0.7:
        add_email(b)
    add_address(b, cache)
    b.N("department", "VARCHAR(16)", lambda c: "%s-%03d" % (c.rng.choice(["KST", "CC", "D", "OU"]), c.rng.randint(100, 999)),
        note="cost centre code")
    if rng.random() < 0.5:
        fmt = rng.choice(["iso"] + DOB_FMT[ctx.cc])
        b.N("created", "VARCHAR(24)", lambda c: ts_text(c, fmt), note="record timestamp as text")


def layout_stores(b, holdout):
    ctx, rng = b.ctx, b.ctx.rng
    cache = row_address_cache()
    b.N("company", "VARCHAR(120)", lambda c: one_line(c.f.company()), note="company or store name")
    b.N("store_address", "VARCHAR(255)", lambda c: cache(c)[3], note="a store's address (business)")
    if rng.random() < 0.5:
        b.N("postcode", "VARCHAR(16)", lambda c: cache(c)[1], note="a store's postcode (business)")
    b.N("store_phone", "VARCHAR(40)", lambda c: c.phone(), note="a store's phone number (business)")
    b.N("country", "VARCHAR(2)", lambda c: c.cc, note="ISO country code")
    b.N("currency", "VARCHAR(3)", lambda c: CURRENCY[c.cc], note="ISO currency code")
    if rng.random() < 0.6:
        b.N("version", "VARCHAR(12)", semver, note="POS software version")
    fmt = rng.choice(["iso"] + DOB_FMT[ctx.cc])
    b.N("created", "VARCHAR(24)", lambda c: ts_text(c, fmt), note="timestamp as text")


def layout_products(b, holdout):
    rng = b.ctx.rng
    b.N("product", "VARCHAR(120)", product_name, note="product name")
    b.N("ean", "VARCHAR(13)", ean13, note="EAN-13 barcode")
    if rng.random() < 0.5:
        b.N("upc", "VARCHAR(12)", upc_a, note="UPC-A barcode")
    else:
        b.N("isbn", "VARCHAR(17)", isbn13, note="ISBN-13")
    b.N("uuid", "VARCHAR(36)", lambda c: c.f.uuid4(), note="UUID")
    if rng.random() < 0.6:
        b.N("imei", "VARCHAR(15)", imei, note="IMEI of a device in stock (Luhn), not a person's")
    b.N("price", "VARCHAR(24)", amount_text, note="amount as text")
    b.N("currency", "VARCHAR(3)", lambda c: CURRENCY[c.cc], note="ISO currency code")
    b.N("qty", "INTEGER", lambda c: c.rng.randint(0, 900))
    if rng.random() < 0.5:
        b.N("order_no", "VARCHAR(20)", lambda c: "%s-%d-%06d" % (c.rng.choice(["PO", "B", "R", "INV"]), 2024, c.row * 31 + 7),
            note="purchase order number")


def layout_orders(b, holdout):
    """Holdout only: a shipment with its recipient's contact data."""
    ctx, rng = b.ctx, b.ctx.rng
    cache = row_address_cache()
    b.N("order_no", "VARCHAR(20)", lambda c: "%s%08d" % (c.rng.choice(["", "A", "SO"]), 4000000 + c.row * 97),
        note="order number")
    fmt = rng.choice(["iso"] + DOB_FMT[ctx.cc])
    b.N("created", "VARCHAR(24)", lambda c: ts_text(c, fmt), note="order timestamp as text")
    add_name(b, "full")
    add_address(b, cache)
    add_phone(b)
    if rng.random() < 0.7:
        add_email(b)
    b.N("price", "VARCHAR(24)", amount_text, note="amount as text")
    b.N("currency", "VARCHAR(3)", lambda c: CURRENCY[c.cc], note="ISO currency code")
    b.N("country", "VARCHAR(2)", lambda c: c.cc, note="ISO country code")


def layout_accounts(b, holdout):
    """Holdout only: an application's login accounts."""
    rng = b.ctx.rng
    b.P("username", "VARCHAR(60)", "username", lambda c: c.f.user_name())
    add_email(b)
    if rng.random() < 0.5:
        add_name(b, "full")
    b.P("ip", "VARCHAR(45)", "ip_address", lambda c: c.f.ipv4_public() if c.rng.random() < 0.8 else c.f.ipv6())
    b.N("version", "VARCHAR(12)", semver, note="client app version")
    b.N("uuid", "VARCHAR(36)", lambda c: c.f.uuid4(), note="UUID")
    b.N("country", "VARCHAR(2)", lambda c: c.cc, note="ISO country code")
    fmt = rng.choice(["iso"] + DOB_FMT[b.ctx.cc])
    b.N("created", "VARCHAR(24)", lambda c: ts_text(c, fmt), note="sign-up timestamp as text")


SECTIONS = {
    "customers": "customers", "members": "members", "patients": "patients",
    "employees": "staff", "stores": "stores (business contact data)",
    "products": "products (traps)", "orders": "orders with recipients", "accounts": "login accounts",
}


def build_table(w, cc, kind, lang, loc, seed, holdout, rows):
    rng = random.Random(seed)
    ctx = Ctx(cc, lang, loc, seed, rng)
    # A fifth of the tables are named in English, as many developers everywhere write them.
    if lang != "en" and rng.random() < 0.2:
        ctx.lang = "en"
    b = Builder(ctx)
    b.N(None, "INTEGER", lambda c: c.row, options=["id"])
    if kind in ("customers", "members", "patients"):
        layout_person(b, kind, holdout)
    elif kind == "employees":
        layout_staff(b, holdout)
    elif kind == "stores":
        layout_stores(b, holdout)
    elif kind == "products":
        layout_products(b, holdout)
    elif kind == "orders":
        layout_orders(b, holdout)
    elif kind == "accounts":
        layout_accounts(b, holdout)
    # The table's name.
    opts = list(pool(ctx.lang, kind))
    rng.shuffle(opts)
    name = None
    for o in opts:
        if fold(o) not in w.table_names:
            name = o
            break
    if name is None:
        sep = rng.choice(["_", "_"])
        name = opts[0] + sep + cc.lower() if rng.random() < 0.5 else cc.lower() + sep + opts[0]
        while fold(name) in w.table_names:
            name += "2"
    w.table_names.add(fold(name))
    q(name)
    data = []
    for i in range(1, rows + 1):
        ctx.row = i
        r = []
        for c in b.cols:
            v = c.gen(ctx)
            if c.sqltype.startswith("VARCHAR"):
                n = int(c.sqltype[8:-1])
                if v is not None and len(str(v)) > n:
                    raise ValueError("%s.%s: %r is longer than %s" % (name, c.name, v, c.sqltype))
            r.append(v)
        data.append(r)
    w.table(name, cc, SECTIONS[kind] + " in " + loc + ", names in " + ctx.lang, b.cols, data)


def main():
    variant = "main"
    args = sys.argv[1:]
    if args[:1] == ["--variant"] and len(args) == 2 and args[1] in VARIANTS:
        variant = args[1]
    elif args:
        sys.exit("usage: generate.py [--variant main|holdout]")
    seed, out_dir, label = VARIANTS[variant]
    holdout = variant == "holdout"
    top = random.Random(seed)
    w = Writer()
    # Every country has at least one table of people with their full contact data first.
    first_kinds = ["customers", "members", "patients"] + (["orders"] if holdout else [])
    second_kinds = ["employees", "stores", "products"] + (["orders", "accounts"] if holdout else [])
    for cc, opts in COUNTRIES:
        kinds = [top.choice(first_kinds), top.choice(second_kinds)]
        if top.random() < 0.3:
            rest = [k for k in ["customers", "employees", "patients", "members", "stores", "products"] if k not in kinds]
            kinds.append(top.choice(rest))
        # Enough personal columns in every country for its recall to say something.
        while kinds:
            kind = kinds.pop(0)
            lang, loc = top.choice(opts)
            rows = top.randint(30, 60)
            build_table(w, cc, kind, lang, loc, top.randrange(1 << 30), holdout, rows)
            if not kinds and w.personal.get(cc, 0) < MIN_PERSONAL_PER_COUNTRY:
                kinds.append(top.choice(["customers", "members", "patients", "employees"]))
    os.makedirs(out_dir, exist_ok=True)
    rel = "tests/corpus_world/generate.py" + (" --variant holdout" if holdout else "")
    total = sum(n for _, n in w.counts)
    head = [
        "-- privaudit WORLD test corpus (%s): names, addresses and national numbers of %d countries.\n" % (label, len(COUNTRIES)),
        "--\n",
        "-- GENERATED FILE, do not edit by hand. Generated by\n",
        "--     pip install -r tests/corpus_world/requirements.txt\n",
        "--     python3 %s\n" % rel,
        "-- with Python Faker %s and python-stdnum %s, fixed seeds; regenerates byte for byte.\n" % (FAKER_VERSION, STDNUM_VERSION),
        "--\n",
        "-- ALL DATA IN THIS FILE IS FICTIONAL: every name, address, e-mail, phone number, identifier,\n",
        "-- IBAN and IP address was made up by Faker or computed at random and belongs to no one.\n",
        "--\n",
        "-- Portable SQL for SQLite, PostgreSQL and MariaDB (MariaDB loads it with ANSI_QUOTES: table\n",
        "-- and column names are double-quoted identifiers, many in native scripts). The labelled\n",
        "-- truth for every column is truth.toml beside this file, written by the same script.\n",
        "-- %d tables, %d rows.\n\n" % (len(w.counts), total),
    ]
    with open(os.path.join(out_dir, "corpus.sql"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("".join(head + w.sql))
    thead = [
        "# Labelled truth for the %s corpus (corpus.sql beside this file).\n" % label,
        "#\n",
        "# GENERATED by %s (Faker %s, python-stdnum %s); do not edit by hand.\n" % (rel, FAKER_VERSION, STDNUM_VERSION),
        "# Format as tests/corpus_holdout/truth.toml, plus the country (ISO 3166-1 alpha-2) whose\n",
        "# naming and values each column follows. Every national identity and tax number was checked\n",
        "# with python-stdnum.\n\n",
    ]
    with open(os.path.join(out_dir, "truth.toml"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("".join(thead + w.truth))
    checked = verify(out_dir)
    print("%s: %d tables, %d rows, %d columns, %d identifiers re-checked with python-stdnum"
          % (label, len(w.counts), total, w.truth.count("[[column]]\n"), checked))


def verify(out_dir):
    """Read the written files back (corpus.sql into an in-memory SQLite, truth.toml as text) and
    check every value of every column whose label says it is a national number, an IBAN, an
    EAN-13, a UPC-A, an ISBN-13 or an IMEI with python-stdnum; fail on the first invalid one."""
    import sqlite3

    db = sqlite3.connect(":memory:")
    with open(os.path.join(out_dir, "corpus.sql"), encoding="utf-8") as fh:
        db.executescript(fh.read())
    with open(os.path.join(out_dir, "truth.toml"), encoding="utf-8") as fh:
        truth = fh.read()
    checks = [
        (r'category = "\w+"  # checked with stdnum\.([\w.]+)', None),
        (r'category = "iban"', std_iban),
        (r'personal = false  # EAN-13 barcode', std_ean),
        (r'personal = false  # UPC-A barcode', std_ean),
        (r'personal = false  # ISBN-13', std_isbn),
        (r'personal = false  # IMEI', std_imei),
    ]
    n = 0
    entry = re.compile(r'table = "([^"]+)"\ncolumn = "([^"]+)"\n(?:personal = true\n)?([^\n]*)')
    for m in entry.finditer(truth):
        table, column, line = m.groups()
        for pat, module in checks:
            hit = re.match(pat, line)
            if not hit:
                continue
            module = module or mod(hit.group(1))
            for (v,) in db.execute('SELECT %s FROM %s' % (q(column), q(table))):
                if v is not None and not module.is_valid(v):
                    raise SystemExit("%s.%s: %r fails %s" % (table, column, v, module.__name__))
                n += 1
    return n


if __name__ == "__main__":
    main()
