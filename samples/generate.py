#!/usr/bin/env python3
"""Generate samples/shop.sql, the fictional sample shop database for privaudit.

Every value is invented. Names are drawn from common-name lists, e-mail
addresses use only the reserved example.* domains, IP addresses come from the
documentation ranges, and identifiers (cards, IBANs, SSNs, NINOs, NIRs,
Steuer-IDs, EANs) are random numbers that merely satisfy their check rules.

The output is deterministic: the generator uses one fixed seed and the Python
standard library only, so running

    python3 samples/generate.py

from the repository root regenerates samples/shop.sql byte for byte.

The file is written in a dialect that loads into SQLite, PostgreSQL and
MariaDB once the loader has replaced the type placeholders {{BOOL}},
{{JSON}}, {{BLOB}}, {{TIMESTAMP}} and the binary literal {{HEX:...}}.
The ground truth for every column is kept by hand in tests/truth.toml.
"""

import binascii
import datetime as dt
import json
import os
import random
import string
import struct
import sys
import zlib

SEED = 20260101
rng = random.Random(SEED)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shop.sql")

ROWS_PER_INSERT = 200
TS_START = dt.datetime(2019, 1, 1)
TS_END = dt.datetime(2026, 10, 31, 23, 59, 59)

# ---------------------------------------------------------------------------
# SQL helpers
# ---------------------------------------------------------------------------


class Raw(str):
    """A value written into the SQL verbatim (numbers, placeholders)."""


def sql_value(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, Raw):
        return str(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        raise TypeError("pass floats as Raw with an explicit format")
    if isinstance(v, (dt.datetime,)):
        return "'" + v.strftime("%Y-%m-%d %H:%M:%S") + "'"
    if isinstance(v, (dt.date,)):
        return "'" + v.strftime("%Y-%m-%d") + "'"
    s = str(v)
    if "\\" in s or "\n" in s or "\r" in s or "{{" in s or ";" in s:
        raise ValueError("value not allowed in the sample SQL: %r" % s)
    return "'" + s.replace("'", "''") + "'"


class Writer:
    def __init__(self):
        self.parts = []
        self.counts = []

    def line(self, text=""):
        self.parts.append(text + "\n")

    def create(self, table, columns, primary_key="id"):
        self.line("CREATE TABLE %s (" % table)
        defs = []
        for name, typ in columns:
            if name == primary_key:
                defs.append("    %s %s PRIMARY KEY" % (name, typ))
            else:
                defs.append("    %s %s" % (name, typ))
        self.line(",\n".join(defs))
        self.line(");")
        self.line()

    def insert(self, table, columns, rows):
        self.counts.append((table, len(rows)))
        for start in range(0, len(rows), ROWS_PER_INSERT):
            chunk = rows[start:start + ROWS_PER_INSERT]
            self.line("INSERT INTO %s (%s) VALUES" % (table, ", ".join(columns)))
            body = []
            for row in chunk:
                assert len(row) == len(columns), (table, row)
                body.append("(" + ", ".join(sql_value(v) for v in row) + ")")
            self.line(",\n".join(body) + ";")
        self.line()

    def text(self):
        return "".join(self.parts)


# ---------------------------------------------------------------------------
# Generic random helpers
# ---------------------------------------------------------------------------

ALNUM = string.ascii_letters + string.digits
HEXDIGITS = "0123456789abcdef"


def rand_str(alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def rand_digits(n):
    return rand_str(string.digits, n)


def rand_ts(start=TS_START, end=TS_END):
    span = int((end - start).total_seconds())
    return start + dt.timedelta(seconds=rng.randint(0, span))


def rand_date(start, end):
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def rand_dob():
    # Ages 18 to 90 in 2026: born 1937-01-01 .. 2007-12-31.
    return rand_date(dt.date(1937, 1, 1), dt.date(2007, 12, 31))


def adult_from(dob, floor):
    """The later of floor and the moment the person turned 18."""
    day = min(dob.day, 28) if dob.month == 2 else dob.day
    eighteen = dt.datetime(dob.year + 18, dob.month, day)
    return max(floor, eighteen)


def money(lo, hi):
    cents = rng.randint(int(lo * 100), int(hi * 100))
    return "%d.%02d" % (cents // 100, cents % 100)


TRANSLIT = {
    "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
    "é": "e", "è": "e", "ê": "e", "ë": "e", "É": "E", "È": "E", "à": "a",
    "â": "a", "î": "i", "ï": "i", "ô": "o", "û": "u", "ù": "u", "ç": "c",
    "Ç": "C", "ı": "i", "ş": "s", "ğ": "g", "Ş": "S", "ó": "o", "á": "a",
    "ñ": "n", "í": "i", "ł": "l",
}


def ascii_fold(s):
    return "".join(TRANSLIT.get(c, c) for c in s)


def slug(s):
    s = ascii_fold(s).lower()
    return "".join(c for c in s if c.isalnum())


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

EN_FEMALE = [
    "Emma", "Olivia", "Ava", "Sophia", "Isabella", "Mia", "Charlotte", "Amelia",
    "Harper", "Evelyn", "Abigail", "Emily", "Ella", "Grace", "Chloe", "Lily",
    "Hannah", "Zoe", "Sarah", "Jessica", "Megan", "Rachel", "Laura", "Anna",
    "Katie", "Siobhan", "Aisha", "Priya", "Mei", "Rosa", "Maria", "Niamh",
    "Imogen", "Freya", "Danielle", "Tamika", "Jennifer", "Linda", "Yasmin",
]
EN_MALE = [
    "Liam", "Noah", "Oliver", "James", "William", "Benjamin", "Lucas", "Henry",
    "Alexander", "Jack", "Daniel", "Matthew", "Michael", "David", "Thomas",
    "George", "Harry", "Samuel", "Ethan", "Ryan", "Connor", "Owen", "Rahul",
    "Carlos", "Wei", "Omar", "Patrick", "Sean", "Callum", "Jamal", "Kevin",
    "Robert", "Tyler", "Hamish", "Dylan", "Marcus",
]
EN_LAST = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
    "Davis", "Rodriguez", "Martinez", "Wilson", "Anderson", "Taylor", "Thomas",
    "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark",
    "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
    "Hughes", "Evans", "Roberts", "Edwards", "O'Brien", "O'Connor", "Patel",
    "Khan", "Nguyen", "Chen", "Kowalski", "MacDonald", "Murphy", "Kelly",
    "Campbell", "Stewart", "Morgan", "Cooper", "Ward", "Bennett", "Price",
    "Gray", "Fitzgerald", "Okafor", "Singh", "Ramirez", "Brooks", "Sullivan",
]
DE_FEMALE = [
    "Anna", "Lena", "Leonie", "Sophie", "Marie", "Hannah", "Lea", "Jana",
    "Katrin", "Sabine", "Petra", "Ursula", "Monika", "Käthe", "Bärbel",
    "Dörte", "Gisela", "Hildegard", "Annika", "Franziska", "Julia", "Laura",
    "Mia", "Emilia", "Charlotte", "Ayşe", "Greta", "Ines",
]
DE_MALE = [
    "Lukas", "Jonas", "Felix", "Maximilian", "Paul", "Leon", "Tobias",
    "Stefan", "Michael", "Thomas", "Andreas", "Jürgen", "Jörg", "Uwe", "Björn",
    "Günter", "Klaus", "Sören", "Matthias", "Florian", "Dieter", "Wolfgang",
    "Finn", "Elias", "Mehmet", "Hans-Peter",
]
DE_LAST = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
    "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter",
    "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun",
    "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz",
    "Krause", "Meier", "Lehmann", "Köhler", "Weiß", "Groß", "Jäger", "Yılmaz",
    "Öztürk", "Kowalczyk", "von Berg", "Vogel", "Friedrich", "Günther",
]
FR_FEMALE = [
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Zoé",
    "Hélène", "Élodie", "Amélie", "Céline", "Margaux", "Océane", "Brigitte",
    "Nathalie", "Sandrine", "Anaïs", "Mathilde", "Sylvie", "Agathe",
]
FR_MALE = [
    "Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Théo", "Raphaël",
    "François", "Jérôme", "Stéphane", "Benoît", "Cédric", "Mathéo", "Noël",
    "Thierry", "Olivier", "Jean-Luc", "Yannick", "Loïc", "Gaëtan",
]
FR_LAST = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
    "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel",
    "Garcia", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard",
    "André", "Mercier", "Dupont", "Lambert", "Bonnet", "Legrand", "Garnier",
    "Faure", "Rousseau", "Blanc", "Guérin", "Chevalier", "Rivière", "Le Gall",
    "Prévost", "Carré", "Rémy", "Lemaître", "Da Silva", "Benoît", "Dufour",
    "D'Amico",
]


def person(lang):
    """Return (first, last, sex) with sex 'f' or 'm'."""
    sex = rng.choice("fm")
    if lang == "de":
        first = rng.choice(DE_FEMALE if sex == "f" else DE_MALE)
        last = rng.choice(DE_LAST)
    elif lang == "fr":
        first = rng.choice(FR_FEMALE if sex == "f" else FR_MALE)
        last = rng.choice(FR_LAST)
    else:
        first = rng.choice(EN_FEMALE if sex == "f" else EN_MALE)
        last = rng.choice(EN_LAST)
    return first, last, sex


