# Aman — Central Kurdish (Sorani, Arabic script). Keys are shared with en.ftl and ar.ftl; every key exists in all three.

app-name = ئامان
app-tagline = ئاسایشی کۆمەڵگە: بە شێوەیەکی پارێزراو ڕاپۆرت بدە لەسەر ئەوەی سەلامەتیی کۆمەڵگەکەت دەخاتە مەترسییەوە.
lang-name = کوردی
skip-to-content = بازدان بۆ ناوەڕۆک
nav-home = سەرەکی
nav-report = ڕاپۆرتێک بنێرە
nav-track = بەدواداچوونی ڕاپۆرت
nav-staff = کارمەندان
nav-logout = چوونەدەرەوە
footer-boundaries = سنوورە کارگێڕییەکانی عێراق © دەزگای ناوەندیی ئامار لە عێراق (CSO) / OCHA، لە ڕێگەی HDX، بە مۆڵەتی CC BY-IGO. سنوورەکان و ناوەکان مانای پشتگیریی نەتەوە یەکگرتووەکان ناگەیەنن.
footer-privacy = ئامان ناونیشانی IP یان ئامێرەکەت تۆمار ناکات.

home-title = پێمان بڵێ چی مەترسی بۆ سەر کۆمەڵگەکەت دروست دەکات
home-intro = پیاوی چەکدار، ناکۆکیی عەشایەری، گوتاری ڕق و کینە، خراپیی خزمەتگوزارییەکان، خراپ بەکارهێنانی دەسەڵات لەلایەن بەرپرسانەوە: بە چەند دێڕێک باسی بکە. لیژنەیەکی هاوبەش لە دانیشتووان و پۆلیس و دەسەڵاتی خۆجێیی سەیری هەموو ڕاپۆرتێک دەکات و پێکەوە بڕیار دەدەن چی بکرێت.
home-report = ڕاپۆرتێک بنێرە
home-track = کۆدی پسوولەم هەیە
home-anonymous = پێویست ناکات ناوی خۆت بنووسیت. کۆدی پسوولەیەک وەردەگریت: تاکە ڕێگەیە بۆ بەدواداچوونی ڕاپۆرتەکەت.
home-how-title = چۆن کار دەکات؟
home-how-1 = ڕاپۆرتێک دەنێریت، ئەگەر بتەوێت بێ ناو.
home-how-2 = کارمەندان پشتڕاستی دەکەنەوە و لیژنەی کۆمەڵگەی ناوچەکە لەپێشینەکان دیاری دەکات.
home-how-3 = پۆلیس و دەسەڵاتی خۆجێیی و کۆمەڵگەی مەدەنی دەست بە کار دەکەن، و تۆش دەتوانیت بەدواداچوون بۆ ئەوە بکەیت کە ڕوودەدات.

report-title = ناردنی ڕاپۆرت
report-intro = ئەو خانانەی بە * نیشانکراون پێویستن. ڕاپۆرتەکەت تەنها دەگاتە کارمەندانی ناوچەکەت.
report-category = جۆری مەترسی چییە؟ *
report-category-choose = هەڵبژێرە…
report-description = چی ڕوودەدات؟ *
report-description-hint = دوو سێ دێڕ بەسە: چی، لە کوێ بە وردی، لە کەیەوە. ناوی ئەو کەسانە مەنووسە کە لەوانەیە بکەونە مەترسییەوە. لە { $min } تا { $max } پیت.
report-where = لە کوێ؟ *
report-governorate = پارێزگا
report-district = قەزا
report-subdistrict = ناحیە
report-any = — هەڵبژێرە —
report-refine = شوێنەکانی ئەم ناوچەیە پیشان بدە
report-place = شوێنەکە بە وشەکانی خۆت بنووسە (ئارەزوومەندانە)
report-place-hint = بۆ نموونە: نزیک بازاڕی سەوزە لە گەڕەکی ئازادی، کەلار. پاشان «شوێنەکانی ئەم ناوچەیە پیشان بدە» دابگرە.
report-place-unknown = ئەم شوێنەمان نەدۆزییەوە. لە لیستەکانی خوارەوە هەڵیبژێرە.
report-place-read = ئەو شوێنەی نووسیت خوێندمانەوە و لە خوارەوە هەڵمانبژارد: دڵنیابە یان بیگۆڕە، پاشان بینێرە.
report-or-point = یان، ئەگەر دەیانزانیت، کۆئۆردیناتەکان (هێڵی پانی، هێڵی درێژی):
report-locate = شوێنی ئێستام بەکاربهێنە
report-lat = هێڵی پانی
report-lon = هێڵی درێژی
report-when = کەی ڕوویدا؟
report-contact-title = پەیوەندی (ئارەزوومەندانە)
report-contact-intro = ئەگەر دەتەوێت بێ ناو بمێنیتەوە، ئەمە بە بەتاڵی جێبهێڵە. ئەگەر ژمارەی تەلەفۆن بنووسیت، تەنها ئەو کارمەندانەی کە ڕاپۆرتەکەت بەڕێوەدەبەن دەتوانن بیبینن، ئەویش تەنها ئەگەر پێویستیان بە پەیوەندیکردن بە تۆوە هەبێت.
report-contact-name = ناوت
report-contact-phone = ژمارەی تەلەفۆن
report-submit = ناردنی ڕاپۆرت
report-errors = تکایە ئەو خانانەی لە خوارەوە نیشانکراون ڕاست بکەرەوە.

receipt-title = ڕاپۆرتەکەت گەیشت
receipt-intro = ئەم کۆدی پسوولەیە بنووسەوە یان وێنەی بگرە. تاکە ڕێگەیە بۆ گەڕانەوە بۆ ڕاپۆرتەکەت: هیچ کەسێک، تەنانەت کارمەندانیش، ناتوانن جارێکی تر پێتی بدەنەوە.
receipt-code = کۆدی پسوولە
receipt-area = ناوچە
receipt-status = دۆخ
receipt-print = ئەم پەڕەیە لە ڕێگەی لیستی چاپکردنی وێبگەڕەکەتەوە چاپ بکە، یان کۆدەکە وەک فایلێک پاشەکەوت بکە:
receipt-copy = پسوڵەکە کۆپی بکە
receipt-copied = کۆپی کرا
receipt-print-button = چاپ بکە
receipt-save = کۆدەکە وەک فایل پاشەکەوت بکە
receipt-track = بەدواداچوونی ڕاپۆرتەکە
receipt-file-text = ئامان — پسوولەی ڕاپۆرتەکەت. بە نهێنی و لە شوێنێکی پارێزراو هەڵیبگرە: تاکە ڕێگەیە بۆ گەڕانەوە بۆ ڕاپۆرتەکەت.

track-title = بەدواداچوونی ڕاپۆرت
track-intro = ئەو کۆدی پسوولەیە بنووسە کە لە کاتی ناردنی ڕاپۆرتەکەدا وەرتگرت.
track-receipt = کۆدی پسوولە
track-submit = پیشاندان
track-not-found = هیچ ڕاپۆرتێک بەم کۆدی پسوولەیە نییە. بیپشکنە و دووبارە هەوڵ بدەرەوە.
track-status = دۆخ
track-category = جۆری مەترسی
track-area = ناوچە
track-submitted = بەرواری وەرگرتن
track-updated = دوایین گۆڕانکاری
track-updates = نوێکارییەکان بۆ تۆ
track-no-updates = هێشتا هیچ نوێکارییەک نییە. کارمەندان لێرە دەینووسن کە چی بەسەر ڕاپۆرتەکەتدا دێت.

