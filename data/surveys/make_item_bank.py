#!/usr/bin/env python3
"""Writes community-security-perception.xlsx, Aman's XLSForm item bank.

Run from anywhere: `python3 data/surveys/make_item_bank.py` (needs openpyxl:
`pip install openpyxl`). The .xlsx is written next to this script; both are
kept in the repository. Labels are in Arabic (ar), Sorani Kurdish (ckb, in
Arabic script) and English (en); Arabic is the default language.
"""

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

LANGS = [("Arabic", "ar"), ("Sorani", "ckb"), ("English", "en")]
SURVEY_COLS = (
    ["type", "name"]
    + [f"label::{n} ({c})" for n, c in LANGS]
    + [f"hint::{n} ({c})" for n, c in LANGS]
    + ["required", "relevant", "constraint"]
    + [f"constraint_message::{n} ({c})" for n, c in LANGS]
    + ["appearance", "interviewer_only"]
)
CONSENTED = "${consent} = 'yes'"


def q(type_, name, label, hint=None, required="yes", relevant="", constraint="",
      message=None, appearance="", interviewer_only=""):
    """One survey row; label/hint/message are (ar, ckb, en). `interviewer_only`
    ("yes") keeps a question out of the form a respondent completes alone."""
    hint = hint or ("", "", "")
    message = message or ("", "", "")
    return [type_, name, *label, *hint, required, relevant, constraint, *message, appearance,
            interviewer_only]


def group(name, label, relevant=""):
    return q("begin_group", name, label, required="", relevant=relevant)


END = ["end_group", ""] + [""] * (len(SURVEY_COLS) - 2)

