# Aman — Northern Kurdish (Kurmanji, Latin script, kmr). Keys are shared with en.ftl, ar.ftl and ckb.ftl; every key exists in all of them.

app-name = Aman
app-tagline = Ewlehiya civakê: tiştê ku ewlehiya civaka te dixe xeterê, bi awayekî ewle ragihîne.
lang-name = Kurmancî
skip-to-content = Here naverokê
nav-home = Destpêk
nav-report = Raporekê bişîne
nav-track = Raporekê bişopîne
nav-staff = Karmend
nav-logout = Derkeve
footer-boundaries = Sînorên îdarî yên Iraqê © Dezgeha Navendî ya Amarê ya Iraqê (CSO) / OCHA, bi rêya HDX, CC BY-IGO. Ev sînor û nav nayên wê wateyê ku Neteweyên Yekbûyî wan dipejirînin.
footer-privacy = Aman ne navnîşana IP ya te tomar dike, ne jî amûra te.

home-title = Ji me re bêje çi civaka te dixe xeterê
home-intro = Zilamên çekdar, dijminatî û tolhildan, gotinên nefretê, xizmetguzariyên ku kar nakin, destdirêjiya karbidestan: bi çend rêzan behsa wê bike. Komîteyeke hevbeş a niştecîyan, polîs û rêveberiya herêmî li her raporekê dinêre û bi hev re biryar dide ka dê çi bê kirin.
home-report = Raporekê bişîne
home-track = Wesleke min heye
home-anonymous = Ne pêwîst e tu navê xwe bidî. Tu dê koda weslê wergirî: ew tekane rê ye ku tu rapora xwe bişopînî.
home-how-title = Çawa dixebite
home-how-1 = Tu raporekê dişînî, heke tu bixwazî bê nav.
home-how-2 = Karmend wê piştrast dikin û komîteya deverê pêşîniyan diyar dike.
home-how-3 = Polîs, rêveberiya herêmî û civaka sivîl kar dikin, û tu dikarî bişopînî ka çi diqewime.

report-title = Raporekê bişîne
report-intro = Qadên ku bi * hatine nîşankirin pêwîst in. Rapora te tenê digihîje karmendên devera te.
report-category = Çi cure xeterî ye? *
report-category-choose = Hilbijêre…
report-description = Çi diqewime? *
report-description-hint = Du-sê rêz bes in: çi, bi rastî li ku, ji kengî ve. Navên kesên ku dibe bikevin xeterê nenivîse. Di navbera { $min } û { $max } tîpan de.
report-where = Li ku? *
report-governorate = Parêzgeh
report-district = Qeza
report-subdistrict = Nahiye
report-any = — hilbijêre —
report-refine = Cihên vê deverê nîşan bide
report-place = Cih bi gotinên xwe binivîse (ne mecbûrî)
report-place-hint = Mînak: nêzîkî bazara sebzeyan li Şingalê. Paşê «Cihên vê deverê nîşan bide» bitikîne.
report-place-unknown = Me ev cih nedît. Ji lîsteyên jêrîn hilbijêre.
report-place-read = Me cihê ku te nivîsî xwend û li jêr hilbijart: kontrol bike an biguherîne, paşê bişîne.
report-or-point = An jî, heke tu dizanî, koordînat (xeta firehiyê, xeta dirêjiyê):
report-locate = Cihê min bi kar bîne
report-lat = Xeta firehiyê
report-lon = Xeta dirêjiyê
report-when = Kengî qewimî?
report-contact-title = Têkilî (ne mecbûrî)
report-contact-intro = Heke tu dixwazî bê nav bimînî, vê vala bihêle. Heke tu hejmara telefonê bidî, tenê ew karmendên ku li rapora te dinêrin dikarin wê bibînin, û tenê heke pêwîstiya wan bi têkiliya bi te re hebe.
report-contact-name = Navê te
report-contact-phone = Hejmara telefonê
report-submit = Raporê bişîne
report-errors = Ji kerema xwe qadên ku li jêr hatine nîşankirin rast bike.

receipt-title = Rapora te hate wergirtin
receipt-intro = Vê koda weslê binivîse an wêneyê wê bikişîne. Ew tekane rê ye ku tu vegerî rapora xwe: ti kes, ne jî karmend, nikare wê dîsa bide te.
receipt-code = Koda weslê
receipt-area = Dever
receipt-status = Rewş
receipt-print = Vê rûpelê bi menuya çapê ya geroka xwe çap bike, an jî kodê wek pelekî tomar bike:
receipt-copy = Weslê kopî bike
receipt-copied = Hate kopîkirin
receipt-print-button = Çap bike
receipt-save = Kodê wek pel tomar bike
receipt-track = Raporê bişopîne
receipt-file-text = Aman — wesla rapora te. Wê veşartî û li cihekî ewle biparêze: ew tekane rê ye ku tu vegerî rapora xwe.

track-title = Raporekê bişopîne
track-intro = Koda weslê ya ku te dema şandina raporê wergirtibû binivîse.
track-receipt = Koda weslê
track-submit = Nîşan bide
track-not-found = Raporeke bi vê koda weslê nehat dîtin. Kodê kontrol bike û dîsa biceribîne.
track-status = Rewş
track-category = Cureyê xeteriyê
track-area = Dever
track-submitted = Dîroka wergirtinê
track-updated = Guhertina dawî
track-updates = Agahiyên nû ji bo te
track-no-updates = Hêj agahiyên nû tune ne. Karmend dê li vir binivîsin ka çi bi rapora te tê.

status-submitted = Hate wergirtin
status-under_review = Di vekolînê de ye
status-verified = Hate piştrastkirin
status-rejected = Pêşve nehat birin
status-duplicate = Bi raporeke din a heman pirsgirêkê re hate yekkirin
status-prioritised = Di lîsteya pêşîniyên komîteyê de ye
status-in_action = Kar li ser tê kirin
status-resolved = Hate çareserkirin
status-closed = Hate girtin