status-submitted = وەرگیرا
status-under_review = لە ژێر پێداچوونەوەدایە
status-verified = پشتڕاستکرایەوە
status-rejected = بڕیار درا بەدواداچوونی بۆ نەکرێت
status-duplicate = لەگەڵ ڕاپۆرتێکی تری هەمان کێشە یەکخرا
status-prioritised = لە لیستی لەپێشینەکانی لیژنەدایە
status-in_action = ڕێوشوێن لە جێبەجێکردندایە
status-resolved = چارەسەر کرا
status-closed = داخرا

category-terrorism = تیرۆر و شانە تیرۆریستییەکان
category-armed_groups_weapons = چەکی دەرەوەی دەسەڵاتی دەوڵەت
category-tribal_conflict = ناکۆکیی عەشایەری
category-displacement_tension = گرژییەکانی پەیوەست بە ئاوارەبوون
category-youth_exclusion = پەراوێزخستنی گەنجان
category-hate_speech = گوتاری ڕق و کینە و دەنگۆی مەترسیدار
category-crime = تاوان
category-gbv = توندوتیژی لەسەر بنەمای جێندەر و توندوتیژیی خێزانی
category-explosive_hazards = مین و پاشماوە تەقەمەنییەکانی جەنگ
category-services_failure = خراپبوونی خزمەتگوزارییەکان
category-justice_corruption = گەندەڵی و بێبەشکردن لە دادپەروەری
category-security_conduct = ڕەفتاری خراپی هێزە ئەمنییەکان
category-other = هیتر

role-triage_officer = کارمەندی هەڵسەنگاندن
role-committee_member = ئەندامی لیژنەی کۆمەڵگە
role-police_liaison = ئەفسەری پەیوەندیی پۆلیس
role-authority_officer = کارمەندی دەسەڵاتی خۆجێیی
role-cso_caseworker = کارمەندی کەیس لە ڕێکخراوی کۆمەڵگەی مەدەنی
role-analyst = شیکەرەوە
role-administrator = بەڕێوەبەری سیستەم

field-category = جۆری مەترسی
field-description = وەسف
field-area = ناوچە
field-idempotency_key = کلیلی فۆرم
field-lat = هێڵی پانی
field-lon = هێڵی درێژی
field-occurred_on = بەروار
field-language = زمان
field-contact_name = ناو
field-contact_phone = ژمارەی تەلەفۆن
field-receipt = کۆدی پسوولە
field-to = دۆخی نوێ
field-reason = هۆکار
field-body = دەق
field-duplicate_of = ڕاپۆرتی بنەڕەتی
field-email = ئیمەیڵ
field-password = وشەی نهێنی

fielderror-required = ئەم خانەیە پێویستە.
fielderror-unknown_category = یەکێک لەو جۆرە مەترسییانەی لیستەکە هەڵبژێرە.
fielderror-too_short = زۆر کورتە: لانیکەم { $min } پیت بنووسە.
fielderror-too_long = زۆر درێژە: لە { $max } پیت زیاتر مەنووسە.
fielderror-unknown_area = ئەم ناوچەیە نەناسراوە. لە لیستەکانەوە هەڵیبژێرە.
fielderror-invalid_idempotency_key = ئەم فۆرمە بە کلیلێکی تێکچوو نێردراوە. فۆرمەکە دووبارە بکەرەوە و بینێرە.
fielderror-outside_iraq = ئەم خاڵە لە دەرەوەی عێراقە. کۆئۆردیناتەکان بپشکنە، یان ناوچەکە لە لیستەکانەوە هەڵبژێرە.
fielderror-out_of_range = ئەم ژمارەیە لە دەرەوەی سنووری ڕێگەپێدراوە.
fielderror-invalid_number = ژمارەیەک بنووسە، بۆ نموونە 36.34 (ژمارەی تەختەکلیلی کوردی و عەرەبیش وەردەگیرێت).
fielderror-invalid_date = بەروارەکە بە شێوەی ساڵ-مانگ-ڕۆژ بنووسە، بۆ نموونە 2026-11-02 (ژمارەی تەختەکلیلی کوردی و عەرەبیش وەردەگیرێت).
fielderror-in_future = ئەم بەروارە لە داهاتوودایە.
fielderror-in_past = ئەم بەروارە تێپەڕیوە؛ بەرواری ئەمڕۆ یان دواتر هەڵبژێرە.
fielderror-not_present = ئەم ئەندامە وەک ئامادە لە کۆبوونەوەکەدا تۆمار نەکراوە.
fielderror-period_not_over = ئەم چارەکە هێشتا تەواو نەبووە؛ ژمارەکانی دوای تەواوبوونی بڵاو دەکرێنەوە.
fielderror-not_one_quarter = ژمارەکان یەک چارەک دەگرنەوە: هەردوو بەروار دەبێت لە هەمان چارەکدا بن.
fielderror-too_old = ئەم بەروارە زیاتر لە پێنج ساڵ لەمەوبەرە.
fielderror-unknown_language = عەرەبی (ar)، کوردیی سۆرانی (ckb)، کورمانجی (kmr) یان ئینگلیزی (en) هەڵبژێرە.
fielderror-invalid_phone = ژمارەی تەلەفۆنێک لە 7 تا 15 ژمارە بنووسە، بۆ نموونە 0770 123 4567 (ژمارەی تەختەکلیلی کوردی و عەرەبیش وەردەگیرێت).
fielderror-invalid_receipt = کۆدی پسوولە 24 پیت و ژمارەی ئینگلیزییە، بۆ نموونە 7KQ2-M9XD-…
fielderror-illegal_transition = ئەم دۆخە ناتوانێت دوای دۆخی ئێستا بێت.
fielderror-not_found = ڕاپۆرتێکی لەو جۆرە نییە.
fielderror-same_concern = ڕاپۆرتێک ناتوانێت دووبارەی خۆی بێت.
fielderror-unknown_status = یەکێک لە دۆخەکانی لیستەکە هەڵبژێرە.

error-title = هەڵەیەک ڕوویدا
error-back = گەڕانەوە بۆ پەڕەی سەرەکی
error-bad_request = داواکارییەکە دروست نییە.
error-validation_failed = هەندێک خانە پێویستیان بە ڕاستکردنەوە هەیە.
error-malformed_json = ناوەڕۆکی داواکارییەکە JSONێکی دروست نییە بەو شێوەیەی چاوەڕوان دەکرێت.
error-unsupported_media_type = داواکارییەکە وەک application/json بنێرە (یان وەک فۆرم بۆ پەڕەکان).
error-payload_too_large = داواکارییەکە زۆر گەورەیە.
error-not_found = ئەم پەڕەیە یان ئەم تۆمارە بوونی نییە.
error-method_not_allowed = ئەم ناونیشانە ئەم جۆرە داواکارییە وەرناگرێت.
error-unauthorized = تکایە سەرەتا بچۆ ژوورەوە.
error-invalid_credentials = ئیمەیڵ، وشەی نهێنی یان کۆدەکە هەڵەیە.
error-second_factor_not_enrolled = ئەم ڕۆڵە پێویستی بە ناسینەوەی دوو هەنگاوی هەیە و بۆ هەژمارەکەت دانەنراوە. داوا لە بەڕێوەبەر بکە دایبنێت.
error-forbidden = ڕۆڵ یان ناوچەکەت ڕێگە بەمە نادات.
error-csrf_failed = ماوەی فۆرمەکە بەسەرچوو. بگەڕێوە، پەڕەکە نوێ بکەرەوە و دووبارە هەوڵ بدەرەوە.
error-illegal_transition = ئەم گۆڕینی دۆخە لە دۆخی ئێستای ڕاپۆرتەکەوە ڕێگەپێدراو نییە.
error-edit_conflict = کەسێکی تر لەم ماوەیەدا ئەم ڕاپۆرتەی گۆڕیوە. دووبارە بیکەرەوە و هەوڵ بدەرەوە.
error-rate_limited = داواکاری زۆر لە پەیوەندییەکەتەوە. تکایە خولەکێک چاوەڕێ بکە و دووبارە هەوڵ بدەرەوە؛ هیچ شتێک ون نەبووە.
error-challenge_required = لەم کاتەدا ڕاپۆرتی زۆر دەگات. تکایە چەند چرکەیەک چاوەڕێ بکە و دووبارە ناردن دابگرە؛ ڕاپۆرتەکەت لە فۆرمەکەدا پارێزراوە.
error-request_timeout = گەیشتنی داواکارییەکە زۆری خایاند و هیچ شتێک پاشەکەوت نەکرا. تکایە دووبارە هەوڵ بدەرەوە.
error-internal = هەڵەیەکی ناوخۆیی ڕوویدا. داواکارییەکەت پاشەکەوت نەکرا؛ تکایە دواتر هەوڵ بدەرەوە.
error-unavailable = خزمەتگوزارییەکە بە شێوەیەکی کاتی بەردەست نییە. تکایە کەمێکی تر هەوڵ بدەرەوە.

