#!/usr/bin/env python3
"""Generate the HELD-OUT labelled corpus for privaudit: tests/corpus_holdout/corpus.sql and
tests/corpus_holdout/truth.toml.

This corpus exists to measure the classifier honestly: it was written without reading the
classifier or its rules, with new schemas, a different seed and new traps, after the classifier
had been tuned on tests/corpus/. Do not tune the classifier on it; if you do, its score becomes a
training figure too and a new held-out corpus is needed.

Every value comes from Python Faker (pinned in tests/corpus_holdout/requirements.txt) with fixed
seeds, so that

    pip install -r tests/corpus_holdout/requirements.txt
    python3 tests/corpus_holdout/generate.py

from the repository root regenerates both files byte for byte. Nothing here reads the clock.

Applications: a school, a clinic, a hotel, a marketplace, a telecom operator, a bank, a
newsletter/marketing tool, plus reference tables (countries, currencies, tariffs, banks, cell
sites, ICD-10 codes, a product catalogue, app releases). Some tables use German, French,
Spanish, Italian, Dutch, Brazilian Portuguese, European Portuguese, Polish and Turkish naming.

Labelling conventions follow tests/truth.toml and tests/corpus/truth.toml: the city of a person
counts as postal_address, a country (or a state / province / region) is not personal, company
names, company VAT numbers, job titles and user agents are not personal, data that is personal
but has no category among the ids the scanner knows (grades, salaries, device identifiers such as
IMEI) is labelled not personal with a note, free text is labelled with its main category and an
accept list. Business contact data of organisations (a hotel's front desk phone, a newsletter's
sender address, infrastructure IPs and coordinates of cell towers) is not personal.

The SQL is portable: types INTEGER, BIGINT, VARCHAR(n), TEXT, DATE, NUMERIC(12,2) and the
placeholders {{TIMESTAMP}}, {{BOOL}}, {{JSON}} which the loader substitutes per engine. String
literals use single quotes (doubled inside); values never hold a backslash, a newline or "{{".
Every statement ends with ";" at a line end.
"""

import base64
import datetime as dt
import hashlib
import json
import os
import random
import re
import sys
import zlib
from collections import OrderedDict

# Some Faker providers pick from sets, whose order follows Python's string hashing: pin it,
# re-running this script under PYTHONHASHSEED=0.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import faker  # noqa: E402
from faker import Faker  # noqa: E402
from faker.providers.currency import Provider as CurrencyProvider  # noqa: E402
from faker.providers import date_time as _faker_date_time  # noqa: E402
from faker.providers.date_time import Provider as DateTimeProvider  # noqa: E402

# Several Faker providers draw relative to "now" (date_of_birth() inside CURP, RFC, PESEL and the
# Austrian SV-Nummer; credit_card_expire; date_time). Freeze Faker's clock so the output does not
# depend on the day the script runs.
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
if faker.VERSION != FAKER_VERSION:
    sys.exit(
        "tests/corpus_holdout/generate.py needs Faker %s (found %s): "
        "pip install -r tests/corpus_holdout/requirements.txt" % (FAKER_VERSION, faker.VERSION)
    )

HERE = os.path.dirname(os.path.abspath(__file__))
SQL_OUT = os.path.join(HERE, "corpus.sql")
TRUTH_OUT = os.path.join(HERE, "truth.toml")

SEED = 918273
ROWS_PER_INSERT = 50

LOCALES = [
    "en_US", "en_AU", "en_CA", "fr_CA", "de_AT", "de_CH", "es_MX", "pt_PT", "nl_BE", "it_IT",
    "pl_PL", "tr_TR", "pt_BR", "en_IE",
]
COUNTRY = {
    "en_US": "US", "en_AU": "AU", "en_CA": "CA", "fr_CA": "CA", "de_AT": "AT", "de_CH": "CH",
    "es_MX": "MX", "pt_PT": "PT", "nl_BE": "BE", "it_IT": "IT", "pl_PL": "PL", "tr_TR": "TR",
    "pt_BR": "BR", "en_IE": "IE",
}
CURRENCY = {
    "US": "USD", "AU": "AUD", "CA": "CAD", "AT": "EUR", "CH": "CHF", "MX": "MXN", "PT": "EUR",
    "BE": "EUR", "IT": "EUR", "PL": "PLN", "TR": "TRY", "BR": "BRL", "IE": "EUR",
}
# E.164 mobile numbers: country code, leading digits of a mobile number, count of further digits.
MOBILE = {
    "US": ("1", ["201", "312", "415", "646", "718", "917"], 7),
    "AU": ("61", ["4"], 8),
    "CA": ("1", ["416", "514", "604", "613", "778"], 7),
    "AT": ("43", ["664", "676", "699"], 7),
    "CH": ("41", ["76", "78", "79"], 7),
    "MX": ("52", ["55", "33", "81"], 8),
    "PT": ("351", ["91", "93", "96"], 7),
    "BE": ("32", ["47", "48", "49"], 7),
    "IT": ("39", ["320", "333", "347", "389"], 7),
    "PL": ("48", ["50", "51", "60", "69", "79"], 7),
    "TR": ("90", ["530", "532", "542", "555"], 7),
    "BR": ("55", ["119", "219", "319"], 8),
    "IE": ("353", ["83", "85", "86", "87"], 7),
}

D = dt.date
T = dt.datetime
DOB_START, DOB_END = D(1935, 1, 1), D(2006, 12, 31)
P_START, P_END = T(2023, 6, 1), T(2024, 11, 30, 23, 59, 59)

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
BCRYPT = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def seed_of(*parts):
    return (zlib.crc32("|".join(parts).encode("utf-8")) ^ SEED) & 0x7FFFFFFF


class Fakers:
    """One seeded Faker per locale for one table, plus a seeded chooser."""

    def __init__(self, table, locales=LOCALES):
        self.rng = random.Random(seed_of(table))
        self.by_locale = {}
        for loc in locales:
            f = Faker(loc)
            f.seed_instance(seed_of(table, loc))
            self.by_locale[loc] = f
        self.locales = list(locales)

    def pick(self):
        loc = self.rng.choice(self.locales)
        return loc, self.by_locale[loc]


# ---------------------------------------------------------------------------
# SQL and truth writing (same format as tests/corpus/generate.py)
# ---------------------------------------------------------------------------


class Raw(str):
    """Written verbatim (numbers formatted by the caller)."""


def one_line(s):
    return ", ".join(part.strip() for part in str(s).splitlines() if part.strip())


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
        raise TypeError("pass floats as Raw or text")
    if isinstance(v, dt.datetime):
        return "'" + v.strftime("%Y-%m-%d %H:%M:%S") + "'"
    if isinstance(v, dt.date):
        return "'" + v.strftime("%Y-%m-%d") + "'"
    s = str(v)
    if "\\" in s or "\n" in s or "\r" in s or "{{" in s:
        raise ValueError("value not allowed in the corpus SQL: %r" % s)
    return "'" + s.replace("'", "''") + "'"


class Col:
    def __init__(self, name, sqltype, personal=False, category=None, accept=(), note=None):
        self.name = name
        self.sqltype = sqltype
        self.personal = personal
        self.category = category
        self.accept = list(accept)
        self.note = note
        if personal and not category:
            raise ValueError(name)


def P(name, sqltype, category, accept=(), note=None):
    return Col(name, sqltype, True, category, accept, note)


def N(name, sqltype, note=None):
    return Col(name, sqltype, False, note=note)


class Corpus:
    def __init__(self):
        self.sql = []
        self.truth = []
        self.counts = []
        self.names = set()

    def table(self, name, cols, rows, section):
        assert name not in self.names, name
        self.names.add(name)
        names = [c.name for c in cols]
        assert len(set(names)) == len(names), name
        for r in rows:
            assert len(r) == len(cols), (name, r)
            for col, v in zip(cols, r):
                m = re.fullmatch(r"VARCHAR\((\d+)\)", col.sqltype)
                if m and v is not None and len(str(v)) > int(m.group(1)):
                    raise ValueError("%s.%s: %r is longer than %s" % (name, col.name, v, col.sqltype))
        self.counts.append((name, len(rows)))
        out = self.sql
        out.append("-- %s: %s\n" % (section, name))
        out.append("CREATE TABLE %s (\n" % name)
        defs = []
        for i, c in enumerate(cols):
            d = "    %s %s" % (c.name, c.sqltype)
            if i == 0:
                d += " PRIMARY KEY"
            defs.append(d)
        out.append(",\n".join(defs) + "\n);\n\n")
        for start in range(0, len(rows), ROWS_PER_INSERT):
            chunk = rows[start : start + ROWS_PER_INSERT]
            out.append("INSERT INTO %s (%s) VALUES\n" % (name, ", ".join(names)))
            lines = ["(" + ", ".join(sql_value(v) for v in r) + ")" for r in chunk]
            out.append(",\n".join(lines) + ";\n")
        out.append("\n")
        t = self.truth
        t.append("# ---- %s (%s)\n\n" % (name, section))
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
            t.append("\n")

    def simple(self, name, section, locales, n, cols, make):
        """A table whose first column is the 1-based row number."""
        fk = Fakers(name, locales)
        rows = []
        for i in range(1, n + 1):
            loc, f = fk.pick()
            rows.append([i] + make(loc, f, fk.rng, i))
        self.table(name, cols, rows, section)


# ---------------------------------------------------------------------------
# value helpers
# ---------------------------------------------------------------------------


def dob(f, end=DOB_END, start=DOB_START):
    return f.date_between_dates(date_start=start, date_end=end)


def ts(f, start=P_START, end=P_END):
    return f.date_time_between_dates(datetime_start=start, datetime_end=end).replace(microsecond=0)


def day(f, start=D(2023, 6, 1), end=D(2024, 11, 30)):
    return f.date_between_dates(date_start=start, date_end=end)


def chars(f, alphabet, n):
    return "".join(f.random_elements(list(alphabet), length=n, unique=False))


