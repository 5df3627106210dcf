import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReportLanguage } from '../../schema/reports';
import type { ReportCaseView, ReportFact, ReportMessage, ReportQuestionRow, ReportSection } from './document';

/**
 * A request's PostgreSQL rows as the generic report machinery sees them (5.3.10): the read-model
 * row, its case data, questions with comments, answers, messages and attachments, and the audit
 * trail, each item marked `personalData` where it is, so `composeReport` can redact. Blocked rows
 * (retention, domain.md §8) are never read: blocked data never reaches a report.
 */

/** Section ids a custom report chooses from, in the report's order. */
export const requestReportSections = ['summary', 'data-subject', 'questions', 'messages', 'attachments', 'history'] as const;
export type RequestReportSection = (typeof requestReportSections)[number];

interface Words {
  caseTitle: string;
  headings: Record<RequestReportSection, string>;
  facts: {
    number: string;
    area: string;
    questionSet: string;
    status: string;
    requester: string;
    responder: string;
    createdAt: string;
    sentAt: string;
    acceptedAt: string;
    answeredAt: string;
    closedAt: string;
    deadline: string;
    subjectKind: string;
    name: string;
    reason: string;
    comment: string;
    freeText: string;
    requesterSide: string;
    responderSide: string;
  };
}

const words: Record<ReportLanguage, Words> = {
  en: {
    caseTitle: 'Information request',
    headings: { summary: 'Summary', 'data-subject': 'Case data', questions: 'Questions and answers', messages: 'Messages', attachments: 'Attachments', history: 'History' },
    facts: {
      number: 'Request number',
      area: 'Legislation area',
      questionSet: 'Question set',
      status: 'Status',
      requester: 'Requesting authority',
      responder: 'Responding authority',
      createdAt: 'Created',
      sentAt: 'Sent',
      acceptedAt: 'Accepted',
      answeredAt: 'Answered',
      closedAt: 'Closed',
      deadline: 'Deadline',
      subjectKind: 'Kind',
      name: 'Name',
      reason: 'Reason for the request',
      comment: 'Comment',
      freeText: 'Free text',
      requesterSide: 'Requesting authority',
      responderSide: 'Responding authority',
    },
  },
  da: {
    caseTitle: 'Informationsanmodning',
    headings: { summary: 'Resumé', 'data-subject': 'Sagsoplysninger', questions: 'Spørgsmål og svar', messages: 'Meddelelser', attachments: 'Bilag', history: 'Forløb' },
    facts: {
      number: 'Anmodningsnummer',
      area: 'Lovgivningsområde',
      questionSet: 'Spørgsmålsserie',
      status: 'Status',
      requester: 'Anmodende myndighed',
      responder: 'Besvarende myndighed',
      createdAt: 'Oprettet',
      sentAt: 'Sendt',
      acceptedAt: 'Accepteret',
      answeredAt: 'Besvaret',
      closedAt: 'Lukket',
      deadline: 'Frist',
      subjectKind: 'Art',
      name: 'Navn',
      reason: 'Begrundelse for anmodningen',
      comment: 'Kommentar',
      freeText: 'Fritekst',
      requesterSide: 'Anmodende myndighed',
      responderSide: 'Besvarende myndighed',
    },
  },
  de: {
    caseTitle: 'Auskunftsersuchen',
    headings: { summary: 'Zusammenfassung', 'data-subject': 'Falldaten', questions: 'Fragen und Antworten', messages: 'Nachrichten', attachments: 'Anlagen', history: 'Verlauf' },
    facts: {
      number: 'Ersuchensnummer',
      area: 'Rechtsbereich',
      questionSet: 'Fragenkatalog',
      status: 'Status',
      requester: 'Ersuchende Behörde',
      responder: 'Antwortende Behörde',
      createdAt: 'Erstellt',
      sentAt: 'Gesendet',
      acceptedAt: 'Angenommen',
      answeredAt: 'Beantwortet',
      closedAt: 'Abgeschlossen',
      deadline: 'Frist',
      subjectKind: 'Art',
      name: 'Name',
      reason: 'Grund des Ersuchens',
      comment: 'Kommentar',
      freeText: 'Freitext',
      requesterSide: 'Ersuchende Behörde',
      responderSide: 'Antwortende Behörde',
    },
  },
  fr: {
    caseTitle: 'Demande d’information',
    headings: { summary: 'Résumé', 'data-subject': 'Données du dossier', questions: 'Questions et réponses', messages: 'Messages', attachments: 'Pièces jointes', history: 'Historique' },
    facts: {
      number: 'Numéro de la demande',
      area: 'Domaine législatif',
      questionSet: 'Série de questions',
      status: 'Statut',
      requester: 'Autorité requérante',
      responder: 'Autorité répondante',
      createdAt: 'Créée',
      sentAt: 'Envoyée',
      acceptedAt: 'Acceptée',
      answeredAt: 'Répondue',
      closedAt: 'Clôturée',
      deadline: 'Délai',
      subjectKind: 'Type',
      name: 'Nom',
      reason: 'Motif de la demande',
      comment: 'Commentaire',
      freeText: 'Texte libre',
      requesterSide: 'Autorité requérante',
      responderSide: 'Autorité répondante',
    },
  },
};

