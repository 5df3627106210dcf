import { MikroORM, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import path from 'node:path';
import { allEntities } from './entities';

export const migrationsPath = path.join(__dirname, 'migrations');

/** MikroORM options for Liaison's PostgreSQL; used by the API, the worker, the CLI and tests. */
export function ormOptions(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl,
    entities: allEntities,
    extensions: [Migrator],
    // Entities are defined with defineEntity, so no reflection or decorators are involved.
    discovery: { warnWhenNoEntities: true },
    debug: false,
    allowGlobalContext: false,
    pool: { min: 0, max: 10 },
    migrations: {
      path: migrationsPath,
      pathTs: migrationsPath,
      glob: '!(*.d).{js,ts}',
      transactional: true,
      allOrNothing: true,
      // No snapshot file: migration:create diffs the entities against a freshly migrated database,
      // and running migrations does not rewrite a tracked file.
      snapshot: false,
      emit: 'ts',
      silent: true,
    },
    ...overrides,
  };
}

export async function openOrm(clientUrl: string, overrides: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormOptions(clientUrl, overrides));
}

/** Applies every pending migration; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
