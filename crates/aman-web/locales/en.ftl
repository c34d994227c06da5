# Aman — English. Keys are shared by ar.ftl and ckb.ftl; every key exists in all three.

app-name = Aman
app-tagline = Community security: report what threatens your community's safety, safely.
lang-name = English
skip-to-content = Skip to content
nav-home = Home
nav-report = Report a concern
nav-track = Follow a concern
nav-staff = Staff
nav-logout = Log out
footer-boundaries = Iraq administrative boundaries © Central Statistics Organization (CSO) Iraq / OCHA, via HDX, CC BY-IGO. Boundaries and names do not imply endorsement by the United Nations.
footer-privacy = Aman does not record your IP address or device.

home-title = Tell us what threatens your community
home-intro = Armed men, feuds, hate speech, failing services, abuse by officials: describe it in a few lines. A joint committee of residents, police and local authority reviews every concern and decides together what to do.
home-report = Report a concern
home-track = I have a receipt
home-anonymous = You do not need to give your name. You will receive a receipt code: it is the only way to follow your concern.
home-how-title = How it works
home-how-1 = You report a concern, anonymously if you wish.
home-how-2 = Staff verify it and the area's committee sets priorities.
home-how-3 = Police, local authority and civil society act, and you can follow what happens.

report-title = Report a concern
report-intro = Fields marked * are required. Your concern reaches the staff of your area only.
report-category = What kind of threat? *
report-category-choose = Choose…
report-description = What is happening? *
report-description-hint = Two or three lines are enough: what, where exactly, since when. Do not write names of people who could be put at risk. Between { $min } and { $max } characters.
report-where = Where? *
report-governorate = Governorate
report-district = District
report-subdistrict = Sub-district
report-any = — choose —
report-refine = Show the places in this area
report-or-point = Or, if you know them, the coordinates (latitude, longitude):
report-lat = Latitude
report-lon = Longitude
report-when = When did it happen?
report-contact-title = Contact (optional)
report-contact-intro = Leave this empty to stay anonymous. If you give a phone number, only the staff who handle your concern can see it, and only if they need to reach you.
report-contact-name = Your name
report-contact-phone = Phone number
report-submit = Send the concern
report-errors = Please correct the fields marked below.

receipt-title = Your concern was received
receipt-intro = Write down this receipt code or take a photo of it. It is the only way back to your concern: nobody, not even the staff, can give it to you again.
receipt-code = Receipt code
receipt-area = Area
receipt-status = Status
receipt-print = Print this page with your browser's print menu, or save the code as a file:
receipt-save = Save the code as a file
receipt-track = Follow the concern
receipt-file-text = Aman — receipt for your concern. Keep it secret and safe: it is the only way back to your concern.

track-title = Follow a concern
track-intro = Enter the receipt code you received when you reported the concern.
track-receipt = Receipt code
track-submit = Show
track-not-found = No concern has this receipt code. Check it and try again.
track-status = Status
track-category = Kind of threat
track-area = Area
track-submitted = Received on
track-updated = Last change
track-updates = Updates for you
track-no-updates = No updates yet. Staff will post here what becomes of your concern.

status-submitted = Received
status-under_review = Under review
status-verified = Verified
status-rejected = Not taken forward
status-duplicate = Joined with another report of the same problem
status-prioritised = On the committee's priority list
status-in_action = Action under way
status-resolved = Resolved
status-closed = Closed

category-terrorism = Terrorism and extremist cells
category-armed_groups_weapons = Weapons outside state control
category-tribal_conflict = Tribal conflict
category-displacement_tension = Tensions around displacement
category-youth_exclusion = Exclusion of youth
category-hate_speech = Hate speech and dangerous rumours
category-crime = Crime
category-gbv = Gender-based and domestic violence
category-explosive_hazards = Mines and explosive remnants
category-services_failure = Failing services
category-justice_corruption = Corruption and denial of justice
category-security_conduct = Misconduct by security forces
category-other = Other

role-triage_officer = Triage officer
role-committee_member = Committee member
role-police_liaison = Police liaison
role-authority_officer = Local authority officer
role-cso_caseworker = CSO caseworker
role-analyst = Analyst
role-administrator = Administrator

field-category = Kind of threat
field-description = Description
field-area = Area
field-lat = Latitude
field-lon = Longitude
field-occurred_on = Date
field-language = Language
field-contact_name = Name
field-contact_phone = Phone number
field-receipt = Receipt code
field-to = New status
field-reason = Reason
field-body = Text
field-duplicate_of = Original concern
field-email = Email
field-password = Password