login-title = چوونەژوورەوەی کارمەندان
login-email = ئیمەیڵ
login-password = وشەی نهێنی
login-submit = چوونەژوورەوە
login-failed = ئیمەیڵ، وشەی نهێنی یان کۆدەکە هەڵەیە.
login-code = کۆد لە ئەپی ناسینەوە
login-code-hint = بۆ کارمەندانی پۆلێنکردن و بەڕێوەبەران پێویستە: شەش ژمارە.
login-as = چوویتە ژوورەوە وەک { $name } ({ $role }، { $area })

queue-title = ڕیزی هەڵسەنگاندن
queue-filter = فلتەر
queue-area = ناوچە (ناو یان P-code)
queue-category = جۆری مەترسی
queue-status = دۆخ
queue-from = لە
queue-to = تا
queue-any = هەموو
queue-apply = جێبەجێکردن
queue-export = وەک خشتە دایبگرە (CSV)
queue-search = لە وەسفەکاندا بگەڕێ
queue-tag = تاگ
queue-mine = ئەوانەی بە من سپێردراون
queue-more-filters = ناوچە، جۆر، دۆخ و بەروارەکان
queue-count = { $count ->
    [0] هیچ ڕاپۆرتێک نەدۆزرایەوە.
    [one] یەک ڕاپۆرت دۆزرایەوە.
   *[other] { $count } ڕاپۆرت دۆزرانەوە.
}
queue-received = بەرواری وەرگرتن
queue-occurred = بەرواری ڕوودان
queue-open = کردنەوە
queue-prev = نوێتر
queue-next = کۆنتر
queue-page = پەڕەی { $page } لە { $pages }

concern-title = ڕاپۆرتی ژمارە { $id }
concern-description = وەسف
concern-details = وردەکاری
concern-occurred = بەرواری ڕوودان
concern-received = بەرواری وەرگرتن
concern-language = زمانی ڕاپۆرتەکە
concern-duplicate-of = دووبارەی ڕاپۆرتی ژمارە { $id }
concern-contact = زانیاریی پەیوەندیی ڕاپۆرتدەر
concern-contact-none = ڕاپۆرتدەر بێ ناو ماوەتەوە.
concern-point = خاڵی ورد
concern-point-none = هیچ خاڵێکی ورد نەدراوە.
concern-identity-hidden = زانیاریی پەیوەندی و خاڵی ورد تەنها بۆ کارمەندانی هەڵسەنگاندن دیارن.
concern-history = مێژوو
concern-history-empty = هێشتا هیچ شتێک بەسەر ئەم ڕاپۆرتەدا نەهاتووە.
concern-event-transition = { $from } ← { $to }
concern-event-note = تێبینیی ناوخۆیی
concern-event-public_update = نوێکاری بۆ ڕاپۆرتدەر نێردرا
concern-by = لەلایەن: { $name }
concern-move = گۆڕینی دۆخ
concern-move-to = دۆخی نوێ
concern-move-reason = هۆکار (ناوخۆیی، پێویستە)
concern-move-duplicate = ژمارەی ڕاپۆرتی بنەڕەتی (بۆ یەکخستن لەگەڵ ڕاپۆرتێکی تری هەمان کێشە)
concern-move-submit = گۆڕینی دۆخ
concern-no-moves = ئیتر هیچ گۆڕینێکی تری دۆخ ناکرێت.
concern-note = تێبینیی ناوخۆیی (هەرگیز بە ڕاپۆرتدەر پیشان نادرێت)
concern-note-submit = زیادکردنی تێبینی
concern-update = نوێکاری بۆ ڕاپۆرتدەر (لە پەڕەی بەدواداچوون پیشان دەدرێت؛ هەرگیز ناو مەنووسە)
concern-update-submit = ناردنی نوێکاری
concern-event-question = پرسیار بۆ ڕاپۆرتدەر
concern-event-reply = ڕاپۆرتدەر وەڵامی دایەوە
concern-ask = پرسیارێک لە ڕاپۆرتدەر بکە (لەگەڵ پسوڵەکەی دەیخوێنێتەوە و دەتوانێت وەڵام بداتەوە؛ هەرگیز ناو مەنووسە)
concern-ask-submit = پرسیار بکە
concern-assignee = سپێردراوە بە
concern-assignee-none = هێشتا کەس نییە
concern-assign = بیسپێرە بە
concern-assign-save = بیسپێرە
concern-tags = تاگەکان
concern-tags-edit = تاگەکان، بە فاریزە جیا بکرێنەوە
concern-tags-save = پاشەکەوتکردنی تاگەکان
concern-photos = ئەو وێنانەی ڕاپۆرتدەر ناردوونی
concern-photo = وێنەی { $n } ({ $kb } کیلۆبایت)
concern-conflict-shown = لە خوارەوە ڕاپۆرتەکە وەک ئێستا دەبینیت؛ دووبارە هەڵبژێرە.
concern-back = گەڕانەوە بۆ ڕیزەکە
concern-reading = ئەوەی دەقەکە ئاماژەی پێ دەکات (بۆ پشکنینی تۆ؛ هیچ شتێک خۆکار جێبەجێ ناکرێت)
concern-flagged = نیشانکراوە بۆ پێداچوونەوە: لەوانەیە دەقەکە وتاری ڕق یان هاندانی تێدا بێت (نمرە { $score }).
concern-flag-term = زاراوەی «{ $term }» ({ $kind })
concern-flag-pattern = دەربڕینی «{ $ngram }»
concern-flag-kind-sectarian = ناوی تائیفی
concern-flag-kind-dehumanising = بێبەهاکردنی مرۆڤ
concern-flag-kind-incitement = هاندان
concern-similar = وەک هەمان ڕووداو دەخوێنرێتەوە لەگەڵ
concern-similar-row = ڕاپۆرتی ژمارە { $id } ({ $percent }٪ لێکچوون، { $status }، { $date })
concern-similar-hint = ئەگەر هەمان ڕووداو بێت، دۆخەکە بگۆڕە بۆ «دووبارە» لەگەڵ ژمارەی ڕاپۆرتە ڕەسەنەکە.
concern-similar-mark = هەمان ڕووداو: ئەم ڕاپۆرتە وەک دووبارەی ئەو نیشان بکە
concern-places = ئەو شوێنانەی دەقەکە ناویان دەبات
concern-place-row = { $name } ({ $pcode }، { $percent }٪ دڵنیایی)
concern-category-suggested = وشەکانی جۆری «{ $category }» پێشنیار دەکەن ({ $terms }).
nav-audit = تۆماری چاودێری
nav-referrals = ڕەوانەکراوەکان
audit-title = تۆماری چاودێری
audit-intro = هەموو خوێندنەوەیەکی هەستیار و هەموو گۆڕانکارییەک، مۆرکراو لە زنجیرەی هاش. بە فەرمانی aman audit verify پشکنینی بکە.
audit-action = کردار
audit-actor = هەژمار
audit-subject = بابەت
audit-when = کات
audit-detail = وردەکاری
audit-count = { $count ->
    [one] یەک تۆمار.
   *[other] { $count } تۆمار.
}

