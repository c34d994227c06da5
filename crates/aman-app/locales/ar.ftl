# Aman — Arabic (Modern Standard Arabic, Iraqi terminology). Keys are shared with en.ftl and ckb.ftl; every key exists in all three.

app-name = أمان
app-tagline = الأمن المجتمعي: أبلِغ بأمان عمّا يهدد سلامة مجتمعك.
lang-name = العربية
skip-to-content = انتقل إلى المحتوى
nav-home = الرئيسية
nav-report = قدّم بلاغاً
nav-track = تابع بلاغاً
nav-staff = الموظفون
nav-logout = تسجيل الخروج
footer-boundaries = الحدود الإدارية للعراق © الجهاز المركزي للإحصاء (CSO) في العراق / OCHA، عبر HDX، بترخيص CC BY-IGO. لا تعني الحدود والأسماء أي تأييد من الأمم المتحدة.
footer-privacy = لا تسجّل منصة أمان عنوان IP الخاص بك ولا جهازك.

home-title = أخبرنا بما يهدد مجتمعك
home-intro = مسلحون، نزاعات عشائرية، خطاب كراهية، خدمات متدهورة، تجاوزات من المسؤولين: صِف ذلك في بضعة أسطر. تراجع لجنة مشتركة من السكان والشرطة والسلطة المحلية كل بلاغ، وتقرر معاً ما يجب فعله.
home-report = قدّم بلاغاً
home-track = لديّ رمز إيصال
home-anonymous = لا حاجة لذكر اسمك. ستحصل على رمز إيصال، وهو الطريقة الوحيدة لمتابعة بلاغك.
home-how-title = كيف يعمل؟
home-how-1 = تقدّم بلاغاً، ويمكنك ألا تذكر اسمك إن شئت.
home-how-2 = يتحقق الموظفون منه، وتحدد اللجنة المجتمعية في المنطقة الأولويات.
home-how-3 = تتحرك الشرطة والسلطة المحلية والمجتمع المدني، ويمكنك متابعة ما يحدث.

report-title = قدّم بلاغاً
report-intro = الحقول المعلَّمة بعلامة * مطلوبة. لا يصل بلاغك إلا إلى موظفي منطقتك.
report-category = ما نوع التهديد؟ *
report-category-choose = اختر…
report-description = ماذا يحدث؟ *
report-description-hint = يكفي سطران أو ثلاثة: ماذا يحدث، وأين بالضبط، ومنذ متى. لا تكتب أسماء أشخاص قد يتعرضون للخطر. عدد الأحرف من { $min } إلى { $max }.
report-where = أين؟ *
report-governorate = المحافظة
report-district = القضاء
report-subdistrict = الناحية
report-any = — اختر —
report-refine = اعرض الأماكن في هذه المنطقة
report-place = اكتب المكان بكلماتك (اختياري)
report-place-hint = مثلاً: قرب سوق الخضار في حي الجهاد، بغداد. ثم اضغط «اعرض الأماكن في هذه المنطقة» لنختاره لك في القوائم.
report-place-unknown = لم نجد هذا المكان. اختره من القوائم أدناه.
report-place-read = قرأنا المكان الذي كتبته واخترناه أدناه: تأكد منه أو غيّره، ثم أرسل.
report-or-point = أو، إن كنت تعرفها، الإحداثيات (خط العرض، خط الطول):
report-locate = استخدم موقعي الحالي
report-lat = خط العرض
report-lon = خط الطول
report-when = متى حدث ذلك؟
report-contact-title = معلومات الاتصال (اختياري)
report-contact-intro = اترك هذا القسم فارغاً إذا أردت ألا تُعرف هويتك. إذا كتبت رقم هاتف، فلن يطّلع عليه إلا الموظفون الذين يتولّون بلاغك، وفقط إذا احتاجوا إلى التواصل معك.
report-contact-name = اسمك
report-contact-phone = رقم الهاتف
report-submit = أرسل البلاغ
report-errors = يرجى تصحيح الحقول المشار إليها أدناه.

receipt-title = وصلنا بلاغك
receipt-intro = اكتب رمز الإيصال هذا أو التقط له صورة. إنه الطريقة الوحيدة للعودة إلى بلاغك: لا يستطيع أحد، ولا حتى الموظفون، أن يعطيك إياه مرة أخرى.
receipt-code = رمز الإيصال
receipt-area = المنطقة
receipt-status = الحالة
receipt-print = اطبع هذه الصفحة من قائمة الطباعة في متصفحك، أو احفظ الرمز في ملف:
receipt-copy = انسخ رمز الإيصال
receipt-copied = نُسخ
receipt-print-button = اطبع
receipt-save = احفظ الرمز في ملف
receipt-track = تابع البلاغ
receipt-file-text = أمان — إيصال بلاغك. احتفظ به سرّاً وفي مكان آمن: إنه الطريقة الوحيدة للعودة إلى بلاغك.

track-title = تابع بلاغاً
track-intro = أدخل رمز الإيصال الذي حصلت عليه عند تقديم البلاغ.
track-receipt = رمز الإيصال
track-submit = اعرض
track-not-found = لا يوجد بلاغ بهذا الرمز. تحقق منه وحاول مرة أخرى.
track-status = الحالة
track-category = نوع التهديد
track-area = المنطقة
track-submitted = تاريخ الاستلام
track-updated = آخر تغيير
track-updates = مستجدات لك
track-no-updates = لا توجد مستجدات بعد. سينشر الموظفون هنا ما يؤول إليه بلاغك.

status-submitted = تم الاستلام
status-under_review = قيد المراجعة
status-verified = تم التحقق منه
status-rejected = تقرر عدم المضي فيه
status-duplicate = دُمج مع بلاغ آخر عن المشكلة نفسها
status-prioritised = ضمن قائمة أولويات اللجنة
status-in_action = الإجراءات جارية
status-resolved = تمت معالجته
status-closed = مغلق

