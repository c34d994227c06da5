"""Writes kirkuk-trust.xlsx: an XLSForm describing the trust questions of the
Kirkuk poll's first wave (see PROVENANCE.md), so that its respondents can be
loaded as responses and estimated like any other survey. Run from any folder:
    python3 make_kirkuk_form.py
Labels in Arabic (ar), Sorani (ckb) and English (en); the project's own work
(MIT), describing the questionnaire of O'Flynn, Sood, Mistaffa & Saeed."""
import os
from openpyxl import Workbook

LANGS = [("Arabic", "ar"), ("Kurdish", "ckb"), ("English", "en")]
SCALE = ("٠ (لا ثقة) – ١٠ (ثقة كاملة)", "٠ (هیچ متمانە) – ١٠ (متمانەی تەواو)", "0 (none) – 10 (complete)")


def row(type_, name, label, constraint="", hint=("", "", "")):
    return [type_, name, *label, *hint, "no", constraint]


def trust(name, ar, ckb, en):
    return row("integer", name, (ar, ckb, en), ". >= 0 and . <= 10", SCALE)


SURVEY = [
    row("select_one governorate", "governorate", ("المحافظة", "پارێزگا", "Governorate")),
    row("select_one sex", "sex", ("الجنس", "ڕەگەز", "Sex")),
    row("integer", "age", ("العمر", "تەمەن", "Age"), ". >= 15 and . <= 99"),
    row("select_one ethnicity", "ethnicity", ("القومية", "نەتەوە", "Ethnicity")),
    trust("trust_council", "الثقة بمجلس المحافظة", "متمانە بە ئەنجومەنی پارێزگا", "Trust in the provincial council"),
    trust("trust_judiciary", "الثقة بالقضاء", "متمانە بە دادوەری", "Trust in the judiciary"),
    trust("trust_police", "الثقة بالشرطة", "متمانە بە پۆلیس", "Trust in the police"),
    trust("trust_army", "الثقة بالجيش", "متمانە بە سوپا", "Trust in the army"),
    trust("trust_arabs", "الثقة بآراء العرب", "متمانە بە بۆچوونی عەرەبەکان", "Trust in Arabs' views"),
    trust("trust_kurds", "الثقة بآراء الكرد", "متمانە بە بۆچوونی کوردەکان", "Trust in Kurds' views"),
    trust("trust_turkmen", "الثقة بآراء التركمان", "متمانە بە بۆچوونی تورکمانەکان", "Trust in Turkmen's views"),
]
CHOICES = {
    "governorate": [("IQG13", "كركوك", "کەرکووک", "Kirkuk")],
    "sex": [("female", "أنثى", "مێ", "Female"), ("male", "ذكر", "نێر", "Male")],
    "ethnicity": [
        ("kurd", "كردي", "کورد", "Kurd"),
        ("arab", "عربي", "عەرەب", "Arab"),
        ("turkman", "تركماني", "تورکمان", "Turkman"),
        ("other", "أخرى", "تر", "Other"),
    ],
}

book = Workbook()
survey = book.active
survey.title = "survey"
survey.append(["type", "name"] + [f"label::{n} ({c})" for n, c in LANGS] + [f"hint::{n} ({c})" for n, c in LANGS]
              + ["required", "constraint"])
for r in SURVEY:
    survey.append(r)
choices = book.create_sheet("choices")
choices.append(["list_name", "name"] + [f"label::{n} ({c})" for n, c in LANGS])
for list_name, items in CHOICES.items():
    for name, *labels in items:
        choices.append([list_name, name, *labels])
settings = book.create_sheet("settings")
settings.append(["form_title", "form_id", "version", "default_language"])
settings.append(["Kirkuk deliberative poll 2017: trust (wave 1)", "kirkuk_trust", "2017.1", "ar"])
for sheet in book.worksheets:
    for r in sheet.iter_rows():
        for cell in r:
            cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type
book.properties.created = book.properties.modified = __import__("datetime").datetime(2026, 11, 29)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kirkuk-trust.xlsx")
book.save(out)
print("wrote", out)
