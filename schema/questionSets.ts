import { readReferenceSeeds, type ReferenceSeeds } from './seeds/referenceDataSchemas';
import { requiredTranslationLanguages, type Translations } from './entities/reference/translations';

/**
 * Question sets of information requests (domain.md §5, ch. 7) as the request activities and API
 * use them.
 *
 * The sets, their numbered questions and predefined answers are reference data: translated in
 * schema/seeds/reference/question-sets.json and loaded into ref_question_set / ref_question /
 * ref_predefined_answer by `loadReferenceData` (codes never deleted, only retired, so old requests
 * keep pointing at them). `readQuestionSets` gives the same catalogue typed, from the seed files.
 *
 * The predefined comments of messages and the rules of the derogation sets are served from code
 * instead: they are few, change with the code that enforces them (a new rule needs new checks, not
 * just a new row), and nothing joins on them in SQL (request_message.comment_code holds the code).
 */

export interface PredefinedAnswerDefinition {
  /** `<question code>/<key>`, e.g. `pq-diploma/authentic/yes` (ref_predefined_answer.code). */
  code: string;
  texts: Translations;
}

export interface QuestionDefinition {
  /** `<set>/<key>`, e.g. `pq-diploma/authentic` (ref_question.code). */
  code: string;
  /** 1-based number shown beside the question. */
  number: number;
  texts: Translations;
  commentRequired: boolean;
  answers: PredefinedAnswerDefinition[];
}

export interface QuestionSetDefinition {
  code: string;
  area: string;
  names: Translations;
  instructions: Translations | null;
  /** Steps the requester confirms one by one before sending (derogation requests: 10). */
  checklist: Translations[];
  questions: QuestionDefinition[];
  rules: QuestionSetRules;
}

export interface QuestionSetRules {
  /** Every checklist step must be confirmed before sending. */
  checklistMustBeConfirmed: boolean;
  /** The request must cite an earlier request's number (derogations: the Art. 35(2) request), unless urgent. */
  citesEarlierRequest: 'never' | 'unless-urgent';
  /** Days after sending before the notified measures may apply (Art. 35(3): 15), or null. */
  measuresWaitingDays: number | null;
}

const plainRules: QuestionSetRules = { checklistMustBeConfirmed: false, citesEarlierRequest: 'never', measuresWaitingDays: null };

/** The derogation sets of ch. 7 (Services Directive art. 35). */
export const derogationRequestSet = 'services-derogation-request';
export const derogationNotificationSet = 'services-derogation-notification';

export const questionSetRules: Record<string, QuestionSetRules> = {
  [derogationRequestSet]: { checklistMustBeConfirmed: true, citesEarlierRequest: 'never', measuresWaitingDays: null },
  [derogationNotificationSet]: { checklistMustBeConfirmed: true, citesEarlierRequest: 'unless-urgent', measuresWaitingDays: 15 },
};

/** The question sets of the seed files, numbered and typed, with their rules. */
export function readQuestionSets(seeds: Pick<ReferenceSeeds, 'questionSets'> = readReferenceSeeds()): QuestionSetDefinition[] {
  const { commonAnswers, items } = seeds.questionSets;
  return items.map((set) => ({
    code: set.code,
    area: set.area,
    names: set.names,
    instructions: set.instructions ?? null,
    checklist: set.checklist ?? [],
    rules: questionSetRules[set.code] ?? plainRules,
    questions: set.questions.map((q, i) => {
      const code = `${set.code}/${q.key}`;
      return {
        code,
        number: i + 1,
        texts: q.texts,
        commentRequired: q.commentRequired ?? false,
        answers: q.answers.map((a) => (typeof a === 'string' ? { code: `${code}/${a}`, texts: commonAnswers[a]! } : { code: `${code}/${a.key}`, texts: a.texts })),
      };
    }),
  }));
}