# ---------------------------------------------------------------------------
# E-mail, usernames, passwords, secrets, network
# ---------------------------------------------------------------------------

EMAIL_DOMAINS = {
    "en": ["example.com", "example.com", "example.org", "example.net"],
    "de": ["example.de", "example.de", "example.com", "example.net"],
    "fr": ["example.fr", "example.fr", "example.com", "example.org"],
}


def email_for(first, last, lang, used=None):
    f, l = slug(first), slug(last)
    for _ in range(100):
        pattern = rng.randint(0, 9)
        if pattern == 0:
            local = "%s.%s" % (f, l)
        elif pattern == 1:
            local = "%s%s%d" % (f[0], l, rng.randint(1, 99))
        elif pattern == 2:
            local = "%s_%s" % (f, l)
        elif pattern == 3:
            local = "%s%s" % (f, l[0])
        elif pattern == 4:
            local = "%s.%s+shop" % (f, l)
        elif pattern == 5:
            local = "%s%d" % (f, rng.randint(1960, 2005))
        elif pattern == 6:
            local = "%s.%s" % (l, f[0])
        elif pattern == 7:
            local = "%s-%s" % (f, l)
        elif pattern == 8:
            local = "%s.%s%d" % (f[0], l, rng.randint(1, 9))
        else:
            local = "%s%s" % (f, l)
        addr = "%s@%s" % (local, rng.choice(EMAIL_DOMAINS[lang]))
        if used is None or addr not in used:
            if used is not None:
                used.add(addr)
            return addr
    raise RuntimeError("could not find a unique e-mail address")


def username_for(first, last, used):
    f, l = slug(first), slug(last)
    for _ in range(100):
        pattern = rng.randint(0, 5)
        if pattern == 0:
            u = "%s%s%d" % (f[0], l, rng.randint(1, 99))
        elif pattern == 1:
            u = "%s_%s" % (f, l[0])
        elif pattern == 2:
            u = "%s%d" % (f, rng.randint(10, 999))
        elif pattern == 3:
            u = "%s.%s" % (f, l)
        elif pattern == 4:
            u = "%s_%s" % (l, rng.choice(["x", "fan", "uk", "de", "1", "99"]))
        else:
            u = "%s%s" % (f[:3], l[:4])
        if u not in used:
            used.add(u)
            return u
    raise RuntimeError("could not find a unique username")


BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def bcrypt_hash():
    # 22-char salt + 31-char digest, as real bcrypt output is shaped: the last
    # salt char carries 2 bits, the last digest char 4 bits.
    salt = rand_str(BCRYPT_ALPHABET, 21) + rng.choice(".Oeu")
    digest = rand_str(BCRYPT_ALPHABET, 30) + rng.choice(BCRYPT_ALPHABET[::4])
    return "$2b$12$" + salt + digest


PLAIN_PASSWORDS = [
    "Summer2024!", "hunter2", "Passw0rd", "Welcome1", "qwerty123",
    "Winter2023!", "letmein", "Password123", "iloveyou", "Fussball1990",
    "Sommer2025!", "dragon", "admin123", "Tr0ub4dor&3", "Spring2025#",
    "Chelsea1905", "monkey99", "sunshine!", "P@ssword1", "abc123",
    "correct horse battery staple", "Bienvenue2024", "Geheim123", "changeme",
]


def secret_token(kind):
    if kind == "stripe":
        return "sk_live_" + rand_str(ALNUM, 24)
    if kind == "github":
        return "ghp_" + rand_str(ALNUM, 36)
    if kind == "slack":
        return "xoxb-%s-%s-%s" % (rand_digits(12), rand_digits(13), rand_str(ALNUM, 24))
    if kind == "sendgrid":
        return "SG." + rand_str(ALNUM + "-_", 22) + "." + rand_str(ALNUM + "-_", 43)
    if kind == "aws":
        return "AKIA" + rand_str(string.ascii_uppercase + "234567", 16)
    return rand_str(HEXDIGITS, 40)


def ipv4():
    net = rng.choice(["192.0.2", "198.51.100", "203.0.113"])
    return "%s.%d" % (net, rng.randint(1, 254))


def ipv6():
    groups = ["%x" % rng.randint(0, 0xFFFF) for _ in range(6)]
    if rng.random() < 0.5:
        return "2001:db8:%s:%s::%s" % (groups[0], groups[1], groups[2])
    return "2001:db8:" + ":".join(groups)


# ---------------------------------------------------------------------------
# Phone numbers (all shapes accepted as valid by libphonenumber metadata)
# ---------------------------------------------------------------------------

def us_phone(area, style=None):
    line = "01%02d" % rng.randint(0, 99)
    style = rng.randint(0, 5) if style is None else style
    if style == 0:
        return "(%s) 555-%s" % (area, line)
    if style == 1:
        return "+1 %s-555-%s" % (area, line)
    if style == 2:
        return "%s.555.%s" % (area, line)
    if style == 3:
        return "%s-555-%s" % (area, line)
    if style == 4:
        return "+1 %s 555 %s" % (area, line)
    return "+1 (%s) 555-%s" % (area, line)


# UK mobile blocks that libphonenumber accepts. (The Ofcom drama range
# 07700 900xxx is NOT accepted by libphonenumber, so it is not used.)
UK_MOBILE_BLOCKS = ["7400", "7412", "7423", "7481", "7123", "7234", "7311",
                    "7523", "7712", "7766", "7803", "7846", "7946", "7984",
                    "7525", "7591"]


def uk_mobile(style=None):
    block = rng.choice(UK_MOBILE_BLOCKS)
    sub = rand_digits(6)
    style = rng.randint(0, 3) if style is None else style
    if style == 0:
        return "0%s %s" % (block, sub)
    if style == 1:
        return "+44 %s %s" % (block, sub)
    if style == 2:
        return "0%s %s %s" % (block, sub[:3], sub[3:])
    return "+44%s%s" % (block, sub)


def uk_landline(code):
    # code like "20" (London, 8-digit subscriber) or "161" (7-digit)
    if code == "20":
        sub = rng.choice(["7946", "3946", "8123"]) + rand_digits(4)
        fmt = rng.randint(0, 1)
        if fmt == 0:
            return "020 %s %s" % (sub[:4], sub[4:])
        return "+44 20 %s %s" % (sub[:4], sub[4:])
    if code == "29":
        sub = "20" + rand_digits(6)
        return "029 %s %s" % (sub[:4], sub[4:])
    # 496 is the Ofcom drama block, except in Nottingham (0115) where
    # libphonenumber does not accept it.
    blocks = ["234", "223", "245", "272"] + ([] if code == "115" else ["496", "496"])
    sub = rng.choice(blocks) + rand_digits(4)
    if rng.random() < 0.7:
        return "0%s %s %s" % (code, sub[:3], sub[3:])
    return "+44 %s %s %s" % (code, sub[:3], sub[3:])


DE_MOBILE_PREFIXES = ["151", "152", "157", "160", "162", "170", "171", "172",
                      "173", "174", "175", "176", "177", "178", "179"]


def de_mobile(style=None):
    prefix = rng.choice(DE_MOBILE_PREFIXES)
    sub = rand_digits(8 if prefix.startswith("15") or prefix == "176" else 7)
    style = rng.randint(0, 3) if style is None else style
    if style == 0:
        return "+49 %s %s" % (prefix, sub)
    if style == 1:
        return "0%s/%s" % (prefix, sub)
    if style == 2:
        return "0%s %s" % (prefix, sub)
    return "+49%s%s" % (prefix, sub)


def de_landline(code, style=None):
    sub_len = 8 if len(code) == 2 else rng.choice([6, 7])
    sub = str(rng.randint(2, 9)) + rand_digits(sub_len - 1)
    style = rng.randint(0, 3) if style is None else style
    if style == 0:
        return "0%s %s" % (code, sub)
    if style == 1:
        return "+49 %s %s" % (code, sub)
    if style == 2:
        return "0%s-%s" % (code, sub)
    return "(0%s) %s" % (code, sub)


def de_phone(code):
    return de_mobile() if rng.random() < 0.45 else de_landline(code)


FR_MOBILE_PREFIXES = ["6", "7"]


def fr_phone(area_digit=None, style=None):
    if area_digit is None or rng.random() < 0.5:
        first = rng.choice(FR_MOBILE_PREFIXES)
        if first == "6":
            rest = rng.choice(["0", "1", "2", "4", "5", "6", "7", "8"]) + rand_digits(7)
        else:
            rest = rng.choice(["3", "4", "5", "6", "7", "8", "9"]) + rand_digits(7)
    else:
        first = area_digit
        rest = str(rng.randint(1, 9)) + rand_digits(7)
    nat = first + rest  # 9 digits without the trunk 0
    pairs = [nat[1:3], nat[3:5], nat[5:7], nat[7:9]]
    style = rng.randint(0, 4) if style is None else style
    if style == 0:
        return "0%s %s" % (first, " ".join(pairs))
    if style == 1:
        return "+33 %s %s" % (first, " ".join(pairs))
    if style == 2:
        return "0%s.%s" % (first, ".".join(pairs))
    if style == 3:
        return "0%s" % nat
    return "+33%s" % nat