category-terrorism = Terorîzm û şaneyên tundrew
category-armed_groups_weapons = Çekên li derveyî kontrola dewletê
category-tribal_conflict = Nakokiyên eşîrî
category-displacement_tension = Alozî li dor koçberkirinê
category-youth_exclusion = Perawêzxistina ciwanan
category-hate_speech = Gotinên nefretê û gotegotên xeternak
category-crime = Sûc
category-gbv = Tundiya li ser bingeha zayendê û tundiya malbatî
category-explosive_hazards = Mîn û bermayiyên teqemenî
category-services_failure = Têkçûna xizmetguzariyan
category-justice_corruption = Gendelî û bêparkirina ji dadê
category-security_conduct = Reftarên xerab ên hêzên ewlehiyê
category-other = Yên din

role-triage_officer = Karmendê pişkinîna destpêkê
role-committee_member = Endamê komîteyê
role-police_liaison = Berpirsê têkiliyan ê polîsan
role-authority_officer = Karmendê rêveberiya herêmî
role-cso_caseworker = Karmendê dosyayan ê rêxistina civaka sivîl
role-analyst = Analîst
role-administrator = Rêvebirê sîstemê

field-category = Cureyê xeteriyê
field-description = Danasîn
field-area = Dever
field-idempotency_key = Kilîta formê
field-lat = Xeta firehiyê
field-lon = Xeta dirêjiyê
field-occurred_on = Dîrok
field-language = Ziman
field-contact_name = Nav
field-contact_phone = Hejmara telefonê
field-receipt = Koda weslê
field-to = Rewşa nû
field-reason = Sedem
field-body = Nivîs
field-duplicate_of = Rapora eslî
field-email = E-mail
field-password = Şîfre

fielderror-required = Ev pêwîst e.
fielderror-unknown_category = Yek ji cureyên xeteriyê yên di lîsteyê de hilbijêre.
fielderror-too_short = Pir kurt e: herî kêm { $min } tîpan binivîse.
fielderror-too_long = Pir dirêj e: herî zêde { $max } tîpan binivîse.
fielderror-unknown_area = Ev dever nayê nasîn. Wê ji lîsteyan hilbijêre.
fielderror-invalid_idempotency_key = Ev form bi kilîteke xerabbûyî hate şandin. Formê dîsa veke û bişîne.
fielderror-outside_iraq = Ev xal li derveyî Iraqê ye. Koordînatan kontrol bike, an deverê ji lîsteyan hilbijêre.
fielderror-out_of_range = Ev hejmar li derveyî sînorê destûrdayî ye.
fielderror-invalid_number = Hejmarekê binivîse, bo nimûne 36.34.
fielderror-invalid_date = Dîrokê wek sal-meh-roj binivîse, bo nimûne 2026-11-02.
fielderror-in_future = Ev dîrok di pêşerojê de ye.
fielderror-in_past = Ev dîrok derbas bûye; îro an rojeke paştir hilbijêre.
fielderror-not_present = Ev endam di civînê de wek amade nehatiye nîşankirin.
fielderror-period_not_over = Ev çaryek hêj neqediyaye; hejmarên wê dema ku biqede tên weşandin.
fielderror-not_one_quarter = Hejmar yek çaryekê digirin: divê her du dîrok di heman çaryekê de bin.
fielderror-too_old = Ev dîrok ji pênc salan zêdetir berê ye.
fielderror-unknown_language = Erebî (ar), Kurdiya soranî (ckb), Kurmancî (kmr) an Îngilîzî (en) hilbijêre.
fielderror-invalid_phone = Hejmareke telefonê ya ji 7 heta 15 reqeman binivîse, bo nimûne 0770 123 4567.
fielderror-invalid_receipt = Koda weslê ji 24 tîp û reqeman pêk tê, bo nimûne 7KQ2-M9XD-…
fielderror-illegal_transition = Ev rewş nikare piştî rewşa niha were.
fielderror-not_found = Raporeke wiha tune ye.
fielderror-same_concern = Raporek nikare dubareya xwe be.
fielderror-unknown_status = Yek ji rewşên di lîsteyê de hilbijêre.

error-title = Şaşiyek çêbû
error-back = Vegere rûpela destpêkê
error-bad_request = Daxwaz ne derbasdar e.
error-validation_failed = Hin qad divê bên rastkirin.
error-malformed_json = Naveroka daxwazê ne JSON-eke derbasdar bi şêweyê hêvîkirî ye.
error-unsupported_media_type = Daxwazê wek application/json bişîne (an jî ji bo rûpelan wek form).
error-payload_too_large = Daxwaz pir mezin e.
error-not_found = Ev rûpel an tomar tune ye.
error-method_not_allowed = Ev navnîşan vî cureyê daxwazê qebûl nake.
error-unauthorized = Ji kerema xwe pêşî têkeve.
error-invalid_credentials = E-mail, şîfre an kod ne rast e.
error-second_factor_not_enrolled = Ji bo vê rolê sepaneke piştrastkirina du-gavî pêwîst e, lê ji bo hesabê te hêj yek nehatiye sazkirin. Ji rêvebirekî sîstemê bixwaze ku yekê saz bike.
error-forbidden = Rol an devera te destûra vê nade.
error-csrf_failed = Dema formê derbas bû. Vegere, rûpelê nû bike û dîsa biceribîne.
error-illegal_transition = Ev guhertina rewşê ji rewşa niha ya raporê ne destûr e.
error-edit_conflict = Di vê navberê de kesekî din ev rapor guhert. Wê nû bike û dîsa biceribîne.
error-rate_limited = Ji girêdana te gelek daxwaz hatin. Ji kerema xwe deqeyekê bisekine û dîsa biceribîne; tiştek winda nebûye.
error-challenge_required = Niha gelek rapor tên. Ji kerema xwe çend çirkeyan bisekine û dîsa li bişkoka şandinê bide; rapora te di formê de maye.
error-request_timeout = Gihîştina daxwazê pir dirêj kişand û tiştek nehat tomarkirin. Ji kerema xwe dîsa biceribîne.
error-internal = Şaşiyeke navxweyî çêbû. Daxwaza te nehat tomarkirin; ji kerema xwe paşê dîsa biceribîne.
error-unavailable = Xizmet bi awayekî demkî ne berdest e. Ji kerema xwe piştî kêliyekê dîsa biceribîne.

