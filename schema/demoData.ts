import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Config } from './config';
import { loadDemoAuthorities } from './demoAuthorities';
import { ContactCheckContact } from './entities/contactCheckContact';
import { contactCheckWorkflowId } from '../workflows/contactCheck/definitions';
import type { ContactCheckWorkflow } from '../workflows/contactCheck/workflow';
import { AuthorityIds, CaseDeadline, CaseStatus, CaseType, CountryCode } from '../workflows/searchAttributes';

/** A few demo cases so a fresh `npm start` has something to look at. Fixed ids make it idempotent. */
const demoChecks = [
  { checkId: '5b0e7a0e-0d1c-4c55-9a37-000000000001', authorityRef: 'DK-ERST', countryCode: 'DK', email: 'kontakt@erst.example.dk', language: 'da', periodMs: 14 * 86_400_000 },
  { checkId: '5b0e7a0e-0d1c-4c55-9a37-000000000002', authorityRef: 'DE-BNETZA', countryCode: 'DE', email: 'kontakt@bnetza.example.de', language: 'de', periodMs: 30 * 86_400_000 },
  // Due two minutes after the first start: shows the durable timer and the reminder email.
  { checkId: '5b0e7a0e-0d1c-4c55-9a37-000000000003', authorityRef: 'FR-DGCCRF', countryCode: 'FR', email: 'contact@dgccrf.example.fr', language: 'fr', periodMs: 2 * 60_000 },
];

export async function loadDemoData(orm: MikroORM, temporal: Client, config: Config): Promise<{ started: number; existing: number }> {
  await loadDemoAuthorities(orm);
  let started = 0;
  let existing = 0;
  for (const demo of demoChecks) {
    const em = orm.em.fork();
    if (await em.findOne(ContactCheckContact, { checkId: demo.checkId })) {
      existing++;
      continue;
    }
    await em.insert(ContactCheckContact, { checkId: demo.checkId, email: demo.email, language: demo.language, createdAt: new Date() });
    await temporal.workflow.start<typeof ContactCheckWorkflow>('ContactCheckWorkflow', {
      workflowId: contactCheckWorkflowId(demo.checkId),
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [{ checkId: demo.checkId, authorityRef: demo.authorityRef, countryCode: demo.countryCode, periodMs: demo.periodMs, openedBy: { kind: 'system', id: 'demo-data' } }],
      typedSearchAttributes: [
        { key: CaseType, value: 'contact-check' },
        { key: CaseStatus, value: 'open' },
        { key: CountryCode, value: demo.countryCode },
        { key: AuthorityIds, value: [demo.authorityRef] },
        { key: CaseDeadline, value: new Date(Date.now() + demo.periodMs) },
      ],
    });
    started++;
  }
  return { started, existing };
}
