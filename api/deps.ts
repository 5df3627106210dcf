import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Mailer } from '../activities/mailer';
import type { Config } from '../schema/config';
import type { Logger } from './logger';

/** What the API's routes are built from; tests build it against the real stack. */
export interface AppDeps {
  config: Config;
  orm: MikroORM;
  temporal: Client;
  mailer: Mailer;
  logger: Logger;
}