login-title = Têketina karmendan
login-email = E-mail
login-password = Şîfre
login-submit = Têkeve
login-failed = E-mail, şîfre an kod ne rast e.
login-code = Koda ji sepana piştrastkirinê
login-code-hint = Ji bo karmendên pişkinîna destpêkê û rêvebirên sîstemê pêwîst e: şeş reqem.
login-as = Têketî wek { $name } ({ $role }, { $area })

queue-title = Rêza pişkinîna destpêkê
queue-filter = Parzûn
queue-area = Dever (nav an P-code)
queue-category = Cureyê xeteriyê
queue-status = Rewş
queue-from = Ji
queue-to = Heta
queue-any = Hemû
queue-apply = Bicîh bîne
queue-export = Wek tablo daxe (CSV)
queue-search = Di danasînan de bigere
queue-tag = Etîket
queue-mine = Yên ji min re hatine spartin
queue-more-filters = Dever, cure, rewş û dîrok
queue-count = { $count ->
    [0] Ti rapor nehatin dîtin.
    [one] Yek rapor hate dîtin.
   *[other] { $count } rapor hatin dîtin.
}
queue-received = Wergirtin
queue-occurred = Qewimîn
queue-open = Veke
queue-prev = Nûtir
queue-next = Kevntir
queue-page = Rûpel { $page } ji { $pages }

concern-title = Rapor #{ $id }
concern-description = Danasîn
concern-details = Hûrgilî
concern-occurred = Dîroka qewimînê
concern-received = Dîroka wergirtinê
concern-language = Zimanê raporê
concern-duplicate-of = Dubareya rapora #{ $id }
concern-contact = Têkiliya şanderê raporê
concern-contact-none = Şanderê raporê bê nav maye.
concern-point = Xala rast
concern-point-none = Ti xaleke rast nehatiye dayîn.
concern-identity-hidden = Agahiyên têkiliyê û xala rast tenê ji karmendên pişkinîna destpêkê re xuya ne.
concern-history = Dîroka guhertinan
concern-history-empty = Hêj tiştek bi vê raporê nehatiye kirin.
concern-event-transition = { $from } → { $to }
concern-event-note = Têbîniya navxweyî
concern-event-public_update = Agahiya nû ji şanderê raporê re hate şandin
concern-by = ji aliyê { $name } ve
concern-move = Rewşê biguherîne
concern-move-to = Rewşa nû
concern-move-reason = Sedem (navxweyî, pêwîst)
concern-move-duplicate = Hejmara rapora eslî (ji bo "dubare")
concern-move-submit = Rewşê biguherîne
concern-no-moves = Ti guhertineke din a rewşê ne gengaz e.
concern-note = Têbîniya navxweyî (qet nîşanî şanderê raporê nayê dayîn)
concern-note-submit = Têbîniyê zêde bike
concern-update = Agahiya nû ji bo şanderê raporê (li rûpela şopandinê tê nîşandan; qet navan nenivîse)
concern-update-submit = Agahiya nû bişîne
concern-event-question = Pirs ji şanderê raporê re
concern-event-reply = Şanderê raporê bersiv da
concern-ask = Pirsekê ji şanderê raporê bike (ew bi wesla xwe dixwîne û dikare bersiv bide; qet navan nenivîse)
concern-ask-submit = Bipirse
concern-assignee = Karmendê berpirs
concern-assignee-none = Hêj kes tune
concern-assign = Bispêre
concern-assign-save = Bispêre
concern-tags = Etîket
concern-tags-edit = Etîket, bi virgulê ji hev cuda kirî
concern-tags-save = Etîketan tomar bike
concern-photos = Wêneyên ku şanderê raporê şandine
concern-photo = Wêne { $n } ({ $kb } KB)
concern-conflict-shown = Li jêr rapor wek ku niha ye tê nîşandan; dîsa hilbijêre.
concern-back = Vegere rêzê
concern-reading = Tiştê ku nivîs nîşan dide (ji bo kontrola te; tiştek bi xwe nayê sepandin)
concern-flagged = Ji bo vekolînê hatiye nîşankirin: dibe ku di nivîsê de gotina nefretê an handan hebe (pûan { $score }).
concern-flag-term = peyva “{ $term }” ({ $kind })
concern-flag-pattern = gotina “{ $ngram }”
concern-flag-kind-sectarian = navê mezhebî
concern-flag-kind-dehumanising = bêmirovkirin
concern-flag-kind-incitement = handan
concern-similar = Wek heman bûyerê tê xwendin wek
concern-similar-row = rapora #{ $id } ({ $percent }% dişibe, { $status }, { $date })
concern-similar-hint = Heke heman bûyer be, rewşê bike “dubare” bi hejmara rapora yekem.
concern-similar-mark = Heman bûyer: vê raporê wekî dubareya wê nîşan bide
concern-places = Cihên ku nivîs navê wan dide
concern-place-row = { $name } ({ $pcode }, { $percent }% bawerî)
concern-category-suggested = Peyvên wê cureyê “{ $category }” pêşniyar dikin ({ $terms }).
nav-audit = Tomara çavdêriyê
nav-referrals = Rewanekirin
audit-title = Tomara çavdêriyê
audit-intro = Her xwendineke hestiyar û her guhertinek, di zincîreke hash de mohrkirî. Bi `aman audit verify` kontrol bike.
audit-action = Kiryar
audit-actor = Hesab
audit-subject = Mijar
audit-when = Kengî
audit-detail = Hûrgilî
audit-count = { $count ->
    [one] Yek tomar.
   *[other] { $count } tomar.
}