category-terrorism = الإرهاب والخلايا الإرهابية
category-armed_groups_weapons = السلاح المنفلت
category-tribal_conflict = النزاعات العشائرية
category-displacement_tension = التوترات المرتبطة بالنزوح
category-youth_exclusion = تهميش الشباب
category-hate_speech = خطاب الكراهية والشائعات الخطرة
category-crime = الجريمة
category-gbv = العنف القائم على النوع الاجتماعي والعنف الأسري
category-explosive_hazards = الألغام والمخلفات الحربية
category-services_failure = تدهور الخدمات
category-justice_corruption = الفساد وإنكار العدالة
category-security_conduct = سوء سلوك الأجهزة الأمنية
category-other = أخرى

role-triage_officer = موظف الفرز
role-committee_member = عضو لجنة مجتمعية
role-police_liaison = ضابط ارتباط الشرطة
role-authority_officer = موظف السلطة المحلية
role-cso_caseworker = مسؤول حالات في منظمة مجتمع مدني
role-analyst = محلل
role-administrator = مدير النظام

field-category = نوع التهديد
field-description = الوصف
field-area = المنطقة
field-idempotency_key = مفتاح النموذج
field-lat = خط العرض
field-lon = خط الطول
field-occurred_on = التاريخ
field-language = اللغة
field-contact_name = الاسم
field-contact_phone = رقم الهاتف
field-receipt = رمز الإيصال
field-to = الحالة الجديدة
field-reason = السبب
field-body = النص
field-duplicate_of = البلاغ الأصلي
field-email = البريد الإلكتروني
field-password = كلمة المرور

fielderror-required = هذا الحقل مطلوب.
fielderror-unknown_category = اختر أحد أنواع التهديد المدرجة.
fielderror-too_short = النص قصير جداً: يجب ألا يقل عدد الأحرف عن { $min }.
fielderror-too_long = النص طويل جداً: يجب ألا يزيد عدد الأحرف على { $max }.
fielderror-unknown_area = هذه المنطقة غير معروفة. اخترها من القوائم.
fielderror-invalid_idempotency_key = أُرسل هذا النموذج بمفتاح تالف. افتح النموذج من جديد وأرسله.
fielderror-outside_iraq = هذه النقطة خارج العراق. تحقق من الإحداثيات، أو اختر المنطقة من القوائم.
fielderror-out_of_range = هذا الرقم خارج النطاق المسموح.
fielderror-invalid_number = اكتب رقماً، مثل 36.34 (تُقبل الأرقام من لوحة المفاتيح العربية أيضاً).
fielderror-invalid_date = اكتب التاريخ بصيغة سنة-شهر-يوم، مثل 2026-11-02 (تُقبل الأرقام من لوحة المفاتيح العربية أيضاً).
fielderror-in_future = هذا التاريخ في المستقبل.
fielderror-in_past = هذا التاريخ مضى؛ اختر تاريخاً من اليوم فصاعداً.
fielderror-not_present = لم يُسجَّل هذا العضو حاضراً في الاجتماع.
fielderror-period_not_over = لم ينتهِ ربع السنة هذا بعد؛ تُنشر أرقامه بعد انتهائه.
fielderror-not_one_quarter = تغطي الأرقام ربع سنة واحداً: يجب أن يقع التاريخان في ربع السنة نفسه.
fielderror-too_old = هذا التاريخ يعود إلى أكثر من خمس سنوات.
fielderror-unknown_language = اختر العربية (ar) أو الكردية السورانية (ckb) أو الكرمانجية (kmr) أو الإنجليزية (en).
fielderror-invalid_phone = اكتب رقم هاتف من 7 إلى 15 رقماً، مثل 0770 123 4567 (تُقبل الأرقام من لوحة المفاتيح العربية أيضاً).
fielderror-invalid_receipt = يتكون رمز الإيصال من 24 خانة من الأحرف الإنجليزية والأرقام، مثل 7KQ2-M9XD-…
fielderror-illegal_transition = لا يمكن الانتقال إلى هذه الحالة من الحالة الحالية.
fielderror-not_found = لا يوجد بلاغ بهذا الرقم.
fielderror-same_concern = لا يمكن أن يكون البلاغ مكرراً لنفسه.
fielderror-unknown_status = اختر إحدى الحالات المدرجة.

error-title = حدث خطأ ما
error-back = العودة إلى الصفحة الرئيسية
error-bad_request = الطلب غير صالح.
error-validation_failed = بعض الحقول تحتاج إلى تصحيح.
error-malformed_json = محتوى الطلب ليس JSON صالحاً بالبنية المتوقعة.
error-unsupported_media_type = أرسل الطلب بصيغة application/json (أو كنموذج بالنسبة إلى الصفحات).
error-payload_too_large = الطلب كبير جداً.
error-not_found = هذه الصفحة أو هذا السجل غير موجود.
error-method_not_allowed = هذا العنوان لا يقبل هذا النوع من الطلبات.
error-unauthorized = يرجى تسجيل الدخول أولاً.
error-invalid_credentials = البريد الإلكتروني أو كلمة المرور أو الرمز غير صحيح.
error-second_factor_not_enrolled = هذا الدور يتطلب تطبيق مصادقة ثنائية ولم يُعدّ لحسابك بعد. اطلب من المسؤول إعداده.
error-forbidden = دورك أو منطقتك لا يسمحان بهذا الإجراء.
error-csrf_failed = انتهت صلاحية النموذج. ارجع، وأعد تحميل الصفحة، ثم حاول مرة أخرى.
error-illegal_transition = تغيير الحالة هذا غير مسموح به انطلاقاً من الحالة الحالية للبلاغ.
error-edit_conflict = عدّل شخص آخر هذا البلاغ في هذه الأثناء. أعد تحميله وحاول مرة أخرى.
error-rate_limited = طلبات كثيرة من اتصالك. يرجى الانتظار دقيقة ثم المحاولة مجدداً؛ لم يضع شيء.
error-challenge_required = تصل بلاغات كثيرة في هذه اللحظة. يرجى الانتظار بضع ثوانٍ ثم الضغط على إرسال مجدداً؛ بلاغك محفوظ في النموذج.
error-request_timeout = استغرق وصول الطلب وقتاً طويلاً ولم يُحفظ شيء. يرجى المحاولة مجدداً.
error-internal = حدث خطأ داخلي. لم يُحفظ طلبك؛ يرجى المحاولة لاحقاً.
error-unavailable = الخدمة غير متاحة مؤقتاً. يرجى المحاولة بعد قليل.

