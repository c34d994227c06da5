//! The words and phrases of `cargo xtask bench-dedup`'s reports, in Iraqi
//! Arabic, Sorani, Kurmanji and English (each table indexed by language, in
//! that order; the same position means the same thing in every language).
//! Written for the benchmark by the project, not taken from real reports.

/// One table of words or phrases, indexed by language.
pub type Table = [&'static [&'static str]; 4];

#[rustfmt::skip]
pub const LANDMARKS: Table = [
    &["السوق الكبير", "سوق الخضرة", "المدرسة الابتدائية", "المستشفى العام", "الجامع الكبير", "السيطرة", "الجسر", "الشارع العام", "كراج النقل", "الحديقة", "المركز الصحي", "مشروع الماء", "مركز الشرطة", "دائرة البلدية", "المخبز", "الملعب"],
    &["بازاڕی گەورە", "بازاڕی سەوزە", "قوتابخانەی سەرەتایی", "نەخۆشخانەی گشتی", "مزگەوتی گەورە", "بازگە", "پردەکە", "شەقامی سەرەکی", "گەراجی گواستنەوە", "پارکەکە", "بنکەی تەندروستی", "پڕۆژەی ئاو", "بنکەی پۆلیس", "شارەوانی", "نانەواخانە", "یاریگا"],
    &["bazara mezin", "bazara sebzeyan", "dibistana seretayî", "nexweşxaneya giştî", "mizgefta mezin", "xala kontrolê", "pira", "kolana sereke", "garaja veguhestinê", "parka", "navenda tenduristiyê", "projeya avê", "qereqola polîsan", "şaredarî", "firne", "yariga"],
    &["the main market", "the vegetable market", "the primary school", "the general hospital", "the big mosque", "the checkpoint", "the bridge", "the main road", "the bus garage", "the park", "the health centre", "the water plant", "the police station", "the municipality", "the bakery", "the football ground"],
];
#[rustfmt::skip]
pub const WEEKDAYS: Table = [
    &["السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"],
    &["شەممە", "یەکشەممە", "دووشەممە", "سێشەممە", "چوارشەممە", "پێنجشەممە", "هەینی"],
    &["şemî", "yekşem", "duşem", "sêşem", "çarşem", "pêncşem", "în"],
    &["Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
];
#[rustfmt::skip]
pub const PARTS_OF_DAY: Table = [
    &["الصبح", "الظهر", "العصر", "بالليل"],
    &["بەیانی", "نیوەڕۆ", "ئێوارە", "شەو"],
    &["sibehê", "nîvro", "êvarê", "şevê"],
    &["in the morning", "at noon", "in the afternoon", "at night"],
];
#[rustfmt::skip]
pub const NUMBERS: Table = [
    &["اثنين", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"],
    &["دوو", "سێ", "چوار", "پێنج", "شەش", "حەوت", "هەشت", "نۆ"],
    &["du", "sê", "çar", "pênc", "şeş", "heft", "heşt", "neh"],
    &["two", "three", "four", "five", "six", "seven", "eight", "nine"],
];
#[rustfmt::skip]
pub const VEHICLES: Table = [
    &["بيك اب", "تاهو", "لاندكروز", "كيا", "ستوتة", "دراجة نارية"],
    &["پیکاپ", "تاهۆ", "لاندکرۆزەر", "کیا", "ستوتە", "ماتۆڕ"],
    &["pîkap", "tahoe", "landcruiser", "kia", "tuk tuk", "motorsîklet"],
    &["pickup", "Tahoe", "Land Cruiser", "Kia minibus", "tuk-tuk", "motorbike"],
];
#[rustfmt::skip]
pub const COLOURS: Table = [
    &["بيضاء", "سوداء", "فضية", "حمراء", "زرقاء"],
    &["سپی", "ڕەش", "زیوی", "سوور", "شین"],
    &["spî", "reş", "zîvî", "sor", "şîn"],
    &["white", "black", "silver", "red", "blue"],
];
#[rustfmt::skip]
pub const TRIBES: Table = [
    &["البو عامر", "السواعد", "الجبور", "العبيد", "البو محمد", "الزيدي", "الشمري", "بني لام"],
    &["ئەلبو عامر", "سەواعید", "جبوور", "عوبەید", "ئەلبو محەمەد", "زەیدی", "شەمەر", "بەنی لام"],
    &["Elbû Amir", "Sewaid", "Cibûr", "Ubeyd", "Elbû Mihemed", "Zeydî", "Şemer", "Benî Lam"],
    &["Albu Amer", "Sawaed", "Jubour", "Obaid", "Albu Mohammed", "Zaidi", "Shammar", "Bani Lam"],
];
#[rustfmt::skip]
pub const TARGETED: Table = [
    &["المسيحيين", "الإيزيديين", "النازحين", "التركمان", "الكرد", "الشبك", "الصابئة"],
    &["مەسیحییەکان", "ئێزیدییەکان", "ئاوارەکان", "تورکمانەکان", "عەرەبەکان", "شەبەکەکان", "سابیئەکان"],
    &["xiristiyanan", "êzîdiyan", "koçberan", "tirkmenan", "ereban", "şebekan", "sabîyan"],
    &["Christians", "Yazidis", "displaced people", "Turkmen", "Kurds", "Shabak", "Sabeans"],
];
#[rustfmt::skip]
pub const OFFICES: Table = [
    &["دائرة الجوازات", "دائرة الأحوال المدنية", "دائرة التقاعد", "المرور", "دائرة الهجرة"],
    &["فەرمانگەی پاسپۆرت", "باری شارستانی", "خانەنشینی", "هاتوچۆ", "فەرمانگەی کۆچ"],
    &["nivîsgeha pasaportê", "nifûsê", "teqawîdiyê", "trafîkê", "nivîsgeha koçberiyê"],
    &["the passport office", "the civil status office", "the pension office", "the traffic directorate", "the migration office"],
];
#[rustfmt::skip]
pub const OPENERS: Table = [
    &["السلام عليكم", "الله يخليكم", "اريد ابلغ عن شي", "رجاءا", "مرحبا", "تحية طيبة"],
    &["سڵاو", "تکایە", "دەمەوێ ئاگادارتان بکەمەوە", "بەڕێزان"],
    &["silav", "ji kerema xwe", "ez dixwazim agahdar bikim", "rêzdar"],
    &["Hello", "Please help", "I want to report something", "Dear team"],
];
#[rustfmt::skip]
pub const CLOSERS: Table = [
    &["نرجو التدخل", "الناس خايفة", "محد سوى شي", "الشرطة ما اجت", "صار هواية هالشي", "ارجو عدم ذكر اسمي", "الله يحفظكم"],
    &["تکایە کارێک بکەن", "خەڵک دەترسێت", "کەس هیچی نەکرد", "پۆلیس نەهات", "ناوم مەنووسن"],
    &["ji kerema xwe alîkarî bikin", "xelk ditirsin", "kesî tiştek nekir", "polîs nehat", "navê min nenivîsin"],
    &["please do something", "people are scared", "nobody did anything", "the police never came", "this keeps happening", "please keep my name out of it"],
];
/// How places are introduced: {mark} the landmark, {place} the sub-district.
#[rustfmt::skip]
pub const WHERE: Table = [
    &["قرب {mark} في {place}", "جنب {mark} ب{place}", "ب{place} يم {mark}", "في منطقة {place} قريب على {mark}", "{place}، قرب {mark}"],
    &["لە نزیک {mark} لە {place}", "لە {place} لای {mark}", "{place}، نزیک {mark}"],
    &["li nêzîkî {mark} li {place}", "li {place} li cem {mark}", "{place}, nêzîkî {mark}"],
    &["near {mark} in {place}", "by {mark}, {place}", "in {place} next to {mark}", "{place}, close to {mark}"],
];
/// When: {day} the weekday, {part} the part of the day, {hour} the hour.
#[rustfmt::skip]
pub const WHEN: Table = [
    &["يوم {day} {part}", "{day} الساعة {hour}", "الساعة {hour} {part} يوم {day}", "{part} يوم {day} حوالي الساعة {hour}"],
    &["ڕۆژی {day} {part}", "{day} کاتژمێر {hour}", "کاتژمێر {hour}ی {part} ڕۆژی {day}"],
    &["roja {day} {part}", "{day} saet {hour}", "saet {hour} {part} roja {day}"],
    &["on {day} {part}", "{day} around {hour}", "at {hour} o'clock {part} on {day}", "{part} on {day}"],
];
/// The address inside the place: {mah} the block (mahalla), {zq} the lane.
#[rustfmt::skip]
pub const ADDRESS: Table = [
    &["محلة {mah} زقاق {zq}", "م {mah} ز {zq}", "محله {mah}"],
    &["گەڕەکی {mah} کۆڵانی {zq}", "گەڕەکی {mah}"],
    &["taxa {mah} kolana {zq}", "taxa {mah}"],
    &["block {mah} street {zq}", "block {mah}"],
];

/// One kind of threat: what happened (synonyms) and its details, per
/// language; {n}, {veh}, {col}, {t1}, {t2}, {grp}, {days}, {office} and
/// {amt} are the event's facts.
pub struct Kind {
    pub what: Table,
    pub details: Table,
}

#[rustfmt::skip]
pub const KINDS: [Kind; 8] = [
    Kind {
        // Weapons outside state control.
        what: [
            &["اطلاق نار كثيف", "رمي عشوائي", "اطلاقات نارية بالهواء", "رمي بالرصاص الحي", "صار رمي"],
            &["تەقەی زۆر", "تەقەکردن بە ئاسمان", "تەقەی چەک"],
            &["teqe li hewayê", "gulebaran", "teqeya çekan"],
            &["heavy gunfire", "shooting in the air", "random gunfire", "live rounds fired"],
        ],
        details: [
            &["من {n} سيارات {veh} {col}", "مسلحين عددهم {n}", "رجال ملثمين بسيارة {veh} {col} بدون ارقام", "اصابة {n} اشخاص"],
            &["{n} ئۆتۆمبێلی {veh}ی {col}", "{n} چەکدار", "پیاوی دەمامکدار بە {veh}ی {col}"],
            &["{n} erebeyên {veh} yên {col}", "{n} çekdar", "zilamên bi rûpoş di {veh}ek {col} de"],
            &["from {n} {col} {veh}s", "{n} armed men", "masked men in a {col} {veh} with no plates", "{n} people hurt"],
        ],
    },
    Kind {
        // Tribal disputes.
        what: [
            &["نزاع عشائري", "دكة عشائرية", "مشكلة عشائرية", "عركة بين عشيرتين"],
            &["ناکۆکی عەشایەری", "شەڕی دوو عەشیرەت"],
            &["pevçûna eşîran", "nakokiya eşîrî"],
            &["tribal dispute", "clash between two tribes", "tribal feud"],
        ],
        details: [
            &["بين {t1} و{t2}", "عشيرة {t1} هددت {t2}", "استخدموا اسلحة متوسطة وصار {n} جرحى", "بسبب قطعة ارض"],
            &["لە نێوان {t1} و {t2}", "{n} بریندار"],
            &["di navbera {t1} û {t2} de", "{n} birîndar"],
            &["between the {t1} and the {t2}", "the {t1} threatened the {t2}", "{n} wounded", "over a piece of land"],
        ],
    },
    Kind {
        // Threats to displaced families.
        what: [
            &["تهديد العوائل النازحة", "طرد عوائل نازحة", "تهديدات للنازحين"],
            &["هەڕەشە لە خێزانە ئاوارەکان", "دەرکردنی ئاوارەکان"],
            &["gefa li malbatên koçber", "derxistina koçberan"],
            &["threats against displaced families", "displaced families told to leave", "eviction threats to IDPs"],
        ],
        details: [
            &["{n} عوائل", "مسلحين طلبوا منهم يطلعون خلال {n} ايام", "كتبوا عبارات تهديد على البيوت", "المختار ما سوى شي"],
            &["{n} خێزان", "داوایان کرد لە ماوەی {n} ڕۆژدا بڕۆن"],
            &["{n} malbat", "ji wan xwestin di {n} rojan de biçin"],
            &["{n} families", "armed men gave them {n} days to leave", "threats written on their doors", "the mukhtar did nothing"],
        ],
    },
    Kind {
        // Hate speech and incitement.
        what: [
            &["خطاب كراهية", "تحريض طائفي", "منشورات تحريضية", "كلام يحرض على العنف"],
            &["وتاری ڕق", "هاندان بۆ توندوتیژی"],
            &["gotara nefretê", "handana tundiyê"],
            &["hate speech", "sectarian incitement", "posts inciting violence"],
        ],
        details: [
            &["ضد {grp}", "على الفيسبوك وصار عليها {n} مشاركة", "بمكبر صوت", "يطالبون بطرد {grp}"],
            &["دژی {grp}", "لە فەیسبووک"],
            &["li dijî {grp}", "li ser facebookê"],
            &["against {grp}", "shared {n} hundred times on Facebook", "over a loudspeaker", "calling for {grp} to be driven out"],
        ],
    },
    Kind {
        // Failing services.
        what: [
            &["انقطاع الكهرباء", "الماي مقطوع", "ماكو ماي", "الكهرباء طافية", "المجاري طافحة"],
            &["بێ کارەبا", "ئاو نییە", "بڕینی ئاو"],
            &["elektrîk tune", "av tune", "birîna avê"],
            &["no electricity", "no water", "the water is cut", "sewage flooding"],
        ],
        details: [
            &["من {days} يوم", "الاطفال مرضوا", "راجعنا البلدية {n} مرات", "المولدة عطلانة"],
            &["بۆ {days} ڕۆژ", "منداڵەکان نەخۆش کەوتن"],
            &["ji {days} rojan ve", "zarok nexweş ketin"],
            &["for {days} days", "children are getting sick", "we went to the municipality {n} times", "the generator is broken"],
        ],
    },
    Kind {
        // Abuse by officials.
        what: [
            &["موظف ياخذ رشوة", "ابتزاز من موظف", "طلبوا رشوة", "فساد بالدائرة"],
            &["فەرمانبەر بەرتیل وەردەگرێت", "داوای بەرتیل"],
            &["karmend bertîl digire", "daxwaza bertîlê"],
            &["an official taking bribes", "bribe demanded", "extortion by an official"],
        ],
        details: [
            &["في {office}", "طلب {amt} الف دينار", "ما يمشي المعاملة بدون فلوس", "منتسب بالسيطرة"],
            &["لە {office}", "{amt} هەزار دینار"],
            &["li {office}", "{amt} hezar dînar"],
            &["at {office}", "asked for {amt} thousand dinars", "won't process papers without money"],
        ],
    },
    Kind {
        // Explosive remnants of war.
        what: [
            &["جسم غريب مشبوه", "لغم ارضي", "قذيفة غير منفلقة", "عبوة ناسفة"],
            &["مینی چێنراو", "تەقەمەنی نەتەقیو"],
            &["mîna bejahî", "teqemeniya neteqiyayî"],
            &["a suspicious object", "a landmine", "an unexploded shell", "an IED"],
        ],
        details: [
            &["الاطفال يلعبون يمها", "انفجرت وصار {n} جرحى", "محد اجا يشيلها من {n} ايام"],
            &["منداڵ لە نزیکی یاری دەکەن", "{n} بریندار"],
            &["zarok li nêzîk dilîzin", "{n} birîndar"],
            &["children play next to it", "it went off and {n} were hurt", "nobody has removed it for {n} days"],
        ],
    },
    Kind {
        // Crime.
        what: [
            &["خطف", "سرقة", "سلب بقوة السلاح", "تسليب"],
            &["ڕفاندن", "دزی"],
            &["revandin", "dizî"],
            &["kidnapping", "armed robbery", "theft"],
        ],
        details: [
            &["خطفوا شاب عمره {n}{n} سنة", "سرقوا {n} محلات", "بسيارة {veh} {col}", "طلبوا فدية {amt} الف دولار"],
            &["{n} دوکان", "بە {veh}ی {col}"],
            &["{n} dikan", "bi {veh}ek {col}"],
            &["a young man was taken", "{n} shops robbed", "in a {col} {veh}", "ransom of {amt} thousand dollars"],
        ],
    },
];