# Early-warning alerts
nav-alerts = ئاگادارکردنەوەکان
alerts-title = ئاگادارکردنەوەی پێشوەختە
alerts-intro = زیادبوونێک لە ڕاپۆرتەکان (یان لە ڕووداوەکانی ململانێ) لە یەک جۆر لە یەک ناوچە، بەراورد بە هەفتەکانی پێشوو. ڕاپۆرتەکانی پشتی بپشکنە، لە شوێنی خۆی پشتڕاستی بکەرەوە، و بیخەرە سەر کارنامەی لیژنەکە.
alerts-status = دۆخ
alerts-source = سەرچاوە
alerts-open-only = تەنها ئاگادارکردنەوە کراوەکان
alerts-none = هیچ ئاگادارکردنەوەیەک ناگونجێت.
alerts-observed = بینراو
alerts-expected = چاوەڕوانکراو
alerts-threshold = ئاگادارکردنەوە لە سەروو
alerts-escalated = لە کاتی خۆیدا وەرنەگیرا؛ نێردرا بۆ
alerts-reason = هۆکار
alerts-move = گواستنەوە بۆ
alerts-save = پاشەکەوتکردن
alerts-source-concerns = ڕاپۆرتەکانی دانیشتووان
alerts-source-events = ڕووداوەکانی ململانێ (UCDP)
alerts-source-flagged = ڕاپۆرتی هەڵگری وتاری ڕق یان هاندان (نیشانکراو بۆ پێداچوونەوە)
alert-status-new = نوێ
alert-status-acknowledged = وەرگیرا
alert-status-response_planned = وەڵامدانەوە پلان کراوە
alert-status-closed = داخرا
alert-status-dismissed = ڕەتکرایەوە

# Surveys
nav-surveys = ڕاپرسییەکان
surveys-title = ڕاپرسییەکانی کۆمەڵگا
surveys-intro = پێمان بڵێ هەست بە ئاسایش دەکەیت و متمانەت بە کێ هەیە. وەڵامەکان بێناون: ناو یان ژمارەی تەلەفۆن ناپرسین.
surveys-none = ئێستا هیچ ڕاپرسییەک کراوە نییە.
surveys-answer = وەڵام بدەوە
surveys-interview = چاوپێکەوتن ئەنجام بدە
surveys-results = ئەنجامەکان
survey-intro = وەڵامی ئەوە بدەوە کە دەتەوێت؛ ئەو پرسیارانەی لە وەڵامەکانتەوە دێن کاتێک بەردەوام بوون دادەگریت دەردەکەون.
survey-continue = بەردەوام بە
survey-interview-mode = دۆخی چاوپێکەوتن: ئەو پرسیارانەی توێژەر پڕیان دەکاتەوە پیشان دەدرێن، و وەڵامەکان وەک چاوپێکەوتن تۆمار دەکرێن.
survey-submit = ناردنی وەڵامەکانم
survey-thanks = سوپاس
survey-thanks-text = وەڵامەکانت گەیشتن. تەنها لە کۆکراوەکاندا دەژمێردرێن؛ کەس ناتوانێت بزانێت کێ وەڵامی داوەتەوە.
survey-closed = ئەم ڕاپرسییە لە { $date } داخرا و چیتر وەڵام وەرناگرێت. ئەنجامەکانی بڵاو دەمێننەوە.
surveys-method = خەمڵاندنی کێشدراو لەگەڵ مەودای متمانەی ٩٥٪ (هێڵەکە): بەهای ڕاستەقینە بە متمانەی ٩٥٪ لە ناویدایە. گروپە کەم وەڵامدەرەکان پیشان نادرێن.
surveys-question = پرسیار
surveys-answer-share = ڕێژەی ئەوانەی وەڵامیان داوە
surveys-by = بەپێی گروپ
surveys-all-iraq = هەموو عێراق
surveys-no-responses = هێشتا هیچ وەڵامێک نییە.
surveys-group = گروپ
surveys-n = وەڵامدەران
surveys-estimate = خەمڵاندن
surveys-interval = مەودای ٩٥٪
surveys-suppressed = کەمتر لە { $min } وەڵامدەر: پیشان نادرێت
surveys-api = هەمان ژمارەکان بە JSON یان CSV:
surveys-by-none = هەمووان
surveys-by-sex = ڕەگەز
surveys-by-age_group = گروپی تەمەن
surveys-by-displacement = ئاوارەبوون
surveys-by-period = چارەکی ساڵ
surveys-group-all = هەمووان
surveys-group-female = ئافرەتان
surveys-group-male = پیاوان
surveys-group-15-29 = گەنجان (١٥–٢٩)
surveys-group-30-44 = ٣٠–٤٤
surveys-group-45-59 = ٤٥–٥٩
surveys-group-60plus = ٦٠ و سەرووتر
surveys-group-resident = دانیشتووان
surveys-group-idp = ئاوارەکان
surveys-group-returnee = گەڕاوەکان
surveys-group-host = کۆمەڵگای میواندار
fielderror-not_integer = ژمارەیەکی تەواو بنووسە.
fielderror-not_decimal = ژمارەیەک بنووسە.
fielderror-not_date = بەروار بە شێوەی ساڵ-مانگ-ڕۆژ بنووسە.
fielderror-not_geopoint = پانی و درێژی بنووسە، بۆ نموونە 36.34 43.13.
fielderror-unknown_choice = یەکێک لە وەڵامە لیستکراوەکان هەڵبژێرە.
fielderror-constraint = ئەم وەڵامە ناگونجێت؛ بیپشکنە.
fielderror-unknown_question = ئەم پرسیارە لەم ڕاپرسییەدا نییە.
fielderror-not_estimable = تەنها پرسیارە خاوەن وەڵامی لیستکراو یان ژمارە دەخەمڵێنرێن.
fielderror-unknown_group = ڕەگەز، گروپی تەمەن، ئاوارەبوون یان ماوە هەڵبژێرە.
fielderror-invalid_weight = کێش دەبێت ژمارەیەکی پۆزەتیڤ بێت.
queue-alerts = { $count ->
    [one] یەک ئاگادارکردنەوەی پێشوەختەی کراوە لە ناوچەکەت
   *[other] { $count } ئاگادارکردنەوەی پێشوەختەی کراوە لە ناوچەکەت
}

# Community Security Index
nav-index = پێوەری ئاسایش
index-title = پێوەری ئاسایشی کۆمەڵگا
index-intro = خەڵکی هەر پارێزگایەک چەند هەست بە ئاسایش و خزمەتگوزاری دەکەن، کۆکراوە لە ڕاپرسی و ڕاپۆرتەکان لە ماوەی چارەکێکدا (٠ = نزمترین، ١٠٠ = بەرزترین لە نێوان پارێزگاکان). هێڵەکە مەودای پلە گونجاوەکانی پارێزگاکەیە بە هەڵەی نموونەوەرگرتن و کێشی گونجاوی تر: کاتێک هێڵەکان یەک دەگرنەوە، پلەکان بە جیاواز مەخوێنەوە.
index-period = چارەک
index-none = داتای پێویست بۆ ئەم چارەکە نییە.
index-rank = پلە
index-score = نمرە
index-interval = پلە گونجاوەکان
index-social = کۆمەڵایەتی
index-economic = ئابووری
index-cultural = کلتووری
index-institutional = دامەزراوەیی
index-missing = پێوەرە ونبووەکان
index-unranked = پلەبەندی نەکراو (داتای کەم):
index-method = ڕێباز: ڕێبەری OECD/JRC بۆ دروستکردنی پێوەرە لێکدراوەکان؛ بڕوانە docs/index-method.md.
index-trend = پارێزگایەک لە ماوەی چوار چارەکی ڕابردوودا