login-title = دخول الموظفين
login-email = البريد الإلكتروني
login-password = كلمة المرور
login-submit = تسجيل الدخول
login-failed = البريد الإلكتروني أو كلمة المرور أو الرمز غير صحيح.
login-code = الرمز من تطبيق المصادقة
login-code-hint = مطلوب لموظفي الفرز والمسؤولين: ستة أرقام.
login-as = مسجّل الدخول باسم { $name } ({ $role }، { $area })

queue-title = قائمة الفرز
queue-filter = تصفية
queue-area = المنطقة (الاسم أو P-code)
queue-category = نوع التهديد
queue-status = الحالة
queue-from = من
queue-to = إلى
queue-any = الكل
queue-apply = تطبيق
queue-export = نزّلها جدولاً (CSV)
queue-search = ابحث في الأوصاف
queue-tag = وسم
queue-mine = المسندة إليّ
queue-more-filters = المنطقة والنوع والحالة والتواريخ
queue-count = { $count ->
    [zero] لا توجد بلاغات مطابقة.
    [one] بلاغ واحد يطابق.
    [two] بلاغان يطابقان.
    [few] { $count } بلاغات تطابق.
    [many] { $count } بلاغاً يطابق.
   *[other] { $count } بلاغ يطابق.
}
queue-received = تاريخ الاستلام
queue-occurred = تاريخ الحدوث
queue-open = فتح
queue-prev = الأحدث
queue-next = الأقدم
queue-page = الصفحة { $page } من { $pages }

concern-title = البلاغ رقم { $id }
concern-description = الوصف
concern-details = التفاصيل
concern-occurred = تاريخ الحدوث
concern-received = تاريخ الاستلام
concern-language = لغة البلاغ
concern-duplicate-of = مكرر للبلاغ رقم { $id }
concern-contact = بيانات الاتصال بمقدّم البلاغ
concern-contact-none = لم يكشف مقدّم البلاغ عن هويته.
concern-point = الموقع الدقيق
concern-point-none = لم يُحدَّد موقع دقيق.
concern-identity-hidden = بيانات الاتصال والموقع الدقيق لا يراها إلا موظفو الفرز.
concern-history = السجل
concern-history-empty = لم يطرأ أي تغيير على هذا البلاغ بعد.
concern-event-transition = { $from } ← { $to }
concern-event-note = ملاحظة داخلية
concern-event-public_update = تحديث أُرسل إلى مقدّم البلاغ
concern-by = بواسطة { $name }
concern-move = تغيير الحالة
concern-move-to = الحالة الجديدة
concern-move-reason = السبب (داخلي، مطلوب)
concern-move-duplicate = رقم البلاغ الأصلي (عند الدمج مع بلاغ آخر عن المشكلة نفسها)
concern-move-submit = تغيير الحالة
concern-no-moves = لا يمكن تغيير الحالة بعد الآن.
concern-note = ملاحظة داخلية (لا تظهر أبداً لمقدّم البلاغ)
concern-note-submit = إضافة ملاحظة
concern-update = تحديث لمقدّم البلاغ (يظهر في صفحة المتابعة؛ لا تكتب أي أسماء)
concern-update-submit = إرسال التحديث
concern-event-question = سؤال إلى المبلّغ
concern-event-reply = أجاب المبلّغ
concern-ask = اطرح سؤالاً على المبلّغ (يقرؤه مع رقم الإيصال ويستطيع الإجابة؛ لا تكتب أي أسماء)
concern-ask-submit = أرسل السؤال
concern-assignee = مسند إلى
concern-assignee-none = لا أحد بعد
concern-assign = أسند إلى
concern-assign-save = أسند
concern-tags = الوسوم
concern-tags-edit = الوسوم، تفصل بينها فواصل
concern-tags-save = احفظ الوسوم
concern-photos = صور أرسلها المبلّغ
concern-photo = الصورة { $n } ({ $kb } كيلوبايت)
concern-conflict-shown = أدناه البلاغ كما هو الآن؛ اختر مجدداً.
concern-back = العودة إلى القائمة
concern-reading = ما يوحي به النص (للتحقق منك؛ لا يُطبَّق شيء تلقائياً)
concern-flagged = مؤشَّر للمراجعة: قد يحوي النص خطاب كراهية أو تحريضاً (الدرجة { $score }).
concern-flag-term = عبارة «{ $term }» ({ $kind })
concern-flag-pattern = صياغة «{ $ngram }»
concern-flag-kind-sectarian = وصف طائفي
concern-flag-kind-dehumanising = تجريد من الإنسانية
concern-flag-kind-incitement = تحريض
concern-similar = يبدو بلاغاً عن الحدث نفسه مثل
concern-similar-row = البلاغ رقم { $id } (تشابه { $percent }٪، { $status }، { $date })
concern-similar-hint = إن كان الحدث نفسه فغيّر الحالة إلى «مكرر» مع رقم البلاغ الأصلي.
concern-similar-mark = نفس الحدث: علّم هذا البلاغ مكرراً له
concern-places = أماكن يذكرها النص
concern-place-row = { $name } ({ $pcode }، ثقة { $percent }٪)
concern-category-suggested = توحي كلماته بالنوع «{ $category }» ({ $terms }).
nav-audit = سجل التدقيق
nav-referrals = الإحالات
audit-title = سجل التدقيق
audit-intro = كل قراءة حساسة وكل تغيير، مختومة في سلسلة تجزئة. تحقق منها بالأمر aman audit verify.
audit-action = الإجراء
audit-actor = الحساب
audit-subject = الموضوع
audit-when = الوقت
audit-detail = التفاصيل
audit-count = { $count ->
    [zero] لا توجد قيود.
    [one] قيد واحد.
    [two] قيدان.
    [few] { $count } قيود.
    [many] { $count } قيداً.
   *[other] { $count } قيد.
}