/** Predefined comments of structured messages (5.3.3), so each side reads them in its language. */
export const messageComments = {
  'send-document': {
    en: 'Please send the document referred to in the request.',
    da: 'Send venligst det dokument, der henvises til i anmodningen.',
    de: 'Bitte übermitteln Sie das im Ersuchen genannte Dokument.',
    fr: 'Veuillez transmettre le document mentionné dans la demande.',
  },
  'send-certified-copy': {
    en: 'Please send a certified copy of the document.',
    da: 'Send venligst en bekræftet kopi af dokumentet.',
    de: 'Bitte übermitteln Sie eine beglaubigte Kopie des Dokuments.',
    fr: 'Veuillez transmettre une copie certifiée conforme du document.',
  },
  'send-translation': {
    en: 'Please send a translation of the attached document.',
    da: 'Send venligst en oversættelse af det vedhæftede dokument.',
    de: 'Bitte übermitteln Sie eine Übersetzung des beigefügten Dokuments.',
    fr: 'Veuillez transmettre une traduction du document joint.',
  },
  'clarify-question': {
    en: 'Please clarify the question; see the comment.',
    da: 'Uddyb venligst spørgsmålet; se kommentaren.',
    de: 'Bitte präzisieren Sie die Frage; siehe Kommentar.',
    fr: 'Veuillez préciser la question ; voir le commentaire.',
  },
  'more-time-needed': {
    en: 'We need more time to answer; see the proposed deadline.',
    da: 'Vi har brug for mere tid til at svare; se den foreslåede frist.',
    de: 'Wir benötigen mehr Zeit für die Antwort; siehe die vorgeschlagene Frist.',
    fr: 'Nous avons besoin de plus de temps pour répondre ; voir le délai proposé.',
  },
  'early-information': {
    en: 'Preliminary information before our answer; see the comment.',
    da: 'Foreløbige oplysninger inden vores svar; se kommentaren.',
    de: 'Vorläufige Informationen vor unserer Antwort; siehe Kommentar.',
    fr: 'Informations préliminaires avant notre réponse ; voir le commentaire.',
  },
  'documents-added': {
    en: 'The requested documents are attached.',
    da: 'De ønskede dokumenter er vedhæftet.',
    de: 'Die angeforderten Dokumente sind beigefügt.',
    fr: 'Les documents demandés sont joints.',
  },
  'document-unavailable': {
    en: 'The document is not available; see the comment.',
    da: 'Dokumentet er ikke tilgængeligt; se kommentaren.',
    de: 'Das Dokument ist nicht verfügbar; siehe Kommentar.',
    fr: "Le document n'est pas disponible ; voir le commentaire.",
  },
  'reminder-answer': {
    en: 'We are still waiting for your answer. Please answer as soon as possible.',
    da: 'Vi afventer stadig jeres svar. Svar venligst så hurtigt som muligt.',
    de: 'Wir warten noch auf Ihre Antwort. Bitte antworten Sie so bald wie möglich.',
    fr: 'Nous attendons toujours votre réponse. Veuillez répondre dans les meilleurs délais.',
  },
  'thanks-closing': {
    en: 'Thank you for your answer; we will close the request.',
    da: 'Tak for svaret; vi lukker anmodningen.',
    de: 'Vielen Dank für Ihre Antwort; wir schließen das Ersuchen.',
    fr: 'Merci pour votre réponse ; nous allons clore la demande.',
  },
} as const satisfies Record<string, Translations>;
export type MessageCommentCode = keyof typeof messageComments;
export const messageCommentCodes = Object.keys(messageComments) as MessageCommentCode[];

/** What the requester chose, as the create/send step checks it. */
export interface RequestQuestionsDraft {
  questions: { questionCode: string; comment: string | null; commentLanguage: string | null }[];
  /** Indexes (0-based) of the checklist steps the requester confirmed. */
  confirmedChecklist: number[];
  relatedRequestNumber: string | null;
  urgent: boolean;
}

export interface QuestionSetProblem {
  /** Field path for the API's 400 answer, e.g. `questions.1.comment`. */
  path: string;
  message: string;
}

const requestNumberPattern = /^REQ-\d{4}-\d{6,}$/;

/**
 * The rules of a set a request must meet before it is sent: ≥1 question, only the set's questions
 * and each once, a comment with its language where the question demands one, every checklist step
 * confirmed, and an earlier request number where the set cites one. Empty: it may be sent.
 */
export function checkRequestQuestions(set: QuestionSetDefinition, draft: RequestQuestionsDraft): QuestionSetProblem[] {
  const problems: QuestionSetProblem[] = [];
  const byCode = new Map(set.questions.map((q) => [q.code, q]));
  const seen = new Set<string>();
  if (draft.questions.length === 0) problems.push({ path: 'questions', message: 'choose at least one question' });
  draft.questions.forEach((chosen, i) => {
    const question = byCode.get(chosen.questionCode);
    if (!question) return problems.push({ path: `questions.${i}.questionCode`, message: `is not a question of ${set.code}` });
    if (seen.has(chosen.questionCode)) problems.push({ path: `questions.${i}.questionCode`, message: 'is chosen twice' });
    seen.add(chosen.questionCode);
    const comment = chosen.comment?.trim() ?? '';
    if (question.commentRequired && !comment) problems.push({ path: `questions.${i}.comment`, message: 'is required for this question' });
    if (comment && !chosen.commentLanguage) problems.push({ path: `questions.${i}.commentLanguage`, message: 'is required with a comment' });
  });
  // A required free-text question must be chosen too (the derogation sets' descriptions are mandatory).
  for (const question of set.questions) {
    if (question.commentRequired && set.rules.checklistMustBeConfirmed && !seen.has(question.code)) problems.push({ path: 'questions', message: `question ${question.number} (${question.code}) is mandatory` });
  }
  if (set.rules.checklistMustBeConfirmed) {
    const confirmed = new Set(draft.confirmedChecklist);
    set.checklist.forEach((_, i) => {
      if (!confirmed.has(i)) problems.push({ path: `confirmedChecklist.${i}`, message: `step ${i + 1} of the checklist must be confirmed` });
    });
  }
  if (set.rules.citesEarlierRequest === 'unless-urgent' && !draft.urgent) {
    if (!draft.relatedRequestNumber) problems.push({ path: 'relatedRequestNumber', message: 'must cite the earlier request (or use the urgency procedure)' });
    else if (!requestNumberPattern.test(draft.relatedRequestNumber)) problems.push({ path: 'relatedRequestNumber', message: 'must be a request number like REQ-2026-000042' });
  }
  return problems;
}

/** Languages every text above must have. */
export const questionSetLanguages = requiredTranslationLanguages;