def money(f, lo=1, hi=2000):
    return Raw("%d.%02d" % (f.random_int(lo, hi), f.random_int(0, 99)))


def eu_amount(f, lo=1, hi=9000, sign=False):
    """1.234,56 style."""
    whole = f.random_int(lo, hi)
    s = "{:,}".format(whole).replace(",", ".") + ",%02d" % f.random_int(0, 99)
    if sign and f.boolean(60):
        s = "-" + s
    return s


def semver(f):
    v = "%d.%d.%d" % (f.random_int(0, 9), f.random_int(0, 30), f.random_int(0, 60))
    if f.boolean(25):
        v += "-%s.%d" % (f.random_element(["alpha", "beta", "rc"]), f.random_int(1, 9))
    return v


def phone(f):
    return one_line(f.phone_number())


def e164(cc_country, f):
    cc, prefixes, rest = MOBILE[cc_country]
    return "+" + cc + f.random_element(prefixes) + f.numerify("#" * rest)


def street(f):
    return one_line(f.street_address())


def address_line(f):
    return one_line(f.address())


def luhn_complete(digits):
    """Append the Luhn check digit to a string of digits."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return digits + str((10 - total % 10) % 10)


def imei(f):
    tac = f.random_element(["35328910", "35890410", "86769504", "35404911", "01332700"])
    return luhn_complete(tac + f.numerify("######"))


def iccid(f, cc):
    return luhn_complete("89" + cc.zfill(3)[-3:] + f.numerify("##") + f.numerify("#" * 12))


def bcrypt_hash(f):
    return "$2b$12$" + chars(f, BCRYPT, 53)


def argon2_hash(f):
    return "$argon2id$v=19$m=65536,t=3,p=4$%s$%s" % (chars(f, B64[:-2], 22), chars(f, B64[:-2], 43))


def sha512_crypt(f):
    return "$6$%s$%s" % (chars(f, BCRYPT, 16), chars(f, BCRYPT, 86))


def b64_blob(f, n):
    return base64.b64encode(f.binary(length=n)).decode("ascii")


def titled_name(f, rng, share=0.5):
    """A full name, about half of them with a title or salutation."""
    name = f.name()
    if rng.random() < share:
        p = f.prefix()
        if p and not name.startswith(p):
            name = p + " " + name
    return name


def national_id(loc, f):
    """A national identity / social insurance number in the locale's own form (locales with one)."""
    if loc == "en_US":
        return f.ssn()
    if loc in ("en_CA",):
        return f.ssn()  # SIN
    if loc == "de_AT":
        return f.ssn()  # Sozialversicherungsnummer
    if loc == "de_CH":
        return f.ssn()  # AHV number
    if loc == "es_MX":
        return f.curp()
    if loc == "nl_BE":
        return f.ssn()  # rijksregisternummer
    if loc == "pl_PL":
        return f.pesel()
    if loc == "tr_TR":
        return f.ssn()  # T.C. Kimlik No
    if loc == "pt_BR":
        return f.rg()
    raise ValueError(loc)


NATID_LOCALES = ["en_US", "en_CA", "de_AT", "de_CH", "es_MX", "nl_BE", "pl_PL", "tr_TR", "pt_BR"]


def tax_id(loc, f):
    if loc == "pl_PL":
        return f.nip()
    if loc == "it_IT":
        return f.ssn()  # codice fiscale
    if loc == "pt_BR":
        return f.cpf()
    if loc == "es_MX":
        return f.rfc()
    if loc == "pt_PT":
        return f.vat_id()[2:]  # NIF digits
    raise ValueError(loc)


def latlng(f, loc):
    lat, lng = f.local_latlng(country_code=COUNTRY[loc], coords_only=True)
    return "%.5f" % float(lat), "%.5f" % float(lng)


def iso_z(f):
    return ts(f).strftime("%Y-%m-%dT%H:%M:%SZ")


def rfc2822(f):
    return ts(f).strftime("%a, %d %b %Y %H:%M:%S +0000")


# ---------------------------------------------------------------------------
# school
# ---------------------------------------------------------------------------

SCHOOL_LOCALES = ["en_US", "en_AU", "en_CA", "en_IE"]
ETHNICITY = ["Hispanic or Latino", "White", "Black or African American", "Asian",
             "American Indian or Alaska Native", "Native Hawaiian or Other Pacific Islander",
             "Two or more races", "Aboriginal and Torres Strait Islander", "Irish Traveller",
             "White - Irish", "Declined to state"]
CONDITIONS = ["asthma", "peanut allergy", "type 1 diabetes", "epilepsy", "ADHD", "coeliac disease",
              "lactose intolerance", "hearing impairment", "dyslexia", "eczema", "bee sting allergy",
              "anxiety disorder"]