/** The request's rows as read from PostgreSQL (unblocked rows only). */
export interface RequestReportRows {
  request: {
    id: string;
    number: string;
    legislationArea: string;
    areaName: string | null;
    questionSet: string;
    questionSetName: string | null;
    status: string;
    requestingAuthorityId: string;
    requestingAuthorityName: string | null;
    requestingCountry: string;
    respondingAuthorityId: string;
    respondingAuthorityName: string | null;
    respondingCountry: string;
    createdAt: string;
    sentAt: string | null;
    acceptedAt: string | null;
    answeredAt: string | null;
    closedAt: string | null;
    deadline: string | null;
  };
  caseData: { subjectKind: string; name: string; identifiers: Record<string, string>; fields: Record<string, unknown>; reason: string | null } | null;
  questions: { id: string; text: string; comment: string | null }[];
  /** Sent answers only (drafts are the responder's own until sent). */
  answers: { questionId: string; round: number; predefinedAnswer: string | null; text: string | null }[];
  messages: { at: string; fromSide: 'requester' | 'responder'; comment: string | null; text: string | null }[];
  attachments: { fileName: string; sizeBytes: number }[];
  history: { at: string; action: string; reason: string | null }[];
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
const instant = (iso: string) => iso.replace('T', ' ').slice(0, 16) + ' UTC';
const display = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * Pure: the case view of a request in `language`. Personal data is marked item by item: case data
 * (whole section), comments, free-text answers, message texts and attachments' names (they often
 * name people). Predefined question and answer texts, codes, dates and authorities are not.
 */
