#!/usr/bin/env python3
"""Generate the independent labelled corpus for privaudit: tests/corpus/corpus.sql and
tests/corpus/truth.toml.

The corpus is independent of samples/generate.py: every value comes from Python Faker
(pinned in tests/corpus/requirements.txt), with fixed seeds, so that

    pip install -r tests/corpus/requirements.txt
    python3 tests/corpus/generate.py

from the repository root regenerates both files byte for byte. Nothing here reads the clock:
dates are drawn between fixed bounds.

The schemas imitate several kinds of application (shop, CRM, HR, helpdesk, logs, IoT, a media
catalogue), with rows from many locales mixed in one table and some per-locale tables with local
column names. Non-personal columns that look personal (text timestamps with fractional seconds,
dotted version strings, UUIDs, digests, decimal amounts as text, EAN-13 codes, SKUs, order
numbers, titles with year ranges, enums, country/currency codes, HTTP statuses, durations, dates
that are not birth dates) are included on purpose and labelled not personal.

The SQL is portable: types INTEGER, BIGINT, VARCHAR(n), TEXT, DATE, NUMERIC(12,2) and the
placeholders {{TIMESTAMP}}, {{BOOL}}, {{JSON}} which the loader substitutes per engine. String
literals use single quotes (doubled inside); values never hold a backslash, a newline or "{{".
Every statement ends with ";" at a line end.

The truth is written next to the data from the same column definitions: one [[column]] entry per
column of every table, in the format of tests/truth.toml.
"""

import datetime as dt
import json
import os
import random
import re
import sys
import zlib
from collections import OrderedDict

# Some Faker providers (it_IT cities, for one) pick from sets, whose order follows Python's
# string hashing: pin it, re-running this script under PYTHONHASHSEED=0.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import faker  # noqa: E402
from faker import Faker  # noqa: E402

FAKER_VERSION = "40.63.0"
if faker.VERSION != FAKER_VERSION:
    sys.exit(
        "tests/corpus/generate.py needs Faker %s (found %s): pip install -r tests/corpus/requirements.txt"
        % (FAKER_VERSION, faker.VERSION)
    )

HERE = os.path.dirname(os.path.abspath(__file__))
SQL_OUT = os.path.join(HERE, "corpus.sql")
TRUTH_OUT = os.path.join(HERE, "truth.toml")

SEED = 40630
ROWS_PER_INSERT = 50

LOCALES = ["es_ES", "it_IT", "nl_NL", "fr_FR", "de_DE", "en_GB", "pl_PL", "pt_BR", "ja_JP", "tr_TR", "en_US"]
COUNTRY = {
    "es_ES": "ES", "it_IT": "IT", "nl_NL": "NL", "fr_FR": "FR", "de_DE": "DE", "en_GB": "GB",
    "pl_PL": "PL", "pt_BR": "BR", "ja_JP": "JP", "tr_TR": "TR", "en_US": "US",
}
CURRENCY = {
    "es_ES": "EUR", "it_IT": "EUR", "nl_NL": "EUR", "fr_FR": "EUR", "de_DE": "EUR", "en_GB": "GBP",
    "pl_PL": "PLN", "pt_BR": "BRL", "ja_JP": "JPY", "tr_TR": "TRY", "en_US": "USD",
}

D = dt.date
T = dt.datetime
DOB_START, DOB_END = D(1938, 1, 1), D(2007, 12, 31)
Y2023_START, Y2023_END = T(2023, 1, 1), T(2023, 12, 31, 23, 59, 59)


def seed_of(*parts):
    return (zlib.crc32("/".join(parts).encode("utf-8")) ^ SEED) & 0x7FFFFFFF


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
# SQL writing
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

    def table(self, name, cols, rows, section):
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


# ---------------------------------------------------------------------------
# value helpers (all from Faker, bounded by fixed dates)
# ---------------------------------------------------------------------------


def dob(f, end=DOB_END):
    return f.date_between_dates(date_start=DOB_START, date_end=end)


def ts(f, start=Y2023_START, end=Y2023_END):
    return f.date_time_between_dates(datetime_start=start, datetime_end=end).replace(microsecond=0)


def ts_frac(f, start=Y2023_START, end=Y2023_END):
    d = f.date_time_between_dates(datetime_start=start, datetime_end=end)
    return d.strftime("%Y-%m-%d %H:%M:%S.") + "%06d" % f.random_int(0, 999999)


def iso_date_text(f, rng):
    # created_at as TEXT holding ISO dates: mostly 2023, some 2022 and 2024.
    y = rng.choices([2023, 2022, 2024], weights=[8, 1, 1])[0]
    return f.date_between_dates(date_start=D(y, 1, 1), date_end=D(y, 12, 31)).isoformat()


def epoch(f, start=T(2022, 1, 1), end=T(2024, 12, 31)):
    return int(f.unix_time(start_datetime=start, end_datetime=end))


def money(f, lo=1, hi=2000):
    return Raw("%d.%02d" % (f.random_int(lo, hi), f.random_int(0, 99)))


def money_text(f, lo=1, hi=2000):
    return "%d.%02d" % (f.random_int(lo, hi), f.random_int(0, 99))


def version(f):
    return "%d.%d.%d" % (f.random_int(0, 12), f.random_int(0, 40), f.random_int(0, 199))


def phone(f):
    return one_line(f.phone_number())


def address_line(f):
    return one_line(f.address())


def street(f):
    return one_line(f.street_address())


def national_id(loc, f):
    """A national identity / social insurance number in the locale's own form."""
    if loc == "es_ES":
        return f.nif()
    if loc == "it_IT":
        return f.ssn()  # codice fiscale, the Italian personal identifier
    if loc == "nl_NL":
        return f.ssn()  # BSN
    if loc == "fr_FR":
        return f.ssn()  # NIR
    if loc == "de_DE":
        return f.rvnr()  # Rentenversicherungsnummer
    if loc == "en_GB":
        return f.ssn()  # National Insurance number
    if loc == "pl_PL":
        return f.pesel()
    if loc == "pt_BR":
        return f.rg()
    if loc == "tr_TR":
        return f.ssn()  # T.C. Kimlik No
    return f.ssn()  # en_US SSN