# Early-warning alerts
nav-alerts = الإنذارات
alerts-title = إنذارات الإنذار المبكر
alerts-intro = ارتفاع في البلاغات (أو في أحداث النزاع) من نوع واحد في منطقة واحدة مقارنة بالأسابيع السابقة. راجع البلاغات وراءه، وتحقق منه على الأرض، وضعه على جدول أعمال اللجنة.
alerts-status = الحالة
alerts-source = المصدر
alerts-open-only = الإنذارات المفتوحة فقط
alerts-none = لا توجد إنذارات مطابقة.
alerts-observed = المرصود
alerts-expected = المتوقع
alerts-threshold = الإنذار فوق
alerts-escalated = لم يُستلم في الوقت المحدد؛ رُفع إلى
alerts-reason = السبب
alerts-move = نقل إلى
alerts-save = حفظ
alerts-source-concerns = بلاغات السكان
alerts-source-events = أحداث النزاع (UCDP)
alerts-source-flagged = بلاغات فيها خطاب كراهية أو تحريض (مؤشَّرة للمراجعة)
alert-status-new = جديد
alert-status-acknowledged = تم الاستلام
alert-status-response_planned = الاستجابة مخططة
alert-status-closed = مغلق
alert-status-dismissed = مرفوض

# Surveys
nav-surveys = الاستبيانات
surveys-title = استبيانات المجتمع
surveys-intro = أخبرنا هل تشعر بالأمان ومن تثق به. الإجابات مجهولة: لا نسأل عن اسم أو رقم هاتف.
surveys-none = لا يوجد استبيان مفتوح حالياً.
surveys-answer = أجب
surveys-interview = إجراء مقابلة
surveys-results = النتائج
survey-intro = أجب عما تشاء؛ تظهر الأسئلة التي تترتب على إجاباتك عند الضغط على متابعة.
survey-continue = متابعة
survey-interview-mode = وضع المقابلة: تظهر أيضاً الأسئلة التي يملؤها الباحث، وتُسجَّل الإجابات على أنها مقابلة.
survey-submit = إرسال إجاباتي
survey-thanks = شكراً لك
survey-thanks-text = وصلت إجاباتك. تُحسب في المجاميع فقط؛ لا يمكن لأحد معرفة من أجاب.
survey-closed = أُغلق هذا الاستبيان في { $date } ولم يعد يقبل إجابات. تبقى نتائجه منشورة.
surveys-method = تقديرات مرجّحة مع فترات ثقة ٩٥٪ (الشريط): القيمة الحقيقية تقع ضمنه بثقة ٩٥٪. لا تُعرض المجموعات ذات المجيبين القليلين.
surveys-question = السؤال
surveys-answer-share = نسبة من أجاب
surveys-by = حسب المجموعة
surveys-all-iraq = كل العراق
surveys-no-responses = لا توجد إجابات بعد.
surveys-group = المجموعة
surveys-n = المجيبون
surveys-estimate = التقدير
surveys-interval = فترة ٩٥٪
surveys-suppressed = أقل من { $min } مجيباً: لا تُعرض
surveys-api = الأرقام نفسها بصيغة JSON أو CSV:
surveys-by-none = الجميع
surveys-by-sex = الجنس
surveys-by-age_group = الفئة العمرية
surveys-by-displacement = النزوح
surveys-by-period = الربع
surveys-group-all = الجميع
surveys-group-female = النساء
surveys-group-male = الرجال
surveys-group-15-29 = الشباب (١٥–٢٩)
surveys-group-30-44 = ٣٠–٤٤
surveys-group-45-59 = ٤٥–٥٩
surveys-group-60plus = ٦٠ فأكثر
surveys-group-resident = المقيمون
surveys-group-idp = النازحون
surveys-group-returnee = العائدون
surveys-group-host = المجتمع المضيف
fielderror-not_integer = اكتب عدداً صحيحاً.
fielderror-not_decimal = اكتب رقماً.
fielderror-not_date = اكتب التاريخ بصيغة سنة-شهر-يوم.
fielderror-not_geopoint = اكتب خط العرض وخط الطول، مثلاً 36.34 43.13.
fielderror-unknown_choice = اختر إحدى الإجابات المدرجة.
fielderror-constraint = هذه الإجابة غير ممكنة؛ تحقق منها.
fielderror-unknown_question = لا يوجد هذا السؤال في الاستبيان.
fielderror-not_estimable = يمكن تقدير الأسئلة ذات الإجابات المدرجة أو الأرقام فقط.
fielderror-unknown_group = اختر الجنس أو الفئة العمرية أو النزوح أو الفترة.
fielderror-invalid_weight = يجب أن يكون الوزن رقماً موجباً.
queue-alerts = { $count ->
    [zero] لا إنذارات مفتوحة في منطقتك
    [one] إنذار مبكر واحد مفتوح في منطقتك
    [two] إنذاران مبكران مفتوحان في منطقتك
    [few] { $count } إنذارات مبكرة مفتوحة في منطقتك
    [many] { $count } إنذاراً مبكراً مفتوحاً في منطقتك
   *[other] { $count } إنذار مبكر مفتوح في منطقتك
}

# Community Security Index
nav-index = مؤشر الأمان
index-title = مؤشر الأمن المجتمعي
index-intro = مدى شعور سكان كل محافظة بالأمان والخدمة، مجمّعاً من الاستبيانات والبلاغات خلال ربع سنة (٠ = الأدنى، ١٠٠ = الأعلى بين المحافظات). الشريط هو مدى المراتب المعقولة للمحافظة مع خطأ المعاينة وأوزان معقولة أخرى: حين تتداخل الأشرطة لا تعتبر المراتب مختلفة.
index-period = الربع
index-none = لا توجد بيانات كافية لهذا الربع.
index-rank = المرتبة
index-score = الدرجة
index-interval = المراتب المعقولة
index-social = اجتماعي
index-economic = اقتصادي
index-cultural = ثقافي
index-institutional = مؤسسي
index-missing = مؤشرات ناقصة
index-unranked = غير مرتبة (بيانات قليلة):
index-method = الطريقة: دليل OECD/JRC لبناء المؤشرات المركبة؛ انظر docs/index-method.md.
index-trend = محافظة خلال الأرباع الأربعة الأخيرة