# ---------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------

# city, state, base ZIP, area code, lat, lon
US_CITIES = [
    ("Springfield", "IL", 62701, "217", 39.7817, -89.6501),
    ("Portland", "OR", 97201, "503", 45.5152, -122.6784),
    ("Austin", "TX", 78701, "512", 30.2672, -97.7431),
    ("Denver", "CO", 80202, "303", 39.7392, -104.9903),
    ("Seattle", "WA", 98101, "206", 47.6062, -122.3321),
    ("Boston", "MA", 2108, "617", 42.3601, -71.0589),
    ("Chicago", "IL", 60601, "312", 41.8781, -87.6298),
    ("Columbus", "OH", 43215, "614", 39.9612, -82.9988),
    ("Madison", "WI", 53703, "608", 43.0731, -89.4012),
    ("Raleigh", "NC", 27601, "919", 35.7796, -78.6382),
    ("Phoenix", "AZ", 85004, "602", 33.4484, -112.0740),
    ("Nashville", "TN", 37203, "615", 36.1627, -86.7816),
    ("Sacramento", "CA", 95814, "916", 38.5816, -121.4944),
    ("San Diego", "CA", 92101, "619", 32.7157, -117.1611),
    ("Albany", "NY", 12207, "518", 42.6526, -73.7562),
    ("Brooklyn", "NY", 11201, "718", 40.6782, -73.9442),
    ("Newark", "NJ", 7102, "973", 40.7357, -74.1724),
    ("Pittsburgh", "PA", 15222, "412", 40.4406, -79.9959),
    ("Atlanta", "GA", 30303, "404", 33.7490, -84.3880),
    ("Miami", "FL", 33130, "305", 25.7617, -80.1918),
]
US_STREETS = [
    "Elm Street", "Oak Avenue", "Maple Drive", "Cedar Lane", "Pine Street",
    "Washington Avenue", "Lake Road", "Hillcrest Drive", "Park Place",
    "Sunset Boulevard", "Willow Way", "Main Street", "2nd Street",
    "Chestnut Court", "Jefferson Street", "Walnut Street", "Lincoln Avenue",
    "Meadow Lane", "River Road", "Highland Avenue",
]

# city, outward codes, landline code, lat, lon
UK_CITIES = [
    ("London", ["SW1A", "EC1A", "N1", "SE1", "W2", "E14", "NW3", "SW11"], "20", 51.5072, -0.1276),
    ("Manchester", ["M1", "M4", "M20", "M14"], "161", 53.4808, -2.2426),
    ("Birmingham", ["B1", "B15", "B29"], "121", 52.4862, -1.8904),
    ("Leeds", ["LS1", "LS6", "LS11"], "113", 53.8008, -1.5491),
    ("Bristol", ["BS1", "BS8", "BS6"], "117", 51.4545, -2.5879),
    ("Edinburgh", ["EH1", "EH3", "EH9"], "131", 55.9533, -3.1883),
    ("Glasgow", ["G1", "G12", "G41"], "141", 55.8642, -4.2518),
    ("Cardiff", ["CF10", "CF24", "CF5"], "29", 51.4816, -3.1791),
    ("Liverpool", ["L1", "L8", "L17"], "151", 53.4084, -2.9916),
    ("Sheffield", ["S1", "S10", "S11"], "114", 53.3811, -1.4701),
    ("Nottingham", ["NG1", "NG7", "NG5"], "115", 52.9548, -1.1581),
    ("Leicester", ["LE1", "LE2", "LE3"], "116", 52.6369, -1.1398),
]
UK_STREETS = [
    "High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane",
    "Manor Road", "Park Avenue", "Queens Road", "Mill Lane", "Kings Road",
    "The Crescent", "Albert Street", "Grange Road", "Windsor Close",
    "Orchard Way", "St John's Road",
]
UK_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

# city, (plz low, plz high), area code, lat, lon
DE_CITIES = [
    ("Berlin", (10115, 14199), "30", 52.5200, 13.4050),
    ("Hamburg", (20095, 22769), "40", 53.5511, 9.9937),
    ("München", (80331, 81929), "89", 48.1351, 11.5820),
    ("Köln", (50667, 51149), "221", 50.9375, 6.9603),
    ("Frankfurt am Main", (60306, 60599), "69", 50.1109, 8.6821),
    ("Stuttgart", (70173, 70629), "711", 48.7758, 9.1829),
    ("Düsseldorf", (40210, 40629), "211", 51.2277, 6.7735),
    ("Leipzig", (4103, 4357), "341", 51.3397, 12.3731),
    ("Dresden", (1067, 1328), "351", 51.0504, 13.7373),
    ("Nürnberg", (90402, 90491), "911", 49.4521, 11.0767),
    ("Hannover", (30159, 30659), "511", 52.3759, 9.7320),
    ("Bremen", (28195, 28779), "421", 53.0793, 8.8017),
    ("Freiburg im Breisgau", (79098, 79117), "761", 47.9990, 7.8421),
    ("Münster", (48143, 48167), "251", 51.9607, 7.6261),
    ("Görlitz", (2826, 2829), "3581", 51.1528, 14.9873),
]
DE_STREETS = [
    "Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schillerstraße",
    "Goethestraße", "Lindenallee", "Am Markt", "Kirchgasse", "Mozartstraße",
    "Birkenweg", "Friedrichstraße", "Königsallee", "Rosenstraße", "Bergstraße",
    "Waldweg", "Schulstraße", "Dorfstraße", "Lessingstraße", "Ringstraße",
    "Mühlenweg", "Am Schloßpark", "Fährstraße",
]

# city, postcodes, area digit for landlines
FR_CITIES = [
    ("Paris", ["750%02d" % i for i in range(1, 21)], "1"),
    ("Lyon", ["6900%d" % i for i in range(1, 10)], "4"),
    ("Marseille", ["130%02d" % i for i in range(1, 17)], "4"),
    ("Toulouse", ["31000", "31100", "31200", "31300", "31400", "31500"], "5"),
    ("Bordeaux", ["33000", "33100", "33200", "33300", "33800"], "5"),
    ("Nantes", ["44000", "44100", "44200", "44300"], "2"),
    ("Lille", ["59000", "59160", "59260", "59800"], "3"),
    ("Strasbourg", ["67000", "67100", "67200"], "3"),
    ("Nice", ["06000", "06100", "06200", "06300"], "4"),
    ("Montpellier", ["34000", "34070", "34080", "34090"], "4"),
    ("Rennes", ["35000", "35200", "35700"], "2"),
    ("Ajaccio", ["20000", "20090"], "4"),
]
FR_STREETS = [
    "rue de la Paix", "avenue Victor Hugo", "boulevard Saint-Michel",
    "rue du Faubourg Saint-Honoré", "place de la République",
    "rue des Lilas", "chemin des Vignes", "allée des Tilleuls",
    "rue Jean Jaurès", "impasse du Moulin", "quai de la Loire",
    "rue de l'Église", "avenue de la Libération", "rue Pasteur",
    "rue Émile Zola", "boulevard Gambetta",
]


def us_address():
    city, state, zip_base, area, lat, lon = rng.choice(US_CITIES)
    street = "%d %s" % (rng.randint(1, 9899), rng.choice(US_STREETS))
    if rng.random() < 0.12:
        street += ", Apt %d%s" % (rng.randint(1, 12), rng.choice("ABCD"))
    zipcode = "%05d" % (zip_base + rng.randint(0, 9))
    return {"street": street, "city": city, "state": state, "postcode": zipcode,
            "country": "United States", "area": area, "lat": lat, "lon": lon,
            "line": "%s, %s, %s %s" % (street, city, state, zipcode)}


def uk_postcode(outwards):
    return "%s %d%s" % (rng.choice(outwards), rng.randint(0, 9),
                        rand_str(UK_INWARD_LETTERS, 2))


def uk_address():
    city, outwards, code, lat, lon = rng.choice(UK_CITIES)
    street = "%d %s" % (rng.randint(1, 240), rng.choice(UK_STREETS))
    if rng.random() < 0.1:
        street = "Flat %d, %s" % (rng.randint(1, 30), street)
    pc = uk_postcode(outwards)
    return {"street": street, "city": city, "state": None, "postcode": pc,
            "country": "United Kingdom", "area": code, "lat": lat, "lon": lon,
            "line": "%s, %s %s" % (street, city, pc)}


def de_street():
    nr = str(rng.randint(1, 180))
    if rng.random() < 0.1:
        nr += rng.choice("abc")
    return "%s %s" % (rng.choice(DE_STREETS), nr)


def de_address():
    city, (lo, hi), code, lat, lon = rng.choice(DE_CITIES)
    street = de_street()
    plz = "%05d" % rng.randint(lo, hi)
    return {"street": street, "city": city, "state": None, "postcode": plz,
            "country": "Germany", "area": code, "lat": lat, "lon": lon,
            "line": "%s, %s %s" % (street, plz, city)}


# ---------------------------------------------------------------------------
# Check-digit schemes
# ---------------------------------------------------------------------------

def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(partial):
    for c in "0123456789":
        if luhn_ok(partial + c):
            return partial + c
    raise AssertionError


