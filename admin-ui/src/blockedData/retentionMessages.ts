/**
 * The console's words for reports (domain.md §5 "Reports"), the retention of closed cases and the
 * helpdesk's blocked-data screen (§8), English and Danish, merged into i18n/en.ts and da.ts under
 * `liaison.report`, `liaison.retention` and `liaison.blocked_data` (da must have en's shape).
 */

export const reportEn = {
  title: 'Reports',
  make: 'Make a report',
  dialog_title: 'Make a report of %{number}',
  kind_label: 'Kind of report',
  kind: {
    full: 'Full report',
    'full-without-personal-data': 'Full report without personal data',
    custom: 'Custom report',
    'data-subject': 'Report for the data subject',
    'consent-form': 'Consent form',
  },
  kind_hint: {
    full: 'Everything about the request, personal data included.',
    'full-without-personal-data': 'Everything about the request except the personal data.',
    custom: 'Only the sections you choose.',
    'data-subject': 'What the data subject may receive about the exchange.',
    'consent-form': 'The report with a disclaimer and a consent for the data subject to sign.',
  },
  language: 'Language of the report',
  signed: 'Sign the report (PAdES electronic signature)',
  signed_chip: 'Signed',
  personal_data_chip: 'Personal data',
  sections: 'Sections',
  section: {
    summary: 'Summary',
    'data-subject': 'Data subject',
    questions: 'Questions and answers',
    messages: 'Messages',
    attachments: 'Attachments',
    history: 'History',
  },
  include_personal_data: 'Show personal data',
  personal_data_unavailable: 'Reports with personal data are not available to you.',
  not_allowed_kind: 'Not available to you: %{reason}',
  generating: 'Making the report. A long request can take a while…',
  made: 'The report is made. It can be downloaded for 30 days.',
  none: 'No report yet.',
  kept_note: 'Reports are kept 30 days; only your authority downloads them.',
  created: 'Made',
  expires: 'Expires',
  download: 'Download PDF',
  downloading: 'Downloading…',
};

export const reportDa: typeof reportEn = {
  title: 'Rapporter',
  make: 'Lav en rapport',
  dialog_title: 'Lav en rapport om %{number}',
  kind_label: 'Rapporttype',
  kind: {
    full: 'Fuld rapport',
    'full-without-personal-data': 'Fuld rapport uden personoplysninger',
    custom: 'Tilpasset rapport',
    'data-subject': 'Rapport til den registrerede',
    'consent-form': 'Samtykkeerklæring',
  },
  kind_hint: {
    full: 'Alt om forespørgslen, også personoplysningerne.',
    'full-without-personal-data': 'Alt om forespørgslen undtagen personoplysningerne.',
    custom: 'Kun de afsnit, du vælger.',
    'data-subject': 'Det, den registrerede må få at vide om udvekslingen.',
    'consent-form': 'Rapporten med en ansvarsfraskrivelse og et samtykke, som den registrerede skriver under på.',
  },
  language: 'Rapportens sprog',
  signed: 'Signér rapporten (elektronisk PAdES-signatur)',
  signed_chip: 'Signeret',
  personal_data_chip: 'Personoplysninger',
  sections: 'Afsnit',
  section: {
    summary: 'Resumé',
    'data-subject': 'Den registrerede',
    questions: 'Spørgsmål og svar',
    messages: 'Meddelelser',
    attachments: 'Bilag',
    history: 'Historik',
  },
  include_personal_data: 'Vis personoplysninger',
  personal_data_unavailable: 'Rapporter med personoplysninger er ikke tilgængelige for dig.',
  not_allowed_kind: 'Ikke tilgængelig for dig: %{reason}',
  generating: 'Rapporten laves. En lang forespørgsel kan tage et stykke tid…',
  made: 'Rapporten er lavet. Den kan hentes i 30 dage.',
  none: 'Ingen rapporter endnu.',
  kept_note: 'Rapporter gemmes i 30 dage; kun din myndighed kan hente dem.',
  created: 'Lavet',
  expires: 'Udløber',
  download: 'Hent PDF',
  downloading: 'Henter…',
};