# Committees
fielderror-unknown_constituency = اختر إحدى الفئات الممثلة.
fielderror-unknown_sex = اختر أنثى أو ذكر أو غير مسجل.
fielderror-unknown_item = هذا البند ليس ضمن منطقة اللجنة.
fielderror-unknown_member = ليس عضواً في هذه اللجنة.
fielderror-invalid_ranking = رتّب بنود الاجتماع، كل بند مرة واحدة.
fielderror-unknown_method = اختر طريقة بوردا أو شولتسه.

# Committee pages
nav-committees = اللجان
committees-title = اللجان المشتركة للأمن المجتمعي
committees-intro = السكان والنساء والشباب والنازحون والوجهاء والشرطة والسلطة المحلية والمجتمع المدني يحددون الأولويات معاً.
committees-none = لا توجد لجنة في منطقتك بعد.
committees-members = { $count ->
    [zero] لا أعضاء
    [one] عضو واحد
    [two] عضوان
    [few] { $count } أعضاء
    [many] { $count } عضواً
   *[other] { $count } عضو
}
committees-composition-met = قاعدة التشكيل مستوفاة
committees-composition-unmet = قاعدة التشكيل غير مستوفاة
committee-members = الأعضاء
committee-member-name = الاسم
committee-constituency = يمثّل
committee-sex = الجنس
sex-female = امرأة
sex-male = رجل
sex-not_recorded = غير مسجل
committee-add-member = إضافة عضو
committee-issues = القضايا (بلاغات عن المشكلة نفسها)
committee-issue-concerns = { $count ->
    [zero] لا بلاغات
    [one] بلاغ واحد
    [two] بلاغان
    [few] { $count } بلاغات
    [many] { $count } بلاغاً
   *[other] { $count } بلاغ
}
committee-meetings = الاجتماعات
committee-new-issue = قضية جديدة
committee-issue-title = العنوان
committee-open-concerns = البلاغات المفتوحة في المنطقة
committee-add-issue = جمعها في قضية واحدة
committee-new-meeting = اجتماع جديد
meeting-date = التاريخ
meeting-place = المكان
meeting-agenda = جدول الأعمال
committee-add-meeting = إنشاء الاجتماع
meeting-title = اجتماع { $date }
meeting-print = جدول الأعمال والمحضر للطباعة
meeting-attendance = الحضور
meeting-quorum-met = النصاب مكتمل: حضر { $present } (المطلوب { $needed } على الأقل).
meeting-quorum-unmet = النصاب غير مكتمل: حضر { $present } والمطلوب { $needed } (مع امرأة واحدة وعضو من المجتمع على الأقل).
meeting-save-attendance = حفظ الحضور
meeting-present = حاضر
meeting-absent = غائب
meeting-minutes = المحضر
meeting-decisions = القرارات
meeting-save-minutes = حفظ المحضر
meeting-priorities = الأولويات
meeting-no-priorities = لا توجد قائمة أولويات بعد: سجّل ترتيب الأعضاء ثم احسبها.
meeting-ballots = { $count ->
    [zero] من دون أوراق
    [one] من ورقة واحدة
    [two] من ورقتين
    [few] من { $count } أوراق
    [many] من { $count } ورقة
   *[other] من { $count } ورقة
}
meeting-dissent = الاختلاف عن ترتيب اللجنة (٠ = الترتيب نفسه، ١ = عكسه)
meeting-ballot = ترتيب أحد الأعضاء (١ = الأهم)
meeting-save-ballot = حفظ الترتيب
meeting-method = طريقة العدّ
method-schulze = طريقة شولتسه
method-borda = عدّ بوردا
meeting-prioritise = حساب قائمة الأولويات
meeting-committee-ranking = قائمة اللجنة ({ $method })
constituency-residents = السكان
constituency-women = النساء
constituency-youth = الشباب
constituency-displaced_returnees = النازحون والعائدون
constituency-minorities = الأقليات
constituency-tribal_religious_leaders = الوجهاء العشائريون والدينيون
constituency-police = الشرطة
constituency-local_authority = السلطة المحلية
constituency-civil_society = المجتمع المدني
constituency-media = الإعلام

# Referrals
track-referred = أُحيل بلاغك إلى { $organisation }، وطُلب منها الرد قبل { $date }.
track-responded = ردّت { $organisation } بشأن بلاغك.
track-declined = اعتذرت { $organisation } عن متابعة بلاغك؛ ستبحث اللجنة عن طريق آخر.
track-responded-words = أجابت { $organisation } بشأن بلاغك: «{ $response }»
track-declined-words = اعتذرت { $organisation } عن التصرّف بشأن بلاغك: «{ $response }». ستبحث اللجنة عن طريق آخر.
fielderror-unknown_organisation = اختر جهة تخدم هذه المنطقة.
fielderror-not_cleared = لا يجوز إحالة بلاغات هذه الفئة إلى هذه الجهة.
fielderror-unknown_severity = اختر عاجل أو عادي.
fielderror-unknown_action = اختر استلام أو رد أو اعتذار.

# Actions
track-actions = ما تقوم به اللجنة
track-action = { $title } — تتولاه { $organisation }، موعده { $date }
track-is-it-better = هل تحسّن الوضع الآن؟
track-better = نعم، تحسّن
track-not-better = لا، لم يتحسّن
track-confirm-thanks = شكراً لك: سُجّل جوابك.
track-confirm-already = سبق أن أجبت بشأن هذا الإجراء.
action-status-planned = مخطط
action-status-in_progress = قيد التنفيذ
action-status-done = منجز
action-status-blocked = متعثر
action-status-dropped = ملغى
fielderror-unknown_verdict = أجب: تحسّن أو لم يتحسّن.

