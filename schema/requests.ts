import { z } from '@hono/zod-openapi';
import { requestStatuses } from '../workflows/request/snapshot';

/**
 * HTTP shapes of information requests (domain.md §5, §8; IMI manual ch. 5): the single source of
 * validation for the API (api/routes/requests.ts), its OpenAPI document and the console. No I/O.
 *
 * Attachments travel as base64 inside JSON (`contentBase64`), not multipart: one body per command
 * keeps create, messages and answers atomic and validated by the same zod schema; the size limit
 * below keeps bodies reasonable.
 */

const uuid = (what = 'an id') => z.string().uuid(`must be ${what} (uuid)`);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const code = (what: string, max = 200) => z.string().trim().regex(new RegExp(`^[a-z0-9][a-z0-9/-]{0,${max - 1}}$`), `must be ${what}`);
/** ISO 639-1 code of the language a free text is written in (the reader may machine-translate from it). */
export const languageTagSchema = z.string().trim().regex(/^[a-z]{2}$/, 'must be a 2-letter language code').openapi({ example: 'da' });
const freeText = (max = 4000) => z.string().trim().min(1, 'is required').max(max);

/** Largest attachment accepted, decoded. */
export const maxAttachmentBytes = 5 * 1024 * 1024;
/** Base64 of at most `maxAttachmentBytes` bytes. */
const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
  .max(Math.ceil(maxAttachmentBytes / 3) * 4, `must be at most ${maxAttachmentBytes} bytes`);

export const requestStatusEnum = z.enum(requestStatuses);

export const newAttachmentSchema = z
  .object({
    fileName: z.string().trim().min(1, 'is required').max(255).regex(/^[^/\\\0]+$/, 'must be a file name without a path'),
    mimeType: z.string().trim().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type').max(120).default('application/octet-stream'),
    contentBase64: base64,
    /** The question (its code in the set) the attachment is about; none: about the whole request. */
    questionCode: code('a question code').optional(),
  })
  .openapi('NewRequestAttachment');
export type NewAttachment = z.infer<typeof newAttachmentSchema>;

/** Case data (the data subject or service provider): personal data, shown only to the two authorities of the exchange. */
export const caseDataSchema = z
  .object({
    subjectKind: z.enum(['person', 'provider']),
    name: freeText(300),
    identifiers: z.record(z.string().trim().min(1).max(60), z.string().trim().max(200)).default({}),
    fields: z.record(z.string().trim().min(1).max(60), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).default({}),
    reason: z.string().trim().max(4000).nullish(),
  })
  .openapi('RequestCaseData');
export type CaseDataInput = z.infer<typeof caseDataSchema>;

export const newQuestionSchema = z
  .object({
    /** `ref_question.code` of the request's question set, e.g. `pq-diploma/authentic`. */
    code: code('a question code'),
    comment: z.string().trim().max(4000).nullish(),
    commentLanguage: languageTagSchema.nullish(),
  })
  .refine((q) => !q.comment || !!q.commentLanguage, { message: 'is required with a comment', path: ['commentLanguage'] })
  .openapi('NewRequestQuestion');

/** Indexes (0-based) of the question set's checklist steps the requester confirms when sending. */
const confirmedChecklistSchema = z.array(z.number().int().min(0, 'must be a step index').max(49, 'must be a step index')).max(50);

/** Sending a draft: the derogation sets' checklist confirmations (ch. 7); other sets need no body. */
export const sendRequestBodySchema = z.object({ confirmedChecklist: confirmedChecklistSchema.optional() }).openapi('SendRequest');