# Early-warning alerts
nav-alerts = Hişyarî
alerts-title = Hişyariyên pêşwext
alerts-intro = Zêdebûna raporan (an bûyerên pevçûnê) ji yek cureyî li yek deverê, li gorî hefteyên berê. Li raporên li pişt wê binêre, li cih piştrast bike, û wê têxe rojeva komîteyê.
alerts-status = Rewş
alerts-source = Çavkanî
alerts-open-only = Tenê hişyariyên vekirî
alerts-none = Ti hişyarî nehatin dîtin.
alerts-observed = Hatiye dîtin
alerts-expected = Hêvîkirî
alerts-threshold = Sînorê hişyariyê
alerts-escalated = Di wextê xwe de nehat wergirtin; hate şandin bo
alerts-reason = Sedem
alerts-move = Biguherîne bo
alerts-save = Tomar bike
alerts-source-concerns = Raporên niştecîyan
alerts-source-events = Bûyerên pevçûnê (UCDP)
alerts-source-flagged = Raporên bi gotina nefretê an handanê (ji bo vekolînê nîşankirî)
alert-status-new = Nû
alert-status-acknowledged = Hate wergirtin
alert-status-response_planned = Bersiv hatiye plankirin
alert-status-closed = Hate girtin
alert-status-dismissed = Hate redkirin

# Surveys
nav-surveys = Rapirsî
surveys-title = Rapirsiyên civakê
surveys-intro = Ji me re bêje ka tu xwe ewle hîs dikî û tu bi kê bawer dikî. Bersiv bê nav in: nav an hejmara telefonê nayê pirsîn.
surveys-none = Niha ti rapirsî vekirî nîne.
surveys-answer = Bersiv bide
surveys-interview = Hevpeyvînekê bike
surveys-results = Encam
survey-intro = Bersiva tiştê ku tu dixwazî bide; pirsên ku ji bersivên te derdikevin, dema ku tu li "Berdewam bike" bidî xuya dibin.
survey-continue = Berdewam bike
survey-interview-mode = Moda hevpeyvînê: pirsên ku hevpeyvînker tije dike jî tên nîşandan, û bersiv wek hevpeyvîn tên tomarkirin.
survey-submit = Bersivên min bişîne
survey-thanks = Spas
survey-thanks-text = Bersivên te hatin wergirtin. Ew tenê di hejmarên giştî de tên hesabkirin; ti kes nikare bibîne ka kê ew dane.
survey-closed = Ev rapirsî di { $date } de hate girtin; êdî bersivan wernagire. Encamên wê giştî dimînin.
surveys-method = Texmînên giranîkirî bi navberên baweriyê yên 95% (xet): nirxa rastîn bi baweriya 95% di nav wê de ye. Komên ku bersivdêrên wan pir kêm in nayên nîşandan.
surveys-question = Pirs
surveys-answer-share = Rêjeya kesên ku bersiv dane
surveys-by = Li gorî komê
surveys-all-iraq = Hemû Iraq
surveys-no-responses = Hêj ti bersiv tune ne.
surveys-group = Kom
surveys-n = Bersivdêr
surveys-estimate = Texmîn
surveys-interval = Navbera 95%
surveys-suppressed = Ji { $min } bersivdêran kêmtir: nayê nîşandan
surveys-api = Heman hejmar wek JSON an CSV:
surveys-by-none = Hemû kes
surveys-by-sex = Zayend
surveys-by-age_group = Koma temenî
surveys-by-displacement = Koçberkirin
surveys-by-period = Çaryek
surveys-group-all = Hemû kes
surveys-group-female = Jin
surveys-group-male = Mêr
surveys-group-15-29 = Ciwan (15–29)
surveys-group-30-44 = 30–44
surveys-group-45-59 = 45–59
surveys-group-60plus = 60 û zêdetir
surveys-group-resident = Niştecî
surveys-group-idp = Koçberkirî (IDP)
surveys-group-returnee = Vegeriyayî
surveys-group-host = Civaka mazûvan
fielderror-not_integer = Hejmareke tam binivîse.
fielderror-not_decimal = Hejmarekê binivîse.
fielderror-not_date = Dîrokê wek sal-meh-roj binivîse.
fielderror-not_geopoint = Xeta firehiyê û xeta dirêjiyê binivîse, bo nimûne 36.34 43.13.
fielderror-unknown_choice = Yek ji bersivên di lîsteyê de hilbijêre.
fielderror-constraint = Ev bersiv ne gengaz e; kontrol bike.
fielderror-unknown_question = Pirseke wiha di vê rapirsiyê de tune ye.
fielderror-not_estimable = Tenê pirsên bi bersivên lîstekirî an bi hejmaran dikarin bên texmînkirin.
fielderror-unknown_group = Zayend (sex), koma temenî (age_group), koçberkirin (displacement) an çaryek (period) hilbijêre.
fielderror-invalid_weight = Giranî divê hejmareke erênî be.
queue-alerts = { $count ->
    [one] Yek hişyariya pêşwext a vekirî li devera te
   *[other] { $count } hişyariyên pêşwext ên vekirî li devera te
}

# Community Security Index
nav-index = Pîvera ewlehiyê
index-title = Pîvera Ewlehiya Civakê
index-intro = Xelkê her parêzgehê dibêjin ew çiqas ewle ne û çiqas xizmet digihîje wan, ji rapirsî û raporên çaryekekê hatiye berhevkirin (0 = herî nizm, 100 = herî bilind di nav parêzgehan de). Xet navbera pileyên ku parêzgehek bi maqûlî dikare bigire nîşan dide, li gorî şaşiya nimûneyê û giraniyên din ên maqûl: li cihê ku xet li ser hev dikevin, pileyan wek cuda nexwîne.
index-period = Çaryek
index-none = Ji bo vê çaryekê dane têr nakin.
index-rank = Pile
index-score = Nimre
index-interval = Pileyên maqûl
index-social = Civakî
index-economic = Aborî
index-cultural = Çandî
index-institutional = Saziyî
index-missing = Nîşanderên kêm
index-unranked = Bê pile (daneyên pir kêm):
index-method = Rêbaz: Rêbernameya OECD/JRC ya avakirina nîşanderên têkel; binêre docs/index-method.md.
index-trend = Parêzgehek di çar çaryekên dawî de