# Accountability
nav-accountability = المساءلة
accountability-title = من استجاب، وبأي سرعة
accountability-intro = للجميع ومن دون تسجيل دخول: كم بلاغاً وصل، وكم منها تم التحقق منه، ومتى جاء أول رد، وهل ردّت الجهات على الإحالات في وقتها، وما الذي فعلته اللجان — حسب المنطقة والجهة.
accountability-quarter = ربع السنة الذي يضم التاريخ
accountability-period = الأرقام لربع سنة منتهٍ كامل: من { $from } إلى { $to }. لا تُنشر أرقام ربع السنة الجاري حتى ينتهي.
accountability-small = { $min ->
   *[other] تُعرض الأرقام المحسوبة من أقل من { $min } بلاغاً على شكل <{ $min } حمايةً لأصحابها.
}
accountability-areas = المناطق
accountability-organisations = الجهات
accountability-received = البلاغات الواردة
accountability-verified = تم التحقق منها
accountability-median-days = وسيط الأيام حتى أول رد
accountability-referrals-on-time = الإحالات المجاب عنها في وقتها
accountability-actions-done = الإجراءات المنجزة
accountability-actions-overdue = الإجراءات المتأخرة
accountability-better = السكان: تحسّن
accountability-disputed = السكان: لم يتحسّن
track-on-agenda = على جدول أعمال اللجنة في { $date }
item-confidential-concern = بلاغ سرّي
item-confidential-alert = إنذار عن فئة سرّية

# Referral pages
referrals-title = الإحالات
referrals-of-concern = إحالات البلاغ رقم { $id }
referrals-inbox = الإحالات الواردة إلى جهتك
referrals-none = لا توجد إحالات.
referrals-sent = أُرسلت
referrals-deadline = موعد الرد
referrals-answer = الرد
referrals-acknowledge = تأكيد الاستلام
referrals-respond = رد
referrals-decline = اعتذار (اذكر السبب)
referrals-response = الرد أو السبب
referrals-public = اعرض هذا النص على المبلّغ في صفحة الإيصال
referrals-new = إحالة إلى جهة
referrals-organisation = الجهة
referrals-severity = درجة الاستعجال
referrals-normal = عادي
referrals-urgent = عاجل
referrals-send = إحالة
referral-status-sent = مرسلة
referral-status-acknowledged = تم الاستلام
referral-status-responded = تم الرد
referral-status-declined = اعتُذر عنها
referral-escalation-committee = متأخرة: رُفعت إلى اللجنة
referral-escalation-next_level = متأخرة كثيراً: رُفعت إلى المستوى الأعلى

# Action pages
committee-actions = خطة العمل
action-overdue = متأخر
action-confirmations = السكان والأعضاء: { $better } تحسّن، { $disputed } لم يتحسّن
action-update = ملاحظة عن التقدم
action-new = إجراء جديد
action-owner = الجهة المسؤولة
action-due = الموعد
action-answers = يعالج هذه القضايا والبلاغات
action-create = إضافة الإجراء
committees-new = لجنة جديدة
committees-name = الاسم
committees-create = إنشاء اللجنة

# Composition findings
finding-no-members = لا أعضاء في اللجنة بعد.
finding-too-few-women = النساء: { $women } من { $members } ({ $percent }٪)، أقل من { $min }٪ — المطلوب { $needed } على الأقل.
finding-too-few-seats = { $constituency }: { $seats } مقعد، والمطلوب { $min } على الأقل.
finding-too-many-officials = المسؤولون الرسميون: { $officials } من { $members } ({ $percent }٪)، أكثر من { $max }٪.
finding-sex-not-recorded = لم يُسجَّل الجنس لـ { $members } من الأعضاء (لا يُحسبون نساءً).
finding-women-seat-held-by-man = { $members } من مقاعد النساء يشغلها رجال.

# Quick exit and the page about the service
quick-exit = خروج سريع
footer-about = من يدير هذه الخدمة ومن يرى ماذا
about-title = عن هذه الخدمة
about-runs-title = من يديرها
about-runs = تدير هذه الخدمة { $operator }.
about-runs-unnamed = لم تكتب الجهة التي تدير هذه الخدمة اسمها هنا. اسأل من أعطاك هذا العنوان عمّن يديرها قبل أن تقدّم بلاغاً.
about-who-title = من يرى ما تبلّغ عنه
about-who-triage = اسمك ورقم هاتفك، إن أعطيتهما، والموقع الدقيق الذي حدّدته، لا يراها إلا عدد قليل من الموظفين الذين يفرزون البلاغات (موظفو الفرز). وكل مرة يفتحها أحدهم تُسجَّل.
about-who-police = البلاغات عن سلوك الشرطة أو الأجهزة الأمنية الأخرى لا تُعرض على الشرطة أبداً.
about-who-confidential = بلاغات العنف القائم على النوع الاجتماعي أو العنف الأسري وبلاغات تجاوزات الأجهزة الأمنية لا يراها إلا موظفون مخوّلون بها خصيصاً.
about-who-committees = اللجان والجهات التي يُحال إليها البلاغ ترى ما حدث وأين، ولا ترى اسمك أو رقم هاتفك أبداً.
about-who-public = الأرقام العامة مجاميع لربع سنة كامل ولمنطقة كاملة، ويُخفى أي رقم مبني على عدد قليل من البلاغات.
about-keep-title = ما يُحفظ وإلى متى
about-keep-contact = يُمحى اسمك ورقم هاتفك وموقعك الدقيق بعد { $days } يوماً من إغلاق بلاغك. ويُحفظ ما حدث من دونها.
about-keep-device = لا تسجّل هذه الخدمة عنوان IP الخاص بك ولا أي شيء عن جهازك.
about-keep-receipt = وحده رقم الإيصال يتيح متابعة بلاغك من الخارج. احفظه في مكان آمن أو احفظه في ذاكرتك.
about-exit-title = الخروج السريع
about-exit = الزر الأحمر في أعلى كل صفحة ينقلك إلى بحث عن الطقس ويزيل هذه الصفحة من زر الرجوع. والضغط على مفتاح Escape مرتين يفعل الشيء نفسه.
queue-referrals = { $count ->
    [one] إحالة واحدة تنتظر رد جهتك
    [two] إحالتان تنتظران رد جهتك
    [few] { $count } إحالات تنتظر رد جهتك
   *[other] { $count } إحالة تنتظر رد جهتك
}