# Committees
fielderror-unknown_constituency = یەکێک لە پێکهاتە نوێنەرایەتیکراوەکان هەڵبژێرە.
fielderror-unknown_sex = مێ، نێر یان تۆمارنەکراو هەڵبژێرە.
fielderror-unknown_item = ئەم بڕگەیە لە ناوچەی لیژنەکەدا نییە.
fielderror-unknown_member = ئەندامی ئەم لیژنەیە نییە.
fielderror-invalid_ranking = بڕگەکانی کۆبوونەوەکە ڕیز بکە، هەر یەکە یەک جار.
fielderror-unknown_method = بۆردا یان شولتسە هەڵبژێرە.

# Committee pages
nav-committees = لیژنەکان
committees-title = لیژنە هاوبەشەکانی ئاسایشی کۆمەڵگا
committees-intro = دانیشتووان، ئافرەتان، گەنجان، ئاوارەکان، سەرکردەکان، پۆلیس، دەسەڵاتی خۆجێیی و کۆمەڵگەی مەدەنی پێکەوە ئەولەویەتەکان دیاری دەکەن.
committees-none = هێشتا هیچ لیژنەیەک لە ناوچەکەتدا نییە.
committees-members = { $count ->
    [one] یەک ئەندام
   *[other] { $count } ئەندام
}
committees-composition-met = یاسای پێکهاتە جێبەجێ کراوە
committees-composition-unmet = یاسای پێکهاتە جێبەجێ نەکراوە
committee-members = ئەندامان
committee-member-name = ناو
committee-constituency = نوێنەرایەتی
committee-sex = ڕەگەز
sex-female = ئافرەت
sex-male = پیاو
sex-not_recorded = تۆمار نەکراوە
committee-add-member = زیادکردنی ئەندام
committee-issues = کێشەکان (ڕاپۆرتەکانی هەمان گرفت)
committee-issue-concerns = { $count ->
    [one] یەک ڕاپۆرت
   *[other] { $count } ڕاپۆرت
}
committee-meetings = کۆبوونەوەکان
committee-new-issue = کێشەی نوێ
committee-issue-title = ناونیشان
committee-open-concerns = ڕاپۆرتە کراوەکانی ناوچەکە
committee-add-issue = کۆکردنەوە وەک یەک کێشە
committee-new-meeting = کۆبوونەوەی نوێ
meeting-date = بەروار
meeting-place = شوێن
meeting-agenda = بەرنامەی کار
committee-add-meeting = دروستکردنی کۆبوونەوە
meeting-title = کۆبوونەوەی { $date }
meeting-print = بەرنامەی کار و کۆنووس بۆ چاپ
meeting-attendance = ئامادەبوون
meeting-quorum-met = نیسابی یاسایی تەواوە: { $present } ئامادەن (لانیکەم { $needed } پێویستە).
meeting-quorum-unmet = نیسابی یاسایی تەواو نییە: { $present } ئامادەن، { $needed } پێویستە (لەگەڵ لانیکەم ئافرەتێک و ئەندامێکی کۆمەڵگا).
meeting-save-attendance = پاشەکەوتکردنی ئامادەبوون
meeting-present = ئامادە
meeting-absent = ئامادە نەبوو
meeting-minutes = کۆنووس
meeting-decisions = بڕیارەکان
meeting-save-minutes = پاشەکەوتکردنی کۆنووس
meeting-priorities = ئەولەویەتەکان
meeting-no-priorities = هێشتا لیستی ئەولەویەت نییە: ڕیزبەندی ئەندامان تۆمار بکە، پاشان حیسابی بکە.
meeting-ballots = { $count ->
    [one] لە یەک پسوولە
   *[other] لە { $count } پسوولە
}
meeting-dissent = جیاوازی لەگەڵ ڕیزبەندی لیژنە (٠ = هەمان ڕیز، ١ = پێچەوانە)
meeting-ballot = ڕیزبەندی ئەندامێک (١ = گرنگترین)
meeting-save-ballot = پاشەکەوتکردنی ڕیزبەندی
meeting-method = ڕێگای ژماردن
method-schulze = شولتسە
method-borda = ژماردنی بۆردا
meeting-prioritise = حیسابکردنی لیستی ئەولەویەت
meeting-committee-ranking = لیستی لیژنە ({ $method })
constituency-residents = دانیشتووان
constituency-women = ئافرەتان
constituency-youth = گەنجان
constituency-displaced_returnees = ئاوارەکان و گەڕاوەکان
constituency-minorities = کەمینەکان
constituency-tribal_religious_leaders = سەرکردە عەشیرەتی و ئایینییەکان
constituency-police = پۆلیس
constituency-local_authority = دەسەڵاتی خۆجێیی
constituency-civil_society = کۆمەڵگەی مەدەنی
constituency-media = میدیا

# Referrals
track-referred = ڕاپۆرتەکەت ڕەوانەی { $organisation } کرا، داوای لێکراوە تا { $date } وەڵام بداتەوە.
track-responded = { $organisation } وەڵامی ڕاپۆرتەکەتی دایەوە.
track-declined = { $organisation } ڕەتی کردەوە کار لەسەر ڕاپۆرتەکەت بکات؛ لیژنەکە ڕێگایەکی تر دەدۆزێتەوە.
track-responded-words = { $organisation } وەڵامی ڕاپۆرتەکەتی دایەوە: «{ $response }»
track-declined-words = { $organisation } ئامادە نەبوو کار لەسەر ڕاپۆرتەکەت بکات: «{ $response }». لیژنەکە ڕێگایەکی تر دەدۆزێتەوە.
fielderror-unknown_organisation = لایەنێک هەڵبژێرە کە خزمەت بەم ناوچەیە دەکات.
fielderror-not_cleared = ناکرێت ڕاپۆرتەکانی ئەم پۆلە ڕەوانەی ئەم لایەنە بکرێن.
fielderror-unknown_severity = بەپەلە یان ئاسایی هەڵبژێرە.
fielderror-unknown_action = وەرگرتن، وەڵامدانەوە یان ڕەتکردنەوە هەڵبژێرە.

# Actions
track-actions = ئەوەی لیژنەکە دەیکات
track-action = { $title } — لەلایەن { $organisation }، کاتی دیاریکراو { $date }
track-is-it-better = ئێستا باشتر بووە؟
track-better = بەڵێ، باشتر بووە
track-not-better = نەخێر، باشتر نەبووە
track-confirm-thanks = سوپاس: وەڵامەکەت تۆمار کرا.
track-confirm-already = پێشتر وەڵامی ئەم کارەت داوەتەوە.
action-status-planned = پلان بۆ داڕێژراو
action-status-in_progress = لە جێبەجێکردندایە
action-status-done = جێبەجێ کرا
action-status-blocked = ڕاگیراو
action-status-dropped = هەڵوەشێنراوە
fielderror-unknown_verdict = وەڵام بدەوە: باشتر بووە یان نا.