# Committees
fielderror-unknown_constituency = Yek ji komên nûnerkirî hilbijêre.
fielderror-unknown_sex = Jin, mêr an "nehatiye tomarkirin" hilbijêre.
fielderror-unknown_item = Ev babet ne di devera komîteyê de ye.
fielderror-unknown_member = Ne endamê vê komîteyê ye.
fielderror-invalid_ranking = Babetên civînê rêz bike, her yekê tenê carekê.
fielderror-unknown_method = Borda an Schulze hilbijêre.

# Committee pages
nav-committees = Komîte
committees-title = Komîteyên hevbeş ên ewlehiya civakê
committees-intro = Niştecî, jin, ciwan, koçberkirî, rêber, polîs, rêveberiya herêmî û civaka sivîl bi hev re pêşîniyan diyar dikin.
committees-none = Hêj li devera te ti komîte tune ye.
committees-members = { $count ->
    [one] yek endam
   *[other] { $count } endam
}
committees-composition-met = Şertê pêkhatinê hatiye bicîhanîn
committees-composition-unmet = Şertê pêkhatinê nehatiye bicîhanîn
committee-members = Endam
committee-member-name = Nav
committee-constituency = Nûnertî
committee-sex = Zayend
sex-female = Jin
sex-male = Mêr
sex-not_recorded = Nehatiye tomarkirin
committee-add-member = Endam zêde bike
committee-issues = Pirsgirêk (raporên ku heman pirsgirêk in)
committee-issue-concerns = { $count ->
    [one] yek rapor
   *[other] { $count } rapor
}
committee-meetings = Civîn
committee-new-issue = Pirsgirêka nû
committee-issue-title = Sernav
committee-open-concerns = Raporên vekirî yên deverê
committee-add-issue = Wek yek pirsgirêk kom bike
committee-new-meeting = Civîna nû
meeting-date = Dîrok
meeting-place = Cih
meeting-agenda = Rojev
committee-add-meeting = Civînê çêke
meeting-title = Civîna { $date }
meeting-print = Rojev û kurteya civînê ji bo çapê
meeting-attendance = Amadebûn
meeting-quorum-met = Nîsab temam e: { $present } amade ne (herî kêm { $needed } pêwîst in).
meeting-quorum-unmet = Nîsab temam nîne: { $present } amade ne, { $needed } pêwîst in (bi kêmanî jinek û endamekî civakê jî di nav de).
meeting-save-attendance = Amadebûnê tomar bike
meeting-present = amade
meeting-absent = ne amade
meeting-minutes = Kurteya civînê
meeting-decisions = Biryar
meeting-save-minutes = Kurteya civînê tomar bike
meeting-priorities = Pêşînî
meeting-no-priorities = Hêj lîsteya pêşîniyan tune ye: dengên endaman tomar bike, paşê wê hesab bike.
meeting-ballots = { $count ->
    [one] ji yek dengdanê
   *[other] ji { $count } dengdanan
}
meeting-dissent = Cudahî ji rêzkirina komîteyê (0 = heman rêz, 1 = berevajî)
meeting-ballot = Dengdana endamekî (1 = ya herî girîng)
meeting-save-ballot = Dengdanê tomar bike
meeting-method = Rêbaza hejmartinê
method-schulze = Schulze
method-borda = Hejmartina Borda
meeting-prioritise = Lîsteya pêşîniyan hesab bike
meeting-committee-ranking = Lîsteya komîteyê ({ $method })
constituency-residents = Niştecî
constituency-women = Jin
constituency-youth = Ciwan
constituency-displaced_returnees = Koçberkirî û vegeriyayî
constituency-minorities = Pêkhateyên kêmjimar
constituency-tribal_religious_leaders = Serokên eşîran û rêberên olî
constituency-police = Polîs
constituency-local_authority = Rêveberiya herêmî
constituency-civil_society = Civaka sivîl
constituency-media = Medya

# Referrals
track-referred = Rapora te ji { $organisation } re hate rewanekirin; ji wê hatiye xwestin ku heta { $date } bersiv bide.
track-responded = { $organisation } derbarê rapora te de bersiv da.
track-declined = { $organisation } red kir ku li ser rapora te kar bike; komîte dê li rêyeke din bigere.
track-responded-words = { $organisation } derbarê rapora te de bersiv da: “{ $response }”
track-declined-words = { $organisation } red kir ku li ser rapora te kar bike: “{ $response }”. Komîte dê li rêyeke din bigere.
fielderror-unknown_organisation = Rêxistineke ku xizmeta vê deverê dike hilbijêre.
fielderror-not_cleared = Ev rêxistin ne xwedî destûr e ku raporên vî cureyî wergire.
fielderror-unknown_severity = Lezgîn an asayî hilbijêre.
fielderror-unknown_action = Wergirtin, bersivdan an redkirin hilbijêre.

# Actions
track-actions = Komîte çi dike
track-action = { $title } — ji aliyê { $organisation } ve, heta { $date }
track-is-it-better = Niha baştir e?
track-better = Erê, baştir e
track-not-better = Na, ne baştir e
track-confirm-thanks = Spas: bersiva te hate tomarkirin.
track-confirm-already = Te berê derbarê vê çalakiyê de bersiv daye.
action-status-planned = Hatiye plankirin
action-status-in_progress = Berdewam e
action-status-done = Hate kirin
action-status-blocked = Asteng bûye
action-status-dropped = Hate berdan
fielderror-unknown_verdict = Bersiv bide: baştir e an ne baştir e.