VISA_IINS = ["4024007", "4485", "4532", "4556", "4716", "4929", "4539", "4916",
             "4001", "4147", "4263", "4388"]
MC_IINS = ["51", "52", "53", "54", "55", "2221", "2298", "2367", "2720"]
AMEX_IINS = ["34", "37"]


def card_number():
    brand = rng.choices(["visa", "mc", "amex"], weights=[55, 35, 10])[0]
    if brand == "amex":
        pan = luhn_complete(rng.choice(AMEX_IINS) + rand_digits(12))
    else:
        iin = rng.choice(VISA_IINS if brand == "visa" else MC_IINS)
        pan = luhn_complete(iin + rand_digits(15 - len(iin)))
    style = rng.randint(0, 2)
    if brand == "amex":
        groups = [pan[:4], pan[4:10], pan[10:]]
    else:
        groups = [pan[i:i + 4] for i in range(0, 16, 4)]
    if style == 0:
        text = pan
    elif style == 1:
        text = " ".join(groups)
    else:
        text = "-".join(groups)
    return text, pan


def iban_check_digits(country, bban):
    rearranged = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in rearranged)
    return "%02d" % (98 - int(num) % 97)


def rib_key(bank, branch, account):
    return "%02d" % (97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97)


ES_WEIGHTS = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]


def es_dc(ten):
    d = 11 - sum(int(c) * w for c, w in zip(ten, ES_WEIGHTS)) % 11
    return {11: 0, 10: 1}.get(d, d)


IT_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12,
          14, 16, 10, 22, 25, 24, 23]


def it_cin(s):
    total = 0
    for i, c in enumerate(s):
        idx = int(c) if c.isdigit() else ord(c) - 65
        total += IT_ODD[idx] if i % 2 == 0 else idx
    return chr(65 + total % 26)


def nl_account():
    while True:
        acc = rand_digits(10)
        if acc[0] != "0" and sum(int(c) * (10 - i) for i, c in enumerate(acc)) % 11 == 0:
            return acc


def iban():
    country = rng.choices(["DE", "FR", "NL", "GB", "ES", "IT"], weights=[40, 20, 12, 12, 8, 8])[0]
    if country == "DE":
        bban = str(rng.randint(1, 8)) + rand_digits(7) + rand_digits(10)
    elif country == "FR":
        bank, branch, acc = rand_digits(5), rand_digits(5), rand_digits(11)
        bban = bank + branch + acc + rib_key(bank, branch, acc)
    elif country == "NL":
        bban = rng.choice(["ABNA", "INGB", "RABO", "TRIO", "SNSB"]) + nl_account()
    elif country == "GB":
        bban = rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + rand_digits(6) + rand_digits(8)
    elif country == "ES":
        bank, branch, acc = rand_digits(4), rand_digits(4), rand_digits(10)
        dc = "%d%d" % (es_dc("00" + bank + branch), es_dc(acc))
        bban = bank + branch + dc + acc
    else:
        abi, cab, acc = rand_digits(5), rand_digits(5), rand_digits(12)
        bban = it_cin(abi + cab + acc) + abi + cab + acc
    full = country + iban_check_digits(country, bban) + bban
    if rng.random() < 0.45:
        return " ".join(full[i:i + 4] for i in range(0, len(full), 4))
    return full


def ssn():
    while True:
        area = rng.randint(1, 899)
        if area != 666:
            break
    group = rng.randint(1, 99)
    serial = rng.randint(1, 9999)
    style = rng.random()
    if style < 0.8:
        return "%03d-%02d-%04d" % (area, group, serial)
    if style < 0.9:
        return "%03d%02d%04d" % (area, group, serial)
    return "%03d %02d %04d" % (area, group, serial)


NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"
NINO_BAD_PREFIX = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]


def nino():
    while True:
        prefix = rng.choice(NINO_FIRST) + rng.choice(NINO_SECOND)
        if prefix not in NINO_BAD_PREFIX:
            break
    digits = rand_digits(6)
    suffix = rng.choice("ABCD")
    if rng.random() < 0.5:
        return "%s %s %s %s %s" % (prefix, digits[:2], digits[2:4], digits[4:], suffix)
    return prefix + digits + suffix


def nir(sex, dob):
    dept = rng.choice([d for d in range(1, 96) if d != 20])
    body = "%d%02d%02d%02d%03d%03d" % (
        1 if sex == "m" else 2, dob.year % 100, dob.month, dept,
        rng.randint(1, 990), rng.randint(1, 999))
    key = 97 - int(body) % 97
    full = body + "%02d" % key
    if rng.random() < 0.4:
        return "%s %s %s %s %s %s %s" % (full[0], full[1:3], full[3:5], full[5:7],
                                         full[7:10], full[10:13], full[13:])
    return full


def steuer_id_check(ten):
    product = 10
    for ch in ten:
        s = (int(ch) + product) % 10
        if s == 0:
            s = 10
        product = (s * 2) % 11
    check = 11 - product
    return 0 if check == 10 else check


def steuer_id():
    while True:
        digits = list("0123456789")
        rng.shuffle(digits)
        if rng.random() < 0.75:
            # nine distinct digits, one of them twice
            chosen = digits[:9]
            chosen.append(rng.choice(chosen))
        else:
            # eight distinct digits, one of them three times
            chosen = digits[:8]
            dup = rng.choice(chosen)
            chosen += [dup, dup]
        rng.shuffle(chosen)
        ten = "".join(chosen)
        if ten[0] == "0":
            continue
        if any(ten[i] == ten[i + 1] == ten[i + 2] for i in range(8)):
            continue
        counts = sorted((ten.count(d) for d in set(ten)), reverse=True)
        assert counts[0] in (2, 3) and all(c == 1 for c in counts[1:])
        full = ten + str(steuer_id_check(ten))
        if rng.random() < 0.2:
            return "%s %s %s %s" % (full[:2], full[2:5], full[5:8], full[8:])
        return full


def ean13(prefix):
    body = prefix + rand_digits(12 - len(prefix))
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


def ups_tracking():
    body = "1Z" + rand_str(string.ascii_uppercase + string.digits, 6) + rng.choice(["01", "02", "03", "12", "13", "42"]) + rand_digits(7)
    total = 0
    for i, c in enumerate(body[2:]):
        v = int(c) if c.isdigit() else (ord(c) - 63) % 10
        total += v * (2 if i % 2 == 1 else 1)
    return body + str((10 - total % 10) % 10)


def s10_tracking(country):
    weights = [8, 6, 4, 2, 3, 5, 9, 7]
    serial = rand_digits(8)
    c = 11 - sum(int(d) * w for d, w in zip(serial, weights)) % 11
    c = {10: 0, 11: 5}.get(c, c)
    return rng.choice(["RR", "RX", "LX", "CP"]) + serial + str(c) + country


def tracking_code(country):
    r = rng.random()
    if r < 0.7:
        return ups_tracking()
    if country == "United Kingdom":
        return s10_tracking("GB")
    if country == "Germany":
        return "JJD" + rand_digits(18) if r < 0.85 else s10_tracking("DE")
    return "9400" + rand_digits(18)


