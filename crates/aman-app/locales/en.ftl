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
report-place = Write the place in your own words (optional)
report-place-hint = For example: near the vegetable market in Hay al-Jihad, Baghdad. Then press “Show the places in this area” and we choose it in the lists.
report-place-unknown = We could not find this place. Choose it in the lists below.
report-place-read = We read the place you wrote and chose it below: check it or change it, then send.
report-or-point = Or, if you know them, the coordinates (latitude, longitude):
report-locate = Use my location
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
receipt-copy = Copy the receipt
receipt-copied = Copied
receipt-print-button = Print
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
field-idempotency_key = Form key
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
fielderror-invalid_idempotency_key = This form was sent with a damaged key. Open the form again and send it.
fielderror-outside_iraq = This point is outside Iraq. Check the coordinates, or choose the area from the lists.
fielderror-out_of_range = This number is out of range.
fielderror-invalid_number = Write a number, for example 36.34.
fielderror-invalid_date = Write the date as year-month-day, for example 2026-11-02.
fielderror-in_future = This date is in the future.
fielderror-in_past = This date has passed; choose today or later.
fielderror-not_present = This member was not marked present at the meeting.
fielderror-period_not_over = This quarter is not over yet; its figures are published when it ends.
fielderror-not_one_quarter = Figures cover one quarter: both dates must fall in the same quarter.
fielderror-too_old = This date is more than five years ago.
fielderror-unknown_language = Choose Arabic (ar), Sorani Kurdish (ckb), Kurmanji Kurdish (kmr) or English (en).
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
error-invalid_credentials = The email, password or code is not correct.
error-second_factor_not_enrolled = This role needs a two-factor authenticator and none is set up for your account. Ask an administrator to set one up.
error-forbidden = Your role or area does not allow this.
error-csrf_failed = The form expired. Go back, reload the page and try again.
error-illegal_transition = This status change is not allowed from the concern's current status.
error-edit_conflict = Someone else changed this concern meanwhile. Reload it and try again.
error-rate_limited = Too many requests from your connection. Please wait a minute and try again; nothing was lost.
error-challenge_required = Many reports are arriving right now. Please wait a few seconds and press Send again; your report is kept in the form.
error-request_timeout = The request took too long to arrive and nothing was saved. Please try again.
error-internal = An internal error occurred. Your request was not saved; please try again later.
error-unavailable = The service is temporarily unavailable. Please try again in a moment.

login-title = Staff log in
login-email = Email
login-password = Password
login-submit = Log in
login-failed = The email, password or code is not correct.
login-code = Code from your authenticator app
login-code-hint = Needed for triage officers and administrators: six digits.
login-as = Logged in as { $name } ({ $role }, { $area })

queue-title = Triage queue
queue-filter = Filter
queue-area = Area (a name or a P-code)
queue-category = Kind of threat
queue-status = Status
queue-from = From
queue-to = To
queue-any = Any
queue-apply = Apply
queue-export = Download as a spreadsheet (CSV)
queue-search = Search the descriptions
queue-tag = Tag
queue-mine = Assigned to me
queue-more-filters = Area, kind, status and dates
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
concern-event-question = Question to the reporter
concern-event-reply = The reporter answered
concern-ask = Ask the reporter a question (they read it with their receipt and can answer; never write names)
concern-ask-submit = Ask
concern-assignee = Assigned to
concern-assignee-none = Nobody yet
concern-assign = Assign to
concern-assign-save = Assign
concern-tags = Tags
concern-tags-edit = Tags, separated by commas
concern-tags-save = Save tags
concern-photos = Photos sent by the reporter
concern-photo = Photo { $n } ({ $kb } KB)
concern-conflict-shown = Below is the concern as it is now; choose again.
concern-back = Back to the queue
concern-reading = What the words suggest (for you to check; nothing is applied by itself)
concern-flagged = Flagged for review: the text may hold hate speech or incitement (score { $score }).
concern-flag-term = term “{ $term }” ({ $kind })
concern-flag-pattern = wording “{ $ngram }”
concern-flag-kind-sectarian = sectarian label
concern-flag-kind-dehumanising = dehumanising
concern-flag-kind-incitement = incitement
concern-similar = Reads like the same event as
concern-similar-row = concern #{ $id } ({ $percent }% alike, { $status }, { $date })
concern-similar-hint = If it is the same event, change the status to “duplicate” with the original's number.
concern-similar-mark = Same event: mark this one its duplicate
concern-places = Places its text names
concern-place-row = { $name } ({ $pcode }, { $percent }% sure)
concern-category-suggested = Its words suggest the kind “{ $category }” ({ $terms }).
nav-audit = Audit log
nav-referrals = Referrals
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