# Accountability
nav-accountability = Berpirsiyarî
accountability-title = Kê bersiv da, û bi çi lezê
accountability-intro = Ji bo her kesî, bê têketin: çend rapor hatin wergirtin, çend hatin piştrastkirin, kesekî çiqas zû cara yekem bersiv da, rêxistinan di wextê xwe de bersiva rewanekirinan da an na, û komîteyan li ser wan çi kir — li gorî deverê û rêxistinê.
accountability-quarter = Çaryeka salê ya ku vê dîrokê dihewîne
accountability-period = Hejmar çaryekeke temam a qediyayî digirin: ji { $from } heta { $to }. Çaryeka niha piştî ku biqede tê weşandin.
accountability-small = { $min ->
   *[other] Hejmarên ku ji kêmtir ji { $min } raporan pêk tên wek <{ $min } tên nîşandan, da ku kesên li pişt wan bên parastin.
}
accountability-areas = Dever
accountability-organisations = Rêxistin
accountability-received = Raporên hatine wergirtin
accountability-verified = Hatine piştrastkirin
accountability-median-days = Navîna rojan heta bersiva yekem
accountability-referrals-on-time = Rewanekirinên ku di wextê xwe de bersiv wergirtine
accountability-actions-done = Çalakiyên hatine kirin
accountability-actions-overdue = Çalakiyên dereng mayî
accountability-better = Niştecî: baştir e
accountability-disputed = Niştecî: ne baştir e
track-on-agenda = Di { $date } de li ser rojeva komîteyê ye
item-confidential-concern = Raporeke nepenî
item-confidential-alert = Hişyariyek li ser cureyekî nepenî

# Referral pages
referrals-title = Rewanekirin
referrals-of-concern = Rewanekirinên rapora #{ $id }
referrals-inbox = Rewanekirinên ji rêxistina te re
referrals-none = Ti rewanekirin tune ne.
referrals-sent = hate şandin
referrals-deadline = dema bersivê
referrals-answer = Bersiv
referrals-acknowledge = Wergirtinê piştrast bike
referrals-respond = Bersiv bide
referrals-decline = Red bike (sedemê binivîse)
referrals-response = Bersiv an sedem
referrals-public = Van gotinan li rûpela weslê nîşanî şanderê raporê bide
referrals-new = Ji rêxistinekê re rewane bike
referrals-organisation = Rêxistin
referrals-severity = Asta lezgîniyê
referrals-normal = Asayî
referrals-urgent = Lezgîn
referrals-send = Rewane bike
referral-status-sent = Hate şandin
referral-status-acknowledged = Hate wergirtin
referral-status-responded = Bersiv hate dayîn
referral-status-declined = Hate redkirin
referral-escalation-committee = Dereng maye: ji komîteyê re hate bilindkirin
referral-escalation-next_level = Pir dereng maye: ji asta jortir re hate bilindkirin

# Action pages
committee-actions = Plana çalakiyan
action-overdue = dereng maye
action-confirmations = niştecî û endam: { $better } baştir, { $disputed } ne baştir
action-update = Têbîniya pêşveçûnê
action-new = Çalakiya nû
action-owner = Rêxistina berpirsiyar
action-due = Dema dawî
action-answers = Bersiva van pirsgirêk û raporan dide
action-create = Çalakiyê zêde bike
committees-new = Komîteya nû
committees-name = Nav
committees-create = Komîteyê çêke

# Composition findings
finding-no-members = Hêj ti endamên komîteyê tune ne.
finding-too-few-women = Jin: { $women } ji { $members } ({ $percent }%), ji { $min }% kêmtir — herî kêm { $needed } pêwîst in.
finding-too-few-seats = { $constituency }: { $seats } kursî, herî kêm { $min } pêwîst in.
finding-too-many-officials = Karbidest: { $officials } ji { $members } ({ $percent }%), ji { $max }% zêdetir.
finding-sex-not-recorded = Zayenda { $members } endaman nehatiye tomarkirin (wek jin nayên hejmartin).
finding-women-seat-held-by-man = { $members } ji kursiyên jinan di destê mêran de ne.

# Quick exit and the page about the service
quick-exit = Zû derkeve
footer-about = Kî vê xizmetê dimeşîne û kî çi dibîne
about-title = Derbarê vê xizmetê de
about-runs-title = Kî wê dimeşîne
about-runs = Ev xizmet ji aliyê { $operator } ve tê meşandin.
about-runs-unnamed = Rêxistina ku vê xizmetê dimeşîne navê xwe li vir nenivîsiye. Berî ku tu raporê bişînî, ji wî kesê ku ev navnîşan daye te bipirse ka kî wê dimeşîne.
about-who-title = Kî tiştê ku tu radigihînî dibîne
about-who-triage = Navê te û hejmara telefona te, heke tu wan bidî, û xala rast a ku te nîşan kiriye, tenê ji aliyê çend karmendên ku raporan rêz dikin (karmendên pişkinîna destpêkê) ve tên dîtin. Her carê ku yek ji wan van agahiyan vedike, ew tê tomarkirin.
about-who-police = Raporên derbarê reftarên polîsan an hêzên din ên ewlehiyê de qet nîşanî polîsan nayên dayîn.
about-who-confidential = Raporên tundiya li ser bingeha zayendê an tundiya malbatî û yên destdirêjiya hêzên ewlehiyê tenê ji aliyê wan karmendan ve tên dîtin ku bi taybetî destûr ji wan re hatiye dayîn.
about-who-committees = Komîte û ew rêxistinên ku rapor ji wan re tê rewanekirin dibînin ka çi qewimiye û li ku, lê qet navê te an hejmara telefona te nabînin.
about-who-public = Hejmarên giştî kombûna çaryekeke temam û deverekê ne; her hejmara ku ji çend raporên kêm pêk tê tê veşartin.
about-keep-title = Çi tê parastin, û heta kengî
about-keep-contact = Navê te, hejmara telefona te û xala rast { $days } roj piştî girtina rapora te tên jêbirin. Tiştê ku qewimiye, bêyî wan, tê parastin.
about-keep-device = Ev xizmet ne navnîşana IP ya te tomar dike, ne jî tiştekî derbarê amûra te de.
about-keep-receipt = Tenê wesla te dihêle ku kesek ji derve rapora te bişopîne. Wê li cihekî ewle biparêze, an jî ji ber bike.
about-exit-title = Zû derketin
about-exit = Bişkoka sor a li jorê her rûpelê te dibe lêgerîneke li ser rewşa hewayê û vê rûpelê ji bişkoka vegerê radike. Du caran pêlkirina Escape jî heman tiştî dike.
queue-referrals = { $count ->
    [one] Rewanekirinek li benda bersiva rêxistina te ye
   *[other] { $count } rewanekirin li benda bersiva rêxistina te ne
}