# Conversation with the reporter
track-messages = الرسائل
track-message-you = أنت
track-message-staff = الفريق الذي يتابع بلاغك
track-reply = إجابتك
track-reply-hint = لا يقرؤها إلا الفريق الذي يتابع بلاغك. لست مضطراً إلى ذكر اسمك.
track-reply-submit = أرسل الإجابة
track-reply-thanks = أُرسلت إجابتك.
fielderror-no_question = يمكنك الإجابة بعد أن يطرح عليك الفريق سؤالاً.
fielderror-too_many_messages = في هذا البلاغ رسائل كثيرة؛ قدّم بلاغاً جديداً إن حدث شيء جديد.

# Field names and field errors of every form
field-action = الإجراء
field-actor = الموظف
field-assignee = مسند إلى
field-ballots = الترتيبات
field-by = مجمّعة حسب
field-constituency = الفئة الممثَّلة
field-due_on = تاريخ الاستحقاق
field-file = الملف
field-from = من
field-held_on = تاريخ الاجتماع
field-items = القضايا والبلاغات
field-level = مستوى المنطقة
field-limit = عدد النتائج
field-member = العضو
field-method = الطريقة
field-minutes = المحضر
field-organisation_id = الجهة
field-owner_id = الجهة المسؤولة
field-page = الصفحة
field-parent = المنطقة الأعلى
field-partners = الشركاء
field-present = الحاضرون
field-q = البحث
field-ranking = الترتيب
field-response = الرد
field-rule = القاعدة
field-severity = درجة الاستعجال
field-sex = الجنس
field-status = الحالة
field-tags = الوسوم
field-user_id = الموظف
field-value = الإجابة المحسوبة
field-var = السؤال
field-verdict = الحكم
fielderror-not_eligible = لا يحق لهذا الموظف رؤية هذا البلاغ.
fielderror-too_many_attachments = في هذا البلاغ أكبر عدد ممكن من الصور.
fielderror-too_many_or_too_long = وسوم كثيرة أو وسم طويل (10 على الأكثر، كل منها 40 حرفاً).
fielderror-too_many_words = ابحث بخمس كلمات على الأكثر.
fielderror-unreadable_image = هذا الملف ليس صورة يمكن قراءتها (JPEG أو PNG).

# Photos from the tracking page
track-photo = أضف صورة
track-photo-hint = صورة JPEG أو PNG حتى 10 ميغابايت. يُحذف كل ما كتبته الكاميرا فيها (المكان والوقت والهاتف)؛ ولا يراها إلا الفريق الذي يتابع بلاغك.
track-photo-submit = أرسل الصورة
track-photo-thanks = أُضيفت صورتك.
track-photo-none = اختر صورة أولاً.
track-photo-type = لا يمكن إضافة إلا صور JPEG وPNG.
track-photo-size = الصورة أكبر من 10 ميغابايت.

# Bulk changes from the queue
queue-pick = اختر البلاغ رقم { $id }
queue-bulk = تغيير البلاغات المختارة
queue-bulk-assign = إسنادها إلى
queue-bulk-duplicate = تعليمها مكررة لبلاغ واحد
queue-bulk-apply = غيّرها
queue-bulk-done = { $count ->
    [zero] لم يتغير أي بلاغ.
    [one] تغيّر بلاغ واحد.
    [two] تغيّر بلاغان.
    [few] تغيّرت { $count } بلاغات.
    [many] تغيّر { $count } بلاغاً.
   *[other] تغيّر { $count } بلاغ.
}
field-concern = البلاغات المختارة
fielderror-too_many_selected = اختر 50 بلاغاً على الأكثر في المرة الواحدة.

# A photo with the report
report-photo = صورة (اختياري)
report-photo-again = اختر صورتك مرة أخرى: لا تحتفظ الصفحة المعروضة من جديد بالصورة.
receipt-photo-later = سُجّل بلاغك، لكن تعذّرت إضافة صورته: أضفها من صفحة المتابعة برمز الإيصال.

# The public dashboard
nav-dashboard = الخريطة والاتجاهات
dashboard-title = المخاوف الأمنية في { $area }
dashboard-intro = للجميع ودون تسجيل دخول: أين أُبلغ عن المخاوف، وكيف تغيّر كل نوع منها شهراً بعد شهر، وبأي سرعة استجابت المؤسسات.
dashboard-period = تحسب الخريطة والاتجاهات البلاغات الواردة خلال الأشهر الاثني عشر الكاملة من { $from } إلى { $to }. يُضاف الشهر بعد انتهائه ولا تتغير أرقامه بعد ذلك.
dashboard-total = البلاغات الواردة: { $count }
dashboard-trail = المناطق الأعلى
dashboard-map = أين أُبلغ عن المخاوف
dashboard-map-table = الخريطة على شكل جدول
dashboard-hidden = { $min ->
    [zero] أقل من { $min } (مخفي)
    [one] أقل من واحد (مخفي)
    [two] أقل من اثنين (مخفي)
   *[other] أقل من { $min } (مخفي)
}
dashboard-trends = شهراً بعد شهر، حسب نوع التهديد
dashboard-trends-none = البلاغات في هذه المنطقة أقل من أن يُعرض اتجاهها دون تعريض من أبلغوا للخطر.
dashboard-trends-scale = للرسم الأول، كل الأنواع معاً، مقياس خاص به؛ وتشترك أنواع التهديد في مقياس واحد. تُقرَّب الأعداد إلى أقرب 5؛ والشَّرطة الرمادية شهرٌ عدده أقل من أن يُعرض.
dashboard-all-kinds = كل أنواع التهديد معاً
dashboard-trends-table = الاتجاهات على شكل جدول
dashboard-response = كيف استجابت المؤسسات (آخر ربع سنة مكتمل)
dashboard-more = كل الأرقام، لكل منطقة ولكل جهة
dashboard-note = { $min ->
    [zero] حمايةً لمن يبلّغون، لا يُعرض أي رقم مبني على أقل من { $min } بلاغاً.
    [one] حمايةً لمن يبلّغون، لا يُعرض أي رقم مبني على أقل من بلاغ واحد.
    [two] حمايةً لمن يبلّغون، لا يُعرض أي رقم مبني على أقل من بلاغين.
    [few] حمايةً لمن يبلّغون، لا يُعرض أي رقم مبني على أقل من { $min } بلاغات («<{ $min }»)، وتُخفى أيضاً الأرقام التي قد يُستنتج منها رقم مخفي بالطرح.
   *[other] حمايةً لمن يبلّغون، لا يُعرض أي رقم مبني على أقل من { $min } بلاغاً («<{ $min }»)، وتُخفى أيضاً الأرقام التي قد يُستنتج منها رقم مخفي بالطرح.
}