export function requestCaseView(rows: RequestReportRows, language: ReportLanguage): ReportCaseView {
  const w = words[language];
  const r = rows.request;
  const authority = (name: string | null, id: string, country: string) => `${name ?? id} (${country})`;

  const summary: ReportSection = {
    id: 'summary',
    heading: w.headings.summary,
    blocks: [
      {
        type: 'facts',
        facts: [
          { label: w.facts.number, value: r.number },
          { label: w.facts.area, value: r.areaName ?? r.legislationArea },
          { label: w.facts.questionSet, value: r.questionSetName ?? r.questionSet },
          { label: w.facts.status, value: r.status },
          { label: w.facts.requester, value: authority(r.requestingAuthorityName, r.requestingAuthorityId, r.requestingCountry) },
          { label: w.facts.responder, value: authority(r.respondingAuthorityName, r.respondingAuthorityId, r.respondingCountry) },
          { label: w.facts.createdAt, value: day(r.createdAt) },
          { label: w.facts.sentAt, value: day(r.sentAt) },
          { label: w.facts.acceptedAt, value: day(r.acceptedAt) },
          { label: w.facts.answeredAt, value: day(r.answeredAt) },
          { label: w.facts.closedAt, value: day(r.closedAt) },
          { label: w.facts.deadline, value: day(r.deadline) },
        ],
      },
    ],
  };

  const subjectFacts: ReportFact[] = rows.caseData
    ? [
        { label: w.facts.subjectKind, value: rows.caseData.subjectKind, personalData: true },
        { label: w.facts.name, value: rows.caseData.name, personalData: true },
        ...Object.entries(rows.caseData.identifiers).map(([label, value]) => ({ label, value, personalData: true })),
        ...Object.entries(rows.caseData.fields).map(([label, value]) => ({ label, value: display(value), personalData: true })),
        ...(rows.caseData.reason ? [{ label: w.facts.reason, value: rows.caseData.reason, personalData: true }] : []),
      ]
    : [];
  const dataSubject: ReportSection = { id: 'data-subject', heading: w.headings['data-subject'], personalData: true, blocks: [{ type: 'facts', facts: subjectFacts }] };

  const questionRows: ReportQuestionRow[] = rows.questions.flatMap((q) => {
    const answers = rows.answers.filter((a) => a.questionId === q.id).sort((a, b) => a.round - b.round);
    const predefined = answers.map((a) => a.predefinedAnswer).filter((a): a is string => !!a);
    const free = answers.map((a) => a.text).filter((t): t is string => !!t);
    return [
      { question: q.text, answer: predefined.join(' / ') || '—' },
      ...(q.comment ? [{ question: `${q.text} — ${w.facts.comment}`, answer: q.comment, personalData: true }] : []),
      ...free.map((text) => ({ question: `${q.text} — ${w.facts.freeText}`, answer: text, personalData: true })),
    ];
  });
  const questions: ReportSection = { id: 'questions', heading: w.headings.questions, blocks: [{ type: 'questions', rows: questionRows }] };

  const side = (s: 'requester' | 'responder') => (s === 'requester' ? w.facts.requesterSide : w.facts.responderSide);
  const messageItems: ReportMessage[] = rows.messages.flatMap((m) => [
    ...(m.comment ? [{ at: m.at, from: side(m.fromSide), text: m.comment }] : []),
    ...(m.text ? [{ at: m.at, from: side(m.fromSide), text: m.text, personalData: true }] : []),
  ]);
  const messages: ReportSection = { id: 'messages', heading: w.headings.messages, blocks: [{ type: 'messages', messages: messageItems }] };

  const attachments: ReportSection = {
    id: 'attachments',
    heading: w.headings.attachments,
    blocks: [{ type: 'attachments', attachments: rows.attachments.map((a) => ({ name: a.fileName, sizeBytes: a.sizeBytes, personalData: true })) }],
  };

  const history: ReportSection = {
    id: 'history',
    heading: w.headings.history,
    blocks: [{ type: 'facts', facts: rows.history.map((h) => ({ label: instant(h.at), value: h.reason ? `${h.action} (${h.reason})` : h.action })) }],
  };

  return { caseType: 'request', caseNumber: r.number, caseTitle: w.caseTitle, sections: [summary, dataSubject, questions, messages, attachments, history] };
}

const translated = (texts: Record<string, string> | null | undefined, language: string) => (texts ? (texts[language] ?? texts.en ?? Object.values(texts)[0] ?? null) : null);
const iso = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString());
const isoDay = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/**
 * Reads a request's unblocked rows for a report; null when there is no such request. Blocked rows
 * (`blocked_at` set) are skipped in every personal-data table.
 */