# Conversation with the reporter
track-messages = Peyam
track-message-you = Tu
track-message-staff = Tîma ku rapora te dişopîne
track-reply = Bersiva te
track-reply-hint = Tenê tîma ku rapora te dişopîne wê dixwîne. Ne pêwîst e tu navê xwe bidî.
track-reply-submit = Bersivê bişîne
track-reply-thanks = Bersiva te hate şandin.
fielderror-no_question = Tu dikarî bersiv bidî piştî ku tîm tiştekî ji te bipirse.
fielderror-too_many_messages = Di vê raporê de jixwe gelek peyam hene; heke tiştekî nû qewimî, raporeke nû bişîne.

# Field names and field errors of every form
field-action = Kiryar
field-actor = Karmend
field-assignee = Karmendê berpirs
field-ballots = Rêzkirin
field-by = Li gorî
field-constituency = Koma nûnerkirî
field-due_on = Dîroka dawî
field-file = Pel
field-from = Ji
field-held_on = Dîroka civînê
field-items = Pirsgirêk û rapor
field-level = Asta deverê
field-limit = Hejmara encaman
field-member = Endam
field-method = Rêbaz
field-minutes = Kurteya civînê
field-organisation_id = Rêxistin
field-owner_id = Rêxistina berpirsiyar
field-page = Rûpel
field-parent = Devera jortir
field-partners = Hevkar
field-present = Amade
field-q = Lêgerîn
field-ranking = Rêzkirin
field-response = Bersiv
field-rule = Rêzik
field-severity = Asta lezgîniyê
field-sex = Zayend
field-status = Rewş
field-tags = Etîket
field-user_id = Karmend
field-value = Bersiva hatiye hesabkirin
field-var = Pirs
field-verdict = Biryar
fielderror-not_eligible = Destûra vî karmendî tune ye ku vê raporê bibîne.
fielderror-too_many_attachments = Ev rapor jixwe gihîştiye hejmara herî zêde ya wêneyan.
fielderror-too_many_or_too_long = Gelek etîket, an etîketek pir dirêj (herî zêde 10, her yek herî zêde 40 tîp).
fielderror-too_many_words = Bi herî zêde pênc peyvan bigere.
fielderror-unreadable_image = Ev pel ne wêneyekî xwendinbar e (JPEG an PNG).

# Photos from the tracking page
track-photo = Wêneyekî zêde bike
track-photo-hint = Wêneyekî JPEG an PNG heta 10 MB. Her tiştê ku kamerayê tê de nivîsiye (cih, dem, telefon) tê jêbirin; tenê tîma ku rapora te dişopîne wêneyê dibîne.
track-photo-submit = Wêneyê bişîne
track-photo-thanks = Wêneyê te hate zêdekirin.
track-photo-none = Pêşî wêneyekî hilbijêre.
track-photo-type = Tenê wêneyên JPEG û PNG dikarin bên zêdekirin.
track-photo-size = Wêne ji 10 MB mezintir e.

# Bulk changes from the queue
queue-pick = Rapora #{ $id } hilbijêre
queue-bulk = Raporên nîşankirî biguherîne
queue-bulk-assign = Wan bispêre
queue-bulk-duplicate = Wan wek dubareyên yek raporê nîşan bike
queue-bulk-apply = Wan biguherîne
queue-bulk-done = { $count ->
    [one] Yek rapor hate guhertin.
   *[other] { $count } rapor hatin guhertin.
}
field-concern = Raporên nîşankirî
fielderror-too_many_selected = Di carekê de herî zêde 50 raporan nîşan bike.

# A photo with the report
report-photo = Wêneyek (ne mecbûrî)
report-photo-again = Wêneyê xwe dîsa hilbijêre: rûpeleke ku dîsa tê nîşandan nikare wêneyê biparêze.
receipt-photo-later = Rapora te hate tomarkirin, lê wêneyê wê nehat zêdekirin: bi wesla xwe wêneyê ji rûpela şopandinê zêde bike.

# The public dashboard
nav-dashboard = Nexşe û meyl
dashboard-title = Xemên ewlehiyê li { $area }
dashboard-intro = Ji bo her kesî, bêyî têketinê: xem li ku hatin ragihandin, her cure meh bi meh çawa guherî, û saziyan çiqas zû bersiv dan.
dashboard-period = Nexşe û meyl raporên ku di diwanzdeh mehên temam de, ji { $from } heta { $to }, hatine wergirtin dihejmêrin. Mehek piştî ku diqede tê zêdekirin û paşê naguhere.
dashboard-total = Raporên wergirtî: { $count }
dashboard-trail = Deverên jorê
dashboard-map = Xem li ku hatin ragihandin
dashboard-map-table = Nexşe wek tablo
dashboard-hidden = { $min ->
    [one] kêmtir ji yekê (veşartî)
   *[other] kêmtir ji { $min } (veşartî)
}
dashboard-trends = Meh bi meh, li gorî cureyê xeterê
dashboard-trends-none = Raporên vê deverê ewqas kêm in ku meyla wan bêyî xistina raporkeran di xeterê de nayê nîşandan.
dashboard-trends-scale = Grafîka yekem, hemû cure bi hev re, pîvaneke xwe heye; cureyên xeterê pîvanekê parve dikin. Hejmar li 5-a herî nêzîk têne girover kirin; xêzeke gewr mehek e ku hejmara wê ji bo nîşandanê pir kêm e.
dashboard-all-kinds = Hemû cureyên xeterê bi hev re
dashboard-trends-table = Meyl wek tablo
dashboard-response = Saziyan çawa bersiv dan (çaryeka temam a dawî)
dashboard-more = Hemû hejmar, ji bo her deverê û her rêxistinê
dashboard-note = { $min ->
    [one] Ji bo parastina raporkeran, tu hejmarek ji kêmtir ji raporekê nayê nîşandan.
   *[other] Ji bo parastina raporkeran, tu hejmarek ji kêmtir ji { $min } raporan nayê nîşandan ("<{ $min }"), û hejmarên ku bi derxistinê hejmareke veşartî eşkere dikin jî têne veşartin.
}

