import type { MikroORM } from '@mikro-orm/postgresql';
import {
  AreaKeyword,
  Country,
  LegislationArea,
  NaceCode,
  QuestionSet,
  ReferenceDataVersion,
  referenceEntities,
} from '../schema/entities/reference';
import { openOrm } from '../schema/orm';
import { loadReferenceData, readReferenceSeeds, type ReferenceDataReport } from '../schema/referenceData';
import { openTestOrm } from './stack';

const seeds = readReferenceSeeds();

async function countRows(orm: MikroORM): Promise<Record<string, number>> {
  const em = orm.em.fork();
  const counts: Record<string, number> = {};
  for (const entity of referenceEntities) counts[entity.meta.className] = await em.count(entity, {});
  return counts;
}

const changesOf = (reports: ReferenceDataReport[]) => reports.map(({ kind, inserted, updated, retired }) => ({ kind, inserted, updated, retired }));

describe('reference data in the migrated database', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openTestOrm();
  });
  afterAll(async () => {
    await orm?.close();
  });

  it('loads idempotently: a second run inserts and updates nothing and leaves every count unchanged', async () => {
    const first = await loadReferenceData(orm);
    const before = await countRows(orm);
    const second = await loadReferenceData(orm);

    expect(changesOf(second)).toEqual(first.map(({ kind }) => ({ kind, inserted: 0, updated: 0, retired: 0 })));
    expect(second.map((r) => r.unchanged)).toEqual(first.map((r) => r.inserted + r.updated + r.unchanged));
    expect(await countRows(orm)).toEqual(before);
    expect(before).toMatchObject({ Country: 30, Language: seeds.languages.items.length, NaceCode: 21 + 88, LegislationArea: 6, QuestionSet: seeds.questionSets.items.length, ReferenceDataVersion: 9 });
  });

  it('reads back through the entities with their relations', async () => {
    const em = orm.em.fork();
    expect(await em.findOneOrFail(Country, 'DK')).toMatchObject({ timeZone: 'Europe/Copenhagen', euMember: true, languages: ['da'] });
    expect(await em.findOneOrFail(LegislationArea, 'solvit')).toMatchObject({ blockPersonalDataAfterMonths: 18, workflows: ['requests'] });
    const keyword = await em.findOneOrFail(AreaKeyword, 'pq-architects', { populate: ['area'] });
    expect(keyword.area.code).toBe('professional-qualifications');
    expect((await em.findOneOrFail(NaceCode, '47', { populate: ['parent'] })).parent?.code).toBe('G');

    const set = await em.findOneOrFail(QuestionSet, 'pq-diploma', { populate: ['questions.answers'], orderBy: { questions: { position: 'asc', answers: { position: 'asc' } } } });
    const first = set.questions.getItems()[0];
    expect(first.texts.da).toBe('Er det vedhæftede eksamensbevis eller andet uddannelsesbevis ægte?');
    expect(first.answers.getItems().map((a) => a.texts.fr)).toEqual(['Oui', 'Non', "L'authenticité ne peut pas être vérifiée (voir le commentaire)", "Mon autorité n'est pas compétente pour répondre à cette question"]);
    expect((await em.findOneOrFail(ReferenceDataVersion, 'question')).version).toBe(seeds.questionSets.version);
  });
});

/**
 * Changing the seeds in the shared database would disturb tests running beside this one, so the
 * update, retire and no-downgrade paths run in a schema of their own, dropped afterwards.
 */
describe('loading changed reference data (private schema)', () => {
  const schema = `reference_data_test_${process.pid}`;
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openOrm(process.env.DATABASE_URL!, { entities: referenceEntities, schema, pool: { min: 0, max: 2 } });
    await orm.schema.createSchema({ schema });
  });
  afterAll(async () => {
    await orm?.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
    await orm?.close();
  });

  it('inserts everything once, then updates changed rows and retires vanished ones without deleting them', async () => {
    const first = await loadReferenceData(orm);
    expect(first.find((r) => r.kind === 'nace-code')).toMatchObject({ inserted: 109, updated: 0, unchanged: 0 });

    const edited = structuredClone(seeds);
    edited.countries.items.find((c) => c.code === 'AT')!.nameNative = 'Republik Österreich';
    const removed = edited.areaKeywords.items.pop()!;
    edited.areaKeywords.items.push({ code: 'services-test-keyword', area: 'services', labels: { en: 'Test', da: 'Test', de: 'Test', fr: 'Test' } });
    const changed = (await loadReferenceData(orm, { seeds: edited })).filter((r) => r.inserted || r.updated || r.retired);
    expect(changesOf(changed)).toEqual([
      { kind: 'country', inserted: 0, updated: 1, retired: 0 },
      { kind: 'area-keyword', inserted: 1, updated: 0, retired: 1 },
    ]);

    const em = orm.em.fork();
    expect(await em.findOneOrFail(AreaKeyword, removed.code)).toMatchObject({ retired: true });
    expect(await em.count(AreaKeyword, {})).toBe(seeds.areaKeywords.items.length + 1);

    // Back to the real seeds: the retired keyword returns, the test keyword is retired in its turn.
    const restored = (await loadReferenceData(orm)).filter((r) => r.inserted || r.updated || r.retired);
    expect(changesOf(restored)).toEqual([
      { kind: 'country', inserted: 0, updated: 1, retired: 0 },
      { kind: 'area-keyword', inserted: 0, updated: 1, retired: 1 },
    ]);
  });

  it('never goes back to an older version of a kind', async () => {
    const newer = structuredClone(seeds);
    newer.countries.version = seeds.countries.version + 1;
    newer.countries.items.find((c) => c.code === 'AT')!.nameEn = 'Republic of Austria';
    await loadReferenceData(orm, { seeds: newer });

    const older = await loadReferenceData(orm);
    expect(older.find((r) => r.kind === 'country')).toMatchObject({ version: seeds.countries.version + 1, updated: 0, skipped: expect.stringContaining('newer') });
    expect((await orm.em.fork().findOneOrFail(Country, 'AT')).nameEn).toBe('Republic of Austria');
  });
});
