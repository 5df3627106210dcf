import type { EntitySchema } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
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
  ReferenceDataVersion,
} from './entities/reference';
import { readReferenceSeeds, type ReferenceSeeds } from './seeds/referenceDataSchemas';

export { readReferenceSeeds, type ReferenceSeeds } from './seeds/referenceDataSchemas';

export interface ReferenceDataReport {
  /** e.g. `country`, `question`, `predefined-answer`. */
  kind: string;
  /** The version now recorded for the kind. */
  version: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows no longer in the seed file, now marked `retired` (never deleted: other data may refer to them). */
  retired: number;
  /** Set when the kind was left alone, with the reason (the database holds a newer version). */
  skipped?: string;
}

/** What the loader needs of a logger; pino's fits. */
export interface ReferenceDataLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

type Row = { code: string } & Record<string, unknown>;

/** One kind of reference data, as the rows its table should hold. */
export interface ReferenceDataPlan {
  kind: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entity: EntitySchema<any>;
  version: number;
  rows: Row[];
}

/** Turns the seed files into table rows, in loading order (what is referenced comes first). Pure. */
export function planReferenceData(seeds: ReferenceSeeds): ReferenceDataPlan[] {
  const { languages, countries, legislationAreas, areaKeywords, naceCodes, policyAreas, questionSets } = seeds;
  const positionWithin = <T>(items: T[], group: (i: T) => unknown) => {
    const counters = new Map<unknown, number>();
    return items.map((i) => {
      const n = (counters.get(group(i)) ?? 0) + 1;
      counters.set(group(i), n);
      return n;
    });
  };
  const levels = (items: { code: string; parent: string | null }[]) => {
    const level = new Map<string, number>();
    for (const i of items) level.set(i.code, i.parent === null ? 1 : (level.get(i.parent) ?? 0) + 1);
    return level;
  };

  const keywordPositions = positionWithin(areaKeywords.items, (k) => k.area);
  const setPositions = positionWithin(questionSets.items, (s) => s.area);
  const naceLevels = levels(naceCodes.items);
  const policyLevels = levels(policyAreas.items);
  const policyPositions = positionWithin(policyAreas.items, (p) => p.parent);

  const questions: Row[] = [];
  const answers: Row[] = [];
  for (const set of questionSets.items) {
    set.questions.forEach((question, q) => {
      const questionCode = `${set.code}/${question.key}`;
      questions.push({
        code: questionCode,
        questionSet: set.code,
        position: q + 1,
        texts: question.texts,
        commentRequired: question.commentRequired ?? false,
      });
      question.answers.forEach((answer, a) => {
        const [key, texts] = typeof answer === 'string' ? [answer, questionSets.commonAnswers[answer]] : [answer.key, answer.texts];
        answers.push({ code: `${questionCode}/${key}`, question: questionCode, position: a + 1, texts });
      });
    });
  }

  return [
    { kind: 'language', entity: Language, version: languages.version, rows: languages.items.map((l) => ({ ...l })) },
    { kind: 'country', entity: Country, version: countries.version, rows: countries.items.map((c) => ({ ...c })) },
    {
      kind: 'legislation-area',
      entity: LegislationArea,
      version: legislationAreas.version,
      rows: legislationAreas.items.map((a, i) => ({ ...a, position: i + 1 })),
    },
    {
      kind: 'area-keyword',
      entity: AreaKeyword,
      version: areaKeywords.version,
      rows: areaKeywords.items.map((k, i) => ({ ...k, position: keywordPositions[i] })),
    },
    {
      kind: 'nace-code',
      entity: NaceCode,
      version: naceCodes.version,
      rows: naceCodes.items.map((n) => ({ ...n, level: naceLevels.get(n.code) })),
    },
    {
      kind: 'policy-area',
      entity: PolicyArea,
      version: policyAreas.version,
      rows: policyAreas.items.map((p, i) => ({ ...p, level: policyLevels.get(p.code), position: policyPositions[i] })),
    },
    {
      kind: 'question-set',
      entity: QuestionSet,
      version: questionSets.version,
      rows: questionSets.items.map((s, i) => ({
        code: s.code,
        area: s.area,
        names: s.names,
        instructions: s.instructions ?? null,
        checklist: s.checklist ?? null,
        position: setPositions[i],
      })),
    },
    { kind: 'question', entity: Question, version: questionSets.version, rows: questions },
    { kind: 'predefined-answer', entity: PredefinedAnswer, version: questionSets.version, rows: answers },
  ];
}