def school(c):
    S = "school"
    c.simple("students", S, SCHOOL_LOCALES, 220, [
        N("id", "INTEGER"),
        N("student_number", "VARCHAR(12)"),
        P("full_name", "VARCHAR(120)", "person_name"),
        P("preferred_name", "VARCHAR(60)", "person_name"),
        P("sex", "VARCHAR(1)", "gender"),
        P("dob_text", "VARCHAR(10)", "date_of_birth", note="birth date as text DD/MM/YYYY"),
        N("year_group", "INTEGER"),
        N("homeroom", "VARCHAR(4)"),
        P("ethnicity", "VARCHAR(60)", "ethnicity"),
        P("medical_conditions", "VARCHAR(120)", "health"),
        P("home_address", "TEXT", "postal_address"),
        N("enrolled_on", "DATE", note="enrolment date"),
        N("photo_consent", "{{BOOL}}"),
        N("library_barcode", "VARCHAR(14)"),
    ], lambda loc, f, rng, i: (lambda g: [
        "S%d-%05d" % (f.random_int(2016, 2024), i * 37 % 100000),
        (f.first_name_female() if g == "F" else f.first_name_male()) + " " + f.last_name(),
        f.first_name_female() if g == "F" else f.first_name_male(),
        g,
        dob(f, D(2019, 8, 31), D(2006, 9, 1)).strftime("%d/%m/%Y"),
        f.random_int(1, 12),
        "%d%s" % (f.random_int(1, 12), f.random_element("ABCD")),
        f.random_element(ETHNICITY),
        ", ".join(f.random_elements(CONDITIONS, length=f.random_int(1, 2), unique=True)) if f.boolean(55) else None,
        address_line(f),
        day(f, D(2016, 9, 1), D(2024, 9, 30)),
        f.boolean(80),
        f.numerify("29############"),
    ])(f.random_element(["F", "M"])))

    c.simple("guardians", S, SCHOOL_LOCALES, 240, [
        N("id", "INTEGER"),
        N("student_id", "INTEGER"),
        P("full_name", "VARCHAR(120)", "person_name", note="names with titles: Mrs, Dr., Mr ..."),
        N("relationship", "VARCHAR(12)"),
        P("login", "VARCHAR(120)", "email", note="portal login, an e-mail address"),
        P("mobile", "VARCHAR(40)", "phone"),
        P("work_phone", "VARCHAR(40)", "phone"),
        N("occupation", "VARCHAR(200)", note="job title"),
        N("employer", "VARCHAR(160)", note="company name"),
        P("portal_pw", "VARCHAR(60)", "password_hash", note="bcrypt"),
        N("last_portal_login", "{{TIMESTAMP}}"),
        N("preferred_contact", "VARCHAR(5)"),
    ], lambda loc, f, rng, i: [
        rng.randint(1, 220), titled_name(f, rng, 0.7),
        f.random_element(["parent", "guardian", "carer", "grandparent", "foster"]), f.free_email(),
        phone(f), phone(f) if f.boolean(60) else None, f.job(), f.company(), bcrypt_hash(f), ts(f),
        f.random_element(["sms", "email", "app"]),
    ])

    c.simple("grades", S, ["en_US", "en_AU"], 250, [
        N("id", "INTEGER"),
        N("student_id", "INTEGER"),
        N("course_code", "VARCHAR(10)"),
        N("term", "VARCHAR(8)"),
        N("assessment", "VARCHAR(20)"),
        N("score", "NUMERIC(12,2)", note="a grade: personal but no category"),
        N("grade_letter", "VARCHAR(2)"),
        N("exam_date", "VARCHAR(10)", note="DD/MM/YYYY text, an exam date, not a birth date"),
        N("graded_by", "INTEGER"),
        N("teacher_comment", "VARCHAR(200)", note="comment text without names or contact data"),
    ], lambda loc, f, rng, i: [
        rng.randint(1, 220),
        "%s-%d%s" % (f.random_element(["MATH", "ENG", "SCI", "HIST", "ART", "PE", "MUS"]), f.random_int(1, 12),
                     f.random_element("AB")),
        "%d-T%d" % (f.random_int(2022, 2024), f.random_int(1, 4)),
        f.random_element(["Quiz %d" % f.random_int(1, 6), "Midterm", "Final exam", "Project", "Lab report"]),
        money(f, 20, 99), f.random_element(["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "D", "F"]),
        day(f).strftime("%d/%m/%Y"), rng.randint(1, 160), f.sentence(nb_words=9),
    ])

    c.simple("staff", S, ["en_US", "en_CA"], 160, [
        N("id", "INTEGER"),
        N("employee_code", "VARCHAR(8)"),
        P("full_name", "VARCHAR(120)", "person_name"),
        P("email", "VARCHAR(120)", "email"),
        P("phone", "VARCHAR(40)", "phone"),
        N("subject", "VARCHAR(20)"),
        P("union_membership", "VARCHAR(40)", "trade_union"),
        P("background_check", "VARCHAR(80)", "criminal_record", note="criminal record check outcome"),
        P("gov_id", "VARCHAR(16)", "national_id", note="SSN (US) or SIN (CA)"),
        N("salary_band", "VARCHAR(4)"),
        N("hired_on", "DATE", note="hire date"),
    ], lambda loc, f, rng, i: [
        "T-%04d" % (i + 200), titled_name(f, rng, 0.6), f.company_email(), phone(f),
        f.random_element(["Mathematics", "English", "Science", "History", "Art", "Music", "PE"]),
        f.random_element(["NEA", "AFT", "ETFO", "OSSTF", "none", "none", "Canadian Teachers Federation"]),
        f.random_element(["cleared", "cleared", "cleared", "pending",
                          "conviction disclosed: DUI %d" % f.random_int(1995, 2015),
                          "conviction disclosed: shoplifting %d" % f.random_int(1990, 2012),
                          "caution on record (%d)" % f.random_int(2000, 2018)]),
        national_id(loc, f), "B%d" % f.random_int(1, 9), day(f, D(1995, 1, 1), D(2024, 8, 31)),
    ])

    c.simple("canteen_accounts", S, ["en_IE"], 180, [
        N("id", "INTEGER"),
        N("student_id", "INTEGER"),
        P("fingerprint_template", "TEXT", "biometric", note="base64 minutiae template for cashless catering"),
        N("balance", "NUMERIC(12,2)"),
        N("topup_ref", "VARCHAR(20)"),
        N("last_meal_at", "VARCHAR(20)", note="ISO 8601 text with Z"),
    ], lambda loc, f, rng, i: [
        i, "Rk1SACAyMAA" + b64_blob(f, 90), money(f, 0, 80), "TOP-" + f.bothify("####-????").upper(), iso_z(f),
    ])

    c.simple("library_loans", S, ["en_US"], 200, [
        N("id", "INTEGER"),
        N("student_id", "INTEGER"),
        N("isbn", "VARCHAR(17)"),
        N("title", "VARCHAR(160)"),
        N("borrowed_on", "DATE"),
        N("due_on", "DATE"),
        N("returned_at", "{{TIMESTAMP}}"),
        N("copy_barcode", "VARCHAR(14)"),
    ], lambda loc, f, rng, i: [
        rng.randint(1, 220), f.isbn13(), f.catch_phrase(), *(lambda b: (b, b + dt.timedelta(days=21)))(day(f)),
        ts(f) if f.boolean(70) else None, f.numerify("39############"),
    ])

    religions = ["röm.-kath.", "evang. A.B.", "evang. H.B.", "islamisch", "orthodox", "ohne Bekenntnis",
                 "israelitisch", "altkatholisch", "buddhistisch", "christkatholisch", "reformiert"]
    c.simple("schueler", S + " (de_AT/de_CH)", ["de_AT", "de_CH"], 180, [
        N("schueler_id", "INTEGER"),
        P("vorname", "VARCHAR(80)", "person_name"),
        P("familienname", "VARCHAR(80)", "person_name"),
        P("geschlecht", "VARCHAR(1)", "gender"),
        P("geburtsdatum", "DATE", "date_of_birth"),
        P("religionsbekenntnis", "VARCHAR(30)", "religion"),
        P("sozialversicherungsnummer", "VARCHAR(16)", "national_id", note="AT SV-Nummer / CH AHV-Nummer"),
        P("wohnadresse", "VARCHAR(160)", "postal_address"),
        P("plz", "VARCHAR(5)", "postcode"),
        P("ort", "VARCHAR(80)", "postal_address"),
        N("klasse", "VARCHAR(4)"),
        P("erziehungsberechtigter", "VARCHAR(120)", "person_name"),
        P("notfall_telefon", "VARCHAR(40)", "phone"),
        N("eintritt", "DATE", note="school entry date"),
    ], lambda loc, f, rng, i: (lambda g: [
        f.first_name_female() if g == "w" else f.first_name_male(), f.last_name(), g,
        dob(f, D(2019, 8, 31), D(2006, 9, 1)), f.random_element(religions), national_id(loc, f), street(f),
        f.postcode(), f.city(), "%d%s" % (f.random_int(1, 9), f.random_element("ABC")), f.name(), phone(f),
        day(f, D(2012, 9, 1), D(2024, 9, 30)),
    ])(f.random_element(OrderedDict([("w", 0.48), ("m", 0.48), ("d", 0.04)]))))


# ---------------------------------------------------------------------------
# clinic
# ---------------------------------------------------------------------------

CLINIC_LOCALES = ["en_CA", "en_US", "en_AU", "en_IE"]
MEDS = [("C09AA05", "Ramipril 5 mg"), ("A10BA02", "Metformin 850 mg"), ("C10AA05", "Atorvastatin 20 mg"),
        ("R03AC02", "Salbutamol inhaler 100 mcg"), ("N06AB06", "Sertraline 50 mg"), ("J01CA04", "Amoxicillin 500 mg"),
        ("H03AA01", "Levothyroxine 75 mcg"), ("N02BE01", "Paracetamol 500 mg"), ("B01AC06", "Aspirin 81 mg"),
        ("A02BC01", "Omeprazole 20 mg"), ("N05BA12", "Alprazolam 0.25 mg"), ("M01AE01", "Ibuprofen 400 mg")]
DIRECTIONS = ["1 tablet daily", "1 tablet twice daily", "2 puffs as needed", "1 capsule three times daily for 7 days",
              "1 tablet at night", "take with food"]
REASONS = ["follow-up hypertension", "annual physical", "persistent cough", "diabetes review", "back pain",
           "prenatal check", "depression follow-up", "vaccination", "skin rash", "migraine", "knee injury",
           "blood test results", "chest pain", "ear infection", "smoking cessation"]
ICD = [("E11.9", "Type 2 diabetes mellitus without complications"), ("I10", "Essential (primary) hypertension"),
       ("J45.909", "Unspecified asthma, uncomplicated"), ("F32.9", "Major depressive disorder, single episode"),
       ("M54.5", "Low back pain"), ("K21.9", "Gastro-oesophageal reflux disease without oesophagitis"),
       ("J06.9", "Acute upper respiratory infection, unspecified"), ("E78.5", "Hyperlipidaemia, unspecified"),
       ("F41.1", "Generalized anxiety disorder"), ("N39.0", "Urinary tract infection, site not specified"),
       ("L20.9", "Atopic dermatitis, unspecified"), ("G43.909", "Migraine, unspecified")]


def clinic(c):
    S = "clinic"
    c.simple("clinicians", S, CLINIC_LOCALES, 150, [
        N("id", "INTEGER"),
        P("display_name", "VARCHAR(120)", "person_name", note="'Dr. First Last'"),
        N("specialty", "VARCHAR(30)"),
        N("extension", "VARCHAR(4)"),
        N("room", "VARCHAR(6)"),
        N("active", "{{BOOL}}"),
    ], lambda loc, f, rng, i: [
        "Dr. " + f.first_name() + " " + f.last_name(),
        f.random_element(["family medicine", "paediatrics", "cardiology", "dermatology", "psychiatry", "obstetrics"]),
        f.numerify("2###"), "R-%03d" % f.random_int(1, 240), f.boolean(90),
    ])

    c.simple("patients", S, CLINIC_LOCALES, 240, [
        N("id", "INTEGER"),
        N("mrn", "VARCHAR(12)", note="medical record number, an internal key"),
        P("full_name", "VARCHAR(120)", "person_name"),
        P("date_of_birth", "DATE", "date_of_birth"),
        P("sex_at_birth", "VARCHAR(8)", "gender"),
        P("blood_type", "VARCHAR(3)", "health"),
        P("phone", "VARCHAR(40)", "phone"),
        P("email", "VARCHAR(120)", "email"),
        P("address", "TEXT", "postal_address"),
        N("insurer", "VARCHAR(160)", note="company name"),
        P("emergency_contact", "VARCHAR(120)", "person_name"),
        N("registered_at", "{{TIMESTAMP}}"),
    ], lambda loc, f, rng, i: [
        "MRN-%07d" % (1000000 + i * 173), titled_name(f, rng, 0.5), dob(f),
        f.random_element(["female", "male", "intersex"] if f.boolean(3) else ["female", "male"]),
        f.random_element(["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"]), phone(f), f.email(), address_line(f),
        f.company(), f.name(), ts(f),
    ])

    c.simple("appointments", S, CLINIC_LOCALES, 250, [
        N("id", "INTEGER"),
        N("patient_id", "INTEGER"),
        N("clinician_id", "INTEGER"),
        N("starts_at", "{{TIMESTAMP}}"),
        N("duration", "VARCHAR(8)", note="ISO 8601 duration PT..M"),
        P("reason", "VARCHAR(80)", "health"),
        N("status", "VARCHAR(10)"),
        P("client", "VARCHAR(45)", "ip_address", note="IP of the online booking"),
        N("booking_ref", "VARCHAR(12)"),
    ], lambda loc, f, rng, i: [
        rng.randint(1, 240), rng.randint(1, 150), ts(f), "PT%dM" % f.random_element([10, 15, 20, 30, 45, 60]),
        f.random_element(REASONS), f.random_element(["booked", "arrived", "completed", "no-show", "cancelled"]),
        f.ipv4_public() if f.boolean(80) else f.ipv6(), f.bothify("AP-??####").upper(),
    ])

    def rx(loc, f, rng, i):
        code, med = f.random_element(MEDS)
        note = f.sentence(nb_words=8)
        roll = rng.random()
        if roll < 0.3:
            note = "Patient reports dizziness since starting %s. %s" % (med.split()[0], note)
        elif roll < 0.5:
            note += " Pharmacy to call patient on %s when ready." % phone(f)
        elif roll < 0.65:
            note += " Daughter %s will collect; results to %s." % (f.name(), f.email())
        elif roll < 0.8:
            note = "History of %s; %s" % (f.random_element(CONDITIONS), note)
        return [
            rng.randint(1, 250), code, "%s, %s" % (med, f.random_element(DIRECTIONS)), f.random_int(0, 5),
            note, rfc2822(f), "RX-%d-%06d" % (f.random_int(23, 24), i * 11),
        ]

    c.simple("prescriptions", S, CLINIC_LOCALES, 240, [
        N("id", "INTEGER"),
        N("appointment_id", "INTEGER"),
        N("atc_code", "VARCHAR(8)", note="ATC drug code"),
        P("medication", "VARCHAR(120)", "health", note="drug and directions prescribed to a patient"),
        N("refills", "INTEGER"),
        P("notes", "TEXT", "health", accept=["phone", "email", "person_name"],
          note="clinical free text; some rows give a phone, a name and an e-mail"),
        N("prescribed_at", "VARCHAR(32)", note="RFC 2822 timestamp text"),
        N("rx_number", "VARCHAR(12)"),
    ], rx)

    c.simple("dossiers_patients", S + " (fr_CA)", ["fr_CA"], 170, [
        N("no_dossier", "INTEGER"),
        P("prenom", "VARCHAR(80)", "person_name"),
        P("nom", "VARCHAR(80)", "person_name"),
        P("date_naissance", "VARCHAR(10)", "date_of_birth", note="JJ/MM/AAAA text"),
        P("sexe", "VARCHAR(1)", "gender"),
        P("courriel", "VARCHAR(120)", "email"),
        P("telephone", "VARCHAR(40)", "phone"),
        P("adresse", "VARCHAR(160)", "postal_address"),
        P("code_postal", "VARCHAR(7)", "postcode"),
        P("diagnostic", "VARCHAR(8)", "health", note="ICD-10 code of the patient's diagnosis"),
        P("medecin_traitant", "VARCHAR(120)", "person_name"),
        N("derniere_visite", "DATE"),
    ], lambda loc, f, rng, i: [
        f.first_name(), f.last_name(), dob(f).strftime("%d/%m/%Y"), f.random_element(["F", "M"]), f.free_email(),
        phone(f), street(f), f.postcode(), f.random_element(ICD)[0], "Dr " + f.name(), day(f),
    ])

    fk = Fakers("icd10_codes", ["en_US"])
    rows = []
    for i in range(1, 151):
        _, f = fk.pick()
        code, desc = ICD[(i - 1) % len(ICD)]
        letter = code[0]
        rows.append([
            i, "%s%02d.%d" % (letter, f.random_int(0, 99), f.random_int(0, 9)) if i > len(ICD) else code,
            desc if i <= len(ICD) else "%s, %s" % (desc.split(",")[0], f.random_element(
                ["other specified", "unspecified", "with complications", "recurrent", "in remission"])),
            f.random_element(["Endocrine", "Circulatory", "Respiratory", "Mental", "Musculoskeletal", "Digestive"]),
            f.boolean(85),
        ])
    c.table("icd10_codes", [
        N("id", "INTEGER"),
        N("code", "VARCHAR(8)", note="reference list of diagnosis codes, about no one"),
        N("description", "VARCHAR(120)"),
        N("chapter", "VARCHAR(20)"),
        N("billable", "{{BOOL}}"),
    ], rows, S + " (reference)")


# ---------------------------------------------------------------------------
# hotel
# ---------------------------------------------------------------------------

HOTEL_LOCALES = ["en_US", "en_AU", "de_CH", "es_MX", "pt_PT", "it_IT", "nl_BE", "en_IE", "fr_CA", "tr_TR"]
GEO_LOCALES = ["en_US", "en_AU", "en_CA", "de_AT", "de_CH", "es_MX", "pt_PT", "nl_BE", "it_IT", "pl_PL",
               "tr_TR", "pt_BR", "en_IE"]


def hotel(c):
    S = "hotel"
    c.simple("hotels", S + " (reference)", GEO_LOCALES, 150, [
        N("id", "INTEGER"),
        N("hotel_name", "VARCHAR(160)"),
        N("street", "VARCHAR(160)", note="business address of the hotel"),
        N("postcode", "VARCHAR(10)", note="business address of the hotel"),
        N("city", "VARCHAR(80)", note="business address of the hotel"),
        N("country_code", "VARCHAR(2)"),
        N("front_desk_phone", "VARCHAR(40)", note="the hotel's switchboard"),
        N("reservations_email", "VARCHAR(120)", note="role address reservations@<hotel domain>"),
        N("lat", "VARCHAR(12)", note="location of a building"),
        N("lng", "VARCHAR(12)", note="location of a building"),
        N("star_rating", "INTEGER"),
        N("wifi_router_mac", "VARCHAR(17)", note="MAC of the lobby router"),
    ], lambda loc, f, rng, i: (lambda ll: [
        "Hotel " + f.last_name() + " " + f.random_element(["Palace", "Inn", "Suites", "Resort", "Lodge"]),
        street(f), f.postcode(), f.city(), COUNTRY[loc], phone(f), "reservations@" + f.domain_name(),
        ll[0], ll[1], f.random_int(2, 5), f.mac_address(),
    ])(latlng(f, loc)))

    c.simple("guests", S, HOTEL_LOCALES, 240, [
        N("id", "INTEGER"),
        P("full_name", "VARCHAR(120)", "person_name", note="with titles"),
        P("email", "VARCHAR(120)", "email"),
        P("phone", "VARCHAR(40)", "phone"),
        N("nationality", "VARCHAR(2)", note="country code"),
        P("passport_no", "VARCHAR(12)", "passport_number"),
        P("birth_date", "VARCHAR(10)", "date_of_birth", note="DD/MM/YYYY text"),
        N("loyalty_no", "VARCHAR(12)"),
        P("home_address", "TEXT", "postal_address"),
        N("vip", "{{BOOL}}"),
        N("marketing_consent", "{{BOOL}}"),
    ], lambda loc, f, rng, i: [
        titled_name(f, rng, 0.6), f.email(), phone(f), COUNTRY[loc], f.passport_number(),
        dob(f).strftime("%d/%m/%Y"), "LY" + f.numerify("##########"), address_line(f), f.boolean(10), f.boolean(40),
    ])

    c.simple("bookings", S, HOTEL_LOCALES, 250, [
        N("id", "INTEGER"),
        N("confirmation_code", "VARCHAR(8)"),
        N("guest_id", "INTEGER"),
        N("hotel_id", "INTEGER"),
        N("check_in", "DATE"),
        N("check_out", "DATE"),
        N("rate_text", "VARCHAR(20)", note="amount like € 1.234,56"),
        N("currency", "VARCHAR(3)"),
        N("channel", "VARCHAR(12)"),
        N("special_requests", "VARCHAR(40)"),
        P("origin_ip", "VARCHAR(45)", "ip_address"),
        N("card_token", "VARCHAR(32)", note="payment token, not a card number"),
        N("card_mask", "VARCHAR(19)", note="masked PAN, last four only"),
        N("created", "VARCHAR(25)", note="ISO 8601 text with offset"),
    ], lambda loc, f, rng, i: (lambda d: [
        f.bothify("??#?#?").upper(), rng.randint(1, 240), rng.randint(1, 150), d, d + dt.timedelta(days=f.random_int(1, 14)),
        f.random_element(["€ ", "CHF ", "$ "]) + eu_amount(f, 80, 4000), CURRENCY[COUNTRY[loc]],
        f.random_element(["direct", "booking.com", "expedia", "phone", "walk-in"]),
        f.random_element(["late check-out", "extra pillows", "high floor", "twin beds", "quiet room", "none"]),
        f.ipv4_public(), "tok_" + chars(f, ALNUM, 24), "**** **** **** " + f.numerify("####"),
        ts(f).strftime("%Y-%m-%dT%H:%M:%S") + f.random_element(["+01:00", "+02:00", "-05:00", "+00:00"]),
    ])(day(f)))

    c.simple("room_keys", S, ["en_US"], 200, [
        N("id", "INTEGER"),
        N("booking_id", "INTEGER"),
        N("room_no", "VARCHAR(5)"),
        N("key_uid", "VARCHAR(20)", note="NFC card UID, colon-separated hex"),
        N("encoded_at", "{{TIMESTAMP}}"),
        N("expires_at", "VARCHAR(14)", note="YYYYMMDDhhmmss text"),
        N("encoder_station", "VARCHAR(6)"),
        N("encoder_ip", "VARCHAR(15)", note="private IP of the front desk encoder"),
    ], lambda loc, f, rng, i: [
        rng.randint(1, 250), "%d%02d" % (f.random_int(1, 12), f.random_int(1, 40)),
        ":".join(f.hexify("^^", upper=True) for _ in range(7)), ts(f), ts(f).strftime("%Y%m%d%H%M%S"),
        "FD-%02d" % f.random_int(1, 6), "10.20.%d.%d" % (f.random_int(0, 3), f.random_int(2, 250)),
    ])

    c.simple("huespedes", S + " (es_MX)", ["es_MX"], 170, [
        N("id", "INTEGER"),
        P("nombre_completo", "VARCHAR(120)", "person_name"),
        P("curp", "VARCHAR(18)", "national_id"),
        P("rfc", "VARCHAR(13)", "tax_id"),
        P("correo_electronico", "VARCHAR(120)", "email"),
        P("telefono_celular", "VARCHAR(40)", "phone"),
        P("fecha_nacimiento", "DATE", "date_of_birth"),
        P("domicilio", "VARCHAR(160)", "postal_address"),
        P("codigo_postal", "VARCHAR(10)", "postcode"),
        P("ciudad", "VARCHAR(80)", "postal_address"),
        N("estado", "VARCHAR(40)", note="state, a region"),
        N("numero_reservacion", "VARCHAR(10)"),
    ], lambda loc, f, rng, i: [
        f.name(), f.curp(), f.rfc(), f.free_email(), e164("MX", f) if f.boolean(50) else phone(f), dob(f), street(f),
        f.postcode()[:5], f.city(), f.administrative_unit(), "RES-%06d" % (i * 29),
    ])

    c.simple("ospiti", S + " (it_IT)", ["it_IT"], 170, [
        N("id", "INTEGER"),
        P("nome", "VARCHAR(80)", "person_name"),
        P("cognome", "VARCHAR(80)", "person_name"),
        P("codice_fiscale", "VARCHAR(16)", "tax_id", accept=["national_id"],
          note="the Italian personal code: a tax code that works as national identifier"),
        P("numero_documento", "VARCHAR(12)", "passport_number", note="passport number registered at check-in"),
        P("email", "VARCHAR(120)", "email"),
        P("cellulare", "VARCHAR(40)", "phone"),
        P("data_di_nascita", "VARCHAR(10)", "date_of_birth", note="DD/MM/YYYY text"),
        P("indirizzo", "VARCHAR(160)", "postal_address"),
        P("cap", "VARCHAR(5)", "postcode"),
        P("citta", "VARCHAR(80)", "postal_address"),
        N("numero_camera", "INTEGER"),
    ], lambda loc, f, rng, i: [
        f.first_name(), f.last_name(), f.ssn(), f.passport_number(), f.free_email(), phone(f),
        dob(f).strftime("%d/%m/%Y"), street(f), f.postcode(), f.city(), f.random_int(101, 620),
    ])


# ---------------------------------------------------------------------------
# marketplace
# ---------------------------------------------------------------------------

MARKET_LOCALES = ["en_US", "en_CA", "en_AU", "en_IE", "de_AT", "nl_BE", "pl_PL", "pt_BR", "es_MX", "it_IT"]


def marketplace(c):
    S = "marketplace"
    c.simple("users", S, MARKET_LOCALES, 240, [
        N("id", "INTEGER"),
        P("handle", "VARCHAR(60)", "username"),
        P("login", "VARCHAR(120)", "email", note="login is an e-mail address"),
        P("pw", "VARCHAR(110)", "password_hash", note="argon2id"),
        P("display_name", "VARCHAR(120)", "person_name"),
        P("phone", "VARCHAR(20)", "phone", note="E.164"),
        N("joined_at", "{{TIMESTAMP}}"),
        P("last_ip", "VARCHAR(45)", "ip_address"),
        N("rating", "NUMERIC(12,2)"),
        N("avatar_sha1", "VARCHAR(40)", note="image digest"),
        N("locale", "VARCHAR(5)"),
        P("otp_seed", "VARCHAR(32)", "secret", note="TOTP shared secret, base32"),
        N("referral_code", "VARCHAR(12)"),
    ], lambda loc, f, rng, i: [
        f.user_name(), f.email(), argon2_hash(f), f.name(), e164(COUNTRY[loc], f), ts(f),
        f.ipv4_public() if f.boolean(70) else f.ipv6(), Raw("%d.%02d" % (f.random_int(1, 4), f.random_int(0, 99))),
        f.sha1(), loc, chars(f, BASE32, 32), "REF-" + f.bothify("?#?#?").upper(),
    ])

    c.simple("sellers", S, MARKET_LOCALES, 180, [
        N("id", "INTEGER"),
        N("user_id", "INTEGER"),
        N("shop_name", "VARCHAR(160)", note="company / shop name"),
        P("payout_iban", "VARCHAR(40)", "iban", note="sellers are mostly private persons"),
        P("api_key", "VARCHAR(40)", "secret"),
        P("webhook_secret", "VARCHAR(40)", "secret"),
        P("return_address", "TEXT", "postal_address", note="a private seller's return address"),
        N("storefront_color", "VARCHAR(7)", note="hex colour"),
        N("sdk_version", "VARCHAR(16)", note="semantic version"),
        N("created", "VARCHAR(20)", note="ISO 8601 text with Z"),
    ], lambda loc, f, rng, i: [
        rng.randint(1, 240), f.company(), f.iban(), "sk_live_" + chars(f, ALNUM, 28), "whsec_" + chars(f, ALNUM, 32),
        address_line(f), f.hex_color(), semver(f), iso_z(f),
    ])

    c.simple("listings", S, ["en_US", "en_CA", "de_AT"], 220, [
        N("id", "INTEGER"),
        N("seller_id", "INTEGER"),
        N("sku", "VARCHAR(20)", note="SKU with digits"),
        N("title", "VARCHAR(160)"),
        N("isbn", "VARCHAR(17)"),
        N("price", "NUMERIC(12,2)"),
        N("price_display", "VARCHAR(20)", note="1,234.56 USD"),
        N("item_condition", "VARCHAR(10)"),
        N("ships_from", "VARCHAR(2)"),
        N("listing_uuid", "VARCHAR(36)"),
    ], lambda loc, f, rng, i: (lambda p: [
        rng.randint(1, 180), "%s-%s-%s" % (f.numerify("####"), f.random_element(["BLK", "WHT", "RED", "NVY"]),
                                           f.random_element(["S", "M", "L", "XL", "42", "44"])),
        f.catch_phrase(), f.isbn13() if f.boolean(40) else None, Raw("%d.%02d" % p),
        "{:,}.{:02d} {}".format(p[0], p[1], CURRENCY[COUNTRY[loc]]),
        f.random_element(["new", "like new", "good", "fair"]), COUNTRY[loc], f.uuid4(),
    ])((f.random_int(2, 3000), f.random_int(0, 99))))

    def tracking(f):
        k = f.random_int(0, 3)
        if k == 0:
            return f.bothify("1Z###?##########").upper()
        if k == 1:
            return luhn_complete("9400" + f.numerify("#################"))
        if k == 2:
            return f.bothify("??#########").upper()[:2] + f.numerify("#########") + f.random_element(["DE", "NL", "PL", "US"])
        return f.numerify("JD0146000#########")

    c.simple("shipments", S, MARKET_LOCALES, 230, [
        N("id", "INTEGER"),
        N("listing_id", "INTEGER"),
        N("buyer_id", "INTEGER"),
        N("carrier", "VARCHAR(8)"),
        N("tracking_number", "VARCHAR(24)", note="carrier tracking numbers, some 22 digits with a mod-10 check"),
        P("ship_to_name", "VARCHAR(120)", "person_name"),
        P("ship_to", "TEXT", "postal_address"),
        N("shipped_at", "{{TIMESTAMP}}"),
        N("weight_kg", "VARCHAR(6)", note="decimal as text"),
        N("invoice_no", "VARCHAR(16)", note="INV/2024/000123"),
    ], lambda loc, f, rng, i: [
        rng.randint(1, 220), rng.randint(1, 240), f.random_element(["UPS", "USPS", "DHL", "PostNL", "InPost"]),
        tracking(f), f.name(), address_line(f), ts(f), "%.2f" % (f.random_int(5, 3000) / 100),
        "INV/%d/%06d" % (f.random_int(2023, 2024), i * 17),
    ])

    def msg(loc, f, rng, i):
        body = f.sentence(nb_words=10)
        roll = rng.random()
        if roll < 0.35:
            body += " Text me on %s and we can sort out pickup." % (e164(COUNTRY[loc], f) if f.boolean() else phone(f))
        elif roll < 0.55:
            body += " Or write to %s if the app keeps crashing." % f.free_email()
        elif roll < 0.65:
            body += " My neighbour %s can hand it over." % f.name()
        return [rng.randint(1, 120), rng.randint(1, 240), rng.randint(1, 240), body,
                ts(f).strftime("%d.%m.%Y %H:%M"), f.boolean(70)]

    c.simple("messages", S, MARKET_LOCALES, 250, [
        N("id", "INTEGER"),
        N("thread_id", "INTEGER"),
        N("sender_id", "INTEGER"),
        N("recipient_id", "INTEGER"),
        P("body", "TEXT", "phone", accept=["email", "person_name"],
          note="free text between users; some rows give a phone, an e-mail or a name"),
        N("sent_at", "VARCHAR(16)", note="DD.MM.YYYY hh:mm text"),
        N("is_read", "{{BOOL}}"),
    ], msg)

    def pix(f):
        k = f.random_int(0, 3)
        if k == 0:
            return f.cpf()
        if k == 1:
            return f.free_email()
        if k == 2:
            return e164("BR", f)
        return f.uuid4()

    c.simple("vendedores", S + " (pt_BR)", ["pt_BR"], 170, [
        N("id", "INTEGER"),
        P("nome_completo", "VARCHAR(120)", "person_name"),
        P("cpf", "VARCHAR(14)", "tax_id"),
        P("rg", "VARCHAR(12)", "national_id"),
        P("email", "VARCHAR(120)", "email"),
        P("celular", "VARCHAR(40)", "phone"),
        P("data_nascimento", "DATE", "date_of_birth"),
        P("endereco", "VARCHAR(160)", "postal_address"),
        P("cep", "VARCHAR(9)", "postcode"),
        P("cidade", "VARCHAR(80)", "postal_address"),
        N("uf", "VARCHAR(2)", note="state code"),
        P("chave_pix", "VARCHAR(40)", "email", accept=["tax_id", "phone"],
          note="Pix key: a CPF, an e-mail, a phone or a random UUID"),
        N("razao_social", "VARCHAR(160)", note="company name"),
        N("cnpj", "VARCHAR(18)", note="company registration number"),
    ], lambda loc, f, rng, i: [
        f.name(), f.cpf(), f.rg(), f.free_email(), phone(f), dob(f), street(f), f.postcode(), f.city(),
        f.estado_sigla(), pix(f), f.company(), f.cnpj(),
    ])

    c.simple("gebruikers", S + " (nl_BE)", ["nl_BE"], 170, [
        N("id", "INTEGER"),
        P("gebruikersnaam", "VARCHAR(60)", "username"),
        P("voornaam", "VARCHAR(80)", "person_name"),
        P("achternaam", "VARCHAR(80)", "person_name"),
        P("e_mailadres", "VARCHAR(120)", "email"),
        P("gsm", "VARCHAR(40)", "phone"),
        P("geboortedatum", "DATE", "date_of_birth"),
        P("rijksregisternummer", "VARCHAR(15)", "national_id"),
        P("straat", "VARCHAR(120)", "postal_address"),
        P("postcode", "VARCHAR(4)", "postcode"),
        P("gemeente", "VARCHAR(80)", "postal_address"),
        P("iban", "VARCHAR(40)", "iban"),
        N("aangemaakt_op", "{{TIMESTAMP}}"),
    ], lambda loc, f, rng, i: [
        f.user_name(), f.first_name(), f.last_name(), f.free_email(),
        e164("BE", f) if f.boolean(50) else phone(f), dob(f), f.ssn(), street(f), f.postcode(), f.city(), f.iban(),
        ts(f),
    ])


# ---------------------------------------------------------------------------
# telecom
# ---------------------------------------------------------------------------

TEL_LOCALES = ["en_US", "en_AU", "en_CA", "de_AT", "de_CH", "es_MX", "nl_BE", "pl_PL", "tr_TR", "pt_BR"]
MCC = {"US": "310", "AU": "505", "CA": "302", "AT": "232", "CH": "228", "MX": "334", "BE": "206",
       "PL": "260", "TR": "286", "BR": "724", "IT": "222", "PT": "268", "IE": "272"}


def telecom(c):
    S = "telecom"
    c.simple("tariffs", S + " (reference)", ["en_US"], 150, [
        N("id", "INTEGER"),
        N("tariff_code", "VARCHAR(12)"),
        N("tariff_name", "VARCHAR(60)"),
        N("monthly_fee", "NUMERIC(12,2)"),
        N("data_gb", "INTEGER"),
        N("minutes", "INTEGER"),
        N("roaming_zone", "VARCHAR(4)"),
        N("hotline", "VARCHAR(20)", note="operator's toll-free sales line"),
        N("valid_from", "DATE"),
    ], lambda loc, f, rng, i: [
        "TR-%s-%d" % (f.random_element(["4G", "5G", "FX", "PRE"]), f.random_int(1, 999)),
        "%s %s" % (f.random_element(["Unlimited", "Smart", "Family", "Travel", "Student"]),
                   f.random_element(["S", "M", "L", "XL", "Plus", "Max"])),
        money(f, 5, 90), f.random_element([1, 5, 10, 20, 50, 100, 999]), f.random_element([100, 500, 1000, 99999]),
        "Z%d" % f.random_int(1, 5), f.random_element(["0800 100 200", "1-800-555-0100", "0800 66 77 88", "+43 800 664 664"]),
        day(f, D(2020, 1, 1), D(2024, 6, 30)),
    ])

    c.simple("cell_sites", S + " (reference)", GEO_LOCALES, 180, [
        N("id", "INTEGER"),
        N("site_code", "VARCHAR(10)"),
        N("cgi", "VARCHAR(24)", note="cell global identity"),
        N("lat", "VARCHAR(12)", note="position of a mast"),
        N("lng", "VARCHAR(12)", note="position of a mast"),
        N("azimuth_deg", "INTEGER"),
        N("backhaul_router_mac", "VARCHAR(17)"),
        N("mgmt_ip", "VARCHAR(15)", note="private management IP"),
        N("vendor", "VARCHAR(10)"),
        N("firmware", "VARCHAR(16)", note="semantic version"),
        N("commissioned_on", "DATE"),
    ], lambda loc, f, rng, i: (lambda ll: [
        "%s-%04d" % (COUNTRY[loc], i), "%s-%02d-%s-%s" % (MCC[COUNTRY[loc]], f.random_int(1, 20), f.hexify("^^^^", upper=True),
                                                        f.hexify("^^^^", upper=True)),
        ll[0], ll[1], f.random_element([0, 120, 240]), f.mac_address(),
        "10.%d.%d.%d" % (f.random_int(0, 255), f.random_int(0, 255), f.random_int(1, 254)),
        f.random_element(["Ericsson", "Nokia", "Huawei", "Samsung"]), semver(f), day(f, D(2008, 1, 1), D(2024, 6, 30)),
    ])(latlng(f, loc)))

    c.simple("subscribers", S, NATID_LOCALES, 240, [
        N("id", "INTEGER"),
        P("msisdn", "VARCHAR(16)", "phone", note="E.164 without spaces"),
        N("imsi", "VARCHAR(15)", note="subscriber identity: personal but no category"),
        N("imei", "VARCHAR(15)", note="device identity, Luhn-valid 15 digits: personal but no category"),
        N("iccid", "VARCHAR(20)", note="SIM serial, Luhn-valid 19/20 digits: no category"),
        P("full_name", "VARCHAR(120)", "person_name"),
        P("email", "VARCHAR(120)", "email"),
        P("dob", "DATE", "date_of_birth"),
        P("id_document_no", "VARCHAR(20)", "national_id", note="each locale's national identity number"),
        P("billing_address", "TEXT", "postal_address"),
        N("tariff_id", "INTEGER"),
        N("activated_on", "DATE"),
        N("line_status", "VARCHAR(10)"),
    ], lambda loc, f, rng, i: [
        e164(COUNTRY[loc], f), MCC[COUNTRY[loc]] + f.numerify("0##########")[:12], imei(f),
        iccid(f, MOBILE[COUNTRY[loc]][0]), f.name(), f.email(), dob(f), national_id(loc, f), address_line(f),
        rng.randint(1, 150), day(f, D(2010, 1, 1), D(2024, 10, 31)),
        f.random_element(["active", "active", "suspended", "ported-out"]),
    ])

    def cdr(loc, f, rng, i):
        lat, lng = latlng(f, loc)
        cc = COUNTRY[loc]
        secs = f.random_int(0, 5400)
        return [
            e164(cc, f), e164(cc if f.boolean(80) else f.random_element(list(MOBILE)), f), ts(f),
            "%02d:%02d:%02d" % (secs // 3600, secs // 60 % 60, secs % 60),
            f.random_element(["voice", "sms", "data", "voice", "mms"]), imei(f),
            "%s-%02d-%s-%s" % (MCC[cc], f.random_int(1, 20), f.hexify("^^^^", upper=True), f.hexify("^^^^", upper=True)),
            lat, lng, f.random_int(0, 50000000), money(f, 0, 12),
        ]

    c.simple("cdr", S, TEL_LOCALES, 250, [
        N("id", "BIGINT"),
        P("a_msisdn", "VARCHAR(16)", "phone", note="calling party"),
        P("b_msisdn", "VARCHAR(16)", "phone", note="called party"),
        N("started_at", "{{TIMESTAMP}}"),
        N("duration", "VARCHAR(8)", note="hh:mm:ss"),
        N("event_type", "VARCHAR(5)"),
        N("imei", "VARCHAR(15)", note="device identity: personal but no category"),
        N("cell_id", "VARCHAR(24)"),
        P("pos_lat", "VARCHAR(12)", "geolocation", note="where the subscriber was (serving cell)"),
        P("pos_lng", "VARCHAR(12)", "geolocation"),
        N("bytes_total", "BIGINT"),
        N("charge", "NUMERIC(12,2)"),
    ], cdr)

    c.simple("invoices", S, TEL_LOCALES, 200, [
        N("id", "INTEGER"),
        N("invoice_no", "VARCHAR(14)"),
        N("subscriber_id", "INTEGER"),
        N("billing_period", "VARCHAR(7)", note="YYYY-MM"),
        N("amount_due", "VARCHAR(16)", note="1.234,56 text"),
        N("due_date", "VARCHAR(10)", note="DD/MM/YYYY text, not a birth date"),
        N("pdf_sha256", "VARCHAR(64)"),
        N("paid", "{{BOOL}}"),
    ], lambda loc, f, rng, i: [
        "%d%08d" % (f.random_int(2023, 2024), i * 7919), rng.randint(1, 240),
        "%d-%02d" % (f.random_int(2023, 2024), f.random_int(1, 12)), eu_amount(f, 5, 400),
        day(f).strftime("%d/%m/%Y"), f.sha256(), f.boolean(80),
    ])

    c.simple("aboneler", S + " (tr_TR)", ["tr_TR"], 170, [
        N("abone_no", "INTEGER"),
        P("ad_soyad", "VARCHAR(120)", "person_name"),
        P("tc_kimlik_no", "VARCHAR(11)", "national_id"),
        P("gsm_no", "VARCHAR(16)", "phone", note="E.164"),
        P("e_posta", "VARCHAR(120)", "email"),
        P("dogum_tarihi", "VARCHAR(10)", "date_of_birth", note="DD.MM.YYYY text"),
        P("cinsiyet", "VARCHAR(5)", "gender"),
        P("adres", "VARCHAR(200)", "postal_address"),
        P("sehir", "VARCHAR(80)", "postal_address"),
        N("tarife_kodu", "VARCHAR(12)"),
        N("kayit_tarihi", "DATE", note="registration date"),
    ], lambda loc, f, rng, i: (lambda g: [
        (f.first_name_female() if g == "Kadın" else f.first_name_male()) + " " + f.last_name(), f.ssn(),
        e164("TR", f), f.free_email(), dob(f).strftime("%d.%m.%Y"), g, address_line(f), f.city(),
        "TR-5G-%d" % f.random_int(1, 999), day(f, D(2012, 1, 1), D(2024, 10, 31)),
    ])(f.random_element(["Kadın", "Erkek"])))

    c.simple("abonenci", S + " (pl_PL)", ["pl_PL"], 170, [
        N("id", "INTEGER"),
        P("imie_nazwisko", "VARCHAR(120)", "person_name"),
        P("pesel", "VARCHAR(11)", "national_id"),
        P("nip", "VARCHAR(10)", "tax_id", note="filled for self-employed subscribers"),
        P("numer_telefonu", "VARCHAR(40)", "phone"),
        P("email", "VARCHAR(120)", "email"),
        P("data_urodzenia", "DATE", "date_of_birth"),
        P("plec", "VARCHAR(1)", "gender"),
        P("adres", "VARCHAR(160)", "postal_address"),
        P("kod_pocztowy", "VARCHAR(6)", "postcode"),
        P("miejscowosc", "VARCHAR(80)", "postal_address"),
        N("numer_umowy", "VARCHAR(20)", note="contract number UM/2024/03/00123"),
        N("data_aktywacji", "DATE"),
    ], lambda loc, f, rng, i: (lambda g: [
        (f.first_name_female() if g == "K" else f.first_name_male()) + " " + f.last_name(), f.pesel(),
        f.nip() if f.boolean(45) else None, phone(f), f.free_email(), dob(f), g, street(f), f.postcode(), f.city(),
        "UM/%d/%02d/%05d" % (f.random_int(2019, 2024), f.random_int(1, 12), i * 13), day(f, D(2015, 1, 1), D(2024, 10, 31)),
    ])(f.random_element(["K", "M"])))


# ---------------------------------------------------------------------------
# bank
# ---------------------------------------------------------------------------

BANK_LOCALES = ["pl_PL", "it_IT", "pt_BR", "es_MX"]


def bank(c):
    S = "bank"
    c.simple("banks", S + " (reference)", LOCALES, 150, [
        N("id", "INTEGER"),
        N("bic", "VARCHAR(11)", note="BIC of a bank"),
        N("bank_name", "VARCHAR(160)"),
        N("country_code", "VARCHAR(2)"),
        N("founded", "INTEGER"),
        N("clearing_code", "VARCHAR(10)"),
        N("swift_gpi", "{{BOOL}}"),
    ], lambda loc, f, rng, i: [
        f.swift(), "Banco " + f.last_name() if loc in ("es_MX", "pt_BR", "pt_PT") else f.last_name() + " Bank",
        COUNTRY[loc], f.random_int(1820, 2015), f.numerify("######"), f.boolean(60),
    ])

    c.simple("account_holders", S, BANK_LOCALES, 230, [
        N("id", "INTEGER"),
        N("customer_no", "VARCHAR(10)"),
        P("full_name", "VARCHAR(120)", "person_name", note="with titles"),
        P("birth_date", "DATE", "date_of_birth"),
        N("tax_residence", "VARCHAR(2)", note="country code"),
        P("tax_id", "VARCHAR(16)", "tax_id", note="NIP / codice fiscale / CPF / RFC"),
        P("email", "VARCHAR(120)", "email"),
        P("phone", "VARCHAR(40)", "phone"),
        P("address", "TEXT", "postal_address"),
        N("kyc_level", "INTEGER"),
        N("risk_score", "NUMERIC(12,2)"),
        P("online_banking_user", "VARCHAR(60)", "username"),
        P("pw_hash", "VARCHAR(110)", "password_hash", note="sha512-crypt"),
        P("telebanking_pin", "VARCHAR(6)", "password", note="phone banking PIN stored in clear"),
        N("opened_on", "DATE"),
    ], lambda loc, f, rng, i: [
        "C%09d" % (i * 7717), titled_name(f, rng, 0.5), dob(f), COUNTRY[loc], tax_id(loc, f), f.email(), phone(f),
        address_line(f), f.random_int(1, 3), money(f, 0, 99), f.user_name(), sha512_crypt(f), f.numerify("######"),
        day(f, D(2000, 1, 1), D(2024, 10, 31)),
    ])

    c.simple("accounts", S, BANK_LOCALES, 230, [
        N("id", "INTEGER"),
        N("holder_id", "INTEGER"),
        P("iban", "VARCHAR(40)", "iban"),
        N("bic", "VARCHAR(11)"),
        N("currency", "VARCHAR(3)"),
        N("balance", "NUMERIC(12,2)", note="personal but no category"),
        N("overdraft_limit", "NUMERIC(12,2)"),
        N("product", "VARCHAR(12)"),
        N("opened_on", "DATE"),
    ], lambda loc, f, rng, i: [
        rng.randint(1, 230), f.iban(), f.swift(), CURRENCY[COUNTRY[loc]], money(f, 0, 90000), money(f, 0, 5000),
        f.random_element(["current", "savings", "youth", "premium"]), day(f, D(2000, 1, 1), D(2024, 10, 31)),
    ])

    def txn(loc, f, rng, i):
        person = rng.random() < 0.7
        return [
            rng.randint(1, 230), ts(f).strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % f.random_int(0, 999), day(f),
            money(f, 1, 5000), eu_amount(f, 1, 5000, sign=True) + " " + CURRENCY[COUNTRY[loc]],
            f.name() if person else f.company(), f.iban(), f.swift(),
            f.random_element(["Invoice %s" % f.bothify("INV-2024-####"), "Order %d" % f.random_int(10000, 99999),
                              "Rent %s" % f.random_element(["March", "April", "May"]), "Ref %s" % f.bothify("??####").upper()]),
            f.uuid4().replace("-", "")[:32], f.random_element(["5411", "5812", "4111", "5999", "6011"]),
            "ctk_" + chars(f, ALNUM, 20), f.random_element(["booked", "pending", "reversed"]),
        ]

    c.simple("transactions", S, BANK_LOCALES, 250, [
        N("id", "BIGINT"),
        N("account_id", "INTEGER"),
        N("booked_at", "VARCHAR(24)", note="ISO 8601 text with milliseconds"),
        N("value_date", "DATE"),
        N("amount", "NUMERIC(12,2)"),
        N("amount_text", "VARCHAR(20)", note="-1.234,56 EUR"),
        P("counterparty_name", "VARCHAR(160)", "person_name", note="about 70% private persons, the rest companies"),
        P("counterparty_iban", "VARCHAR(40)", "iban"),
        N("counterparty_bic", "VARCHAR(11)"),
        N("remittance_info", "VARCHAR(40)", note="invoice / order references"),
        N("end_to_end_id", "VARCHAR(32)"),
        N("mcc", "VARCHAR(4)", note="merchant category code"),
        N("card_token", "VARCHAR(24)"),
        N("booking_status", "VARCHAR(10)"),
    ], txn)

    c.simple("cards", S, BANK_LOCALES, 200, [
        N("id", "INTEGER"),
        N("account_id", "INTEGER"),
        P("pan", "VARCHAR(19)", "payment_card"),
        N("pan_masked", "VARCHAR(19)"),
        N("expiry", "VARCHAR(5)"),
        P("cardholder_name", "VARCHAR(120)", "person_name"),
        N("token", "VARCHAR(24)"),
        N("issued_at", "{{TIMESTAMP}}"),
    ], lambda loc, f, rng, i: (lambda pan: [
        rng.randint(1, 230), pan, pan[:6] + "*" * (len(pan) - 10) + pan[-4:], f.credit_card_expire(start=D(2025, 1, 1), end=D(2030, 12, 31)),
        f.name().upper(), "ctk_" + chars(f, ALNUM, 20), ts(f),
    ])(f.credit_card_number()))

    c.simple("clientes", S + " (pt_PT)", ["pt_PT"], 170, [
        N("id", "INTEGER"),
        P("nome", "VARCHAR(120)", "person_name"),
        P("nif", "VARCHAR(9)", "tax_id"),
        P("email", "VARCHAR(120)", "email"),
        P("telemovel", "VARCHAR(20)", "phone"),
        P("data_nascimento", "VARCHAR(10)", "date_of_birth", note="DD-MM-YYYY text"),
        P("morada", "VARCHAR(160)", "postal_address"),
        P("codigo_postal", "VARCHAR(8)", "postcode"),
        P("localidade", "VARCHAR(80)", "postal_address"),
        P("iban", "VARCHAR(40)", "iban"),
        N("balcao", "VARCHAR(4)", note="branch code"),
    ], lambda loc, f, rng, i: [
        f.name(), tax_id(loc, f), f.free_email(), e164("PT", f) if f.boolean(40) else phone(f),
        dob(f).strftime("%d-%m-%Y"), street(f), f.postcode(), f.city(), f.iban(), f.numerify("0###"),
    ])


# ---------------------------------------------------------------------------
# newsletter / marketing
# ---------------------------------------------------------------------------

NL_LOCALES = ["en_US", "en_AU", "en_CA", "en_IE", "de_CH", "nl_BE", "it_IT", "pt_PT"]


def newsletter(c):
    S = "newsletter"
    c.simple("nl_subscribers", S, NL_LOCALES, 240, [
        N("id", "INTEGER"),
        P("email", "VARCHAR(120)", "email"),
        P("first_name", "VARCHAR(80)", "person_name"),
        N("country", "VARCHAR(2)"),
        N("signup_source", "VARCHAR(10)"),
        P("signup_ip", "VARCHAR(45)", "ip_address"),
        N("confirmed_at", "VARCHAR(32)", note="RFC 2822 text"),
        N("double_opt_in", "{{BOOL}}"),
        P("party_affinity", "VARCHAR(30)", "political_opinion", note="advocacy mailing segment"),
    ], lambda loc, f, rng, i: [
        f.email(), f.first_name(), COUNTRY[loc], f.random_element(["footer", "popup", "checkout", "event", "import"]),
        f.ipv4_public() if f.boolean(75) else f.ipv6(), rfc2822(f), f.boolean(80),
        f.random_element(["Democratic", "Republican", "Green", "Labour", "Fine Gael", "Sinn Féin", "Liberal",
                          "Conservative", "SVP", "Independent", "undecided"]),
    ])

    c.simple("campaigns", S, ["en_US"], 160, [
        N("id", "INTEGER"),
        N("campaign_name", "VARCHAR(80)"),
        N("subject_line", "VARCHAR(120)"),
        N("from_address", "VARCHAR(120)", note="role sender address of the organisation"),
        N("reply_to", "VARCHAR(120)", note="role address"),
        N("brand_color", "VARCHAR(7)", note="hex colour"),
        N("schedule_cron", "VARCHAR(20)", note="cron expression"),
        N("template_b64", "TEXT", note="base64 of an HTML snippet"),
        N("sent_count", "INTEGER"),
        N("git_commit", "VARCHAR(40)", note="commit of the template"),
        N("created_at", "VARCHAR(20)", note="'12 Mar 2024 14:22' text"),
    ], lambda loc, f, rng, i: (lambda dom: [
        "%s %s %d" % (f.random_element(["Spring", "Summer", "Black Friday", "Welcome", "Re-engage"]),
                      f.random_element(["promo", "digest", "update", "series"]), f.random_int(1, 40)),
        f.catch_phrase(), f.random_element(["news", "noreply", "hello", "updates"]) + "@" + dom,
        f.random_element(["support", "team", "info"]) + "@" + dom, f.hex_color(),
        "%d %d * * %s" % (f.random_int(0, 59), f.random_int(0, 23), f.random_element(["1", "2-5", "*", "MON", "1,3"])),
        base64.b64encode(("<p>%s</p>" % f.sentence(nb_words=8)).encode("utf-8")).decode("ascii"),
        f.random_int(0, 90000), f.sha1(), ts(f).strftime("%d %b %Y %H:%M"),
    ])(f.random_element(["acme-mail.example", "brightnews.example", "shopnow.example", "civic-action.example"])))

    def click(loc, f, rng, i):
        lat, lng = latlng(f, loc)
        return [
            rng.randint(1, 160), rng.randint(1, 240), str(int(ts(f).timestamp()) * 1000 + f.random_int(0, 999)),
            f.ipv4_public() if f.boolean(70) else f.ipv6(), f.user_agent(), f.url() + f.uri_path(), semver(f),
            "%s,%s" % (lat, lng), f.uuid4(),
        ]

    c.simple("click_events", S, NL_LOCALES, 250, [
        N("id", "BIGINT"),
        N("campaign_id", "INTEGER"),
        N("subscriber_id", "INTEGER"),
        N("clicked_at", "VARCHAR(13)", note="epoch milliseconds as text"),
        P("client", "VARCHAR(45)", "ip_address"),
        N("user_agent", "TEXT"),
        N("url", "VARCHAR(200)"),
        N("app_version", "VARCHAR(16)", note="semantic version"),
        P("geo", "VARCHAR(24)", "geolocation", note="'lat,lng' of the clicking reader"),
        N("device_id", "VARCHAR(36)", note="UUID"),
    ], click)

    c.simple("abonnes", S + " (fr_CA)", ["fr_CA"], 170, [
        N("id", "INTEGER"),
        P("courriel", "VARCHAR(120)", "email"),
        P("prenom", "VARCHAR(80)", "person_name"),
        P("nom", "VARCHAR(80)", "person_name"),
        P("code_postal", "VARCHAR(7)", "postcode"),
        N("langue", "VARCHAR(2)"),
        N("date_inscription", "DATE"),
        P("telephone", "VARCHAR(40)", "phone"),
        N("consentement_lcap", "{{BOOL}}", note="anti-spam law consent flag"),
    ], lambda loc, f, rng, i: [
        f.free_email(), f.first_name(), f.last_name(), f.postcode(), f.random_element(["fr", "en"]), day(f),
        phone(f) if f.boolean(60) else None, f.boolean(85),
    ])


# ---------------------------------------------------------------------------
# reference / lookup tables
# ---------------------------------------------------------------------------

CALLING = {"US": "+1", "CA": "+1", "DE": "+49", "FR": "+33", "GB": "+44", "IT": "+39", "ES": "+34"}


def reference(c):
    S = "reference"
    fk = Fakers("countries", ["en_US"])
    _, f = fk.pick()
    rows = []
    for i, ct in enumerate(DateTimeProvider.countries, 1):
        rows.append([
            i, ct.alpha_2_code, ct.alpha_3_code, ct.name, ct.capital, ct.continent,
            CALLING.get(ct.alpha_2_code, "+%d" % f.random_int(20, 998)), "." + ct.alpha_2_code.lower(),
            f.random_int(10000, 1400000000), ct.timezones[0] if ct.timezones else None,
        ])
    c.table("countries", [
        N("id", "INTEGER"),
        N("iso2", "VARCHAR(2)"),
        N("iso3", "VARCHAR(3)"),
        N("country_name", "VARCHAR(80)"),
        N("capital", "VARCHAR(60)", note="capital city of a country, not anyone's address"),
        N("continent", "VARCHAR(20)"),
        N("calling_code", "VARCHAR(5)"),
        N("tld", "VARCHAR(3)"),
        N("population", "BIGINT"),
        N("timezone", "VARCHAR(40)"),
    ], rows, S)

    fk = Fakers("currencies", ["en_US"])
    _, f = fk.pick()
    rows = []
    for i, (code, name) in enumerate(CurrencyProvider.currencies, 1):
        rows.append([i, code, name, f.random_element([0, 2, 2, 2, 3]),
                     Raw("%d.%04d" % (f.random_int(0, 300), f.random_int(0, 9999))), day(f)])
    c.table("currencies", [
        N("id", "INTEGER"),
        N("code", "VARCHAR(3)"),
        N("currency_name", "VARCHAR(60)"),
        N("minor_units", "INTEGER"),
        N("rate_to_eur", "NUMERIC(12,4)"),
        N("rate_date", "DATE"),
    ], rows, S)

    c.simple("product_catalogue", S, ["en_US", "de_AT", "it_IT"], 220, [
        N("id", "INTEGER"),
        N("sku", "VARCHAR(12)", note="digits-only SKU"),
        N("ean13", "VARCHAR(13)"),
        N("isbn13", "VARCHAR(17)"),
        N("hs_code", "VARCHAR(10)", note="customs tariff code"),
        N("title", "VARCHAR(160)"),
        N("color_hex", "VARCHAR(7)"),
        N("weight_g", "INTEGER"),
        N("list_price", "NUMERIC(12,2)"),
        N("launched", "DATE"),
        N("spec_md5", "VARCHAR(32)"),
    ], lambda loc, f, rng, i: [
        f.numerify("##########"), f.ean13(), f.isbn13() if f.boolean(30) else None,
        "%s.%s.%s" % (f.numerify("####"), f.numerify("##"), f.numerify("##")), f.catch_phrase(), f.hex_color(),
        f.random_int(5, 30000), money(f, 1, 2500), day(f, D(2010, 1, 1), D(2024, 10, 31)), f.md5(),
    ])

    c.simple("app_releases", S, ["en_US"], 150, [
        N("id", "INTEGER"),
        N("version", "VARCHAR(16)", note="semantic version"),
        N("build_number", "VARCHAR(16)", note="four-part build that parses as IPv4"),
        N("commit_sha", "VARCHAR(40)"),
        N("released_at", "VARCHAR(20)", note="YYYY/MM/DD hh:mm text"),
        N("min_os", "VARCHAR(8)"),
        N("download_bytes", "BIGINT"),
        N("checksum", "VARCHAR(71)", note="sha256:<hex>"),
        N("changelog", "VARCHAR(200)"),
        N("rollout_window", "VARCHAR(12)", note="ISO 8601 duration"),
    ], lambda loc, f, rng, i: [
        semver(f), "%d.%d.%d.%d" % (f.random_int(1, 9), f.random_int(0, 30), f.random_int(0, 255), f.random_int(1, 255)),
        f.sha1(), ts(f).strftime("%Y/%m/%d %H:%M"), "%d.%d" % (f.random_int(10, 17), f.random_int(0, 4)),
        f.random_int(5000000, 300000000), "sha256:" + f.sha256(), f.sentence(nb_words=10),
        "P%dDT%dH" % (f.random_int(0, 14), f.random_int(0, 23)),
    ])


def main():
    c = Corpus()
    school(c)
    clinic(c)
    hotel(c)
    marketplace(c)
    telecom(c)
    bank(c)
    newsletter(c)
    reference(c)

    total = sum(n for _, n in c.counts)
    header = [
        "-- privaudit HELD-OUT test corpus (never used to tune the classifier).",
        "--",
        "-- GENERATED FILE, do not edit by hand. Generated by",
        "--     pip install -r tests/corpus_holdout/requirements.txt",
        "--     python3 tests/corpus_holdout/generate.py",
        "-- with Python Faker %s and fixed seeds; the same command regenerates it byte for byte." % FAKER_VERSION,
        "--",
        "-- ALL DATA IN THIS FILE IS FICTIONAL: every name, address, e-mail, phone number, identifier,",
        "-- card number, IBAN, IMEI and IP address was made up by Faker and belongs to no one.",
        "--",
        "-- Portable SQL for SQLite, PostgreSQL and MariaDB once the loader replaces the type",
        "-- placeholders in double braces (TIMESTAMP, BOOL, JSON). The labelled truth for every",
        "-- column is tests/corpus_holdout/truth.toml, written by the same script.",
        "--",
        "-- Locales: %s." % ", ".join(LOCALES),
        "-- Row counts: %s (total %d)." % (", ".join("%s %d" % t for t in c.counts), total),
        "",
        "",
    ]
    sql = "\n".join(header) + "".join(c.sql)
    truth_header = (
        "# Labelled truth for the held-out corpus tests/corpus_holdout/corpus.sql.\n"
        "#\n"
        "# GENERATED by tests/corpus_holdout/generate.py (Faker %s) from the same column definitions as\n"
        "# the data; do not edit by hand. Format as tests/truth.toml: one [[column]] entry for every\n"
        "# column of every table; personal = true entries carry the expected category id; accept\n"
        "# lists other categories that also count as right.\n\n"
        % FAKER_VERSION
    )
    with open(SQL_OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(sql)
    with open(TRUTH_OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(truth_header + "".join(c.truth).rstrip("\n") + "\n")
    print("wrote %s (%d bytes, %d rows, %d tables) and %s" % (
        SQL_OUT, len(sql.encode("utf-8")), total, len(c.counts), TRUTH_OUT))


if __name__ == "__main__":
    main()