export const newRequestSchema = z
  .object({
    legislationArea: code('a legislation area code', 80),
    questionSet: code('a question set code', 80),
    respondingAuthorityId: uuid('an authority id'),
    deadline: date.nullish(),
    caseData: caseDataSchema,
    questions: z.array(newQuestionSchema).min(1, 'choose at least one question').max(100),
    attachments: z.array(newAttachmentSchema).max(20).default([]),
    /** Notification of measures (derogations): the earlier request's number. */
    relatedRequestNumber: z.string().trim().regex(/^REQ-\d{4}-\d{6,}$/, 'must be a request number').nullish(),
    urgent: z.boolean().default(false),
    /** Send at once (the wizard's last step): one call, and no draft is left behind if sending is refused. */
    send: z.boolean().default(false),
    /** With `send`: the checklist steps (0-based) the requester confirmed; derogation sets need all of them (ch. 7). */
    confirmedChecklist: confirmedChecklistSchema.optional(),
  })
  .refine((r) => new Set(r.questions.map((q) => q.code)).size === r.questions.length, { message: 'a question is chosen only once', path: ['questions'] })
  .openapi('NewRequest');
export type NewRequestInput = z.infer<typeof newRequestSchema>;

/** Edit a draft (or a request the coordinator refused): what is given replaces what is stored. */
export const editRequestDraftSchema = z
  .object({
    respondingAuthorityId: uuid('an authority id').optional(),
    deadline: date.nullish(),
    caseData: caseDataSchema.optional(),
    questions: z.array(newQuestionSchema).min(1, 'choose at least one question').max(100).optional(),
    relatedRequestNumber: z.string().trim().regex(/^REQ-\d{4}-\d{6,}$/, 'must be a request number').nullish(),
    urgent: z.boolean().optional(),
  })
  .openapi('EditRequestDraft');
export type EditRequestDraftInput = z.infer<typeof editRequestDraftSchema>;

/** A reason or remarks in free text, with its language. */
export const reasonBodySchema = z.object({ reason: freeText(), language: languageTagSchema.default('en') }).openapi('RequestReason');
export const remarksBodySchema = z.object({ remarks: freeText(), language: languageTagSchema.default('en') }).openapi('RequestRemarks');
export const optionalReasonBodySchema = z.object({ reason: z.string().trim().max(4000).nullish(), language: languageTagSchema.default('en') }).openapi('RequestOptionalReason');

export const proposeDeadlineBodySchema = z.object({ deadline: date }).openapi('ProposeDeadline');
export const acceptBodySchema = z
  .object({
    /** One of the responder's linked request coordinators; omitted when it has one (or none). */
    responderCoordinatorId: uuid('an authority id').nullish(),
  })
  .openapi('AcceptRequest');
export const changeCoordinatorBodySchema = z.object({ responderCoordinatorId: uuid('an authority id') }).openapi('ChangeResponderCoordinator');
export const forwardBodySchema = z.object({ toAuthorityId: uuid('an authority id'), reason: freeText(), language: languageTagSchema.default('en') }).openapi('ForwardRequest');
export const splitBodySchema = z
  .object({
    toAuthorityId: uuid('an authority id'),
    /** Ids of this request's questions that move to the new request. */
    questionIds: z.array(uuid('a question id')).min(1, 'choose the questions to split off').max(100),
    reason: freeText(),
    language: languageTagSchema.default('en'),
  })
  .openapi('SplitRequest');
export const opinionBodySchema = z
  .object({
    /** true: the coordinator agrees the answer is unsatisfactory (back to the responder); false: it is satisfactory (closes). */
    agrees: z.boolean(),
    remarks: z.string().trim().max(4000).nullish(),
    language: languageTagSchema.default('en'),
  })
  .openapi('ReferralOpinion');
export const requestParties = ['requester', 'responder', 'requester-coordinator', 'responder-coordinator'] as const;
export const assignHandlersBodySchema = z
  .object({ party: z.enum(requestParties), userIds: z.array(uuid('a user id')).min(1, 'assign at least one user').max(50) })
  .openapi('AssignRequestHandlers');
export const commissionDecisionBodySchema = z.object({ decision: z.enum(['measures-may-apply', 'measures-stopped']) }).openapi('CommissionDecision');