export const retentionEn = {
  title: 'Retention of personal data',
  status: { active: 'Kept', blocked: 'Blocked', erased: 'Erased' },
  step: {
    closed: 'Request closed',
    block_due: 'Personal data to be blocked',
    blocked: 'Personal data blocked',
    erase_due: 'Personal data to be erased',
    erased: 'Personal data erased',
    no_blocking: 'No blocking period: erased when due',
  },
  helpdesk_only: 'The helpdesk keeps the retention dates of closed requests. Your authority may still ask for early erasure with the data subject’s consent.',
  not_started: 'Retention has not started for this case yet.',
  contests: 'Contests',
  no_contests: 'No contest recorded.',
  contest_kind: { rectification: 'Rectification', erasure: 'Erasure' },
  contest_recorded_by: 'recorded %{at} by %{by}',
  early_erasure: 'Erased early',
  early_erasure_detail: 'Reason: %{reason} · consent: %{consent} · asked by %{by}',
  erase_early: 'Erase early',
  erase_early_title: 'Erase the personal data of %{number} now',
  erase_early_content:
    'On your authority’s explicit request, with the data subject’s consent. The personal data is deleted for good; the other facts of the case stay.',
  reason: 'Reason',
  consent_reference: 'Reference of the data subject’s consent',
  erased_done: 'The personal data is erased.',
  open_blocked_data: 'Blocked data screen',
};

export const retentionDa: typeof retentionEn = {
  title: 'Opbevaring af personoplysninger',
  status: { active: 'Opbevares', blocked: 'Spærret', erased: 'Slettet' },
  step: {
    closed: 'Forespørgsel lukket',
    block_due: 'Personoplysningerne spærres',
    blocked: 'Personoplysningerne er spærret',
    erase_due: 'Personoplysningerne slettes',
    erased: 'Personoplysningerne er slettet',
    no_blocking: 'Ingen spærreperiode: slettes, når tiden er inde',
  },
  helpdesk_only: 'Helpdesken har opbevaringsdatoerne for lukkede forespørgsler. Din myndighed kan stadig bede om tidlig sletning med den registreredes samtykke.',
  not_started: 'Opbevaringsperioden er endnu ikke begyndt for denne sag.',
  contests: 'Indsigelser',
  no_contests: 'Ingen indsigelser registreret.',
  contest_kind: { rectification: 'Berigtigelse', erasure: 'Sletning' },
  contest_recorded_by: 'registreret %{at} af %{by}',
  early_erasure: 'Slettet før tid',
  early_erasure_detail: 'Begrundelse: %{reason} · samtykke: %{consent} · anmodet af %{by}',
  erase_early: 'Slet før tid',
  erase_early_title: 'Slet personoplysningerne i %{number} nu',
  erase_early_content:
    'På din myndigheds udtrykkelige anmodning og med den registreredes samtykke. Personoplysningerne slettes endeligt; sagens øvrige oplysninger bevares.',
  reason: 'Begrundelse',
  consent_reference: 'Reference til den registreredes samtykke',
  erased_done: 'Personoplysningerne er slettet.',
  open_blocked_data: 'Skærmen for spærrede data',
};