# Early-warning alerts
nav-alerts = Alerts
alerts-title = Early-warning alerts
alerts-intro = A rise in concerns (or in conflict events) of one kind in one area, compared with the weeks before. Check the concerns behind it, verify on the ground, and put it on the committee's agenda.
alerts-status = Status
alerts-source = Source
alerts-open-only = Open alerts only
alerts-none = No alerts match.
alerts-observed = Seen
alerts-expected = Expected
alerts-threshold = Alarm above
alerts-escalated = Not acknowledged in time; sent up to
alerts-reason = Reason
alerts-move = Move to
alerts-save = Save
alerts-source-concerns = Residents' concerns
alerts-source-events = Conflict events (UCDP)
alerts-source-flagged = Concerns flagged for hate speech or incitement (for review)
alert-status-new = New
alert-status-acknowledged = Acknowledged
alert-status-response_planned = Response planned
alert-status-closed = Closed
alert-status-dismissed = Dismissed

# Surveys
nav-surveys = Surveys
surveys-title = Community surveys
surveys-intro = Tell us whether you feel safe and whom you trust. Answers are anonymous: no name or phone number is asked.
surveys-none = No survey is open at the moment.
surveys-answer = Answer
surveys-interview = Interview someone
surveys-results = Results
survey-intro = Answer what you wish; questions that follow from your answers appear when you press Continue.
survey-continue = Continue
survey-interview-mode = Interview mode: the questions the interviewer fills in are shown too, and the answers are recorded as an interview.
survey-submit = Send my answers
survey-thanks = Thank you
survey-thanks-text = Your answers were received. They count only in totals; nobody can see who gave them.
survey-closed = This survey closed on { $date }; it no longer takes answers. Its results stay public.
surveys-method = Weighted estimates with 95% confidence intervals (the bar): the true value lies within it with 95% confidence. Groups with too few respondents are not shown.
surveys-question = Question
surveys-answer-share = Share answering
surveys-by = By group
surveys-all-iraq = All of Iraq
surveys-no-responses = No responses yet.
surveys-group = Group
surveys-n = Respondents
surveys-estimate = Estimate
surveys-interval = 95% interval
surveys-suppressed = Fewer than { $min } respondents: not shown
surveys-api = The same figures as JSON or CSV:
surveys-by-none = Everyone
surveys-by-sex = Sex
surveys-by-age_group = Age group
surveys-by-displacement = Displacement
surveys-by-period = Quarter
surveys-group-all = Everyone
surveys-group-female = Women
surveys-group-male = Men
surveys-group-15-29 = Youth (15–29)
surveys-group-30-44 = 30–44
surveys-group-45-59 = 45–59
surveys-group-60plus = 60 and over
surveys-group-resident = Residents
surveys-group-idp = Displaced (IDPs)
surveys-group-returnee = Returnees
surveys-group-host = Host community
fielderror-not_integer = Write a whole number.
fielderror-not_decimal = Write a number.
fielderror-not_date = Write the date as year-month-day.
fielderror-not_geopoint = Write latitude and longitude, for example 36.34 43.13.
fielderror-unknown_choice = Choose one of the listed answers.
fielderror-constraint = This answer is not possible; check it.
fielderror-unknown_question = No such question in this survey.
fielderror-not_estimable = Only questions with listed answers or numbers can be estimated.
fielderror-unknown_group = Choose sex, age_group, displacement or period.
fielderror-invalid_weight = A weight must be a positive number.
queue-alerts = { $count ->
    [one] One open early-warning alert in your area
   *[other] { $count } open early-warning alerts in your area
}