# Accountability
nav-accountability = لێپرسینەوە
accountability-title = کێ وەڵامی دایەوە، و بە چ خێراییەک
accountability-intro = بۆ هەمووان و بێ چوونەژوورەوە: چەند ڕاپۆرت گەیشت، چەندیان پشتڕاست کرانەوە، یەکەم وەڵام کەی هات، ئایا لایەنەکان لە کاتی خۆیدا وەڵامی ڕەوانەکردنەکانیان دایەوە، و لیژنەکان چییان کرد — بەپێی ناوچە و لایەن.
accountability-quarter = ئەو چارەکەی ساڵ کە ئەم بەروارەی تێدایە
accountability-period = ژمارەکان بۆ چارەکێکی تەواوبووی ساڵن: لە { $from } تا { $to }. ژمارەکانی چارەکی ئێستا تا کۆتایی نەیەت بڵاو ناکرێنەوە.
accountability-small = { $min ->
   *[other] ئەو ژمارانەی لە کەمتر لە { $min } ڕاپۆرت حیساب کراون وەک <{ $min } پیشان دەدرێن بۆ پاراستنی خاوەنەکانیان.
}
accountability-areas = ناوچەکان
accountability-organisations = لایەنەکان
accountability-received = ڕاپۆرتە گەیشتووەکان
accountability-verified = پشتڕاستکراوە
accountability-median-days = ناوەندی ڕۆژەکان تا یەکەم وەڵام
accountability-referrals-on-time = ڕەوانەکردنەکانی لە کاتی خۆیدا وەڵامدراوە
accountability-actions-done = کارە جێبەجێکراوەکان
accountability-actions-overdue = کارە دواکەوتووەکان
accountability-better = دانیشتووان: باشتر بووە
accountability-disputed = دانیشتووان: باشتر نەبووە
track-on-agenda = لەسەر بەرنامەی کاری لیژنە لە { $date }
item-confidential-concern = سکاڵایەکی نهێنی
item-confidential-alert = ئاگادارکردنەوەیەک دەربارەی بەشێکی نهێنی

# Referral pages
referrals-title = ڕەوانەکردنەکان
referrals-of-concern = ڕەوانەکردنەکانی ڕاپۆرتی ژمارە { $id }
referrals-inbox = ئەو ڕەوانەکردنانەی بۆ لایەنەکەت هاتوون
referrals-none = هیچ ڕەوانەکردنێک نییە.
referrals-sent = نێردرا
referrals-deadline = کاتی وەڵام
referrals-answer = وەڵام
referrals-acknowledge = پشتڕاستکردنەوەی وەرگرتن
referrals-respond = وەڵامدانەوە
referrals-decline = ڕەتکردنەوە (هۆکار بنووسە)
referrals-response = وەڵام یان هۆکار
referrals-public = ئەم دەقە لە پەڕەی پسوڵەکەدا پیشانی ڕاپۆرتدەر بدە
referrals-new = ڕەوانەکردن بۆ لایەنێک
referrals-organisation = لایەن
referrals-severity = پلەی پەلە
referrals-normal = ئاسایی
referrals-urgent = بەپەلە
referrals-send = ڕەوانەکردن
referral-status-sent = نێردراوە
referral-status-acknowledged = وەرگیراوە
referral-status-responded = وەڵام دراوەتەوە
referral-status-declined = ڕەتکراوەتەوە
referral-escalation-committee = دواکەوتووە: بەرزکرایەوە بۆ لیژنە
referral-escalation-next_level = زۆر دواکەوتووە: بەرزکرایەوە بۆ ئاستی سەرەوە

# Action pages
committee-actions = پلانی کار
action-overdue = دواکەوتووە
action-confirmations = دانیشتووان و ئەندامان: { $better } باشتر بووە، { $disputed } باشتر نەبووە
action-update = تێبینی پێشکەوتن
action-new = کاری نوێ
action-owner = لایەنی بەرپرسیار
action-due = کاتی دیاریکراو
action-answers = چارەسەری ئەم کێشە و ڕاپۆرتانە دەکات
action-create = زیادکردنی کار
committees-new = لیژنەی نوێ
committees-name = ناو
committees-create = دروستکردنی لیژنە

# Composition findings
finding-no-members = لیژنەکە هێشتا ئەندامی نییە.
finding-too-few-women = ئافرەتان: { $women } لە { $members } ({ $percent }٪)، کەمترە لە { $min }٪ — لانیکەم { $needed } پێویستە.
finding-too-few-seats = { $constituency }: { $seats } کورسی، لانیکەم { $min } پێویستە.
finding-too-many-officials = فەرمییەکان: { $officials } لە { $members } ({ $percent }٪)، زیاترە لە { $max }٪.
finding-sex-not-recorded = ڕەگەزی { $members } ئەندام تۆمار نەکراوە (وەک ئافرەت ناژمێردرێن).
finding-women-seat-held-by-man = { $members } لە کورسییەکانی ئافرەتان پیاو تێیاندان.

# Quick exit and the page about the service
quick-exit = دەرچوونی خێرا
footer-about = کێ ئەم خزمەتگوزارییە بەڕێوە دەبات و کێ چی دەبینێت
about-title = دەربارەی ئەم خزمەتگوزارییە
about-runs-title = کێ بەڕێوەی دەبات
about-runs = ئەم خزمەتگوزارییە لەلایەن { $operator } بەڕێوە دەبرێت.
about-runs-unnamed = ئەو ڕێکخراوەی ئەم خزمەتگوزارییە بەڕێوە دەبات ناوی خۆی لێرە نەنووسیوە. پێش ئەوەی ڕاپۆرت بدەیت، لەو کەسە بپرسە کە ئەم ناونیشانەی پێدایت کێ بەڕێوەی دەبات.
about-who-title = کێ ئەوە دەبینێت کە ڕاپۆرتی دەدەیت
about-who-triage = ناو و ژمارەی تەلەفۆنەکەت، ئەگەر بیاندەیت، و ئەو شوێنە وردەی دیاریت کردووە، تەنها چەند فەرمانبەرێکی کەم دەیانبینن کە ڕاپۆرتەکان ڕێکدەخەن. هەر جارێک یەکێکیان بیانکاتەوە، تۆمار دەکرێت.
about-who-police = ڕاپۆرتەکان دەربارەی هەڵسوکەوتی پۆلیس یان هێزە ئەمنییەکانی تر هەرگیز پیشانی پۆلیس نادرێن.
about-who-confidential = ڕاپۆرتەکانی توندوتیژی لەسەر بنەمای ڕەگەز یان توندوتیژی خێزانی و خراپ بەکارهێنانی هێزە ئەمنییەکان تەنها ئەو فەرمانبەرانە دەیانبینن کە بە تایبەتی ڕێگەیان پێدراوە.
about-who-committees = لیژنەکان و ئەو ڕێکخراوانەی ڕاپۆرتەکەیان بۆ دەنێردرێت دەبینن چی ڕوویداوە و لە کوێ، بەڵام هەرگیز ناو و ژمارەی تەلەفۆنەکەت نابینن.
about-who-public = ژمارە گشتییەکان کۆی چارەکێکی تەواو و ناوچەیەکی تەواون؛ هەر ژمارەیەک لە چەند ڕاپۆرتێکی کەم پێکهاتبێت دەشاردرێتەوە.
about-keep-title = چی هەڵدەگیرێت و بۆ چەند ماوە
about-keep-contact = ناو و ژمارەی تەلەفۆن و شوێنی وردت { $days } ڕۆژ دوای داخستنی ڕاپۆرتەکەت دەسڕدرێنەوە. ئەوەی ڕوویداوە بەبێ ئەوان هەڵدەگیرێت.
about-keep-device = ئەم خزمەتگوزارییە ناونیشانی IP یان هیچ شتێک دەربارەی ئامێرەکەت تۆمار ناکات.
about-keep-receipt = تەنها پسوڵەکەت ڕێگە دەدات کەسێک لە دەرەوە بەدوای ڕاپۆرتەکەتدا بچێت. لە شوێنێکی سەلامەت هەڵیبگرە یان لەبەری بکە.
about-exit-title = دەرچوونی خێرا
about-exit = دوگمە سوورەکەی سەرەوەی هەموو پەڕەیەک دەتباتە گەڕانێک بۆ کەشوهەوا و ئەم پەڕەیە لە دوگمەی گەڕانەوە لادەبات. دووجار لێدانی Escape هەمان کار دەکات.
queue-referrals = { $count ->
    [one] ڕەوانەکراوێک چاوەڕێی وەڵامی ڕێکخراوەکەتە
   *[other] { $count } ڕەوانەکراو چاوەڕێی وەڵامی ڕێکخراوەکەتن
}