SURVEY = [
    q("start", "start", ("", "", ""), required=""),
    q("end", "end", ("", "", ""), required=""),
    q("note", "consent_note", (
        "السلام عليكم. نحن نجري استبياناً عن شعور الناس بالأمان في مناطقهم. المشاركة طوعية، "
        "وإجاباتك سرية ولن يُسجَّل اسمك. يمكنك ترك أي سؤال أو التوقف في أي وقت.",
        "سڵاو. ئێمە ڕاپرسییەک دەکەین دەربارەی هەستی خەڵک بە ئاسایش لە ناوچەکانیاندا. "
        "بەشداریکردن ئارەزوومەندانەیە، وەڵامەکانت نهێنی دەمێننەوە و ناوت تۆمار ناکرێت. "
        "دەتوانیت وەڵامی هەر پرسیارێک نەدەیتەوە یان لە هەر کاتێکدا ڕابوەستیت.",
        "Hello. We are carrying out a survey about how safe people feel in their area. Taking part "
        "is voluntary; your answers are confidential and your name will not be recorded. You may "
        "skip any question or stop at any time.",
    ), required=""),
    q("select_one yes_no", "consent", (
        "هل توافق على المشاركة في هذا الاستبيان؟",
        "ئایا ڕازیت بەشداری لەم ڕاپرسییەدا بکەیت؟",
        "Do you agree to take part in this survey?",
    )),
    q("note", "no_consent_note", (
        "شكراً لك. تنتهي المقابلة هنا.",
        "سوپاس. چاوپێکەوتنەکە لێرەدا کۆتایی دێت.",
        "Thank you. The interview ends here.",
    ), required="", relevant="${consent} = 'no'"),
    group("main", ("", "", ""), relevant=CONSENTED),
    group("location", ("الموقع", "شوێن", "Location")),
    q("select_one governorate", "governorate", ("المحافظة", "پارێزگا", "Governorate"),
      hint=("المحافظة التي تسكن فيها", "ئەو پارێزگایەی تێیدا دەژیت", "The governorate where you live"),
      appearance="minimal"),
    q("text", "district", ("القضاء", "قەزا", "District"),
      hint=("يملؤه الباحث", "توێژەر پڕی دەکاتەوە", "Filled in by the enumerator"), interviewer_only="yes"),
    END,
    group("demographics", ("معلومات عن المستجيب", "زانیاری دەربارەی وەڵامدەر", "About the respondent")),
    q("select_one sex", "sex", ("الجنس", "ڕەگەز", "Sex")),
    q("integer", "age", (
        "كم عمرك؟ (بالسنوات الكاملة)",
        "تەمەنت چەندە؟ (بە ساڵی تەواو)",
        "How old are you? (completed years)",
    ), constraint=". >= 15 and . <= 99", message=(
        "يجب أن يكون العمر بين 15 و99 سنة.",
        "تەمەن دەبێت لە نێوان 15 و 99 ساڵدا بێت.",
        "Age must be between 15 and 99.",
    )),
    q("select_one displacement", "displacement", (
        "ما هو وضعك من حيث النزوح؟",
        "دۆخی ئاوارەبوونت چییە؟",
        "What is your displacement status?",
    )),
    END,
    group("perceptions", ("الأمن في منطقتك", "ئاسایش لە ناوچەکەتدا", "Safety in your area")),
    q("select_one safety", "safe_night", (
        "ما مدى شعورك بالأمان عند المشي وحدك في منطقتك بعد حلول الظلام؟",
        "کاتێک دوای تاریکبوون بە تەنیا لە ناوچەکەتدا دەڕۆیت، چەند هەست بە ئاسایش دەکەیت؟",
        "How safe do you feel walking alone in your area after dark?",
    ), appearance="likert"),
    q("select_one trust", "trust_police", (
        "إلى أي مدى تثق بالشرطة المحلية؟",
        "چەند متمانەت بە پۆلیسی ناوچەکە هەیە؟",
        "How much do you trust the local police?",
    ), appearance="likert"),
    q("select_one trust", "trust_courts", (
        "إلى أي مدى تثق بالمحاكم؟",
        "چەند متمانەت بە دادگاکان هەیە؟",
        "How much do you trust the courts?",
    ), appearance="likert"),
    q("select_one trust", "trust_local_gov", (
        "إلى أي مدى تثق بالسلطة المحلية (مجلس المحافظة، القائمقام، مدير الناحية)؟",
        "چەند متمانەت بە دەسەڵاتی ناوخۆیی هەیە (ئەنجومەنی پارێزگا، قایمقام، بەڕێوەبەری ناحیە)؟",
        "How much do you trust the local authority (provincial council, district and sub-district heads)?",
    ), appearance="likert"),
    q("select_one trust", "trust_cso", (
        "إلى أي مدى تثق بمنظمات المجتمع المدني؟",
        "چەند متمانەت بە ڕێکخراوەکانی کۆمەڵگەی مەدەنی هەیە؟",
        "How much do you trust civil society organisations?",
    ), appearance="likert"),
    q("select_one relations", "group_relations", (
        "كيف تصف العلاقات بين المجموعات المختلفة (الدينية أو القومية أو العشائرية) في منطقتك؟",
        "پەیوەندی نێوان گرووپە جیاوازەکان (ئایینی، نەتەوەیی یان عەشیرەتی) لە ناوچەکەتدا چۆن دەبینیت؟",
        "How would you describe relations between the different groups (religious, ethnic or tribal) in your area?",
    ), appearance="likert"),
    q("select_one likelihood", "report_crime", (
        "إذا تعرّضت لجريمة، ما مدى احتمال أن تبلّغ الشرطة عنها؟",
        "ئەگەر تاوانێک بەرامبەرت ئەنجام درا، چەندە ئەگەری هەیە پۆلیس ئاگادار بکەیتەوە؟",
        "If you were the victim of a crime, how likely is it that you would report it to the police?",
    ), appearance="likert"),
    q("select_one commonness", "weapons", (
        "ما مدى انتشار السلاح بين الناس في حيّك؟",
        "چەک لە نێو خەڵکی گەڕەکەکەتدا چەندە بڵاوە؟",
        "How common are weapons among people in your neighbourhood?",
    ), hint=(
        "يشمل ذلك الأسلحة المرخّصة وغير المرخّصة.",
        "چەکی مۆڵەتدار و بێ مۆڵەت دەگرێتەوە.",
        "Include licensed and unlicensed firearms.",
    ), appearance="likert"),
    q("select_one agreement", "youth_future", (
        "إلى أي مدى توافق على العبارة التالية: «الشباب في منطقتي يرون أمامهم مستقبلاً آمناً»؟",
        "تا چ ڕادەیەک لەگەڵ ئەم ڕستەیەدا هاوڕایت: «گەنجانی ناوچەکەم داهاتوویەکی سەلامەت لەبەردەم خۆیاندا دەبینن»؟",
        "How much do you agree: \u201cYoung people in my area can see a safe future ahead of them\u201d?",
    ), appearance="likert"),
    END,
    group("victimisation", ("التعرّض للجريمة", "بوون بە قوربانیی تاوان", "Experience of crime")),
    q("select_one yes_no_refuse", "victim", (
        "خلال الأشهر الاثني عشر الماضية، هل تعرّضت شخصياً لجريمة أو لأعمال عنف؟",
        "لە ماوەی 12 مانگی ڕابردوودا، ئایا خۆت تووشی تاوان یان توندوتیژی بوویت؟",
        "In the past 12 months, have you personally been the victim of a crime or violence?",
    )),
    q("select_multiple crime_type", "victim_type", (
        "ما نوع الجريمة أو العنف الذي تعرّضت له؟ (اختر كل ما ينطبق)",
        "چ جۆرە تاوان یان توندوتیژییەک بوو؟ (هەموو ئەوانەی ڕاستن هەڵبژێرە)",
        "What kind of crime or violence was it? (select all that apply)",
    ), relevant="${victim} = 'yes'"),
    END,
    group("committee", ("لجنة الأمن المجتمعي", "لیژنەی ئاسایشی کۆمەڵگا", "Community security committee")),
    q("select_one yes_no", "csc_aware", (
        "هل تعرف بوجود لجنة الأمن المجتمعي في منطقتك؟",
        "ئایا ئاگاداری لیژنەی ئاسایشی کۆمەڵگا لە ناوچەکەتدا هەیت؟",
        "Do you know about the community security committee in your area?",
    )),
    q("select_one trust", "csc_trust", (
        "إلى أي مدى تثق بلجنة الأمن المجتمعي؟",
        "چەند متمانەت بە لیژنەی ئاسایشی کۆمەڵگا هەیە؟",
        "How much do you trust the community security committee?",
    ), relevant="${csc_aware} = 'yes'", appearance="likert"),
    END,
    q("note", "thanks", ("شكراً جزيلاً على وقتك.", "زۆر سوپاس بۆ کاتەکەت.", "Thank you very much for your time."),
      required=""),
    END,
]