# Community Security Index
nav-index = Safety index
index-title = Community Security Index
index-intro = How safe and well-served each governorate's people say they are, combined from surveys and reports over one quarter (0 = lowest, 100 = highest among governorates). The bar is the range of ranks a governorate plausibly takes given sampling error and other reasonable weights: where bars overlap, do not read the ranks as different.
index-period = Quarter
index-none = Not enough data for this quarter.
index-rank = Rank
index-score = Score
index-interval = Plausible ranks
index-social = Social
index-economic = Economic
index-cultural = Cultural
index-institutional = Institutional
index-missing = Missing indicators
index-unranked = Not ranked (too little data):
index-method = Method: OECD/JRC Handbook on Constructing Composite Indicators; see docs/index-method.md.
index-trend = A governorate over the last four quarters

# Committees
fielderror-unknown_constituency = Choose one of the constituencies.
fielderror-unknown_sex = Choose female, male or not recorded.
fielderror-unknown_item = This item is not in the committee's area.
fielderror-unknown_member = Not a member of this committee.
fielderror-invalid_ranking = Rank the meeting's items, each once.
fielderror-unknown_method = Choose Borda or Schulze.

# Committee pages
nav-committees = Committees
committees-title = Joint community security committees
committees-intro = Residents, women, youth, displaced people, leaders, police, local authority and civil society setting priorities together.
committees-none = No committee in your area yet.
committees-members = { $count ->
    [one] one member
   *[other] { $count } members
}
committees-composition-met = Composition rule met
committees-composition-unmet = Composition rule not met
committee-members = Members
committee-member-name = Name
committee-constituency = Represents
committee-sex = Sex
sex-female = Woman
sex-male = Man
sex-not_recorded = Not recorded
committee-add-member = Add member
committee-issues = Issues (concerns that are the same problem)
committee-issue-concerns = { $count ->
    [one] one concern
   *[other] { $count } concerns
}
committee-meetings = Meetings
committee-new-issue = New issue
committee-issue-title = Title
committee-open-concerns = Open concerns in the area
committee-add-issue = Group as one issue
committee-new-meeting = New meeting
meeting-date = Date
meeting-place = Place
meeting-agenda = Agenda
committee-add-meeting = Create meeting
meeting-title = Meeting of { $date }
meeting-print = Printable agenda and minutes
meeting-attendance = Attendance
meeting-quorum-met = Quorum met: { $present } present (at least { $needed } needed).
meeting-quorum-unmet = No quorum: { $present } present, { $needed } needed (with at least one woman and one community member).
meeting-save-attendance = Save attendance
meeting-present = present
meeting-absent = absent
meeting-minutes = Minutes
meeting-decisions = Decisions
meeting-save-minutes = Save minutes
meeting-priorities = Priorities
meeting-no-priorities = No priority list yet: record the members' ballots, then compute it.
meeting-ballots = { $count ->
    [one] from one ballot
   *[other] from { $count } ballots
}
meeting-dissent = Disagreement with the committee (0 = same order, 1 = reversed)
meeting-ballot = A member's ballot (1 = most important)
meeting-save-ballot = Save ballot
meeting-method = Counting method
method-schulze = Schulze
method-borda = Borda count
meeting-prioritise = Compute the priority list
meeting-committee-ranking = The committee's list ({ $method })
constituency-residents = Residents
constituency-women = Women
constituency-youth = Youth
constituency-displaced_returnees = Displaced people and returnees
constituency-minorities = Minorities
constituency-tribal_religious_leaders = Tribal and religious leaders
constituency-police = Police
constituency-local_authority = Local authority
constituency-civil_society = Civil society
constituency-media = Media

# Referrals
track-referred = Your report was passed to { $organisation }, which is asked to answer by { $date }.
track-responded = { $organisation } has answered about your report.
track-declined = { $organisation } declined to act on your report; the committee will look for another way.
track-responded-words = { $organisation } has answered about your report: “{ $response }”
track-declined-words = { $organisation } declined to act on your report: “{ $response }”. The committee will look for another way.
fielderror-unknown_organisation = Choose an organisation serving this area.
fielderror-not_cleared = This organisation may not receive concerns of this category.
fielderror-unknown_severity = Choose urgent or normal.
fielderror-unknown_action = Choose acknowledge, respond or decline.

