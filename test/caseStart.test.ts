import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import { CaseStartFailed, startCaseWithUpdate } from '../api/caseStart';
import { contactCheckWorkflowId, projectedSnapshot, type ContactCheckInput } from '../workflows/contactCheck/definitions';
import type { ContactCheckWorkflow } from '../workflows/contactCheck/workflow';
import { connectTestTemporal, openTestOrm, startTestWorker } from './stack';

/**
 * Update-with-start whose answer is lost although the workflow started must not make the API undo
 * the case's PostgreSQL rows: startCaseWithUpdate finds the workflow and finishes with an update.
 */
describe('startCaseWithUpdate', () => {
  let orm: MikroORM;
  let temporal: Client;
  let worker: { taskQueue: string; stop(): Promise<void> };

  beforeAll(async () => {
    orm = await openTestOrm();
    temporal = await connectTestTemporal();
    worker = await startTestWorker({ orm });
  });
  afterAll(async () => {
    await worker?.stop();
    await temporal?.connection.close();
    await orm?.close();
  });

  const input = (checkId: string): ContactCheckInput => ({ checkId, authorityRef: 'DK-TEST', countryCode: 'DK', periodMs: 86_400_000, openedBy: { kind: 'operator', id: 'operator' } });
  const operation = (checkId: string, searchAttribute?: string) =>
    new WithStartWorkflowOperation<typeof ContactCheckWorkflow>('ContactCheckWorkflow', {
      workflowId: contactCheckWorkflowId(checkId),
      taskQueue: worker.taskQueue,
      workflowIdConflictPolicy: 'FAIL',
      args: [input(checkId)],
      ...(searchAttribute && { searchAttributes: { [searchAttribute]: ['x'] } }),
    });

  it('starts the workflow and returns the first update result', async () => {
    const checkId = randomUUID();
    const snapshot = await startCaseWithUpdate(temporal, projectedSnapshot, { workflowId: contactCheckWorkflowId(checkId), startWorkflowOperation: operation(checkId) });
    expect(snapshot.checkId).toBe(checkId);
    expect(snapshot.status).toBe('open');
  });

  it('finishes with a plain update when the workflow had started although the call failed', async () => {
    const checkId = randomUUID();
    // As if an earlier attempt of this very call had started it and its answer was lost.
    await temporal.workflow.start('ContactCheckWorkflow', { workflowId: contactCheckWorkflowId(checkId), taskQueue: worker.taskQueue, args: [input(checkId)] });
    const snapshot = await startCaseWithUpdate(temporal, projectedSnapshot, { workflowId: contactCheckWorkflowId(checkId), startWorkflowOperation: operation(checkId) });
    expect(snapshot.checkId).toBe(checkId);
  });

  it('says "not started" only when Temporal has no such workflow', async () => {
    const checkId = randomUUID();
    // An unregistered search attribute makes the server refuse the start.
    const failure = await startCaseWithUpdate(temporal, projectedSnapshot, { workflowId: contactCheckWorkflowId(checkId), startWorkflowOperation: operation(checkId, 'NoSuchAttribute') }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CaseStartFailed);
    expect((failure as CaseStartFailed).started).toBe('no');
  });
});
