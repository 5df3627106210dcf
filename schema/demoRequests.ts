import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../api/logger';
import { demoAuthorityIds } from './demoAuthorities';
import { startDemoCases, type DemoCall, type DemoCasesStart } from './demoCases';

/**
 * Demo information requests, so the console's action list is not empty on a fresh `npm start`: a
 * case handler at Erhvervsstyrelsen (DK) and one at the Bundesnetzagentur (DE), and requests
 * between them in different statuses — a draft, one awaiting acceptance (each way), one answered,
 * one closed and one overdue. Made through the HTTP API in the background, once each
 * (demoCases.ts): a demo request is known by its subject's name.
 */

export const demoRequestUsers = [
  { key: 'dk', username: 'demo.dk', email: 'demo.sagsbehandler@erst.example.dk', firstName: 'Mette', lastName: 'Demo-Sagsbehandler', authorityId: demoAuthorityIds.erhvervsstyrelsen, preferredLanguage: 'da', role: 'case-handler' },
  { key: 'de', username: 'demo.de', email: 'demo.sachbearbeiter@bnetza.example.de', firstName: 'Jonas', lastName: 'Demo-Sachbearbeiter', authorityId: demoAuthorityIds.bundesnetzagentur, preferredLanguage: 'de', role: 'case-handler' },
] as const;
type UserKey = (typeof demoRequestUsers)[number]['key'];

const questionSet = 'services-establishment';
const day = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * day).toISOString().slice(0, 10);

/** How far each demo request goes: sent, accepted, answered, closed (in that order). */
type Stage = 'draft' | 'sent' | 'accepted' | 'answered' | 'closed';
const stages: Stage[] = ['draft', 'sent', 'accepted', 'answered', 'closed'];

interface DemoRequest {
  /** The subject's name: unique among the demo requests, so a second start finds them. */
  subject: string;
  from: UserKey;
  to: UserKey;
  stage: Stage;
  /** Days from today; negative: already past, so the request is overdue as soon as it arrives. */
  deadlineInDays: number;
  comment: string;
}

export const demoRequests: DemoRequest[] = [
  { subject: 'Nordlys Byg ApS', from: 'dk', to: 'de', stage: 'draft', deadlineInDays: 30, comment: 'Is the company established in Germany, and since when?' },
  { subject: 'Bygholm Stillads ApS', from: 'dk', to: 'de', stage: 'sent', deadlineInDays: 21, comment: 'The provider says it is established in Bonn; please confirm.' },
  { subject: 'Rheinblick Gerüstbau GmbH', from: 'de', to: 'dk', stage: 'sent', deadlineInDays: 14, comment: 'Der Dienstleister gibt an, in Dänemark niedergelassen zu sein.' },
  { subject: 'Hvidsten El-service ApS', from: 'dk', to: 'de', stage: 'answered', deadlineInDays: 10, comment: 'Please confirm the registration of the branch.' },
  { subject: 'Fjordkanten Tømrer ApS', from: 'dk', to: 'de', stage: 'closed', deadlineInDays: 5, comment: 'Checking the establishment before granting a licence.' },
  { subject: 'Kattegat VVS ApS', from: 'dk', to: 'de', stage: 'accepted', deadlineInDays: -3, comment: 'Urgent: the provider started work last week.' },
];

/** Finds which demo users are missing (one query), then makes them and the missing requests in the background. */
export function startDemoRequests(deps: { orm: MikroORM; apiUrl: string; smtpUrl: string; mailFrom: string; loginUrl: string; logger: Logger }): Promise<DemoCasesStart> {
  return startDemoCases(deps, {
    what: 'demo requests',
    users: demoRequestUsers,
    cases: demoRequests,
    label: (demo) => demo.subject,
    exists: async (em, demo) =>
      (await em.execute('select 1 from request_case_data cd join request r on r.id = cd.request_id where cd.name = ? and r.version > 0', [demo.subject])).length > 0,
    make: makeOne,
  });
}

async function makeOne(call: DemoCall<UserKey>, demo: DemoRequest) {
  const reached = (stage: Stage) => stages.indexOf(demo.stage) >= stages.indexOf(stage);
  const to = demoRequestUsers.find((u) => u.key === demo.to)!;
  const draft = await call('POST', '/api/requests', demo.from, {
    legislationArea: 'services',
    questionSet,
    respondingAuthorityId: to.authorityId,
    deadline: dateIn(demo.deadlineInDays),
    caseData: { subjectKind: 'provider', name: demo.subject, identifiers: {}, fields: {}, reason: 'Demo request' },
    questions: [
      { code: `${questionSet}/established`, comment: demo.comment, commentLanguage: demo.from === 'de' ? 'de' : 'en' },
      { code: `${questionSet}/registered`, comment: null },
    ],
    attachments: [],
    send: reached('sent'),
  });
  const id = draft.request.id as string;
  if (!reached('accepted')) return;
  await call('POST', `/api/requests/${id}/accept`, demo.to, {});
  if (!reached('answered')) return;
  const detail = await call('GET', `/api/requests/${id}`, demo.to);
  await call('PUT', `/api/requests/${id}/answer-draft`, demo.to, {
    answers: detail.questions.map((q: { id: string; code: string }) => ({ questionId: q.id, predefinedAnswer: `${q.code}/yes` })),
  });
  await call('POST', `/api/requests/${id}/answer`, demo.to);
  if (!reached('closed')) return;
  await call('POST', `/api/requests/${id}/close`, demo.from);
}