# Actions
track-actions = What the committee is doing
track-action = { $title } — by { $organisation }, due { $date }
track-is-it-better = Is it better now?
track-better = Yes, it is better
track-not-better = No, it is not better
track-confirm-thanks = Thank you: your answer was recorded.
track-confirm-already = You have already answered about this action.
action-status-planned = Planned
action-status-in_progress = In progress
action-status-done = Done
action-status-blocked = Blocked
action-status-dropped = Dropped
fielderror-unknown_verdict = Answer better or disputed.

# Accountability
nav-accountability = Accountability
accountability-title = Who answered, and how fast
accountability-intro = For everyone, without logging in: how many concerns were received, how many verified, how soon someone first responded, whether organisations answered referrals in time, and what committees did about them — per area and per organisation.
accountability-quarter = The quarter containing
accountability-period = Figures cover one whole quarter that is over: { $from } to { $to }. The current quarter is published once it ends.
accountability-small = { $min ->
   *[other] Figures from fewer than { $min } concerns are shown as <{ $min } to protect the people behind them.
}
accountability-areas = Areas
accountability-organisations = Organisations
accountability-received = Concerns received
accountability-verified = Verified
accountability-median-days = Median days to first response
accountability-referrals-on-time = Referrals answered on time
accountability-actions-done = Actions done
accountability-actions-overdue = Actions overdue
accountability-better = Residents: better
accountability-disputed = Residents: not better
track-on-agenda = On the committee's agenda on { $date }
item-confidential-concern = A confidential concern
item-confidential-alert = An alert on a confidential category

# Referral pages
referrals-title = Referrals
referrals-of-concern = Referrals of concern #{ $id }
referrals-inbox = Referrals to your organisation
referrals-none = No referrals.
referrals-sent = sent
referrals-deadline = answer due
referrals-answer = Answer
referrals-acknowledge = Acknowledge receipt
referrals-respond = Respond
referrals-decline = Decline (give the reason)
referrals-response = Response or reason
referrals-public = Show these words to the reporter on their receipt page
referrals-new = Refer to an organisation
referrals-organisation = Organisation
referrals-severity = Severity
referrals-normal = Normal
referrals-urgent = Urgent
referrals-send = Refer
referral-status-sent = Sent
referral-status-acknowledged = Acknowledged
referral-status-responded = Responded
referral-status-declined = Declined
referral-escalation-committee = Overdue: escalated to the committee
referral-escalation-next_level = Long overdue: escalated to the next level up

# Action pages
committee-actions = Action plan
action-overdue = overdue
action-confirmations = residents and members: { $better } better, { $disputed } not better
action-update = Progress note
action-new = New action
action-owner = Responsible organisation
action-due = Due
action-answers = Answers these issues and concerns
action-create = Add action
committees-new = New committee
committees-name = Name
committees-create = Create committee

# Composition findings
finding-no-members = The committee has no members yet.
finding-too-few-women = Women: { $women } of { $members } ({ $percent }%), below { $min }% — at least { $needed } needed.
finding-too-few-seats = { $constituency }: { $seats } seats, at least { $min } needed.
finding-too-many-officials = Officials: { $officials } of { $members } ({ $percent }%), above { $max }%.
finding-sex-not-recorded = Sex not recorded for { $members } members (not counted as women).
finding-women-seat-held-by-man = { $members } of the women's seats are held by men.

# Quick exit and the page about the service
quick-exit = Leave quickly
footer-about = Who runs this service and who sees what
about-title = About this service
about-runs-title = Who runs it
about-runs = This service is run by { $operator }.
about-runs-unnamed = The organisation that runs this service has not written its name here. Ask whoever gave you this address who runs it before you report.
about-who-title = Who sees what you report
about-who-triage = Your name and phone number, if you give them, and the exact point you marked, are seen only by the few staff who sort reports (triage officers). Every time one of them opens them, it is recorded.
about-who-police = Reports about the conduct of the police or other security forces are never shown to the police.
about-who-confidential = Reports of gender-based or domestic violence and of abuse by security forces are seen only by staff specially cleared for them.
about-who-committees = Committees and the organisations a concern is referred to see what happened and where, never your name or phone number.
about-who-public = Public figures are totals for a whole quarter and an area; any figure from fewer than a handful of reports is hidden.
about-keep-title = What is kept, and for how long
about-keep-contact = Your name, phone number and exact point are erased { $days } days after your concern is closed. What happened is kept, without them.
about-keep-device = This service does not record your IP address or anything about your device.
about-keep-receipt = Only your receipt lets anyone follow your concern from outside. Keep it somewhere safe, or learn it by heart.
about-exit-title = Leaving quickly
about-exit = The red button at the top of every page takes you to a weather search and removes this page from the back button. Pressing Escape twice does the same.
queue-referrals = { $count ->
    [one] One referral waits for your organisation's answer
   *[other] { $count } referrals wait for your organisation's answer
}