DONT_KNOW = ("dont_know", "لا أعرف", "نازانم", "Don't know")
REFUSE = ("refuse", "أرفض الإجابة", "نامەوێت وەڵام بدەمەوە", "Refuse to answer")

CHOICES = {
    "yes_no": [("yes", "نعم", "بەڵێ", "Yes"), ("no", "لا", "نەخێر", "No")],
    "yes_no_refuse": [("yes", "نعم", "بەڵێ", "Yes"), ("no", "لا", "نەخێر", "No"), REFUSE],
    "sex": [("female", "أنثى", "مێ", "Female"), ("male", "ذكر", "نێر", "Male"), REFUSE],
    "displacement": [
        ("resident", "مقيم (لم أنزح)", "دانیشتوو (ئاوارە نەبووم)", "Resident (never displaced)"),
        ("idp", "نازح داخلياً", "ئاوارەی ناوخۆ", "Internally displaced person (IDP)"),
        ("returnee", "عائد (نزحت ثم عدت)", "گەڕاوە (ئاوارە بووم و گەڕامەوە)", "Returnee (was displaced and came back)"),
        ("host", "من المجتمع المضيف للنازحين", "ئەندامی کۆمەڵگای خانەخوێ", "Member of a host community"),
        REFUSE,
    ],
    "safety": [
        ("very_safe", "آمن جداً", "زۆر هەست بە ئاسایش دەکەم", "Very safe"),
        ("fairly_safe", "آمن إلى حد ما", "تا ڕادەیەک هەست بە ئاسایش دەکەم", "Fairly safe"),
        ("a_bit_unsafe", "غير آمن إلى حد ما", "کەمێک هەست بە نائاسایشی دەکەم", "A bit unsafe"),
        ("very_unsafe", "غير آمن إطلاقاً", "زۆر هەست بە نائاسایشی دەکەم", "Very unsafe"),
        DONT_KNOW, REFUSE,
    ],
    "trust": [
        ("a_lot", "أثق كثيراً", "زۆر متمانەم هەیە", "A great deal"),
        ("some", "أثق إلى حد ما", "تا ڕادەیەک متمانەم هەیە", "Somewhat"),
        ("little", "أثق قليلاً", "کەمێک متمانەم هەیە", "A little"),
        ("none", "لا أثق أبداً", "هیچ متمانەم نییە", "Not at all"),
        DONT_KNOW, REFUSE,
    ],
    "relations": [
        ("very_good", "جيدة جداً", "زۆر باش", "Very good"),
        ("good", "جيدة", "باش", "Good"),
        ("bad", "سيئة", "خراپ", "Bad"),
        ("very_bad", "سيئة جداً", "زۆر خراپ", "Very bad"),
        DONT_KNOW, REFUSE,
    ],
    "likelihood": [
        ("very_likely", "محتمل جداً", "زۆر ئەگەری هەیە", "Very likely"),
        ("fairly_likely", "محتمل إلى حد ما", "تا ڕادەیەک ئەگەری هەیە", "Fairly likely"),
        ("fairly_unlikely", "غير محتمل إلى حد ما", "ئەگەری کەمە", "Fairly unlikely"),
        ("very_unlikely", "غير محتمل إطلاقاً", "هیچ ئەگەری نییە", "Very unlikely"),
        DONT_KNOW, REFUSE,
    ],
    "commonness": [
        ("very_common", "منتشر جداً", "زۆر بڵاوە", "Very common"),
        ("fairly_common", "منتشر إلى حد ما", "تا ڕادەیەک بڵاوە", "Fairly common"),
        ("not_very_common", "غير منتشر كثيراً", "زۆر بڵاو نییە", "Not very common"),
        ("not_at_all", "غير منتشر أبداً", "هیچ بڵاو نییە", "Not common at all"),
        DONT_KNOW, REFUSE,
    ],
    "agreement": [
        ("strongly_agree", "أوافق بشدة", "زۆر هاوڕام", "Strongly agree"),
        ("agree", "أوافق", "هاوڕام", "Agree"),
        ("disagree", "لا أوافق", "هاوڕا نیم", "Disagree"),
        ("strongly_disagree", "لا أوافق إطلاقاً", "هیچ هاوڕا نیم", "Strongly disagree"),
        DONT_KNOW, REFUSE,
    ],
    "crime_type": [
        ("theft", "سرقة أو سطو على المنزل", "دزی یان شکاندنی ماڵ", "Theft or burglary"),
        ("robbery", "سلب بالقوة أو بالتهديد", "تاڵانکردن بە زۆر یان بە هەڕەشە", "Robbery (by force or threat)"),
        ("assault", "اعتداء جسدي", "هێرشی جەستەیی", "Physical assault"),
        ("threats", "تهديد أو ترهيب", "هەڕەشە یان ترساندن", "Threats or intimidation"),
        ("extortion", "ابتزاز", "داواکردنی پارە بە هەڕەشە", "Extortion"),
        ("kidnapping", "خطف", "ڕفاندن", "Kidnapping"),
        ("harassment", "تحرّش", "گێچەڵپێکردن", "Harassment"),
        ("property_damage", "إتلاف الممتلكات", "تێکدانی موڵک", "Damage to property"),
        ("tribal_dispute", "نزاع عشائري", "ناکۆکیی عەشیرەتی", "Tribal dispute"),
        ("other", "أخرى", "هی تر", "Other"),
        REFUSE,
    ],
    "governorate": [
        ("IQG08", "بغداد", "بەغدا", "Baghdad"),
        ("IQG02", "البصرة", "بەسرە", "Basra"),
        ("IQG15", "نينوى", "نەینەوا", "Nineveh"),
        ("IQG11", "أربيل", "هەولێر", "Erbil"),
        ("IQG06", "السليمانية", "سلێمانی", "Sulaymaniyah"),
        ("IQG09", "دهوك", "دهۆک", "Duhok"),
        ("IQG13", "كركوك", "کەرکووک", "Kirkuk"),
        ("IQG01", "الأنبار", "ئەنبار", "Anbar"),
        ("IQG10", "ديالى", "دیالە", "Diyala"),
        ("IQG16", "صلاح الدين", "سەڵاحەدین", "Salah al-Din"),
        ("IQG07", "بابل", "بابل", "Babil"),
        ("IQG12", "كربلاء", "کەربەلا", "Karbala"),
        ("IQG04", "النجف", "نەجەف", "Najaf"),
        ("IQG18", "واسط", "واست", "Wasit"),
        ("IQG05", "القادسية", "قادسیە", "Al-Qadisiyah"),
        ("IQG14", "ميسان", "مەیسان", "Maysan"),
        ("IQG17", "ذي قار", "زیقار", "Dhi Qar"),
        ("IQG03", "المثنى", "موسەننا", "Al-Muthanna"),
    ],
}

SETTINGS = [
    ("form_title", "استبيان تصورات الأمن المجتمعي"),
    ("form_id", "aman_perception"),
    ("version", "2026.1"),
    ("default_language", "ar"),
]


FIXED_TIME = datetime(2026, 1, 1)


def reproducible(xlsx: bytes) -> bytes:
    """Rewrites the zip with fixed timestamps so reruns give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data)
            dst.writestr(fixed, data)
    return out.getvalue()


def main():
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(SURVEY_COLS)
    for row in SURVEY:
        assert len(row) == len(SURVEY_COLS), row
        survey.append(row)
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name"] + [f"label::{n} ({c})" for n, c in LANGS])
    for list_name, items in CHOICES.items():
        for item in items:
            choices.append([list_name, *item])
    settings = wb.create_sheet("settings")
    settings.append([k for k, _ in SETTINGS])
    settings.append([v for _, v in SETTINGS])
    for ws in (survey, choices, settings):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    wb.properties.creator = "Aman project"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    out = Path(__file__).resolve().parent / "community-security-perception.xlsx"
    out.write_bytes(reproducible(buf.getvalue()))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