/** Predefined comments of messages (5.3.2: ask for documents, give early information, add documents). */
export const messageCommentCodes = ['documents-requested', 'early-information', 'documents-added', 'clarification-requested', 'other'] as const;
export const messageComments: Record<(typeof messageCommentCodes)[number], Record<'en' | 'da' | 'de' | 'fr', string>> = {
  'documents-requested': {
    en: 'Please send the following documents.',
    da: 'Send venligst følgende dokumenter.',
    de: 'Bitte senden Sie die folgenden Unterlagen.',
    fr: 'Veuillez envoyer les documents suivants.',
  },
  'early-information': {
    en: 'Preliminary information before the answer.',
    da: 'Foreløbige oplysninger inden svaret.',
    de: 'Vorläufige Informationen vor der Antwort.',
    fr: 'Informations préliminaires avant la réponse.',
  },
  'documents-added': { en: 'Documents added.', da: 'Dokumenter tilføjet.', de: 'Unterlagen hinzugefügt.', fr: 'Documents ajoutés.' },
  'clarification-requested': {
    en: 'Please clarify the request.',
    da: 'Præciser venligst anmodningen.',
    de: 'Bitte präzisieren Sie das Ersuchen.',
    fr: 'Veuillez préciser la demande.',
  },
  other: { en: 'Other', da: 'Andet', de: 'Sonstiges', fr: 'Autre' },
};
export const messageBodySchema = z
  .object({
    commentCode: z.enum(messageCommentCodes).nullish(),
    text: z.string().trim().max(4000).nullish(),
    language: languageTagSchema.default('en'),
    attachments: z.array(newAttachmentSchema.omit({ questionCode: true })).max(20).default([]),
  })
  .refine((m) => !!m.commentCode || !!m.text || m.attachments.length > 0, { message: 'give a predefined comment, a text or an attachment', path: ['text'] })
  .openapi('NewRequestMessage');

/** The responder's draft answer: per question a predefined answer and/or free text. Replaces the stored draft for the questions given. */
export const answerDraftBodySchema = z
  .object({
    answers: z
      .array(
        z
          .object({
            questionId: uuid('a question id'),
            predefinedAnswer: code('a predefined answer code').nullish(),
            text: z.string().trim().max(8000).nullish(),
            language: languageTagSchema.nullish(),
          })
          .refine((a) => !!a.predefinedAnswer || !!a.text, { message: 'give a predefined answer or a text', path: ['text'] })
          .refine((a) => !a.text || !!a.language, { message: 'is required with a text', path: ['language'] }),
      )
      .min(1)
      .max(100),
    attachments: z.array(newAttachmentSchema).max(20).default([]),
  })
  .openapi('RequestAnswerDraft');

/** Copy (5.3.8): which parts seed the new draft; case data is always copied. */
export const copyBodySchema = z
  .object({ respondingAuthority: z.boolean().default(true), questions: z.boolean().default(true), attachments: z.boolean().default(false) })
  .openapi('CopyRequest');

// ───────────────────────────── responses ─────────────────────────────

export const requestCommands = [
  'edit-draft',
  'send',
  'approve-request',
  'refuse-request',
  'propose-deadline',
  'accept-proposed-deadline',
  'accept',
  'change-responder-coordinator',
  'reject',
  'forward',
  'split',
  'answer',
  'approve-answer',
  'refuse-answer',
  'close',
  'request-additional-info',
  'accept-additional-info',
  'refuse-additional-info',
  'refer',
  'give-opinion',
  'provide-more',
  'keep-position',
  'send-message',
  'assign-handlers',
  'commission-decision',
  'answer-draft',
  'copy',
] as const;
export type RequestCommandName = (typeof requestCommands)[number];