# Situation reports
field-month = الشهر
fielderror-invalid_month = اكتب الشهر على شكل سنة-شهر، مثل 2026-11.
fielderror-month_not_over = لم ينتهِ هذا الشهر بعد؛ يُنشر تقريره عند انتهائه.
sitrep-title = تقرير الوضع: { $area }، { $month }
sitrep-period = البلاغات الواردة في { $month } (شهر انتهى)، مقارنةً بالشهر الذي قبله. تُقرَّب الأعداد إلى أقرب 5.
sitrep-received = البلاغات الواردة: { $count } (الشهر السابق: { $before })
sitrep-sections = ما يتضمنه التقرير
sitrep-categories = حسب نوع التهديد
sitrep-this-month = هذا الشهر
sitrep-last-month = الشهر السابق
sitrep-change = التغيّر
sitrep-alerts = تنبيهات الإنذار المبكر التي أُطلقت هذا الشهر
sitrep-alerts-none = لم يُطلق أي تنبيه إنذار مبكر هذا الشهر.
sitrep-response = كيف استجابت المؤسسات لبلاغات هذا الشهر
sitrep-dashboard = لوحة المنطقة
nav-sitrep = تقرير الوضع

# Channels: answers sent back through other systems
channel-received = تم استلام بلاغك. رمز الإيصال: { $receipt } — احتفظ به لمتابعة بلاغك ولا تشاركه مع أحد.
channel-status = بلاغك: { $status }.
channel-status-update = بلاغك: { $status }. آخر الأخبار: { $update }
channel-unknown-receipt = لا يوجد بلاغ بهذا الإيصال. تحقق منه وأرسله مرة أخرى.
channel-refused = لم يُسجَّل بلاغك بعد: { $problems }
channel-unavailable = لا تستطيع الخدمة استقبال رسالتك الآن. يرجى المحاولة لاحقاً.
field-name = الاسم
fielderror-taken = هذا الاسم مستخدم من قبل.
channel-name-web = الموقع
channel-name-sms = رسالة نصية
channel-name-rapidpro = RapidPro
channel-name-odk = فريق ميداني (ODK)
channel-name-assisted = سجّله باحث حالة
channel-name-open311 = Open311
channel-name-import = مستورد

# Reporting by text message
sms-which-language = 1 العربية · 2 کوردی (سۆرانی) · 3 Kurmancî · 4 English — أرسل الرقم / ژمارەکە بنێرە / Hejmarê bişîne / Reply with the number.
sms-menu = ما موضوع البلاغ؟ أرسل الرقم:
    { $menu }
sms-pick-a-number = يرجى الرد بأحد هذه الأرقام.
sms-describe = ماذا حدث؟ اكتبه بكلماتك (دون أسماء أشخاص إن أمكن).
sms-where = أين حدث ذلك؟ أرسل اسم المدينة أو القضاء أو الناحية.
sms-unknown-place = لا نعرف هذا المكان. أرسل اسم القضاء أو المحافظة.

# Assisted intake
nav-assisted = التسجيل نيابة عن مواطن
assisted-title = تسجيل بلاغ نيابة عن مواطن
assisted-intro = لمواطن لا يستطيع أو لا يرغب في الإبلاغ بنفسه. اكتب ما يقوله لك بكلماته، وأعطه الإيصال في النهاية. اسمه ورقمه اختياريان ويُحفظان مشفّرين كأي مبلّغ.
assisted-consent = موافقة المواطن
assisted-consent-text = اقرأ عليه: «سأسجّل بلاغك في أمان. لن يرى ما تقوله لي إلا الفريق الذي يتابعه. لا يُحفظ اسمك ورقمك إلا بموافقتك، ويمكنك متابعة بلاغك بإيصال سأعطيك إياه.»
assisted-consent-method = كيف وافق
assisted-consent-spoken = شفهياً
assisted-consent-written = بالتوقيع
assisted-consent-thumbprint = بالبصمة
assisted-consent-contact = يوافق على أن يتصل به الفريق الذي يتابع البلاغ
assisted-consent-referral = يوافق على إحالة البلاغ إلى جهة تستطيع المساعدة
assisted-consent-confirmed = قرأت عليه نص الموافقة ووافق
assisted-submit = سجّل البلاغ
assisted-handover = أعطِ المواطن هذا الإيصال
assisted-filed = سُجّل البلاغ. اكتب الإيصال للمواطن أو اطبعه؛ لن يُعرض مرة أخرى.
field-consent_method = كيف وافق
field-consent_confirmed = الموافقة
fielderror-outside_your_area = هذا المكان خارج منطقتك.

# Open data
field-format = الصيغة
fielderror-unknown_format = اختر hxl أو geojson.

# Open311
field-service_code = الخدمة

# Youth polls through RapidPro
field-survey = الاستبيان
fielderror-closed = هذا الاستبيان مغلق ولا يقبل إجابات أخرى.
field-run = جولة التدفق

# Field devices (ODK Collect, KoboCollect, Enketo)
odk-yes = نعم
odk-no = لا
odk-form-title = قلق يُسجَّل نيابةً عن مواطن
odk-filed = سُجِّل القلق. أعطِ المواطن هذا الإيصال: { $receipt }
odk-stored = حُفظت الإجابات.
odk-sign-in = سجّل الدخول بالبريد الإلكتروني للحساب وكلمة مرور الجهاز.
field-photo = الصورة
queue-count-more = أكثر من { $count } قلق