# Conversation with the reporter
track-messages = Messages
track-message-you = You
track-message-staff = The team handling your report
track-reply = Your answer
track-reply-hint = Only the team handling your report reads it. You do not have to give your name.
track-reply-submit = Send answer
track-reply-thanks = Your answer was sent.
fielderror-no_question = You can answer once the team has asked you something.
fielderror-too_many_messages = This report has too many messages already; make a new report if something new has happened.

# Field names and field errors of every form
field-action = Action
field-actor = Staff member
field-assignee = Assigned to
field-ballots = Rankings
field-by = Grouped by
field-constituency = Constituency
field-due_on = Due date
field-file = File
field-from = From
field-held_on = Meeting date
field-items = Issues and concerns
field-level = Area level
field-limit = Number of results
field-member = Member
field-method = Method
field-minutes = Minutes
field-organisation_id = Organisation
field-owner_id = Responsible organisation
field-page = Page
field-parent = Area above
field-partners = Partners
field-present = Present
field-q = Search
field-ranking = Ranking
field-response = Answer
field-rule = Rule
field-severity = Urgency
field-sex = Sex
field-status = Status
field-tags = Tags
field-user_id = Staff member
field-value = Answer counted
field-var = Question
field-verdict = Verdict
fielderror-not_eligible = This staff member may not see this concern.
fielderror-too_many_attachments = This report already has as many photos as it can take.
fielderror-too_many_or_too_long = Too many tags, or a tag too long (at most 10, of 40 letters each).
fielderror-too_many_words = Search with at most five words.
fielderror-unreadable_image = This file is not a photo that can be read (JPEG or PNG).

# Photos from the tracking page
track-photo = Add a photo
track-photo-hint = A JPEG or PNG of up to 10 MB. Everything the camera wrote into it (place, time, phone) is removed; only the team handling your report sees it.
track-photo-submit = Send the photo
track-photo-thanks = Your photo was added.
track-photo-none = Choose a photo first.
track-photo-type = Only JPEG and PNG photos can be added.
track-photo-size = The photo is larger than 10 MB.

# Bulk changes from the queue
queue-pick = Choose concern #{ $id }
queue-bulk = Change the ticked concerns
queue-bulk-assign = Assign them to
queue-bulk-duplicate = Mark them duplicates of one concern
queue-bulk-apply = Change them
queue-bulk-done = { $count ->
    [one] One concern changed.
   *[other] { $count } concerns changed.
}
field-concern = Concerns ticked
fielderror-too_many_selected = Tick at most 50 concerns at a time.

# A photo with the report
report-photo = A photo (optional)
report-photo-again = Choose your photo again: a page shown again cannot keep it.
receipt-photo-later = Your report is filed, but its photo could not be added: add it from the tracking page with your receipt.

# The public dashboard
nav-dashboard = Map and trends
dashboard-title = Safety concerns in { $area }
dashboard-intro = For everyone, without logging in: where concerns were reported, how each kind changed month by month, and how quickly institutions answered.
dashboard-period = The map and trends count the concerns received in the twelve complete months from { $from } to { $to }. A month is added once it is over and never changes afterwards.
dashboard-total = Concerns received: { $count }
dashboard-trail = Areas above this one
dashboard-map = Where concerns were reported
dashboard-map-table = The map as a table
dashboard-hidden = { $min ->
    [one] fewer than one (hidden)
   *[other] fewer than { $min } (hidden)
}
dashboard-trends = Month by month, by kind of threat
dashboard-trends-none = Too few concerns in this area to show a trend without putting the people who reported at risk.
dashboard-trends-scale = The first chart, every kind together, has a scale of its own; the kinds of threat share one scale. Counts are rounded to the nearest 5; a grey dash is a month with too few to show.
dashboard-all-kinds = All kinds of threat together
dashboard-trends-table = The trends as a table
dashboard-response = How institutions answered (last complete quarter)
dashboard-more = Every figure, per area and per organisation
dashboard-note = { $min ->
    [one] To protect the people who report, no figure from fewer than one concern is shown.
   *[other] To protect the people who report, no figure from fewer than { $min } concerns is shown ("<{ $min }"), and figures that would let a hidden one be worked out by subtraction are hidden too.
}