export const requestSummarySchema = z
  .object({
    id: z.string(),
    number: z.string(),
    legislationArea: z.string(),
    questionSet: z.string(),
    status: requestStatusEnum,
    version: z.number().int(),
    requestingAuthorityId: z.string(),
    requestingCountry: z.string(),
    respondingAuthorityId: z.string(),
    respondingCountry: z.string(),
    requesterCoordinatorId: z.string().nullable(),
    responderCoordinatorId: z.string().nullable(),
    requesterHandlerIds: z.array(z.string()),
    responderHandlerIds: z.array(z.string()),
    deadline: z.string().nullable(),
    proposedDeadline: z.string().nullable(),
    overdue: z.boolean(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    splitFromRequestId: z.string().nullable(),
    relatedRequestNumber: z.string().nullable(),
    urgent: z.boolean(),
    /** Notification of measures: when the notified measures may apply (end of the derogation wait, or the Commission's decision). */
    measuresMayApplyAt: z.string().nullable(),
    /** Notification of measures: the Commission's decision, if it made one. */
    commissionDecision: z.enum(['measures-may-apply', 'measures-stopped']).nullable(),
    pendingActions: z.array(z.object({ authorityId: z.string(), role: z.string(), userIds: z.array(z.string()).nullable(), action: z.string() })),
  })
  .openapi('RequestSummary');

export const requestQuestionViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  position: z.number().int(),
  /** The question in the viewer's language (English when not translated). */
  text: z.string(),
  comment: z.string().nullable(),
  commentLanguage: z.string().nullable(),
});
export const requestAnswerViewSchema = z.object({
  questionId: z.string(),
  round: z.number().int(),
  predefinedAnswer: z.string().nullable(),
  predefinedAnswerText: z.string().nullable(),
  text: z.string().nullable(),
  language: z.string().nullable(),
  state: z.enum(['draft', 'sent']),
});
export const requestAttachmentViewSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  side: z.enum(['requester', 'responder']),
  questionId: z.string().nullable(),
  messageId: z.string().nullable(),
  uploadedAt: z.string(),
  /** The viewer may not download it (a responder before acceptance). */
  locked: z.boolean(),
});
export const requestMessageViewSchema = z.object({
  id: z.string(),
  fromSide: z.enum(['requester', 'responder']),
  authorityId: z.string(),
  commentCode: z.string().nullable(),
  commentText: z.string().nullable(),
  text: z.string().nullable(),
  language: z.string().nullable(),
  sentAt: z.string(),
});
export const requestTimelineEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  actor: z.string(),
  /** The reason or remarks given with the step, when the viewer may read the request's texts. */
  text: z.string().nullable(),
  version: z.number().int().nullable(),
});

export const requestDetailSchema = z
  .object({
    request: requestSummarySchema,
    /** The viewer's relation to the request. */
    viewerSide: z.enum(['requester', 'responder', 'requester-coordinator', 'responder-coordinator', 'helpdesk', 'coordinating']),
    /** Whether case data, comments, answers' text, messages and attachments are shown (§8). */
    personalDataVisible: z.boolean(),
    /** Why not, when hidden. */
    personalDataHiddenReason: z.string().nullable(),
    caseData: caseDataSchema.nullable(),
    questions: z.array(requestQuestionViewSchema),
    answers: z.array(requestAnswerViewSchema),
    messages: z.array(requestMessageViewSchema),
    attachments: z.array(requestAttachmentViewSchema),
    timeline: z.array(requestTimelineEntrySchema),
    /** The commands this user may perform now (the console shows only these buttons). */
    actions: z.array(z.enum(requestCommands)),
  })
  .openapi('RequestDetail');
export type RequestDetail = z.infer<typeof requestDetailSchema>;

/** After a forward the forwarding authority no longer sees the request: what it gets back instead of the detail. */
export const forwardResultSchema = z
  .object({ id: z.string(), number: z.string(), status: requestStatusEnum, respondingAuthorityId: z.string(), respondingCountry: z.string() })
  .openapi('ForwardResult');

export const questionSetViewSchema = z
  .object({
    code: z.string(),
    area: z.string(),
    name: z.string(),
    instructions: z.string().nullable(),
    checklist: z.array(z.string()),
    questions: z.array(
      z.object({
        code: z.string(),
        text: z.string(),
        commentRequired: z.boolean(),
        answers: z.array(z.object({ code: z.string(), text: z.string() })),
      }),
    ),
  })
  .openapi('QuestionSetView');
export const questionSetListSchema = z.object({ data: z.array(questionSetViewSchema), messageComments: z.array(z.object({ code: z.string(), text: z.string() })) }).openapi('QuestionSetList');
export const questionSetQuerySchema = z.object({ area: code('a legislation area code', 80).optional(), language: languageTagSchema.optional() });