export const blockedDataEn = {
  title: 'Blocked data',
  intro:
    'Retrieve the blocked personal data of a closed case, only on a special request with the data subject’s consent or to prove that an exchange took place. Every retrieval is recorded with its reason and legal basis.',
  helpdesk_only: 'Only the helpdesk uses this screen.',
  case_type: 'Case type',
  case_types: { request: 'Information request', alert: 'Alert' },
  case: 'Request number or case id',
  open: 'Open',
  no_request_number: 'No request or alert has the number %{number}.',
  retrieve: 'Retrieve blocked data',
  retrieve_title: 'Retrieve the blocked personal data',
  reason: 'Reason (kept in the audit trail)',
  legal_basis: 'Legal basis',
  basis: {
    consent: 'A special request with the data subject’s consent',
    'proof-of-exchange': 'To prove that an exchange took place',
  },
  consent_reference: 'Reference of the data subject’s consent',
  retrieved: 'Retrieved %{at}. Legal basis: %{basis}.',
  retrieved_title: 'Retrieved personal data',
  part: { caseData: 'Case data', questions: 'Questions and comments', answers: 'Answers', messages: 'Messages', attachments: 'Attachments' },
  empty_value: '—',
  no_rows: 'None.',
  contest: 'Record a contest',
  contest_kind: 'What the data subject contests',
  contest_reference: 'Reference (e.g. the helpdesk ticket)',
  contest_note: 'The blocked data stays as it is; the contest is kept beside it.',
  contest_recorded: 'The contest is recorded.',
  open_request: 'Open the request',
};

export const blockedDataDa: typeof blockedDataEn = {
  title: 'Spærrede data',
  intro:
    'Hent en lukket sags spærrede personoplysninger, kun på en særlig anmodning med den registreredes samtykke eller for at bevise, at en udveksling fandt sted. Hver hentning registreres med begrundelse og retsgrundlag.',
  helpdesk_only: 'Kun helpdesken bruger denne skærm.',
  case_type: 'Sagstype',
  case_types: { request: 'Informationsforespørgsel', alert: 'Varsling' },
  case: 'Forespørgselsnummer eller sags-id',
  open: 'Åbn',
  no_request_number: 'Ingen forespørgsel eller advarsel har nummeret %{number}.',
  retrieve: 'Hent spærrede data',
  retrieve_title: 'Hent de spærrede personoplysninger',
  reason: 'Begrundelse (gemmes i revisionssporet)',
  legal_basis: 'Retsgrundlag',
  basis: {
    consent: 'En særlig anmodning med den registreredes samtykke',
    'proof-of-exchange': 'For at bevise, at en udveksling fandt sted',
  },
  consent_reference: 'Reference til den registreredes samtykke',
  retrieved: 'Hentet %{at}. Retsgrundlag: %{basis}.',
  retrieved_title: 'Hentede personoplysninger',
  part: { caseData: 'Sagsoplysninger', questions: 'Spørgsmål og kommentarer', answers: 'Svar', messages: 'Meddelelser', attachments: 'Bilag' },
  empty_value: '—',
  no_rows: 'Ingen.',
  contest: 'Registrér en indsigelse',
  contest_kind: 'Hvad den registrerede gør indsigelse mod',
  contest_reference: 'Reference (f.eks. helpdesk-sagen)',
  contest_note: 'De spærrede data forbliver uændrede; indsigelsen gemmes ved siden af.',
  contest_recorded: 'Indsigelsen er registreret.',
  open_request: 'Åbn forespørgslen',
};

/**
 * Retention's audit events (workflows/retention/machine.ts, api/routes/blockedData.ts) as they
 * appear in a request's timeline: `retention.<step>` is looked up under liaison.request.event.
 */
export const retentionEventsEn = {
  started: 'Retention period started',
  blocked: 'Personal data blocked',
  erased: 'Personal data erased',
  'erased-early': 'Personal data erased early',
  'contest-recorded': 'Contest recorded',
  'blocked-data-retrieved': 'Blocked data retrieved by the helpdesk',
};

export const retentionEventsDa: typeof retentionEventsEn = {
  started: 'Opbevaringsperioden er begyndt',
  blocked: 'Personoplysningerne er spærret',
  erased: 'Personoplysningerne er slettet',
  'erased-early': 'Personoplysningerne er slettet før tid',
  'contest-recorded': 'Indsigelse registreret',
  'blocked-data-retrieved': 'Spærrede data hentet af helpdesken',
};