# Conversation with the reporter
track-messages = نامەکان
track-message-you = تۆ
track-message-staff = ئەو تیمەی بەدواداچوون بۆ ڕاپۆرتەکەت دەکات
track-reply = وەڵامەکەت
track-reply-hint = تەنها ئەو تیمە دەیخوێنێتەوە کە بەدواداچوون بۆ ڕاپۆرتەکەت دەکات. پێویست ناکات ناوت بنووسیت.
track-reply-submit = ناردنی وەڵام
track-reply-thanks = وەڵامەکەت نێردرا.
fielderror-no_question = دوای ئەوەی تیمەکە پرسیارێکی لێ کردیت دەتوانیت وەڵام بدەیتەوە.
fielderror-too_many_messages = ئەم ڕاپۆرتە نامەی زۆری تێدایە؛ ئەگەر شتێکی نوێ ڕوویدا ڕاپۆرتێکی نوێ بدە.

# Field names and field errors of every form
field-action = کردار
field-actor = فەرمانبەر
field-assignee = سپێردراوە بە
field-ballots = ڕیزبەندییەکان
field-by = بەپێی
field-constituency = گرووپی نوێنەرایەتی
field-due_on = بەرواری کۆتایی
field-file = فایل
field-from = لە
field-held_on = بەرواری کۆبوونەوە
field-items = کێشە و ڕاپۆرتەکان
field-level = ئاستی ناوچە
field-limit = ژمارەی ئەنجامەکان
field-member = ئەندام
field-method = ڕێگا
field-minutes = کورتەی کۆبوونەوە
field-organisation_id = ڕێکخراو
field-owner_id = ڕێکخراوی بەرپرسیار
field-page = پەڕە
field-parent = ناوچەی سەرەوە
field-partners = هاوبەشەکان
field-present = ئامادەبووان
field-q = گەڕان
field-ranking = ڕیزبەندی
field-response = وەڵام
field-rule = یاسا
field-severity = پەلەیی
field-sex = ڕەگەز
field-status = دۆخ
field-tags = تاگەکان
field-user_id = فەرمانبەر
field-value = وەڵامی ژمێردراو
field-var = پرسیار
field-verdict = بڕیار
fielderror-not_eligible = ئەم فەرمانبەرە بۆی نییە ئەم ڕاپۆرتە ببینێت.
fielderror-too_many_attachments = ئەم ڕاپۆرتە زۆرترین ژمارەی وێنەی هەیە.
fielderror-too_many_or_too_long = تاگی زۆر یان تاگێکی درێژ (زۆرترین 10، هەریەکە 40 پیت).
fielderror-too_many_words = بە پێنج وشە یان کەمتر بگەڕێ.
fielderror-unreadable_image = ئەم فایلە وێنەیەکی خوێندراوە نییە (JPEG یان PNG).

# Photos from the tracking page
track-photo = وێنەیەک زیاد بکە
track-photo-hint = وێنەیەکی JPEG یان PNG تا 10 مێگابایت. هەموو ئەوەی کامێراکە تێیدا نووسیویەتی (شوێن، کات، مۆبایل) لادەبرێت؛ تەنها ئەو تیمە دەیبینێت کە بەدواداچوون بۆ ڕاپۆرتەکەت دەکات.
track-photo-submit = ناردنی وێنەکە
track-photo-thanks = وێنەکەت زیاد کرا.
track-photo-none = سەرەتا وێنەیەک هەڵبژێرە.
track-photo-type = تەنها وێنەی JPEG و PNG زیاد دەکرێن.
track-photo-size = وێنەکە لە 10 مێگابایت گەورەترە.

# Bulk changes from the queue
queue-pick = ڕاپۆرتی ژمارە { $id } هەڵبژێرە
queue-bulk = گۆڕینی ڕاپۆرتە هەڵبژێردراوەکان
queue-bulk-assign = بیانسپێرە بە
queue-bulk-duplicate = وەک دووبارەی یەک ڕاپۆرت دیاریان بکە
queue-bulk-apply = بیانگۆڕە
queue-bulk-done = { $count ->
    [one] یەک ڕاپۆرت گۆڕدرا.
   *[other] { $count } ڕاپۆرت گۆڕدران.
}
field-concern = ڕاپۆرتە هەڵبژێردراوەکان
fielderror-too_many_selected = لە یەک جاردا زیاتر لە 50 ڕاپۆرت هەڵمەبژێرە.

# A photo with the report
report-photo = وێنەیەک (ئارەزوومەندانە)
report-photo-again = دووبارە وێنەکەت هەڵبژێرەوە: پەڕەیەک کە دووبارە پیشان دەدرێتەوە ناتوانێت وێنەکە بهێڵێتەوە.
receipt-photo-later = ڕاپۆرتەکەت تۆمار کرا، بەڵام وێنەکەی زیاد نەکرا: لە پەڕەی بەدواداچوونەوە بە وەسڵەکەت زیادی بکە.

# The public dashboard
nav-dashboard = نەخشە و ئاراستەکان
dashboard-title = نیگەرانییە ئەمنییەکان لە { $area }
dashboard-intro = بۆ هەمووان و بەبێ چوونەژوورەوە: لە کوێ ڕاپۆرت لەسەر نیگەرانییەکان دراوە، هەر جۆرێک مانگ بە مانگ چۆن گۆڕاوە، و دامەزراوەکان بە چ خێراییەک وەڵامیان داوەتەوە.
dashboard-period = نەخشە و ئاراستەکان ئەو ڕاپۆرتانە دەژمێرن کە لە دوازدە مانگی تەواودا، لە { $from } تا { $to }، وەرگیراون. مانگێک دوای تەواوبوونی زیاد دەکرێت و دواتر ناگۆڕێت.
dashboard-total = ڕاپۆرتە وەرگیراوەکان: { $count }
dashboard-trail = ناوچەکانی سەرووتر
dashboard-map = لە کوێ ڕاپۆرت لەسەر نیگەرانییەکان دراوە
dashboard-map-table = نەخشەکە وەک خشتە
dashboard-hidden = { $min ->
    [one] کەمتر لە یەک (شاراوە)
   *[other] کەمتر لە { $min } (شاراوە)
}
dashboard-trends = مانگ بە مانگ، بەپێی جۆری هەڕەشە
dashboard-trends-none = ڕاپۆرتەکانی ئەم ناوچەیە ئەوەندە کەمن کە ئاراستەیان پیشان نادرێت بەبێ ئەوەی ڕاپۆرتدەران بخرێنە مەترسییەوە.
dashboard-trends-scale = یەکەم هێڵکاری، هەموو جۆرەکان پێکەوە، پێوەری خۆی هەیە؛ جۆرەکانی هەڕەشە یەک پێوەر بەکاردەهێنن. ژمارەکان بۆ نزیکترین 5 خڕ دەکرێنەوە؛ هێڵێکی خۆڵەمێشی مانگێکە کە ژمارەکەی کەمترە لەوەی پیشان بدرێت.
dashboard-all-kinds = هەموو جۆرەکانی هەڕەشە پێکەوە
dashboard-trends-table = ئاراستەکان وەک خشتە
dashboard-response = دامەزراوەکان چۆن وەڵامیان دایەوە (دوایین چارەکی تەواو)
dashboard-more = هەموو ژمارەکان، بۆ هەر ناوچە و هەر ڕێکخراوێک
dashboard-note = { $min ->
    [one] بۆ پاراستنی ڕاپۆرتدەران، هیچ ژمارەیەک لە کەمتر لە یەک ڕاپۆرت پیشان نادرێت.
   *[other] بۆ پاراستنی ڕاپۆرتدەران، هیچ ژمارەیەک لە کەمتر لە { $min } ڕاپۆرت پیشان نادرێت («<{ $min }»)، و ئەو ژمارانەی کە بە لێدەرکردن ژمارەیەکی شاراوە ئاشکرا دەکەن، ئەوانیش دەشاردرێنەوە.
}