/**
 * Brings the reference tables in line with the seed files: inserts new codes, updates changed
 * rows, marks vanished ones `retired` (never deletes). Idempotent: a second run writes nothing and
 * reports only `unchanged`. One transaction, serialised across processes by an advisory lock.
 */
export async function loadReferenceData(
  orm: MikroORM,
  options: { seeds?: ReferenceSeeds; logger?: ReferenceDataLogger } = {},
): Promise<ReferenceDataReport[]> {
  const plans = planReferenceData(options.seeds ?? readReferenceSeeds());
  return orm.em.fork().transactional(async (em) => {
    await em.execute(`select pg_advisory_xact_lock(hashtext('liaison.reference-data'))`);
    const recorded = new Map((await em.find(ReferenceDataVersion, {})).map((v) => [v.kind, v.version]));
    const reports: ReferenceDataReport[] = [];
    for (const plan of plans) reports.push(await loadKind(em, plan, recorded.get(plan.kind), options.logger));
    return reports;
  });
}

async function loadKind(
  em: EntityManager,
  plan: ReferenceDataPlan,
  recordedVersion: number | undefined,
  logger?: ReferenceDataLogger,
): Promise<ReferenceDataReport> {
  const { kind, entity, version } = plan;
  if (recordedVersion !== undefined && recordedVersion > version) {
    const skipped = `the database holds version ${recordedVersion}, newer than the seed file's ${version}`;
    logger?.warn({ kind, recordedVersion, seedVersion: version }, `reference data not loaded: ${skipped}`);
    return { kind, version: recordedVersion, inserted: 0, updated: 0, unchanged: 0, retired: 0, skipped };
  }

  const existing = new Map<string, Record<string, unknown>>();
  for (const row of (await em.createQueryBuilder(entity).select('*').execute('all')) as Row[]) existing.set(row.code, row);

  let inserted = 0;
  let updated = 0;
  const changed: Row[] = [];
  for (const row of plan.rows) {
    const wanted: Row = { ...row, retired: false };
    const current = existing.get(row.code);
    if (!current) inserted++;
    else if (Object.keys(wanted).some((k) => canonical(wanted[k]) !== canonical(current[k] ?? null))) updated++;
    else continue;
    changed.push(wanted);
  }
  if (changed.length > 0) await em.upsertMany(entity, changed);

  const kept = new Set(plan.rows.map((r) => r.code));
  const retiring = [...existing.values()].filter((r) => !r.retired && !kept.has(r.code as string)).map((r) => r.code as string);
  if (retiring.length > 0) {
    await em.nativeUpdate(entity, { code: { $in: retiring } }, { retired: true });
    logger?.warn({ kind, codes: retiring }, 'reference data retired: no longer in the seed file');
  }

  if (changed.length > 0 || retiring.length > 0 || recordedVersion !== version) {
    await em.upsert(ReferenceDataVersion, { kind, version, loadedAt: new Date() });
  }
  const report = { kind, version, inserted, updated, unchanged: plan.rows.length - changed.length, retired: retiring.length };
  if (inserted || updated || retiring.length) logger?.info(report, 'reference data loaded');
  return report;
}

/** JSON with object keys sorted: equal for equal data whatever the key order (jsonb reorders keys) or realm. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