export async function loadRequestReportRows(em: EntityManager, requestId: string, language: ReportLanguage): Promise<RequestReportRows | null> {
  const [request] = await em.execute<Record<string, any>[]>( // eslint-disable-line @typescript-eslint/no-explicit-any
    `select r.*, la.names as area_names, qs.names as set_names, ra.official_name as requesting_name, sa.official_name as responding_name
       from request r
       left join ref_legislation_area la on la.code = r.legislation_area
       left join ref_question_set qs on qs.code = r.question_set
       left join authority ra on ra.id = r.requesting_authority_id
       left join authority sa on sa.id = r.responding_authority_id
      where r.id = ?`,
    [requestId],
  );
  if (!request) return null;
  const [caseData] = await em.execute<Record<string, any>[]>(`select * from request_case_data where request_id = ? and blocked_at is null`, [requestId]); // eslint-disable-line @typescript-eslint/no-explicit-any
  const questions = await em.execute<{ id: string; question_code: string; comment: string | null; texts: Record<string, string> | null }[]>(
    `select q.id, q.question_code, q.comment, rq.texts from request_question q left join ref_question rq on rq.code = q.question_code
      where q.request_id = ? and q.blocked_at is null order by q.position`,
    [requestId],
  );
  const answers = await em.execute<{ question_id: string; round: number; predefined_answer: string | null; text: string | null; texts: Record<string, string> | null }[]>(
    `select a.question_id, a.round, a.predefined_answer, a.text, pa.texts from request_answer a left join ref_predefined_answer pa on pa.code = a.predefined_answer
      where a.request_id = ? and a.blocked_at is null and a.state = 'sent' order by a.round`,
    [requestId],
  );
  const messages = await em.execute<{ sent_at: Date; from_side: 'requester' | 'responder'; comment_code: string | null; text: string | null }[]>(
    `select sent_at, from_side, comment_code, text from request_message where request_id = ? and blocked_at is null order by sent_at`,
    [requestId],
  );
  const attachments = await em.execute<{ file_name: string; size_bytes: number }[]>(
    `select file_name, size_bytes from request_attachment where request_id = ? and blocked_at is null order by uploaded_at`,
    [requestId],
  );
  const history = await em.execute<{ at: Date; action: string; reason: string | null }[]>(
    `select at, action, reason from audit_event where subject_type = 'request' and subject_id = ? order by at, version`,
    [requestId],
  );
  return {
    request: {
      id: request.id,
      number: request.number,
      legislationArea: request.legislation_area,
      areaName: translated(request.area_names, language),
      questionSet: request.question_set,
      questionSetName: translated(request.set_names, language),
      status: request.status,
      requestingAuthorityId: request.requesting_authority_id,
      requestingAuthorityName: request.requesting_name ?? null,
      requestingCountry: request.requesting_country,
      respondingAuthorityId: request.responding_authority_id,
      respondingAuthorityName: request.responding_name ?? null,
      respondingCountry: request.responding_country,
      createdAt: iso(request.created_at)!,
      sentAt: iso(request.sent_at),
      acceptedAt: iso(request.accepted_at),
      answeredAt: iso(request.answered_at),
      closedAt: iso(request.closed_at),
      deadline: isoDay(request.deadline),
    },
    caseData: caseData
      ? { subjectKind: caseData.subject_kind, name: caseData.name, identifiers: caseData.identifiers ?? {}, fields: caseData.fields ?? {}, reason: caseData.reason ?? null }
      : null,
    questions: questions.map((q) => ({ id: q.id, text: translated(q.texts, language) ?? q.question_code, comment: q.comment })),
    answers: answers.map((a) => ({ questionId: a.question_id, round: a.round, predefinedAnswer: a.predefined_answer ? (translated(a.texts, language) ?? a.predefined_answer) : null, text: a.text })),
    messages: messages.map((m) => ({ at: iso(m.sent_at)!, fromSide: m.from_side, comment: m.comment_code, text: m.text })),
    attachments: attachments.map((a) => ({ fileName: a.file_name, sizeBytes: Number(a.size_bytes) })),
    history: history.map((h) => ({ at: iso(h.at)!, action: h.action, reason: h.reason })),
  };
}

/** Reads and builds the case view; null when there is no such request. */
export async function loadRequestCaseView(em: EntityManager, requestId: string, language: ReportLanguage): Promise<ReportCaseView | null> {
  const rows = await loadRequestReportRows(em, requestId, language);
  return rows ? requestCaseView(rows, language) : null;
}