# Situation reports
field-month = مانگ
fielderror-invalid_month = مانگەکە بە شێوەی ساڵ-مانگ بنووسە، بۆ نموونە 2026-11.
fielderror-month_not_over = ئەم مانگە هێشتا تەواو نەبووە؛ ڕاپۆرتەکەی کاتێک تەواو بوو بڵاو دەکرێتەوە.
sitrep-title = ڕاپۆرتی دۆخ: { $area }، { $month }
sitrep-period = ئەو ڕاپۆرتانەی لە { $month } وەرگیراون (مانگێکی تەواوبوو)، لە تەنیشت مانگی پێشوو. ژمارەکان بۆ نزیکترین 5 خڕ دەکرێنەوە.
sitrep-received = ڕاپۆرتە وەرگیراوەکان: { $count } (مانگی پێشوو: { $before })
sitrep-sections = ڕاپۆرتەکە چی لەخۆ دەگرێت
sitrep-categories = بەپێی جۆری هەڕەشە
sitrep-this-month = ئەم مانگە
sitrep-last-month = مانگی پێشوو
sitrep-change = گۆڕان
sitrep-alerts = ئاگادارکردنەوە پێشوەختەکانی ئەم مانگە
sitrep-alerts-none = ئەم مانگە هیچ ئاگادارکردنەوەیەکی پێشوەختە نەبوو.
sitrep-response = دامەزراوەکان چۆن وەڵامی ڕاپۆرتەکانی ئەم مانگەیان دایەوە
sitrep-dashboard = داشبۆردی ناوچەکە
nav-sitrep = ڕاپۆرتی دۆخ

# Channels: answers sent back through other systems
channel-received = ڕاپۆرتەکەت وەرگیرا. وەسڵەکەت: { $receipt } — بۆ بەدواداچوونی ڕاپۆرتەکەت بیپارێزە و لەگەڵ کەس بەشی مەکە.
channel-status = ڕاپۆرتەکەت: { $status }.
channel-status-update = ڕاپۆرتەکەت: { $status }. دوایین هەواڵ: { $update }
channel-unknown-receipt = هیچ ڕاپۆرتێک ئەم وەسڵەی نییە. بیپشکنە و دووبارە بینێرەوە.
channel-refused = ڕاپۆرتەکەت هێشتا تۆمار نەکرا: { $problems }
channel-unavailable = خزمەتگوزارییەکە ئێستا ناتوانێت نامەکەت وەربگرێت. تکایە دواتر هەوڵ بدەوە.
field-name = ناو
fielderror-taken = ئەم ناوە پێشتر بەکارهاتووە.
channel-name-web = ماڵپەڕ
channel-name-sms = نامەی کورت
channel-name-rapidpro = RapidPro
channel-name-odk = تیمی مەیدانی (ODK)
channel-name-assisted = توێژەری کەیس تۆماری کرد
channel-name-open311 = Open311
channel-name-import = هاوردەکراو

# Reporting by text message
sms-which-language = 1 العربية · 2 کوردی (سۆرانی) · 3 Kurmancî · 4 English — أرسل الرقم / ژمارەکە بنێرە / Hejmarê bişîne / Reply with the number.
sms-menu = ڕاپۆرتەکە دەربارەی چییە؟ ژمارەکە بنێرە:
    { $menu }
sms-pick-a-number = تکایە بە یەکێک لەم ژمارانە وەڵام بدەوە.
sms-describe = چی ڕوویدا؟ بە وشەکانی خۆت بینووسە (ئەگەر بتوانیت بەبێ ناوی کەسەکان).
sms-where = لە کوێ ڕوویدا؟ ناوی شار، قەزا یان ناحیەکە بنێرە.
sms-unknown-place = ئەم شوێنە نازانین. ناوی قەزا یان پارێزگاکە بنێرە.

# Assisted intake
nav-assisted = تۆمارکردن بۆ هاووڵاتییەک
assisted-title = تۆمارکردنی ڕاپۆرت بۆ هاووڵاتییەک
assisted-intro = بۆ هاووڵاتییەک کە ناتوانێت یان نایەوێت خۆی ڕاپۆرت بدات. ئەوەی پێت دەڵێت بە وشەکانی خۆی بنووسە و لە کۆتاییدا وەسڵەکەی بدەرێ. ناو و ژمارەکەی ئارەزوومەندانەن و وەک هەر ڕاپۆرتدەرێک بە شێوەی نهێنی دەپارێزرێن.
assisted-consent = ڕەزامەندیی هاووڵاتی
assisted-consent-text = ئەمەی بۆ بخوێنەرەوە: «نیگەرانییەکەت لە ئەماندا تۆمار دەکەم. تەنها ئەو تیمەی بەدوایدا دەچێت ئەوەی پێم دەڵێیت دەبینێت. ناو و ژمارەکەت تەنها بە ڕەزامەندیی خۆت دەپارێزرێن، و دەتوانیت بە وەسڵێک کە دەیدەمێ بەدوای ڕاپۆرتەکەتدا بچیت.»
assisted-consent-method = چۆن ڕازی بوو
assisted-consent-spoken = بە دەم
assisted-consent-written = بە واژۆ
assisted-consent-thumbprint = بە پەنجەمۆر
assisted-consent-contact = ڕازییە تیمی بەدواداچوون پەیوەندیی پێوە بکات
assisted-consent-referral = ڕازییە ڕاپۆرتەکە بۆ ڕێکخراوێک بنێردرێت کە دەتوانێت یارمەتی بدات
assisted-consent-confirmed = دەقی ڕەزامەندیم بۆ خوێندەوە و ڕازی بوو
assisted-submit = ڕاپۆرتەکە تۆمار بکە
assisted-handover = ئەم وەسڵە بدە بە هاووڵاتییەکە
assisted-filed = ڕاپۆرتەکە تۆمار کرا. وەسڵەکە بۆ هاووڵاتییەکە بنووسە یان چاپی بکە؛ جارێکی تر پیشان نادرێتەوە.
field-consent_method = چۆن ڕازی بوو
field-consent_confirmed = ڕەزامەندی
fielderror-outside_your_area = ئەم شوێنە لە دەرەوەی ناوچەکەتە.

# Open data
field-format = شێواز
fielderror-unknown_format = hxl یان geojson هەڵبژێرە.

# Open311
field-service_code = خزمەتگوزاری

# Youth polls through RapidPro
field-survey = ڕاپرسی
fielderror-closed = ئەم ڕاپرسییە داخراوە و وەڵامی تر وەرناگرێت.
field-run = خولی ڕەوت

# Field devices (ODK Collect, KoboCollect, Enketo)
odk-yes = بەڵێ
odk-no = نەخێر
odk-form-title = نیگەرانییەک بۆ هاووڵاتییەک تۆمار دەکرێت
odk-filed = تۆمار کرا. ئەم پسوولەیە بدە بە هاووڵاتییەکە: { $receipt }
odk-stored = وەڵامەکان پاشەکەوت کران.
odk-sign-in = بە ئیمەیڵی هەژمارەکە و وشەی نهێنیی ئامێرەکە بچۆ ژوورەوە.
field-photo = وێنە
queue-count-more = زیاتر لە { $count } نیگەرانی
