import { createRoute, z } from '@hono/zod-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AreaKeyword,
  Country,
  Language,
  LegislationArea,
  NaceCode,
  PolicyArea,
  PredefinedAnswer,
  Question,
  QuestionSet,
} from '../../schema/entities/reference';
import { pickTranslation, referenceKinds, referenceListSchemas, referenceQuerySchema, type ReferenceKind, type ReferenceView } from '../../schema/referenceDataApi';
import { authenticate, requireUser } from '../auth/authenticate';
import type { AppDeps } from '../deps';
import { errorResponses } from '../errors';
import { createRouter } from '../router';

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const refCode = (ref: unknown): string => (typeof ref === 'string' ? ref : ((ref as { code?: string } | null)?.code ?? ''));
const refCodeOrNull = (ref: unknown): string | null => (ref === null || ref === undefined ? null : refCode(ref));

/** Each kind's rows, texts in `lang`. Retired rows are listed too (marked), as old data may name them. */
const loaders: { [K in ReferenceKind]: (em: EntityManager, lang: string) => Promise<ReferenceView[K][]> } = {
  countries: async (em) =>
    (await em.find(Country, {}, { orderBy: { code: 'asc' } })).map((c) => ({
      code: c.code,
      nameEn: c.nameEn,
      nameNative: c.nameNative,
      euMember: c.euMember,
      hasRegions: c.hasRegions,
      timeZone: c.timeZone,
      languages: c.languages,
      retired: c.retired,
    })),
  languages: async (em) =>
    (await em.find(Language, {}, { orderBy: { code: 'asc' } })).map((l) => ({
      code: l.code,
      nameEn: l.nameEn,
      nameNative: l.nameNative,
      euOfficial: l.euOfficial,
      retired: l.retired,
    })),
  'legislation-areas': async (em, lang) => {
    const [areas, keywords] = await Promise.all([
      em.find(LegislationArea, {}, { orderBy: { position: 'asc', code: 'asc' } }),
      em.find(AreaKeyword, {}, { orderBy: { position: 'asc', code: 'asc' } }),
    ]);
    return areas.map((a) => ({
      code: a.code,
      name: pickTranslation(a.names, lang),
      legalReference: a.legalReference,
      workflows: a.workflows,
      blockPersonalDataAfterMonths: a.blockPersonalDataAfterMonths,
      position: a.position,
      keywords: keywords.filter((k) => refCode(k.area) === a.code).map((k) => ({ code: k.code, label: pickTranslation(k.labels, lang), retired: k.retired })),
      retired: a.retired,
    }));
  },
  'nace-codes': async (em, lang) =>
    (await em.find(NaceCode, {}, { orderBy: { code: 'asc' } })).map((n) => ({
      code: n.code,
      level: n.level,
      parent: refCodeOrNull(n.parent),
      name: pickTranslation(n.names, lang),
      retired: n.retired,
    })),
  'policy-areas': async (em, lang) => {
    const rows = await em.find(PolicyArea, {}, { orderBy: { level: 'asc', position: 'asc', code: 'asc' } });
    // parents first, each followed by its sub-areas
    const top = rows.filter((r) => r.level === 1);
    const ordered = [...top.flatMap((t) => [t, ...rows.filter((r) => refCode(r.parent) === t.code)]), ...rows.filter((r) => r.level !== 1 && !top.some((t) => t.code === refCode(r.parent)))];
    return ordered.map((p) => ({
      code: p.code,
      level: p.level,
      parent: refCodeOrNull(p.parent),
      name: pickTranslation(p.names, lang),
      position: p.position,
      retired: p.retired,
    }));
  },
  'question-sets': async (em, lang) => {
    const [sets, questions, answers] = await Promise.all([
      em.find(QuestionSet, {}, { orderBy: { position: 'asc', code: 'asc' } }),
      em.find(Question, {}, { orderBy: { position: 'asc', code: 'asc' } }),
      em.find(PredefinedAnswer, {}, { orderBy: { position: 'asc', code: 'asc' } }),
    ]);
    return sets.map((s) => ({
      code: s.code,
      area: refCode(s.area),
      name: pickTranslation(s.names, lang),
      instructions: s.instructions ? pickTranslation(s.instructions, lang) : null,
      checklist: (s.checklist ?? []).map((item) => pickTranslation(item, lang)),
      position: s.position,
      questions: questions
        .filter((q) => refCode(q.questionSet) === s.code)
        .map((q) => ({
          code: q.code,
          position: q.position,
          text: pickTranslation(q.texts, lang),
          commentRequired: q.commentRequired,
          answers: answers.filter((a) => refCode(a.question) === q.code).map((a) => ({ code: a.code, text: pickTranslation(a.texts, lang), retired: a.retired })),
          retired: q.retired,
        })),
      retired: s.retired,
    }));
  },
};

const summaries: Record<ReferenceKind, string> = {
  countries: 'The countries taking part (EU27 + IS, LI, NO)',
  languages: 'Languages',
  'legislation-areas': 'Legislation areas with their keywords',
  'nace-codes': 'NACE Rev. 2 sections and divisions',
  'policy-areas': 'EU policy areas and their sub-areas',
  'question-sets': 'Question sets with their questions and predefined answers',
};

/** The reference data, read-only, for any logged-in caller (sessions, API tokens, the operator token). */
export function referenceDataRoutes(deps: AppDeps) {
  const { orm } = deps;
  const app = createRouter();
  app.use('*', authenticate(deps), requireUser());
  for (const kind of referenceKinds) {
    app.openapi(
      createRoute({
        method: 'get',
        path: `/${kind}`,
        tags: ['Reference data'],
        summary: summaries[kind],
        request: { query: referenceQuerySchema },
        responses: { 200: json(referenceListSchemas[kind], summaries[kind]), ...errorResponses(400, 401) },
      }),
      async (c) => {
        const { lang } = c.req.valid('query');
        const data = await loaders[kind](orm.em.fork() as EntityManager, lang);
        return c.json({ data, total: data.length } as never, 200);
      },
    );
  }
  return app;
}