def tiny_png(rgb_a, rgb_b, size=8):
    """A valid 8x8 RGB PNG using stored (uncompressed) deflate blocks."""
    raw = bytearray()
    for y in range(size):
        raw.append(0)
        for x in range(size):
            raw += bytes(rgb_a if (x // 2 + y // 2) % 2 == 0 else rgb_b)
    raw = bytes(raw)
    deflate = b"\x78\x01" + b"\x01" + struct.pack("<HH", len(raw), 0xFFFF ^ len(raw)) + raw
    deflate += struct.pack(">I", zlib.adler32(raw) & 0xFFFFFFFF)

    def chunk(tag, data):
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", binascii.crc32(tag + data) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", deflate) + chunk(b"IEND", b"")
    return binascii.hexlify(png).decode("ascii")


# ---------------------------------------------------------------------------
# Table builders
# ---------------------------------------------------------------------------

def build_customers(w):
    cols = [
        ("id", "INTEGER"), ("first_name", "VARCHAR(60)"), ("last_name", "VARCHAR(60)"),
        ("email", "VARCHAR(120)"), ("phone", "VARCHAR(30)"), ("date_of_birth", "DATE"),
        ("gender", "VARCHAR(10)"), ("street", "VARCHAR(120)"), ("city", "VARCHAR(60)"),
        ("postcode", "VARCHAR(10)"), ("country", "VARCHAR(40)"),
        ("created_at", "{{TIMESTAMP}}"), ("last_login_at", "{{TIMESTAMP}}"),
        ("marketing_opt_in", "{{BOOL}}"), ("password_hash", "VARCHAR(60)"),
        ("loyalty_points", "INTEGER"), ("last_ip", "VARCHAR(45)"),
        ("username", "VARCHAR(40)"),
    ]
    w.create("customers", cols)
    w.line("CREATE INDEX idx_customers_created_at ON customers (created_at);")
    w.line()
    customers = []
    rows = []
    used_email, used_user = set(), set()
    for cid in range(1, 301):
        country = rng.choices(["us", "uk", "de"], weights=[45, 30, 25])[0]
        lang = "de" if country == "de" else "en"
        first, last, sex = person(lang)
        if country == "us":
            addr = us_address()
            phone = us_phone(addr["area"])
        elif country == "uk":
            addr = uk_address()
            phone = uk_mobile() if rng.random() < 0.6 else uk_landline(addr["area"])
        else:
            addr = de_address()
            phone = de_phone(addr["area"])
        if rng.random() < 0.06:
            phone = None
        email = email_for(first, last, lang, used_email)
        dob = rand_dob()
        g = rng.random()
        if g < 0.05:
            gender = None
        elif g < 0.08:
            gender = "diverse"
        elif g < 0.25:
            gender = sex
        else:
            gender = "female" if sex == "f" else "male"
        created = rand_ts(adult_from(dob, TS_START), dt.datetime(2026, 6, 30))
        last_login = None if rng.random() < 0.05 else rand_ts(created, TS_END)
        ip = None if rng.random() < 0.04 else (ipv6() if rng.random() < 0.15 else ipv4())
        c = {
            "id": cid, "first": first, "last": last, "sex": sex, "email": email,
            "phone": phone, "dob": dob, "addr": addr, "created": created,
            "lang": lang, "country": country,
        }
        customers.append(c)
        rows.append([
            cid, first, last, email, phone, dob, gender, addr["street"], addr["city"],
            addr["postcode"], addr["country"], created, last_login,
            rng.random() < 0.4, bcrypt_hash(), rng.choice([0, 0, rng.randint(10, 5000)]),
            ip, username_for(first, last, used_user),
        ])
    w.insert("customers", [c[0] for c in cols], rows)
    return customers


CURRENCY = {"us": "USD", "uk": "GBP", "de": "EUR"}
ORDER_STATUS = ["pending", "paid", "shipped", "shipped", "delivered", "delivered",
                "delivered", "delivered", "cancelled", "refunded"]


def build_orders(w, customers):
    cols = [
        ("id", "INTEGER"), ("customer_id", "INTEGER"), ("order_number", "VARCHAR(16)"),
        ("status", "VARCHAR(20)"), ("total_amount", "DECIMAL(10,2)"),
        ("currency", "VARCHAR(3)"), ("shipping_address", "TEXT"),
        ("created_at", "{{TIMESTAMP}}"), ("tracking_code", "VARCHAR(30)"),
    ]
    w.create("orders", cols)
    w.line("CREATE INDEX idx_orders_created_at ON orders (created_at);")
    w.line()
    orders, rows = [], []
    used_numbers = set()
    for oid in range(1, 1201):
        c = rng.choice(customers)
        while True:
            number = str(rng.randint(1, 9)) + rand_digits(15)
            if number not in used_numbers:
                used_numbers.add(number)
                break
        status = rng.choice(ORDER_STATUS)
        total = money(4.99, 899.0)
        if rng.random() < 0.85:
            ship = c["addr"]
        else:
            ship = {"us": us_address, "uk": uk_address, "de": de_address}[c["country"]]()
        start = max(c["created"], dt.datetime(2018, 1, 1))
        created = rand_ts(start, TS_END)
        tracking = None if status in ("pending", "paid", "cancelled") else tracking_code(ship["country"])
        o = {"id": oid, "customer": c, "number": number, "total": total,
             "created": created, "ship": ship}
        orders.append(o)
        rows.append([oid, c["id"], number, status, Raw(total), CURRENCY[c["country"]],
                     ship["line"], created, tracking])
    w.insert("orders", [c[0] for c in cols], rows)
    return orders


def build_payments(w, orders):
    cols = [
        ("id", "INTEGER"), ("order_id", "INTEGER"), ("card_number", "VARCHAR(25)"),
        ("card_holder", "VARCHAR(80)"), ("card_expiry", "VARCHAR(5)"),
        ("card_last4", "VARCHAR(4)"), ("iban", "VARCHAR(42)"),
        ("amount", "DECIMAL(10,2)"), ("paid_at", "{{TIMESTAMP}}"),
    ]
    w.create("payments", cols)
    paid = sorted(rng.sample(orders, 600), key=lambda o: o["id"])
    rows = []
    for pid, o in enumerate(paid, start=1):
        c = o["customer"]
        if rng.random() < 0.9:
            holder = "%s %s" % (c["first"], c["last"])
        else:
            f, l, _ = person(c["lang"])
            holder = "%s %s" % (f, l)
        holder = holder.upper()
        paid_at = min(TS_END, o["created"] + dt.timedelta(seconds=rng.randint(5, 3 * 86400)))
        if rng.random() < 0.4:
            text, pan = card_number()
            year = paid_at.year + rng.randint(1, 5)
            expiry = "%02d/%02d" % (rng.randint(1, 12), year % 100)
            rows.append([pid, o["id"], text, holder, expiry, pan[-4:], None,
                         Raw(o["total"]), paid_at])
        else:
            rows.append([pid, o["id"], None, holder, None, None, iban(),
                         Raw(o["total"]), paid_at])
    w.insert("payments", [c[0] for c in cols], rows)


DEPARTMENTS = ["Engineering", "Customer Support", "Warehouse", "Finance",
               "Marketing", "Human Resources", "Logistics", "Purchasing"]
SICK_REASONS = ["migraine", "back pain", "flu", "surgery recovery",
                "broken wrist", "COVID-19", "burnout", "gastroenteritis",
                "knee injury", "dental surgery", "bronchitis",
                "depression (doctor's note on file)", "pregnancy complications",
                "chronic fatigue", "food poisoning"]


def passport():
    r = rng.random()
    if r < 0.45:
        return rand_digits(9)                      # UK style, e.g. 533380006
    if r < 0.75:
        return rng.choice("ACEFGHJKLMNPRSTUVWXYZ") + rand_digits(8)  # US next-gen style
    alphabet = "CFGHJKLMNPRTVWXYZ0123456789"
    return rng.choice("CFGHJK") + rand_str(alphabet, 7) + str(rng.randint(0, 9))  # DE style


def build_employees(w):
    cols = [
        ("id", "INTEGER"), ("full_name", "VARCHAR(120)"), ("work_email", "VARCHAR(120)"),
        ("mobile", "VARCHAR(30)"), ("birth_date", "DATE"), ("hire_date", "DATE"),
        ("national_insurance_number", "VARCHAR(16)"), ("ssn", "VARCHAR(11)"),
        ("passport_no", "VARCHAR(12)"), ("department", "VARCHAR(40)"),
        ("manager_id", "INTEGER"), ("sick_leave_reason", "TEXT"),
        ("union_member", "{{BOOL}}"), ("password", "TEXT"), ("api_token", "TEXT"),
        ("avatar", "{{BLOB}}"),
    ]
    w.create("employees", cols)
    rows = []
    used_email = set()
    heads = {}
    for eid in range(1, 61):
        first, last, sex = person("en")
        dob = rand_date(dt.date(1960, 1, 1), dt.date(2004, 12, 31))
        hire = rand_date(max(dt.date(2005, 1, 1), dob.replace(year=dob.year + 18, day=min(dob.day, 28))),
                         dt.date(2025, 12, 31))
        local = rng.choice(["%s.%s", "%.1s%s", "%s%.1s"]) % (slug(first), slug(last))
        work_email = local + "@example.com"
        n = 2
        while work_email in used_email:
            work_email = "%s%d@example.com" % (local, n)
            n += 1
        used_email.add(work_email)
        uk = eid % 2 == 1
        if eid == 1:
            dept, manager = "Management", None
        else:
            dept = DEPARTMENTS[(eid - 2) % len(DEPARTMENTS)] if eid <= 9 else rng.choice(DEPARTMENTS)
            if dept in heads:
                manager = heads[dept]
            else:
                heads[dept] = eid
                manager = 1
        token_kind = rng.choice(["github", "hex", "slack", "stripe", None, None])
        avatar = None
        if rng.random() < 0.75:
            a = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
            b = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
            avatar = Raw("{{HEX:%s}}" % tiny_png(a, b))
        rows.append([
            eid, "%s %s" % (first, last), work_email, uk_mobile(), dob, hire,
            nino() if uk else None, None if uk else ssn(),
            passport() if rng.random() < 0.85 else None, dept, manager,
            rng.choice(SICK_REASONS) if rng.random() < 0.4 else None,
            rng.random() < 0.3, rng.choice(PLAIN_PASSWORDS),
            secret_token(token_kind) if token_kind else None, avatar,
        ])
    w.insert("employees", [c[0] for c in cols], rows)


# --- support tickets --------------------------------------------------------

TICKET_TOPICS = {
    "en": [
        ("Where is my order?", [
            "my parcel was supposed to arrive last Tuesday but the tracking page has not changed for five days.",
            "I ordered a desk lamp two weeks ago and still have not received anything. Could you check what happened?",
        ]),
        ("Refund request", [
            "I returned the headphones last week and would like to know when the refund will be processed.",
            "the item did not match the description, so I sent it back. Please refund the full amount.",
        ]),
        ("Damaged item", [
            "the mug arrived with a crack in the handle. The box looked fine from the outside.",
            "one of the poster frames was broken on arrival. I have photos if you need them.",
        ]),
        ("Cannot log in", [
            "I keep getting an error when I try to sign in, even after resetting my password twice.",
            "the login page just reloads when I press the button. I tried two different browsers.",
        ]),
        ("Invoice request", [
            "could you please send me a VAT invoice for my last purchase? I need it for my expense report.",
            "the invoice in my account shows the wrong company name. Can you issue a corrected one?",
        ]),
        ("Cancel my order", [
            "I ordered the wrong colour by mistake. Please cancel the order before it ships.",
            "I would like to cancel my recent order, I found the product cheaper locally.",
        ]),
        ("Discount code not working", [
            "the code from your spring newsletter is rejected at checkout with the message that it has expired.",
            "my welcome discount was not applied even though the banner said it would be.",
        ]),
        ("Product question", [
            "is the walnut desk organizer treated with oil or varnish? I want to be sure before buying.",
            "does the wireless mouse work with a Linux laptop without extra drivers?",
        ]),
    ],
    "de": [
        ("Wo bleibt meine Bestellung?", [
            "mein Paket sollte letzte Woche ankommen, die Sendungsverfolgung zeigt aber seit Tagen keine Änderung.",
            "ich warte seit zwölf Tagen auf meine Lieferung. Können Sie bitte nachsehen, was los ist?",
        ]),
        ("Rückerstattung", [
            "ich habe die Ware vor zehn Tagen zurückgeschickt und warte noch auf die Erstattung des Kaufpreises.",
            "der Artikel entsprach nicht der Beschreibung. Bitte erstatten Sie mir den vollen Betrag.",
        ]),
        ("Artikel beschädigt", [
            "die Tasse kam mit einem Sprung am Henkel an. Der Karton sah von außen unversehrt aus.",
            "leider ist der Bilderrahmen beim Transport zerbrochen. Fotos kann ich gern nachreichen.",
        ]),
        ("Login funktioniert nicht", [
            "ich kann mich seit gestern nicht mehr anmelden, obwohl ich das Passwort zurückgesetzt habe.",
            "beim Einloggen erscheint immer eine Fehlermeldung. Was kann ich tun?",
        ]),
        ("Rechnung benötigt", [
            "bitte senden Sie mir eine Rechnung mit ausgewiesener Mehrwertsteuer für meine letzte Bestellung.",
            "auf der Rechnung steht eine falsche Firmenbezeichnung. Können Sie das korrigieren?",
        ]),
        ("Bestellung stornieren", [
            "ich habe versehentlich die falsche Größe bestellt. Bitte stornieren Sie die Bestellung.",
            "bitte stornieren Sie meine Bestellung, ich habe mich anders entschieden.",
        ]),
    ],
    "fr": [
        ("Où est ma commande ?", [
            "mon colis devait arriver mardi dernier mais le suivi n'a pas bougé depuis cinq jours.",
            "j'attends ma livraison depuis deux semaines. Pouvez-vous vérifier ce qui se passe ?",
        ]),
        ("Demande de remboursement", [
            "j'ai renvoyé le casque la semaine dernière et j'aimerais savoir quand je serai remboursé.",
            "l'article ne correspondait pas à la description. Merci de me rembourser intégralement.",
        ]),
        ("Article endommagé", [
            "la tasse est arrivée avec l'anse fêlée alors que le carton semblait intact.",
            "le cadre de l'affiche était cassé à la livraison. Je peux envoyer des photos.",
        ]),
        ("Impossible de me connecter", [
            "je n'arrive plus à me connecter à mon compte malgré deux réinitialisations du mot de passe.",
            "la page de connexion se recharge sans arrêt. J'ai essayé avec deux navigateurs.",
        ]),
        ("Annuler ma commande", [
            "je me suis trompé de couleur. Merci d'annuler la commande avant l'expédition.",
            "je souhaite annuler ma commande récente, s'il vous plaît.",
        ]),
    ],
}
TICKET_OPEN = {
    "en": ["Hello,", "Hi there,", "Good morning,", "Hi,", "Dear support team,"],
    "de": ["Hallo,", "Guten Tag,", "Sehr geehrte Damen und Herren,", "Moin,"],
    "fr": ["Bonjour,", "Madame, Monsieur,", "Bonsoir,"],
}
TICKET_CLOSE = {
    "en": ["Thanks!", "Thank you in advance.", "Kind regards", "Cheers", "Best wishes"],
    "de": ["Vielen Dank!", "Mit freundlichen Grüßen", "Danke und viele Grüße", "Beste Grüße"],
    "fr": ["Merci d'avance.", "Cordialement", "Bien à vous", "Merci beaucoup !"],
}
TICKET_EMAIL = {
    "en": ["Please reply to {e} rather than the address on my account.",
           "You can reach me at {e}.", "My new email is {e}, please update it."],
    "de": ["Bitte antworten Sie an {e}.", "Meine neue E-Mail-Adresse lautet {e}.",
           "Sie erreichen mich per Mail unter {e}."],
    "fr": ["Merci de me répondre à {e}.", "Ma nouvelle adresse e-mail est {e}.",
           "Vous pouvez m'écrire à {e}."],
}
TICKET_PHONE = {
    "en": ["Call me on {p} if that is easier.", "My number is {p}.",
           "Please call back at {p}, I am available after 5pm."],
    "de": ["Sie erreichen mich telefonisch unter {p}.", "Rückruf bitte unter {p}.",
           "Meine Telefonnummer ist {p}."],
    "fr": ["Vous pouvez me joindre au {p}.", "Mon numéro est le {p}.",
           "Merci de me rappeler au {p} après 18h."],
}
TICKET_ORDER = {
    "en": ["Order number {o}.", "It is about order {o}.", "(order {o})"],
    "de": ["Bestellnummer {o}.", "Es geht um die Bestellung {o}."],
    "fr": ["Numéro de commande {o}.", "Il s'agit de la commande {o}."],
}


def non_luhn_order_number(customer_orders):
    candidates = [o["number"] for o in customer_orders if not luhn_ok(o["number"])]
    if candidates:
        return rng.choice(candidates)
    while True:
        n = str(rng.randint(1, 9)) + rand_digits(15)
        if not luhn_ok(n):
            return n


def ticket_phone(lang, c):
    if lang == "fr":
        return fr_phone(rng.choice("12345"))
    if lang == "de":
        return de_phone(c["addr"]["area"] if c["country"] == "de" else "30")
    if c["country"] == "uk":
        return uk_mobile()
    if c["country"] == "us":
        return us_phone(c["addr"]["area"])
    return us_phone("415")


def build_support_tickets(w, customers, orders):
    cols = [
        ("id", "INTEGER"), ("customer_id", "INTEGER"), ("subject", "VARCHAR(200)"),
        ("body", "TEXT"), ("status", "VARCHAR(20)"), ("priority", "VARCHAR(10)"),
        ("created_at", "{{TIMESTAMP}}"),
    ]
    w.create("support_tickets", cols)
    by_customer = {}
    for o in orders:
        by_customer.setdefault(o["customer"]["id"], []).append(o)
    rows = []
    for tid in range(1, 251):
        c = rng.choice(customers)
        r = rng.random()
        if r < 0.12:
            lang = "fr"
        elif c["lang"] == "de":
            lang = "de"
        else:
            lang = "en"
        subject, cores = rng.choice(TICKET_TOPICS[lang])
        has_email = rng.random() < 0.35
        has_phone = rng.random() < 0.25
        has_order = rng.random() < 0.11
        while True:
            parts = [rng.choice(TICKET_OPEN[lang]), rng.choice(cores)]
            if has_order:
                parts.append(rng.choice(TICKET_ORDER[lang]).format(
                    o=non_luhn_order_number(by_customer.get(c["id"], []))))
            if has_email:
                addr = c["email"] if rng.random() < 0.5 else email_for(c["first"], c["last"], c["lang"])
                parts.append(rng.choice(TICKET_EMAIL[lang]).format(e=addr))
            if has_phone:
                parts.append(rng.choice(TICKET_PHONE[lang]).format(p=ticket_phone(lang, c)))
            parts.append(rng.choice(TICKET_CLOSE[lang]))
            body = " ".join(parts)
            if 60 <= len(body) <= 400:
                break
        status = rng.choice(["open", "pending", "closed", "closed", "closed"])
        priority = rng.choice(["low", "normal", "normal", "high", "urgent"])
        rows.append([tid, c["id"], subject, body, status, priority, rand_ts(c["created"], TS_END)])
    w.insert("support_tickets", [c[0] for c in cols], rows)


# --- products -----------------------------------------------------------------

PRODUCTS = [
    ("Wireless Mouse", "EL", "tech"), ("Mechanical Keyboard", "EL", "tech"),
    ("USB-C Hub 7-in-1", "EL", "tech"), ("Noise-Cancelling Headphones", "EL", "tech"),
    ("Laptop Stand Aluminium", "EL", "tech"), ("27-inch Monitor Arm", "EL", "tech"),
    ("Webcam 1080p", "EL", "tech"), ("Bluetooth Speaker Mini", "EL", "tech"),
    ("Portable SSD 1 TB", "EL", "tech"), ("Ergonomic Wrist Rest", "EL", "tech"),
    ("Desk Lamp LED", "HO", "home"), ("Walnut Desk Organizer", "HO", "home"),
    ("Oak Monitor Riser", "HO", "home"), ("Cork Pin Board", "HO", "home"),
    ("Cable Management Box", "HO", "home"), ("Felt Desk Mat", "HO", "home"),
    ("Ceramic Plant Pot", "HO", "home"), ("Bamboo Pen Holder", "HO", "home"),
    ("Wall Clock Minimal", "HO", "home"), ("Linen Cushion Cover", "HO", "home"),
    ("Ada Lovelace Mug", "GI", "gift"), ("Grace Hopper Poster", "GI", "gift"),
    ("Alan Turing T-Shirt", "GI", "gift"), ("Marie Curie Notebook", "GI", "gift"),
    ("Albert Einstein Puzzle 1000", "GI", "gift"), ("Frida Kahlo Tote Bag", "GI", "gift"),
    ("Nikola Tesla Desk Calendar", "GI", "gift"), ("Katherine Johnson Print", "GI", "gift"),
    ("Charles Darwin Bookmark Set", "GI", "gift"), ("Beethoven Socks", "GI", "gift"),
    ("Hedy Lamarr Enamel Pin", "GI", "gift"), ("Rosalind Franklin Poster", "GI", "gift"),
    ("Espresso Cup Set", "KI", "kitchen"), ("Pour-Over Coffee Dripper", "KI", "kitchen"),
    ("Insulated Water Bottle", "KI", "kitchen"), ("Stoneware Mug Grey", "KI", "kitchen"),
    ("Tea Infuser Steel", "KI", "kitchen"), ("Lunch Box Bento", "KI", "kitchen"),
    ("Glass Storage Jar", "KI", "kitchen"), ("Cast Iron Trivet", "KI", "kitchen"),
    ("A5 Dot Grid Notebook", "ST", "paper"), ("Fountain Pen Classic", "ST", "paper"),
    ("Gel Pen Set 12", "ST", "paper"), ("Sticky Notes Pastel", "ST", "paper"),
    ("Weekly Planner 2026", "ST", "paper"), ("Washi Tape Set", "ST", "paper"),
    ("Brass Paper Clips", "ST", "paper"), ("Sketchbook A4", "ST", "paper"),
    ("Highlighter Set 6", "ST", "paper"), ("Leather Pencil Case", "ST", "paper"),
    ("Canvas Backpack", "BA", "bag"), ("Laptop Sleeve 14-inch", "BA", "bag"),
    ("Messenger Bag Waxed", "BA", "bag"), ("Travel Organizer Pouch", "BA", "bag"),
    ("Foldable Shopping Bag", "BA", "bag"), ("Rolltop Rucksack", "BA", "bag"),
    ("Yoga Mat Cork", "SP", "sport"), ("Resistance Bands Set", "SP", "sport"),
    ("Jump Rope Speed", "SP", "sport"), ("Foam Roller", "SP", "sport"),
    ("Bike Light Set", "SP", "sport"), ("Running Belt", "SP", "sport"),
    ("Board Game Night Pack", "TO", "toy"), ("Wooden Puzzle Cube", "TO", "toy"),
    ("Kite Delta", "TO", "toy"), ("Card Game Classic", "TO", "toy"),
    ("Chess Set Travel", "TO", "toy"), ("Marble Run Starter", "TO", "toy"),
    ("Scented Candle Cedar", "HO", "home"), ("Throw Blanket Wool", "HO", "home"),
    ("Phone Charging Stand", "EL", "tech"), ("Smart Plug Duo", "EL", "tech"),
    ("Desk Fan Quiet", "EL", "tech"), ("Mini Tripod", "EL", "tech"),
    ("Shakespeare Quote Mug", "GI", "gift"), ("Van Gogh Sunflowers Umbrella", "GI", "gift"),
    ("Mozart Music Box", "GI", "gift"), ("Picasso Coaster Set", "GI", "gift"),
    ("Recycled Gift Wrap", "ST", "paper"), ("Greeting Card Assortment", "ST", "paper"),
]
DESCRIPTIONS = {
    "tech": ["Plug and play, works with Windows, macOS and Linux.",
             "Compact, reliable and built for everyday use at the desk.",
             "Low power consumption and a two-year warranty included."],
    "home": ["Handmade from sustainably sourced materials.",
             "Brings calm and order to any workspace.",
             "A timeless design that fits modern and classic interiors."],
    "gift": ["Celebrate a great mind with this playful design.",
             "Printed on premium material with fade-resistant inks.",
             "The perfect present for curious people of all ages."],
    "kitchen": ["Dishwasher safe and free from BPA.",
                "Keeps drinks hot for 12 hours and cold for 24 hours.",
                "Designed for daily rituals and slow mornings."],
    "paper": ["Acid-free 100 gsm paper that takes fountain pen ink well.",
              "Lay-flat binding and a sturdy cover.",
              "Bright colours that do not bleed through."],
    "bag": ["Water-repellent fabric and a padded laptop compartment.",
            "Fits a 14-inch laptop plus a day of essentials.",
            "Reinforced seams for years of commuting."],
    "sport": ["Lightweight and easy to pack for training on the go.",
              "Non-slip surface for safe workouts.",
              "Suitable for beginners and seasoned athletes."],
    "toy": ["Fun for the whole family, ages 8 and up.",
            "Encourages logical thinking and creativity.",
            "Made from FSC-certified wood with non-toxic paint."],
}


def build_products(w):
    cols = [
        ("id", "INTEGER"), ("name", "VARCHAR(100)"), ("description", "TEXT"),
        ("sku", "VARCHAR(20)"), ("ean", "VARCHAR(13)"), ("price", "DECIMAL(8,2)"),
        ("weight_grams", "INTEGER"),
    ]
    w.create("products", cols)
    assert len(PRODUCTS) == 80 and len({p[0] for p in PRODUCTS}) == 80
    rows = []
    seq = {}
    for pid, (name, abbr, cat) in enumerate(PRODUCTS, start=1):
        seq[abbr] = seq.get(abbr, 1000) + rng.randint(1, 9)
        descs = DESCRIPTIONS[cat][:]
        rng.shuffle(descs)
        desc = " ".join(descs[:rng.randint(2, 3)])
        prefix = rng.choice(["400", "401", "426", "50", "0"])
        rows.append([pid, name, desc, "%s-%d" % (abbr, seq[abbr]), ean13(prefix),
                     Raw(money(2.5, 249.0)), rng.randint(15, 2500)])
    w.insert("products", [c[0] for c in cols], rows)


def intl_phone():
    r = rng.random()
    if r < 0.35:
        city = rng.choice(DE_CITIES)
        return "+49 %s %s" % (city[2], str(rng.randint(2, 9)) + rand_digits(6))
    if r < 0.65:
        area = rng.choice(US_CITIES)[3]
        return "+1 %s 555 01%02d" % (area, rng.randint(0, 99))
    if r < 0.85:
        return uk_mobile(style=1)
    return fr_phone(style=1)


def build_legacy_import(w):
    cols = [
        ("id", "INTEGER"), ("c1", "VARCHAR(120)"), ("c2", "VARCHAR(120)"),
        ("c3", "VARCHAR(30)"), ("c4", "TEXT"), ("c5", "VARCHAR(12)"), ("c6", "VARCHAR(4)"),
    ]
    w.create("legacy_import", cols)
    rows = []
    for lid in range(1, 151):
        lang = rng.choice(["en", "en", "de", "fr"])
        first, last, _ = person(lang)
        rows.append([
            lid,
            email_for(first, last, lang) if rng.random() > 0.03 else None,
            "%s %s" % (first, last),
            intl_phone() if rng.random() > 0.05 else None,
            rand_dob().isoformat(),
            money(1.0, 999.0),
            "%s%02d" % (rng.choice("ABCDEFGH"), rng.randint(0, 40)),
        ])
    w.insert("legacy_import", [c[0] for c in cols], rows)


def build_kunden(w):
    cols = [
        ("kundennr", "VARCHAR(12)"), ("vorname", "VARCHAR(60)"), ("nachname", "VARCHAR(60)"),
        ("strasse", "VARCHAR(100)"), ("plz", "VARCHAR(5)"), ("ort", "VARCHAR(60)"),
        ("telefon", "VARCHAR(30)"), ("geburtsdatum", "DATE"), ("emailadresse", "VARCHAR(120)"),
        ("steuer_id", "VARCHAR(14)"), ("konfession", "VARCHAR(30)"),
        ("angelegt_am", "{{TIMESTAMP}}"),
    ]
    w.create("kunden", cols, primary_key="kundennr")
    numbers = sorted(rng.sample(range(100000, 199999), 120))
    rows = []
    used_email = set()
    for nr in numbers:
        first, last, _ = person("de")
        addr = de_address()
        k = rng.random()
        if k < 0.10:
            konf = None
        else:
            konf = rng.choices(["evangelisch", "römisch-katholisch", "keine", "islamisch",
                                "orthodox", "jüdisch", "neuapostolisch"],
                               weights=[30, 30, 28, 6, 3, 1, 2])[0]
        dob = rand_dob()
        rows.append([
            "K-%d" % nr, first, last, addr["street"], addr["postcode"], addr["city"],
            de_phone(addr["area"]), dob, email_for(first, last, "de", used_email),
            steuer_id(), konf, rand_ts(adult_from(dob, dt.datetime(2016, 1, 1)), TS_END),
        ])
    w.insert("kunden", [c[0] for c in cols], rows)


def build_contacts_fr(w):
    cols = [
        ("id", "INTEGER"), ("prenom", "VARCHAR(60)"), ("nom", "VARCHAR(60)"),
        ("courriel", "VARCHAR(120)"), ("telephone", "VARCHAR(30)"),
        ("date_naissance", "DATE"), ("numero_secu", "VARCHAR(21)"),
        ("adresse", "VARCHAR(120)"), ("code_postal", "VARCHAR(5)"),
    ]
    w.create("contacts_fr", cols)
    rows = []
    used_email = set()
    for fid in range(1, 81):
        first, last, sex = person("fr")
        city, postcodes, area = rng.choice(FR_CITIES)
        dob = rand_dob()
        nr = str(rng.randint(1, 140))
        if rng.random() < 0.1:
            nr += rng.choice([" bis", " ter"])
        rows.append([
            fid, first, last, email_for(first, last, "fr", used_email), fr_phone(area), dob,
            nir(sex, dob), "%s %s" % (nr, rng.choice(FR_STREETS)), rng.choice(postcodes),
        ])
    w.insert("contacts_fr", [c[0] for c in cols], rows)


def build_profiles(w, customers):
    cols = [("id", "INTEGER"), ("customer_id", "INTEGER"), ("profile", "{{JSON}}"),
            ("settings", "{{JSON}}")]
    w.create("profiles", cols)
    order = customers[:]
    rng.shuffle(order)
    rows = []
    for pid, c in enumerate(order, start=1):
        prof = {}
        if rng.random() < 0.9:
            prof["display_name"] = "%s %s." % (c["first"], c["last"][0])
        if rng.random() < 0.85:
            prof["email"] = c["email"]
        if rng.random() < 0.6:
            prof["birthday"] = c["dob"].isoformat()
        if rng.random() < 0.5 and c["phone"]:
            prof["phone"] = c["phone"]
        if rng.random() < 0.2:
            prof["avatar_url"] = "https://cdn.example.com/avatars/%s.png" % rand_str(HEXDIGITS, 12)
        lang = {"us": "en", "uk": "en", "de": "de"}[c["country"]]
        prof["preferences"] = {"newsletter": rng.random() < 0.4, "language": lang}
        if rng.random() < 0.3:
            prof["preferences"]["sms_alerts"] = rng.random() < 0.5
        settings = {"theme": rng.choice(["dark", "light", "system"]), "lang": lang,
                    "items_per_page": rng.choice([10, 20, 20, 50, 100])}
        if rng.random() < 0.25:
            settings["currency"] = CURRENCY[c["country"]]
        rows.append([pid, c["id"], json.dumps(prof, ensure_ascii=False, separators=(",", ":")),
                     json.dumps(settings, ensure_ascii=False, separators=(",", ":"))])
    w.insert("profiles", [c[0] for c in cols], rows)


CAMPAIGNS = [
    ("Spring Sale 2025", "Hello {first_name}, our spring sale starts now. Save up to 30 percent on desk accessories until Sunday."),
    ("Summer Clearance 2025", "Hi {first_name}, summer clearance is here: last chance on bags and bottles before the new season."),
    ("Back to School 2025", "Hello {first_name}, get ready for the new term with notebooks, pens and planners at 20 percent off."),
    ("Black Friday 2025", "Hi {first_name}, Black Friday deals are live. Use code {coupon} at checkout before midnight."),
    ("Christmas Gift Guide 2025", "Dear {first_name}, find the perfect present in our gift guide. Order by {last_order_date} for delivery before Christmas."),
    ("New Year Planner 2026", "Hello {first_name}, start 2026 organised with our new weekly planner collection."),
    ("Frühjahrsaktion 2026", "Hallo {first_name}, unsere Frühjahrsaktion startet jetzt mit bis zu 25 Prozent Rabatt."),
    ("Soldes d'été 2026", "Bonjour {first_name}, les soldes d'été commencent aujourd'hui sur toute la papeterie."),
    ("Win-back Q2 2026", "We miss you, {first_name}. Here is 10 percent off your next order with code {coupon}."),
]


def build_newsletter_log(w):
    cols = [
        ("id", "INTEGER"), ("email_sent", "{{BOOL}}"), ("address_id", "INTEGER"),
        ("phone_verified", "{{BOOL}}"), ("campaign_name", "VARCHAR(80)"),
        ("build_version", "VARCHAR(20)"), ("sent_at", "{{TIMESTAMP}}"),
        ("email_template", "TEXT"), ("open_count", "INTEGER"),
    ]
    w.create("newsletter_log", cols)
    versions = ["%d.%d.%d.%d" % (rng.randint(1, 5), rng.randint(0, 12), rng.randint(0, 40), rng.randint(0, 9))
                for _ in range(12)]
    rows = []
    for nid in range(1, 501):
        name, template = rng.choice(CAMPAIGNS)
        sent = rng.random() < 0.93
        rows.append([
            nid, sent, rng.randint(1, 24), rng.random() < 0.55, name, rng.choice(versions),
            rand_ts(dt.datetime(2025, 1, 1), TS_END), template,
            rng.choice([0, 0, 0, 1, 1, 2, 3, rng.randint(4, 17)]) if sent else 0,
        ])
    w.insert("newsletter_log", [c[0] for c in cols], rows)


def build_api_credentials(w):
    cols = [("id", "INTEGER"), ("service_name", "VARCHAR(40)"), ("api_key", "TEXT"),
            ("created_at", "{{TIMESTAMP}}")]
    w.create("api_credentials", cols)
    services = (["stripe"] * 4 + ["github"] * 4 + ["slack"] * 3 + ["sendgrid"] * 2
                + ["aws"] * 2 + ["mailgun", "datadog", "sentry", "pagerduty", "internal-billing"])
    assert len(services) == 20
    rows = []
    for aid, svc in enumerate(services, start=1):
        kind = svc if svc in ("stripe", "github", "slack", "sendgrid", "aws") else "hex"
        rows.append([aid, svc, secret_token(kind), rand_ts()])
    w.insert("api_credentials", [c[0] for c in cols], rows)


def build_delivery_locations(w, orders):
    cols = [("id", "INTEGER"), ("order_id", "INTEGER"), ("latitude", "DOUBLE PRECISION"),
            ("longitude", "DOUBLE PRECISION"), ("recorded_at", "{{TIMESTAMP}}")]
    w.create("delivery_locations", cols)
    picked = sorted(rng.sample(orders, 400), key=lambda o: o["id"])
    rows = []
    for did, o in enumerate(picked, start=1):
        lat = o["ship"]["lat"] + rng.uniform(-0.06, 0.06)
        lon = o["ship"]["lon"] + rng.uniform(-0.09, 0.09)
        rows.append([did, o["id"], Raw("%.6f" % lat), Raw("%.6f" % lon),
                     min(TS_END, o["created"] + dt.timedelta(seconds=rng.randint(86400, 6 * 86400)))])
    w.insert("delivery_locations", [c[0] for c in cols], rows)


def build_waitlist(w):
    cols = [("id", "INTEGER"), ("email", "VARCHAR(120)"), ("signed_up_at", "{{TIMESTAMP}}")]
    w.create("waitlist", cols)
    w.counts.append(("waitlist", 0))


HEADER = """\
-- privaudit sample database: a fictional online shop.
--
-- ALL DATA IN THIS FILE IS FICTIONAL. It was generated by samples/generate.py
-- with a fixed random seed and is regenerated byte for byte by running
--     python3 samples/generate.py
-- from the repository root. Do not edit this file by hand.
--
-- Names come from lists of common first and last names and are combined at
-- random. E-mail domains are the reserved example.com, example.org,
-- example.net, example.de and example.fr. IP addresses lie in the
-- documentation ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 and
-- 2001:db8::/32. US phone numbers use the fictional 555-01xx lines. Card
-- numbers, IBANs, SSNs, National Insurance numbers, French NIR numbers and
-- German tax IDs are random digits that only satisfy the check-digit rules.
-- Secrets and tokens are random strings and grant access to nothing.
--
-- The file is portable across SQLite, PostgreSQL 15 and MariaDB 10.11 once
-- the loader substitutes the type placeholders written in double braces
-- (BOOL, JSON, BLOB, TIMESTAMP and HEX binary literals).
-- The labelled truth for every column is in tests/truth.toml.
--
"""


def main():
    w = Writer()
    w.parts.append(HEADER)
    body = Writer()
    customers = build_customers(body)
    orders = build_orders(body, customers)
    build_payments(body, orders)
    build_employees(body)
    build_support_tickets(body, customers, orders)
    build_products(body)
    build_legacy_import(body)
    build_kunden(body)
    build_contacts_fr(body)
    build_profiles(body, customers)
    build_newsletter_log(body)
    build_api_credentials(body)
    build_delivery_locations(body, orders)
    build_waitlist(body)
    total = sum(n for _, n in body.counts)
    w.line("-- Row counts: " + ", ".join("%s %d" % tn for tn in body.counts)
           + " (total %d)" % total)
    w.line()
    text = w.text() + body.text()
    text = text.rstrip("\n") + "\n"
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    sys.stdout.write("wrote %s (%d bytes, %d rows)\n" % (OUT, len(text.encode("utf-8")), total))


if __name__ == "__main__":
    main()