def country_name(f):
    try:
        return f.current_country()
    except (ValueError, AttributeError):
        return f.country()


# ---------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------


def shop(c):
    S = "shop"
    fk = Fakers("shop_customers")
    cols = [
        N("id", "INTEGER"),
        N("locale", "VARCHAR(5)"),
        P("first_name", "VARCHAR(80)", "person_name"),
        P("last_name", "VARCHAR(80)", "person_name"),
        P("email", "VARCHAR(120)", "email"),
        P("phone", "VARCHAR(40)", "phone"),
        P("birth_date", "DATE", "date_of_birth"),
        P("street_address", "VARCHAR(160)", "postal_address"),
        P("city", "VARCHAR(80)", "postal_address", note="city of a customer, as in tests/truth.toml"),
        P("postcode", "VARCHAR(16)", "postcode"),
        N("country_code", "VARCHAR(2)"),
        P("username", "VARCHAR(60)", "username"),
        P("password_hash", "VARCHAR(64)", "password_hash", note="unsalted SHA-256 hex"),
        N("created_at", "TEXT", note="ISO dates as text, mostly 2023"),
        N("last_login_at", "{{TIMESTAMP}}"),
        N("marketing_opt_in", "{{BOOL}}"),
        N("loyalty_tier", "VARCHAR(10)"),
        N("preferred_currency", "VARCHAR(3)"),
        N("preferences", "{{JSON}}", note="UI settings only"),
    ]
    rows = []
    for i in range(1, 301):
        loc, f = fk.pick()
        rows.append([
            i, loc, f.first_name(), f.last_name(), f.email(), phone(f), dob(f), street(f), f.city(),
            f.postcode(), COUNTRY[loc], f.user_name(), f.sha256(), iso_date_text(f, fk.rng), ts(f),
            f.boolean(), f.random_element(["bronze", "silver", "gold", "platinum"]), CURRENCY[loc],
            json.dumps({
                "theme": f.random_element(["light", "dark", "system"]),
                "items_per_page": f.random_element([12, 24, 48]),
                "newsletter": f.boolean(),
                "currency": CURRENCY[loc],
            }, sort_keys=True),
        ])
    c.table("shop_customers", cols, rows, S)

    fk = Fakers("shop_addresses")
    cols = [
        N("id", "INTEGER"),
        N("customer_id", "INTEGER"),
        N("address_kind", "VARCHAR(10)", note="billing / shipping"),
        P("recipient_name", "VARCHAR(120)", "person_name"),
        P("address_line1", "VARCHAR(160)", "postal_address"),
        P("city", "VARCHAR(80)", "postal_address"),
        P("postal_code", "VARCHAR(16)", "postcode"),
        N("country", "VARCHAR(60)"),
        P("full_address", "TEXT", "postal_address"),
        N("is_default", "{{BOOL}}"),
    ]
    rows = []
    for i in range(1, 251):
        loc, f = fk.pick()
        rows.append([
            i, fk.rng.randint(1, 300), fk.rng.choice(["billing", "shipping"]), f.name(), street(f),
            f.city(), f.postcode(), country_name(f),
            address_line(f), f.boolean(),
        ])
    c.table("shop_addresses", cols, rows, S)

    fk = Fakers("shop_orders")
    cols = [
        N("id", "INTEGER"),
        N("customer_id", "INTEGER"),
        N("order_number", "VARCHAR(20)", note="ORD-2023-nnnnnn"),
        N("placed_at", "{{TIMESTAMP}}"),
        N("order_status", "VARCHAR(12)"),
        N("currency", "VARCHAR(3)"),
        N("total_amount", "NUMERIC(12,2)"),
        N("total_text", "TEXT", note="decimal amount as text"),
        N("items_count", "INTEGER"),
        N("coupon_code", "VARCHAR(16)"),
        P("shipping_address", "TEXT", "postal_address"),
        N("tracking_number", "VARCHAR(24)"),
        N("created_at", "TEXT", note="timestamp text with fractional seconds"),
        N("external_ref", "VARCHAR(40)", note="UUID as text"),
    ]
    rows = []
    for i in range(1, 301):
        loc, f = fk.pick()
        amount = money_text(f, 5, 900)
        rows.append([
            i, fk.rng.randint(1, 300), "ORD-2023-%06d" % (4000 + i * 7), ts(f),
            f.random_element(["pending", "paid", "shipped", "delivered", "cancelled", "refunded"]),
            CURRENCY[loc], Raw(amount), amount, f.random_int(1, 12),
            f.bothify("??##-????").upper() if f.boolean(30) else None, address_line(f),
            f.bothify("1Z###?##########").upper(), ts_frac(f), f.uuid4(),
        ])
    c.table("shop_orders", cols, rows, S)

    fk = Fakers("shop_payments")
    cols = [
        N("id", "INTEGER"),
        N("order_id", "INTEGER"),
        P("card_number", "VARCHAR(24)", "payment_card"),
        P("card_holder", "VARCHAR(120)", "person_name"),
        N("card_expiry", "VARCHAR(5)"),
        N("card_provider", "VARCHAR(40)"),
        P("iban", "VARCHAR(40)", "iban"),
        N("amount", "NUMERIC(12,2)"),
        N("paid_at", "{{TIMESTAMP}}"),
        N("transaction_ref", "VARCHAR(40)", note="UUID as text"),
    ]
    rows = []
    for i in range(1, 251):
        loc, f = fk.pick()
        card = f.credit_card_number()
        rows.append([
            i, fk.rng.randint(1, 300), card if f.boolean(70) else None, f.name(),
            f.credit_card_expire(start=D(2024, 1, 1), end=D(2030, 12, 31)),
            f.credit_card_provider(), f.iban(), money(f, 5, 900), ts(f), f.uuid4(),
        ])
    c.table("shop_payments", cols, rows, S)

    fk = Fakers("shop_products", ["en_US", "de_DE", "fr_FR"])
    cols = [
        N("id", "INTEGER"),
        N("sku", "VARCHAR(16)"),
        N("ean13", "VARCHAR(13)"),
        N("title", "VARCHAR(160)", note="product titles, some with year ranges"),
        N("category", "VARCHAR(20)"),
        N("price_text", "TEXT", note="decimal amount as text"),
        N("weight_grams", "INTEGER"),
        N("stock_level", "INTEGER"),
        N("created_at", "TEXT", note="ISO dates, no time of day, mostly 2023"),
        N("checksum_sha256", "VARCHAR(64)", note="image digest"),
    ]
    rows = []
    for i in range(1, 201):
        loc, f = fk.pick()
        title = f.catch_phrase()
        if f.boolean(40):
            y = f.random_int(1960, 2010)
            title += " (%d-%d)" % (y, y + f.random_int(1, 15))
        rows.append([
            i, f.bothify("SKU-??-#####").upper(), f.ean13(), title,
            f.random_element(["audio", "books", "garden", "toys", "kitchen", "office"]),
            money_text(f, 1, 400), f.random_int(20, 25000), f.random_int(0, 900),
            iso_date_text(f, fk.rng), f.sha256(),
        ])
    c.table("shop_products", cols, rows, S)