# Situation reports
field-month = Month
fielderror-invalid_month = Write the month as year-month, for example 2026-11.
fielderror-month_not_over = This month is not over yet; its report is published when it ends.
sitrep-title = Situation report: { $area }, { $month }
sitrep-period = Concerns received in { $month } (a month that is over), beside the month before. Counts are rounded to the nearest 5.
sitrep-received = Concerns received: { $count } (the month before: { $before })
sitrep-sections = What the report holds
sitrep-categories = By kind of threat
sitrep-this-month = This month
sitrep-last-month = The month before
sitrep-change = Change
sitrep-alerts = Early-warning alerts raised this month
sitrep-alerts-none = No early-warning alert was raised this month.
sitrep-response = How institutions answered this month's concerns
sitrep-dashboard = The area's dashboard
nav-sitrep = Situation report

# Channels: answers sent back through other systems
channel-received = Your report was received. Your receipt: { $receipt } — keep it to follow your report, and share it with no one.
channel-status = Your report: { $status }.
channel-status-update = Your report: { $status }. Latest news: { $update }
channel-unknown-receipt = No report has this receipt. Check it and send it again.
channel-refused = Your report could not be filed yet: { $problems }
channel-unavailable = The service cannot take your message just now. Please try again later.
field-name = Name
fielderror-taken = This name is already used.
channel-name-web = Web
channel-name-sms = Text message
channel-name-rapidpro = RapidPro
channel-name-odk = Field team (ODK)
channel-name-assisted = Filed by a caseworker
channel-name-open311 = Open311
channel-name-import = Imported

# Reporting by text message
sms-which-language = 1 العربية · 2 کوردی (سۆرانی) · 3 Kurmancî · 4 English — أرسل الرقم / ژمارەکە بنێرە / Hejmarê bişîne / Reply with the number.
sms-menu = What is it about? Reply with the number:
    { $menu }
sms-pick-a-number = Please reply with one of these numbers.
sms-describe = What happened? Write it in your own words (no names of people if you can avoid them).
sms-where = Where did it happen? Send the name of the town, district or sub-district.
sms-unknown-place = We do not know this place. Send the name of the district or governorate.

# Assisted intake
nav-assisted = File for a resident
assisted-title = File a concern for a resident
assisted-intro = For a resident who cannot or would rather not report themselves. Write what they tell you, in their words; give them the receipt at the end. Their name and number are optional and sealed like any reporter's.
assisted-consent = The resident's consent
assisted-consent-text = Read this to them: "I will record your concern in Aman. Only the team that handles it will see what you tell me. Your name and number are kept only if you agree, and you can follow your concern with a receipt I will give you."
assisted-consent-method = How they agreed
assisted-consent-spoken = Spoken
assisted-consent-written = Signed
assisted-consent-thumbprint = Thumbprint
assisted-consent-contact = They agree to be contacted by the staff handling it
assisted-consent-referral = They agree that it may be referred to an organisation that can help
assisted-consent-confirmed = I read the consent text to them and they agreed
assisted-submit = File the concern
assisted-handover = Give the resident this receipt
assisted-filed = The concern is filed. Write the receipt down for the resident or print it; it is not shown again.
field-consent_method = How they agreed
field-consent_confirmed = Consent
fielderror-outside_your_area = This place is outside your area.

# Open data
field-format = Format
fielderror-unknown_format = Choose hxl or geojson.

# Open311
field-service_code = Service

# Youth polls through RapidPro
field-survey = Survey
fielderror-closed = This survey is closed and takes no more answers.
field-run = Flow run

# Field devices (ODK Collect, KoboCollect, Enketo)
odk-yes = Yes
odk-no = No
odk-form-title = Concern filed for a resident
odk-filed = Filed. Give the resident this receipt: { $receipt }
odk-stored = The answers were stored.
odk-sign-in = Sign in with the account's e-mail and its device password.
field-photo = Photo
queue-count-more = More than { $count } concerns