fielderror-required = This is required.
fielderror-unknown_category = Choose one of the listed kinds of threat.
fielderror-too_short = Too short: write at least { $min } characters.
fielderror-too_long = Too long: write at most { $max } characters.
fielderror-unknown_area = This area is not known. Choose it from the lists.
fielderror-outside_iraq = This point is outside Iraq. Check the coordinates, or choose the area from the lists.
fielderror-out_of_range = This number is out of range.
fielderror-invalid_number = Write a number, for example 36.34.
fielderror-invalid_date = Write the date as year-month-day, for example 2026-11-02.
fielderror-in_future = This date is in the future.
fielderror-too_old = This date is more than five years ago.
fielderror-unknown_language = Choose Arabic (ar), Kurdish (ckb) or English (en).
fielderror-invalid_phone = Write a phone number of 7 to 15 digits, for example 0770 123 4567.
fielderror-invalid_receipt = A receipt code has 24 letters and digits, for example 7KQ2-M9XD-…
fielderror-illegal_transition = This status cannot follow the current one.
fielderror-not_found = No such concern.
fielderror-same_concern = A concern cannot duplicate itself.
fielderror-unknown_status = Choose one of the listed statuses.

error-title = Something went wrong
error-back = Back to the home page
error-bad_request = The request is not valid.
error-validation_failed = Some fields need correcting.
error-malformed_json = The request body is not valid JSON of the expected shape.
error-unsupported_media_type = Send the request as application/json (or as a form for pages).
error-payload_too_large = The request is too large.
error-not_found = This page or record does not exist.
error-method_not_allowed = This address does not accept this kind of request.
error-unauthorized = Please log in first.
error-invalid_credentials = The email or password is not correct.
error-forbidden = Your role or area does not allow this.
error-csrf_failed = The form expired. Go back, reload the page and try again.
error-illegal_transition = This status change is not allowed from the concern's current status.
error-edit_conflict = Someone else changed this concern meanwhile. Reload it and try again.
error-rate_limited = Too many requests from your connection. Please wait a minute and try again; nothing was lost.
error-internal = An internal error occurred. Your request was not saved; please try again later.
error-unavailable = The service is temporarily unavailable. Please try again in a moment.

login-title = Staff log in
login-email = Email
login-password = Password
login-submit = Log in
login-failed = The email or password is not correct.
login-as = Logged in as { $name } ({ $role }, { $area })

queue-title = Triage queue
queue-filter = Filter
queue-area = Area (P-code)
queue-category = Kind of threat
queue-status = Status
queue-from = From
queue-to = To
queue-any = Any
queue-apply = Apply
queue-count = { $count ->
    [0] No concerns match.
    [one] One concern matches.
   *[other] { $count } concerns match.
}
queue-received = Received
queue-occurred = Happened
queue-open = Open
queue-prev = Newer
queue-next = Older
queue-page = Page { $page } of { $pages }

concern-title = Concern #{ $id }
concern-description = Description
concern-details = Details
concern-occurred = Happened on
concern-received = Received
concern-language = Language of the report
concern-duplicate-of = Duplicate of concern #{ $id }
concern-contact = Reporter's contact
concern-contact-none = The reporter stayed anonymous.
concern-point = Exact point
concern-point-none = No exact point was given.
concern-identity-hidden = Contact details and the exact point are visible to triage officers only.
concern-history = History
concern-history-empty = Nothing has happened to this concern yet.
concern-event-transition = { $from } → { $to }
concern-event-note = Internal note
concern-event-public_update = Update sent to the reporter
concern-by = by { $name }
concern-move = Change status
concern-move-to = New status
concern-move-reason = Why (internal, required)
concern-move-duplicate = Original concern number (for "duplicate")
concern-move-submit = Change status
concern-no-moves = No further status change is possible.
concern-note = Internal note (never shown to the reporter)
concern-note-submit = Add note
concern-update = Update for the reporter (shown on the tracking page; never write names)
concern-update-submit = Send update
concern-conflict-shown = Below is the concern as it is now; choose again.
concern-back = Back to the queue
nav-audit = Audit log
audit-title = Audit log
audit-intro = Every sensitive read and every change, sealed in a hash chain. Check it with `aman audit verify`.
audit-action = Action
audit-actor = Account
audit-subject = Subject
audit-when = When
audit-detail = Detail
audit-count = { $count ->
    [one] One entry.
   *[other] { $count } entries.
}