def crm(c):
    S = "crm"
    fk = Fakers("crm_companies")
    cols = [
        N("id", "INTEGER"),
        N("company_name", "VARCHAR(160)", note="legal persons; some Faker company names contain a surname"),
        N("vat_number", "VARCHAR(24)", note="company VAT id, not a person's tax id"),
        N("industry", "VARCHAR(120)"),
        N("website", "VARCHAR(160)"),
        N("employee_count", "INTEGER"),
        N("country_code", "VARCHAR(2)"),
        N("created_at", "TEXT", note="ISO dates as text"),
    ]
    rows = []
    vat_locales = ["es_ES", "it_IT", "nl_NL", "fr_FR", "de_DE", "en_GB", "pl_PL"]
    for i in range(1, 161):
        loc, f = fk.pick()
        vat = f.vat_id() if loc in vat_locales else None
        rows.append([
            i, f.company(), vat, f.bs(), f.url(), f.random_int(2, 5000), COUNTRY[loc],
            iso_date_text(f, fk.rng),
        ])
    c.table("crm_companies", cols, rows, S)

    fk = Fakers("crm_contacts")
    en = Faker("en_GB")
    en.seed_instance(seed_of("crm_contacts", "salutation"))
    cols = [
        N("id", "INTEGER"),
        N("company_id", "INTEGER"),
        P("salutation", "VARCHAR(8)", "gender", note="Mr/Mrs/Ms/Miss reveal gender"),
        P("full_name", "VARCHAR(120)", "person_name"),
        N("job_title", "VARCHAR(200)"),
        P("work_email", "VARCHAR(120)", "email"),
        P("direct_phone", "VARCHAR(40)", "phone"),
        P("mobile", "VARCHAR(40)", "phone"),
        N("preferred_language", "VARCHAR(5)"),
        N("owner_agent_id", "INTEGER"),
        N("lead_score", "INTEGER"),
        N("last_contacted_at", "{{TIMESTAMP}}"),
        P("profile_json", "{{JSON}}", "email", accept=["phone", "person_name", "username"]),
    ]
    rows = []
    for i in range(1, 251):
        loc, f = fk.pick()
        female = f.boolean()
        first = f.first_name_female() if female else f.first_name_male()
        name = "%s %s" % (first, f.last_name())
        if loc == "ja_JP":
            name = "%s %s" % (f.last_name(), first)
        email = f.company_email()
        rows.append([
            i, fk.rng.randint(1, 160), en.prefix_female() if female else en.prefix_male(), name, f.job(), email, phone(f), phone(f),
            loc[:2], fk.rng.randint(1, 40), f.random_int(0, 100), ts(f),
            json.dumps({"name": name, "email": email, "phone": phone(f), "twitter": "@" + f.user_name(),
                        "source": f.random_element(["web", "fair", "referral"])},
                       ensure_ascii=False, sort_keys=True),
        ])
    c.table("crm_contacts", cols, rows, S)

    fk = Fakers("crm_activities")
    cols = [
        N("id", "INTEGER"),
        N("contact_id", "INTEGER"),
        N("activity_kind", "VARCHAR(10)"),
        N("occurred_at", "TEXT", note="timestamp text with fractional seconds"),
        N("duration_seconds", "INTEGER"),
        N("duration_text", "VARCHAR(12)", note="hh:mm:ss"),
        N("subject", "VARCHAR(200)"),
        P("notes", "TEXT", "email", accept=["phone", "person_name"],
          note="free text; some rows give an e-mail, a phone or a name"),
    ]
    rows = []
    for i in range(1, 251):
        loc, f = fk.pick()
        secs = f.random_int(30, 7200)
        notes = f.sentence(nb_words=10)
        roll = fk.rng.random()
        if roll < 0.3:
            notes += " New address for quotes: %s." % f.email()
        elif roll < 0.55:
            notes += " Call back on %s after 3pm." % phone(f)
        elif roll < 0.7:
            notes += " Spoke to %s, will forward to procurement." % f.name()
        rows.append([
            i, fk.rng.randint(1, 250), f.random_element(["call", "email", "meeting", "demo"]),
            ts_frac(f), secs, "%02d:%02d:%02d" % (secs // 3600, secs // 60 % 60, secs % 60),
            f.sentence(nb_words=6), notes,
        ])
    c.table("crm_activities", cols, rows, S)


def hr(c):
    S = "hr"
    fk = Fakers("hr_departments", ["en_GB"])
    cols = [
        N("id", "INTEGER"),
        N("dept_name", "VARCHAR(80)"),
        N("cost_center", "VARCHAR(10)"),
        N("manager_employee_id", "INTEGER"),
        N("budget", "NUMERIC(12,2)"),
        N("floor_no", "INTEGER"),
    ]
    rows = []
    for i in range(1, 151):
        _, f = fk.pick()
        rows.append([
            i, "%s %s" % (f.random_element(["Sales", "Finance", "Support", "R&D", "Legal", "Ops", "HR", "IT"]), i),
            f.bothify("CC-####"), fk.rng.randint(1, 300), money(f, 10000, 900000), f.random_int(0, 30),
        ])
    c.table("hr_departments", cols, rows, S)

    hr_locales = [l for l in LOCALES if l != "ja_JP"]
    fk = Fakers("hr_employees", hr_locales)
    cols = [
        N("id", "INTEGER"),
        N("employee_no", "VARCHAR(10)"),
        P("first_name", "VARCHAR(80)", "person_name"),
        P("last_name", "VARCHAR(80)", "person_name"),
        P("work_email", "VARCHAR(120)", "email"),
        P("private_phone", "VARCHAR(40)", "phone"),
        P("birth_date", "DATE", "date_of_birth"),
        N("hire_date", "DATE", note="a date without time, but not a birth date"),
        P("gender", "VARCHAR(1)", "gender"),
        P("national_id", "VARCHAR(24)", "national_id", note="each locale's own national or social insurance number"),
        P("iban", "VARCHAR(40)", "iban"),
        N("salary", "NUMERIC(12,2)", note="personal but in no category the scanner knows"),
        N("department_id", "INTEGER"),
        P("home_address", "TEXT", "postal_address"),
        P("emergency_contact_name", "VARCHAR(120)", "person_name"),
        P("emergency_contact_phone", "VARCHAR(40)", "phone"),
        N("updated_at", "{{TIMESTAMP}}"),
    ]
    rows = []
    for i in range(1, 301):
        loc, f = fk.pick()
        g = f.random_element(OrderedDict([("F", 0.48), ("M", 0.48), ("X", 0.04)]))
        first = f.first_name_female() if g == "F" else f.first_name_male() if g == "M" else f.first_name()
        rows.append([
            i, "E-%05d" % (i + 100), first, f.last_name(), f.company_email(), phone(f), dob(f, D(1987, 12, 31)),
            f.date_between_dates(date_start=D(2005, 1, 1), date_end=D(2023, 12, 31)),
            g, national_id(loc, f), f.iban(), money(f, 24000, 140000),
            fk.rng.randint(1, 150), address_line(f), f.name(), phone(f), ts(f),
        ])
    c.table("hr_employees", cols, rows, S)

    fk = Fakers("hr_payroll_import", hr_locales)
    cols = [
        N("id", "INTEGER"),
        N("emp_ref", "VARCHAR(10)"),
        P("birth_yyyymmdd", "INTEGER", "date_of_birth", note="YYYYMMDD integer birth date"),
        N("pay_period", "INTEGER", note="YYYYMM"),
        N("gross_pay", "NUMERIC(12,2)"),
        N("net_pay_text", "TEXT", note="decimal amount as text"),
        P("payee_iban", "VARCHAR(40)", "iban"),
        N("bank_bic", "VARCHAR(11)"),
        N("paid_on", "DATE", note="payday, not a birth date"),
        N("batch_id", "VARCHAR(40)", note="UUID as text"),
    ]
    rows = []
    for i in range(1, 251):
        loc, f = fk.pick()
        b = dob(f)
        m = f.random_int(1, 12)
        rows.append([
            i, "E-%05d" % (100 + fk.rng.randint(1, 300)), int(b.strftime("%Y%m%d")), 202300 + m,
            money(f, 1500, 9000), money_text(f, 1000, 6000), f.iban(), f.swift(),
            D(2023, m, 25), f.uuid4(),
        ])
    c.table("hr_payroll_import", cols, rows, S)

    # per-locale HR tables with local column names
    def local_table(table, loc, cols, make, n=160):
        fk = Fakers(table, [loc])
        rows = []
        for i in range(1, n + 1):
            _, f = fk.pick()
            rows.append([i] + make(f, i))
        c.table(table, cols, rows, S + " (" + loc + ")")

    local_table("mitarbeiter", "de_DE", [
        N("personalnummer", "INTEGER"),
        P("vorname", "VARCHAR(80)", "person_name"),
        P("nachname", "VARCHAR(80)", "person_name"),
        P("geburtsdatum", "DATE", "date_of_birth"),
        P("strasse", "VARCHAR(120)", "postal_address"),
        P("plz", "VARCHAR(5)", "postcode"),
        P("ort", "VARCHAR(80)", "postal_address"),
        P("telefon", "VARCHAR(40)", "phone"),
        P("email", "VARCHAR(120)", "email"),
        P("iban", "VARCHAR(40)", "iban"),
        P("rentenversicherungsnummer", "VARCHAR(16)", "national_id", note="German social insurance number"),
        N("eintrittsdatum", "DATE", note="hire date"),
        N("gehalt", "NUMERIC(12,2)", note="salary: no category"),
        N("abteilung", "VARCHAR(60)"),
    ], lambda f, i: [
        f.first_name(), f.last_name(), dob(f), street(f), f.postcode(), f.city(), phone(f), f.free_email(),
        f.iban(), f.rvnr(), f.date_between_dates(date_start=D(2000, 1, 1), date_end=D(2023, 12, 31)),
        money(f, 30000, 120000), f.random_element(["Vertrieb", "Einkauf", "Buchhaltung", "IT", "Lager"]),
    ])

    local_table("empleados", "es_ES", [
        N("id", "INTEGER"),
        P("nombre", "VARCHAR(80)", "person_name"),
        P("apellidos", "VARCHAR(120)", "person_name"),
        P("dni", "VARCHAR(10)", "national_id"),
        P("nuss", "VARCHAR(14)", "national_id", note="Spanish social security number"),
        P("correo", "VARCHAR(120)", "email"),
        P("telefono", "VARCHAR(40)", "phone"),
        P("fecha_nacimiento", "DATE", "date_of_birth"),
        P("direccion", "VARCHAR(160)", "postal_address"),
        P("codigo_postal", "VARCHAR(5)", "postcode"),
        P("ciudad", "VARCHAR(80)", "postal_address"),
        P("iban", "VARCHAR(40)", "iban"),
        N("salario", "NUMERIC(12,2)", note="salary: no category"),
        N("fecha_alta", "DATE", note="hire date"),
    ], lambda f, i: [
        f.first_name(), f.last_name() + " " + f.last_name(), f.nif(), f.nuss(), f.free_email(), phone(f),
        dob(f), street(f), f.postcode(), f.city(), f.iban(), money(f, 18000, 90000),
        f.date_between_dates(date_start=D(2000, 1, 1), date_end=D(2023, 12, 31)),
    ])

    local_table("dipendenti", "it_IT", [
        N("id", "INTEGER"),
        P("nome", "VARCHAR(80)", "person_name"),
        P("cognome", "VARCHAR(80)", "person_name"),
        P("codice_fiscale", "VARCHAR(16)", "tax_id"),
        P("email", "VARCHAR(120)", "email"),
        P("cellulare", "VARCHAR(40)", "phone"),
        P("data_nascita", "DATE", "date_of_birth"),
        P("indirizzo", "VARCHAR(160)", "postal_address"),
        P("cap", "VARCHAR(5)", "postcode"),
        P("citta", "VARCHAR(80)", "postal_address"),
        P("iban", "VARCHAR(40)", "iban"),
        N("ruolo", "VARCHAR(200)", note="job title"),
        N("data_assunzione", "DATE", note="hire date"),
    ], lambda f, i: [
        f.first_name(), f.last_name(), f.ssn(), f.free_email(), phone(f), dob(f), street(f), f.postcode(),
        f.city(), f.iban(), f.job(), f.date_between_dates(date_start=D(2000, 1, 1), date_end=D(2023, 12, 31)),
    ])

    local_table("medewerkers", "nl_NL", [
        N("id", "INTEGER"),
        P("voornaam", "VARCHAR(80)", "person_name"),
        P("achternaam", "VARCHAR(80)", "person_name"),
        P("bsn", "VARCHAR(9)", "national_id"),
        P("emailadres", "VARCHAR(120)", "email"),
        P("telefoonnummer", "VARCHAR(40)", "phone"),
        P("geboortedatum", "DATE", "date_of_birth"),
        P("adres", "VARCHAR(160)", "postal_address"),
        P("postcode", "VARCHAR(7)", "postcode"),
        P("woonplaats", "VARCHAR(80)", "postal_address"),
        P("iban", "VARCHAR(40)", "iban"),
        N("functie", "VARCHAR(200)", note="job title"),
        N("in_dienst_sinds", "DATE", note="hire date"),
    ], lambda f, i: [
        f.first_name(), f.last_name(), f.ssn(), f.free_email(), phone(f), dob(f), street(f), f.postcode(),
        f.city(), f.iban(), f.job(), f.date_between_dates(date_start=D(2000, 1, 1), date_end=D(2023, 12, 31)),
    ])

    local_table("salaries", "fr_FR", [
        N("id", "INTEGER"),
        P("prenom", "VARCHAR(80)", "person_name"),
        P("nom", "VARCHAR(80)", "person_name"),
        P("numero_secu", "VARCHAR(15)", "national_id"),
        P("courriel", "VARCHAR(120)", "email"),
        P("telephone", "VARCHAR(40)", "phone"),
        P("date_naissance", "DATE", "date_of_birth"),
        P("adresse", "VARCHAR(160)", "postal_address"),
        P("code_postal", "VARCHAR(5)", "postcode"),
        P("ville", "VARCHAR(80)", "postal_address"),
        P("iban", "VARCHAR(40)", "iban"),
        N("poste", "VARCHAR(200)", note="job title"),
        N("salaire_brut", "NUMERIC(12,2)", note="salary: no category"),
    ], lambda f, i: [
        f.first_name(), f.last_name(), f.ssn(), f.free_email(), phone(f), dob(f), street(f), f.postcode(),
        f.city(), f.iban(), f.job(), money(f, 22000, 95000),
    ])

    local_table("pracownicy", "pl_PL", [
        N("id", "INTEGER"),
        P("imie", "VARCHAR(80)", "person_name"),
        P("nazwisko", "VARCHAR(80)", "person_name"),
        P("pesel", "VARCHAR(11)", "national_id"),
        P("nip", "VARCHAR(10)", "tax_id", note="Polish tax number of the employee"),
        P("email", "VARCHAR(120)", "email"),
        P("telefon", "VARCHAR(40)", "phone"),
        P("data_urodzenia", "DATE", "date_of_birth"),
        P("adres", "VARCHAR(160)", "postal_address"),
        P("kod_pocztowy", "VARCHAR(6)", "postcode"),
        P("miasto", "VARCHAR(80)", "postal_address"),
        P("iban", "VARCHAR(40)", "iban"),
        N("stanowisko", "VARCHAR(200)", note="job title"),
    ], lambda f, i: [
        f.first_name(), f.last_name(), f.pesel(), f.nip(), f.free_email(), phone(f), dob(f), street(f),
        f.postcode(), f.city(), f.iban(), f.job(),
    ])

    local_table("funcionarios", "pt_BR", [
        N("id", "INTEGER"),
        P("nome", "VARCHAR(80)", "person_name"),
        P("sobrenome", "VARCHAR(80)", "person_name"),
        P("cpf", "VARCHAR(14)", "tax_id", note="CPF, the individual taxpayer number"),
        P("rg", "VARCHAR(12)", "national_id", note="RG, identity card number"),
        P("email", "VARCHAR(120)", "email"),
        P("celular", "VARCHAR(40)", "phone"),
        P("data_nascimento", "DATE", "date_of_birth"),
        P("endereco", "VARCHAR(160)", "postal_address"),
        P("cep", "VARCHAR(9)", "postcode"),
        P("cidade", "VARCHAR(80)", "postal_address"),
        N("cargo", "VARCHAR(200)", note="job title"),
        N("salario", "NUMERIC(12,2)", note="salary: no category"),
    ], lambda f, i: [
        f.first_name(), f.last_name(), f.cpf(), f.rg(), f.free_email(), phone(f), dob(f), street(f),
        f.postcode(), f.city(), f.job(), money(f, 20000, 150000),
    ])

    local_table("calisanlar", "tr_TR", [
        N("id", "INTEGER"),
        P("ad", "VARCHAR(80)", "person_name"),
        P("soyad", "VARCHAR(80)", "person_name"),
        P("tc_kimlik_no", "VARCHAR(11)", "national_id"),
        P("eposta", "VARCHAR(120)", "email"),
        P("telefon", "VARCHAR(40)", "phone"),
        P("dogum_tarihi", "DATE", "date_of_birth"),
        P("adres", "VARCHAR(160)", "postal_address"),
        P("sehir", "VARCHAR(80)", "postal_address"),
        P("iban", "VARCHAR(40)", "iban"),
        N("unvan", "VARCHAR(200)", note="job title"),
    ], lambda f, i: [
        f.first_name(), f.last_name(), f.ssn(), f.free_email(), phone(f), dob(f), address_line(f), f.city(),
        f.iban(), f.job(),
    ])

    local_table("jp_members", "ja_JP", [
        N("id", "INTEGER"),
        P("name_kanji", "VARCHAR(80)", "person_name"),
        P("name_kana", "VARCHAR(80)", "person_name"),
        P("email", "VARCHAR(120)", "email"),
        P("phone", "VARCHAR(40)", "phone"),
        P("postcode", "VARCHAR(8)", "postcode"),
        N("prefecture", "VARCHAR(10)", note="a region, like a country or state"),
        P("address", "VARCHAR(160)", "postal_address"),
        P("birth_date", "DATE", "date_of_birth"),
        N("joined_at", "{{TIMESTAMP}}"),
    ], lambda f, i: [
        f.name(), f.kana_name(), f.email(), phone(f), f.postcode(), f.prefecture(), address_line(f), dob(f),
        ts(f),
    ])


def helpdesk(c):
    S = "helpdesk"
    fk = Fakers("hd_agents", ["en_GB", "de_DE", "fr_FR", "es_ES", "nl_NL"])
    cols = [
        N("id", "INTEGER"),
        P("display_name", "VARCHAR(120)", "person_name"),
        P("agent_email", "VARCHAR(120)", "email"),
        N("team", "VARCHAR(20)"),
        N("phone_extension", "VARCHAR(5)", note="4-digit internal extension"),
        N("hired_on", "DATE", note="hire date"),
        N("is_active", "{{BOOL}}"),
    ]
    rows = []
    for i in range(1, 151):
        _, f = fk.pick()
        rows.append([
            i, f.name(), f.company_email(), f.random_element(["billing", "tech", "returns", "vip"]),
            f.numerify("4###"), f.date_between_dates(date_start=D(2012, 1, 1), date_end=D(2023, 12, 31)),
            f.boolean(85),
        ])
    c.table("hd_agents", cols, rows, S)

    fk = Fakers("hd_tickets")
    cols = [
        N("id", "INTEGER"),
        N("ticket_ref", "VARCHAR(16)"),
        P("requester_email", "VARCHAR(120)", "email"),
        N("agent_id", "INTEGER"),
        N("subject", "VARCHAR(200)"),
        P("body", "TEXT", "email", accept=["phone", "person_name"],
          note="free text; some rows give an e-mail, a phone, a name"),
        N("priority", "VARCHAR(8)"),
        N("ticket_status", "VARCHAR(12)"),
        N("channel", "VARCHAR(8)"),
        N("created_at", "TEXT", note="timestamp text with fractional seconds"),
        N("closed_at", "{{TIMESTAMP}}"),
        N("satisfaction", "INTEGER"),
        N("attachment_sha256", "VARCHAR(64)"),
    ]
    rows = []
    for i in range(1, 301):
        loc, f = fk.pick()
        body = f.paragraph(nb_sentences=3)
        roll = fk.rng.random()
        if roll < 0.35:
            body += " Please reply to %s, not to the old address." % f.email()
        elif roll < 0.6:
            body += " You can call me on %s until 6pm." % phone(f)
        if fk.rng.random() < 0.3:
            body += " Regards, %s" % f.name()
        rows.append([
            i, "HD-2023-%06d" % (i * 13), f.email(), fk.rng.randint(1, 150), f.sentence(nb_words=7), body,
            f.random_element(["low", "normal", "high", "urgent"]),
            f.random_element(["open", "pending", "solved", "closed"]),
            f.random_element(["email", "web", "phone", "chat"]), ts_frac(f),
            ts(f) if f.boolean(70) else None, f.random_int(1, 5) if f.boolean(60) else None,
            f.sha256() if f.boolean(40) else None,
        ])
    c.table("hd_tickets", cols, rows, S)

    fk = Fakers("hd_ticket_events", ["en_US"])
    cols = [
        N("id", "INTEGER"),
        N("ticket_id", "INTEGER"),
        N("author_agent_id", "INTEGER"),
        N("event_text", "TEXT", note="system text: versions, timestamps, order numbers, statuses; no person"),
        N("posted_at", "TEXT", note="timestamp text with fractional seconds"),
    ]
    rows = []
    for i in range(1, 251):
        _, f = fk.pick()
        kind = fk.rng.randrange(4)
        if kind == 0:
            text = "Deployed build %s to %s; job finished at %s after %d ms." % (
                version(f), f.random_element(["eu-west-1", "us-east-2", "ap-south-1"]), ts_frac(f),
                f.random_int(40, 90000))
        elif kind == 1:
            text = "Order ORD-2023-%06d re-queued, gateway answered HTTP %d (trace %s)." % (
                f.random_int(4000, 9999), f.random_element([429, 500, 502, 503, 504]), f.uuid4())
        elif kind == 2:
            text = "Status changed from %s to %s at %s." % (
                f.random_element(["open", "pending"]), f.random_element(["solved", "closed"]), ts_frac(f))
        else:
            text = "Refund of %s %s approved, batch %s, SKU %s (EAN %s)." % (
                money_text(f, 1, 500), f.currency_code(), f.random_int(1000000, 99999999),
                f.bothify("SKU-??-#####").upper(), f.ean13())
        rows.append([i, fk.rng.randint(1, 300), fk.rng.randint(1, 150), text, ts_frac(f)])
    c.table("hd_ticket_events", cols, rows, S)


def logs(c):
    S = "logs"
    fk = Fakers("access_log", ["en_US"])
    cols = [
        N("id", "BIGINT"),
        N("logged_at", "TEXT", note="timestamp text with fractional seconds"),
        N("epoch_seconds", "BIGINT"),
        P("client_ip", "VARCHAR(45)", "ip_address"),
        N("http_method", "VARCHAR(7)"),
        N("request_path", "VARCHAR(200)"),
        N("http_status", "INTEGER"),
        N("bytes_sent", "INTEGER"),
        N("duration_ms", "INTEGER"),
        N("user_agent", "TEXT"),
        N("referrer", "VARCHAR(200)"),
        N("request_id", "VARCHAR(40)", note="UUID as text"),
        N("session_user_id", "INTEGER"),
    ]
    rows = []
    for i in range(1, 301):
        _, f = fk.pick()
        rows.append([
            i, ts_frac(f), epoch(f), f.ipv6() if f.boolean(25) else f.ipv4_public(),
            f.http_method(), "/" + f.uri_path(), f.random_element([200, 200, 200, 201, 301, 304, 404, 500]),
            f.random_int(120, 900000), f.random_int(1, 4000), f.user_agent(),
            f.url() if f.boolean(50) else None, f.uuid4(), f.random_int(1, 300) if f.boolean(60) else None,
        ])
    c.table("access_log", cols, rows, S)

    fk = Fakers("auth_events")
    cols = [
        N("id", "BIGINT"),
        N("occurred_at", "{{TIMESTAMP}}"),
        P("src", "VARCHAR(45)", "ip_address", note="IP with a meaningless name"),
        P("username", "VARCHAR(60)", "username"),
        N("outcome", "VARCHAR(10)"),
        N("mfa_method", "VARCHAR(8)"),
        N("user_agent", "TEXT"),
    ]
    rows = []
    for i in range(1, 251):
        _, f = fk.pick()
        rows.append([
            i, ts(f), f.ipv4_public() if f.boolean(80) else f.ipv6(), f.user_name(),
            f.random_element(["success", "failure", "locked"]), f.random_element(["none", "totp", "sms", "webauthn"]),
            f.user_agent(),
        ])
    c.table("auth_events", cols, rows, S)

    fk = Fakers("job_runs", ["en_US"])
    cols = [
        N("id", "INTEGER"),
        N("job_name", "VARCHAR(60)"),
        N("started_at", "TEXT", note="timestamp text with fractional seconds"),
        N("run_time", "VARCHAR(16)", note="duration hh:mm:ss.fff"),
        N("worker_version", "VARCHAR(12)", note="dotted version"),
        N("worker_host", "VARCHAR(80)"),
        N("exit_code", "INTEGER"),
        N("rows_processed", "BIGINT"),
        N("started_epoch", "BIGINT"),
    ]
    rows = []
    for i in range(1, 201):
        _, f = fk.pick()
        ms = f.random_int(50, 9000000)
        rows.append([
            i, f.random_element(["nightly_export", "invoice_run", "reindex", "gdpr_purge", "sync_crm"]),
            ts_frac(f), "%02d:%02d:%02d.%03d" % (ms // 3600000, ms // 60000 % 60, ms // 1000 % 60, ms % 1000),
            version(f), f.hostname(), f.random_element([0, 0, 0, 1, 2, 137]), f.random_int(0, 5000000), epoch(f),
        ])
    c.table("job_runs", cols, rows, S)


def iot(c):
    S = "iot"
    fk = Fakers("iot_devices", ["en_US", "de_DE", "nl_NL", "fr_FR", "es_ES", "it_IT"])
    cols = [
        N("id", "INTEGER"),
        N("serial_no", "VARCHAR(20)"),
        N("device_uuid", "VARCHAR(40)", note="UUID as text"),
        N("model", "VARCHAR(20)"),
        N("firmware_version", "VARCHAR(12)", note="dotted version"),
        N("firmware_build", "VARCHAR(16)", note="four-part build number that parses as IPv4"),
        N("owner_customer_id", "INTEGER"),
        N("installed_at", "TEXT", note="ISO dates as text, mostly 2023"),
        N("last_seen_epoch", "BIGINT"),
        P("addr1", "VARCHAR(45)", "ip_address", note="the device's IP under a meaningless name"),
    ]
    rows = []
    for i in range(1, 201):
        _, f = fk.pick()
        rows.append([
            i, f.bothify("SN-####-????").upper(), f.uuid4(),
            f.random_element(["TH-100", "TH-200", "PLUG-3", "CAM-X2", "METER-7"]), version(f),
            "%d.%d.%d.%d" % (f.random_int(1, 9), f.random_int(0, 20), f.random_int(0, 255), f.random_int(0, 255)),
            f.random_int(1, 300), iso_date_text(f, fk.rng), epoch(f), f.ipv4_public(),
        ])
    c.table("iot_devices", cols, rows, S)

    fk = Fakers("iot_readings", ["en_US", "de_DE", "nl_NL", "fr_FR", "es_ES", "it_IT"])
    cols = [
        N("id", "BIGINT"),
        N("device_id", "INTEGER"),
        N("read_at", "{{TIMESTAMP}}"),
        P("lat", "VARCHAR(12)", "geolocation"),
        P("lng", "VARCHAR(12)", "geolocation"),
        P("geom_wkt", "VARCHAR(60)", "geolocation", note="WKT point of the device"),
        N("temperature_c", "VARCHAR(8)", note="decimal as text"),
        N("humidity_pct", "INTEGER"),
        N("battery_pct", "INTEGER"),
        N("firmware_version", "VARCHAR(12)"),
    ]
    rows = []
    cc = {"en_US": "US", "de_DE": "DE", "nl_NL": "NL", "fr_FR": "FR", "es_ES": "ES", "it_IT": "IT"}
    for i in range(1, 301):
        loc, f = fk.pick()
        lat, lng = f.local_latlng(country_code=cc[loc], coords_only=True)
        rows.append([
            i, fk.rng.randint(1, 200), ts(f), lat, lng, "POINT(%s %s)" % (lng, lat),
            "%.1f" % (f.random_int(-150, 350) / 10), f.random_int(10, 95), f.random_int(0, 100), version(f),
        ])
    c.table("iot_readings", cols, rows, S)


def media(c):
    S = "media catalogue"
    fk = Fakers("media_albums", ["en_US", "en_GB", "de_DE"])
    cols = [
        N("id", "INTEGER"),
        N("album_title", "VARCHAR(160)", note="titles with year ranges"),
        N("issued_on", "DATE", note="release date of an album, a date without time"),
        N("ean13", "VARCHAR(13)"),
        N("catalog_no", "VARCHAR(16)"),
        N("track_count", "INTEGER"),
        N("total_length", "VARCHAR(8)", note="duration mm:ss"),
        N("price_text", "TEXT"),
        N("currency", "VARCHAR(3)"),
        N("label_country", "VARCHAR(2)"),
        N("genre", "VARCHAR(20)"),
    ]
    rows = []
    for i in range(1, 201):
        loc, f = fk.pick()
        y = f.random_int(1960, 2012)
        title = "%s (%d-%d)" % (f.catch_phrase(), y, y + f.random_int(1, 20)) if f.boolean(60) else f.catch_phrase()
        secs = f.random_int(1500, 4800)
        rows.append([
            i, title, f.date_between_dates(date_start=D(1960, 1, 1), date_end=D(2022, 12, 31)), f.ean13(),
            f.bothify("CAT-####-??").upper(), f.random_int(6, 24), "%d:%02d" % (secs // 60, secs % 60),
            money_text(f, 5, 60), f.random_element(["EUR", "USD", "GBP"]), f.country_code(),
            f.random_element(["rock", "jazz", "classical", "pop", "electronic", "folk"]),
        ])
    c.table("media_albums", cols, rows, S)


def main():
    c = Corpus()
    shop(c)
    crm(c)
    hr(c)
    helpdesk(c)
    logs(c)
    iot(c)
    media(c)

    total = sum(n for _, n in c.counts)
    header = [
        "-- privaudit independent test corpus.",
        "--",
        "-- GENERATED FILE, do not edit by hand. Generated by",
        "--     pip install -r tests/corpus/requirements.txt",
        "--     python3 tests/corpus/generate.py",
        "-- with Python Faker %s and fixed seeds; the same command regenerates it byte for byte." % FAKER_VERSION,
        "--",
        "-- ALL DATA IN THIS FILE IS FICTIONAL: every name, address, e-mail, phone number, identifier,",
        "-- card number, IBAN and IP address was made up by Faker and belongs to no one.",
        "--",
        "-- Portable SQL for SQLite, PostgreSQL and MariaDB once the loader replaces the type",
        "-- placeholders in double braces (TIMESTAMP, BOOL, JSON). The labelled truth for every",
        "-- column is tests/corpus/truth.toml, written by the same script.",
        "--",
        "-- Locales: %s." % ", ".join(LOCALES),
        "-- Row counts: %s (total %d)." % (", ".join("%s %d" % t for t in c.counts), total),
        "",
        "",
    ]
    sql = "\n".join(header) + "".join(c.sql)
    truth_header = (
        "# Labelled truth for the independent corpus tests/corpus/corpus.sql.\n"
        "#\n"
        "# GENERATED by tests/corpus/generate.py (Faker %s) from the same column definitions as the\n"
        "# data; do not edit by hand. Format as tests/truth.toml: one [[column]] entry for every\n"
        "# column of every table; personal = true entries carry the expected category id; accept\n"
        "# lists other categories that also count as right (free text and JSON columns).\n\n"
        % FAKER_VERSION
    )
    with open(SQL_OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(sql)
    with open(TRUTH_OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(truth_header + "".join(c.truth).rstrip("\n") + "\n")
    print("wrote %s (%d bytes, %d rows) and %s" % (SQL_OUT, len(sql.encode("utf-8")), total, TRUTH_OUT))


if __name__ == "__main__":
    main()