# Situation reports
field-month = Meh
fielderror-invalid_month = Mehê wek sal-meh binivîse, bo nimûne 2026-11.
fielderror-month_not_over = Ev meh hîn neqediyaye; rapora wê dema ku biqede tê weşandin.
sitrep-title = Rapora rewşê: { $area }, { $month }
sitrep-period = Raporên ku di { $month } de hatine wergirtin (mehek ku qediyaye), li kêleka meha berê. Hejmar li 5-a herî nêzîk têne girover kirin.
sitrep-received = Raporên wergirtî: { $count } (meha berê: { $before })
sitrep-sections = Rapor çi dihewîne
sitrep-categories = Li gorî cureyê xeterê
sitrep-this-month = Vê mehê
sitrep-last-month = Meha berê
sitrep-change = Guhertin
sitrep-alerts = Hişyariyên pêşwext ên vê mehê
sitrep-alerts-none = Vê mehê tu hişyariya pêşwext derneket.
sitrep-response = Saziyan çawa bersiva raporên vê mehê dan
sitrep-dashboard = Dashboarda deverê
nav-sitrep = Rapora rewşê

# Channels: answers sent back through other systems
channel-received = Rapora te hate wergirtin. Wesla te: { $receipt } — wê biparêze da ku rapora xwe bişopînî, û bi kesî re parve neke.
channel-status = Rapora te: { $status }.
channel-status-update = Rapora te: { $status }. Nûçeya dawî: { $update }
channel-unknown-receipt = Tu rapor bi vê weslê tune ye. Wê kontrol bike û dîsa bişîne.
channel-refused = Rapora te hîn nehat tomarkirin: { $problems }
channel-unavailable = Xizmet niha nikare peyama te werbigire. Ji kerema xwe paşê dîsa biceribîne.
field-name = Nav
fielderror-taken = Ev nav berê hatiye bikaranîn.
channel-name-web = Malper
channel-name-sms = Peyama kurt
channel-name-rapidpro = RapidPro
channel-name-odk = Tîma meydanî (ODK)
channel-name-assisted = Karmendê dozê tomar kir
channel-name-open311 = Open311
channel-name-import = Hatiye anîn

# Reporting by text message
sms-which-language = 1 العربية · 2 کوردی (سۆرانی) · 3 Kurmancî · 4 English — أرسل الرقم / ژمارەکە بنێرە / Hejmarê bişîne / Reply with the number.
sms-menu = Rapor li ser çi ye? Hejmarê bişîne:
    { $menu }
sms-pick-a-number = Ji kerema xwe bi yek ji van hejmaran bersiv bide.
sms-describe = Çi qewimî? Bi gotinên xwe binivîse (heke dikarî bêyî navên kesan).
sms-where = Li ku qewimî? Navê bajar, qeza an nahiyê bişîne.
sms-unknown-place = Em vî cihî nas nakin. Navê qeza an parêzgehê bişîne.

# Assisted intake
nav-assisted = Ji bo niştecîyekî tomar bike
assisted-title = Ji bo niştecîyekî raporekê tomar bike
assisted-intro = Ji bo niştecîyekî ku nikare an naxwaze bi xwe rapor bide. Tiştê ku ji te re dibêje bi gotinên wî binivîse û di dawiyê de weslê bide wî. Nav û hejmara wî ne mecbûrî ne û wek her raporkerî bi veşartî têne parastin.
assisted-consent = Razîbûna niştecî
assisted-consent-text = Vê ji wî re bixwîne: "Ez ê xema te di Amanê de tomar bikim. Tenê tîma ku li ser dixebite dê tiştê ku tu ji min re dibêjî bibîne. Nav û hejmara te tenê bi razîbûna te têne parastin, û tu dikarî bi weslekê ku ez ê bidim te rapora xwe bişopînî."
assisted-consent-method = Çawa razî bû
assisted-consent-spoken = Bi devkî
assisted-consent-written = Bi îmze
assisted-consent-thumbprint = Bi şopa tiliyê
assisted-consent-contact = Razî ye ku tîma li ser dixebite bi wî re têkilî dayne
assisted-consent-referral = Razî ye ku rapor ji rêxistineke ku dikare alîkariyê bike re were rewanekirin
assisted-consent-confirmed = Min nivîsa razîbûnê jê re xwend û ew razî bû
assisted-submit = Raporê tomar bike
assisted-handover = Vê weslê bide niştecî
assisted-filed = Rapor hate tomarkirin. Weslê ji niştecî re binivîse an çap bike; careke din nayê nîşandan.
field-consent_method = Çawa razî bû
field-consent_confirmed = Razîbûn
fielderror-outside_your_area = Ev cih li derveyî devera te ye.

# Open data
field-format = Format
fielderror-unknown_format = hxl an geojson hilbijêre.

# Open311
field-service_code = Xizmet

# Youth polls through RapidPro
field-survey = Rapirsî
fielderror-closed = Ev rapirsî girtî ye û êdî bersivan wernagire.
field-run = Gera herikê

# Field devices (ODK Collect, KoboCollect, Enketo)
odk-yes = Erê
odk-no = Na
odk-form-title = Xemeke ji bo welatiyekî tê tomarkirin
odk-filed = Hat tomarkirin. Vê wergirtinê bide welatî: { $receipt }
odk-stored = Bersiv hatin tomarkirin.
odk-sign-in = Bi e-maîla hesabê û şîfreya cîhazê têkeve.
field-photo = Wêne
queue-count-more = Ji { $count } xeman zêdetir
