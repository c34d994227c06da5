//! The words of a text that never name a place by themselves: prepositions,
//! the words for kinds of area and landmark, and common words whose
//! consonants happen to spell a place.

/// Generic words and prepositions, in the languages people write. Written
/// as people write them; normalised when the lexicon is built.
#[rustfmt::skip]
pub(super) const GENERIC: &[&str] = &[
    // English (and UCDP's transliterated admin words)
    "near", "in", "on", "of", "from", "to", "into", "by", "around", "outside", "inside", "between", "and",
    "or", "city", "town", "village", "villages", "district", "province", "governorate", "subdistrict", "sub",
    "county", "region", "area", "areas", "neighbourhood", "neighborhood", "quarter", "market", "bridge",
    "road", "street", "camp", "complex", "hay", "qada", "qadaa", "qadha", "nahiya", "nahia", "nahiyah",
    "nahiyat", "markaz", "center", "centre", "muhafazat", "muhafazah", "mountain", "mountains", "mount",
    "river", "lake", "dam", "valley", "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "central", "outskirts", "vicinity", "iraq", "kurdistan", "qtr", "sector", "zone", "is", "was",
    "were", "with", "for",
    // Common English words whose consonants spell a place ("Someone" and
    // Qayyarah, "here" and Hira): never a place in a report.
    "here", "there", "all", "nothing", "no", "not", "this", "that", "it", "we", "they", "people", "please",
    "someone", "somebody", "anyone", "everyone", "nobody", "something", "anything", "everything", "one",
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "man", "men", "woman", "women",
    "child", "children", "family", "families", "house", "home", "school", "night", "day", "morning",
    "evening", "today", "yesterday", "week", "month", "year", "time", "our", "their", "his", "her", "my",
    "your", "he", "she", "you", "i", "me", "us", "them", "who", "what", "when", "where", "why", "how", "has",
    "have", "had", "be", "been", "being", "do", "did", "does", "done", "made", "make", "said", "says", "told",
    "tell", "came", "come", "went", "go", "gone", "left", "leave", "took", "take", "gave", "give", "given",
    "got", "get", "saw", "see", "seen", "know", "knew", "want", "need", "needs", "help", "again", "still",
    "very", "many", "much", "more", "most", "some", "any", "every", "each", "other", "others", "after",
    "before", "since", "during", "until", "about", "because", "but", "if", "so", "than", "then", "now",
    "also", "only", "just", "like", "over", "under", "up", "down", "out", "off", "report", "reported",
    "reports", "location", "map", "place", "without", "within", "armed", "threats", "threat", "shooting",
    "gunfire", "water", "electricity", "power", "police", "army", "road", "shell",
    // Arabic
    "في", "قرب", "بالقرب", "قريب", "عند", "من", "الى", "إلى", "عن", "بين", "و", "او", "حي", "احياء", "قرية",
    "قرى", "مدينة", "ناحية", "قضاء", "محافظة", "منطقة", "مركز", "سوق", "جسر", "شارع", "طريق", "مخيم", "مجمع",
    "قصبة", "بلدة", "ساحة", "جامع", "مسجد", "مدرسة", "مستشفى", "سيطرة", "نقطة", "داخل", "خارج", "شمال",
    "شمالي", "جنوب", "جنوبي", "شرق", "شرقي", "غرب", "غربي", "وسط", "اطراف", "ضواحي", "العراق", "مقاطعة",
    "مدخل", "تقاطع", "اقليم",
    // Landmarks every town has, and the words that go with them: "سوق
    // الخضار" (the vegetable market) names no place, though the DTM list
    // holds one location of that name.
    "خضار", "الخضار", "خضره", "الخضرة", "العام", "الكبير", "الشعبي", "المركزي", "الصحي", "الابتدائية",
    "الشرطة", "البلدية", "النقل", "كراج", "ملعب", "الملعب", "حديقة", "الحديقة", "مخبز", "فرن",
    "دائرة", "مشروع", "الماء", "المستشفى", "الجامع", "المدرسة", "السيطرة", "الجسر", "السوق",
    "vegetable", "vegetables", "general", "main", "big", "hospital", "mosque", "bakery", "garage", "park",
    "stadium", "station", "checkpoint", "municipality", "health", "plant", "football", "ground",
    // Sorani
    "لە", "لەناو", "نزیک", "نزیکی", "شار", "شاری", "شارۆچکە", "شارۆچکەی", "گوند", "گوندی", "ناحیەی", "قەزا",
    "قەزای", "پارێزگا", "پارێزگای", "ناوەندی", "ناوچە", "ناوچەی", "گەڕەک", "گەڕەکی", "بازاڕ", "بازاڕی", "پرد",
    "پردی", "شەقام", "شەقامی", "کەمپ", "کەمپی", "بۆ", "لای", "هەرێم", "هەرێمی",
    // Kurmanji
    "li", "ji", "di", "de", "da", "nêzîk", "nêzîkî", "bajar", "bajarê", "bajarok", "bajarokê", "gund",
    "gundê", "navçe", "navçeya", "navenda", "parêzgeh", "parêzgeha", "qeza", "qezaya", "nahiye", "nahiya",
    "herêm", "herêma", "tax", "taxa", "bazar", "bazara", "pira", "kolan", "kolana", "kamp", "kampa", "û",
];

/// Generic words that say a settlement is meant: "Baghdad city", "مدينة
/// بغداد", "شاری سلێمانی", "bajarê Duhokê". A name beside one is read as the
/// town or village rather than the area named after it.
#[rustfmt::skip]
pub(super) const SETTLEMENT: &[&str] = &[
    "city", "town", "village", "مدينة", "بلدة", "قرية", "قصبة", "شار", "شاری", "شارۆچکە", "شارۆچکەی", "گوند",
    "گوندی", "bajar", "bajarê", "bajarok", "bajarokê", "gund", "gundê",
];
