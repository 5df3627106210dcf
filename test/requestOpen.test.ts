/**
 * Opening a request in one call (`POST /api/requests` with `send: true`, the wizard's last step):
 * the API writes the read model's first snapshots with the same pure machine the workflow runs and
 * starts the workflow plainly, so the answer needs no round trip through the worker. These tests
 * check that the workflow really reaches the state the API wrote, that the worker skipped the
 * projections the API already made, and that the request then lives on as any other.
 */
import { requestSnapshot, requestWorkflowId } from '../workflows/request/definitions';
import { AuthorityIds, CaseDeadline, CaseStatus } from '../workflows/searchAttributes';
import {
  aNewRequest,
  api,
  call,
  cmd,
  dkCoord,
  dkCa,
  emailedAbout,
  ok,
  recipients,
  reqCoordHandler,
  reqHandler,
  respHandler,
  setFlags,
  useRequestWorld,
} from './requestWorld';
import { waitFor } from './stack';

jest.setTimeout(60_000);
useRequestWorld();

const auditActions = async (id: string) =>
  (await api.deps.orm.em.fork().execute<{ action: string; version: number }[]>(`select action, version from audit_event where subject_type = 'request' and subject_id = ? order by version`, [id])).map(
    (r) => `${r.version}:${r.action}`,
  );

/** The activities the workflow has run so far, by name: activity tasks, and local activities (their markers). */
const scheduledActivities = async (id: string) => {
  const history = await api.deps.temporal.workflow.getHandle(requestWorkflowId(id)).fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    if (e.activityTaskScheduledEventAttributes) return [e.activityTaskScheduledEventAttributes.activityType?.name ?? ''];
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName !== 'core_local_activity') return [];
    const data = marker.details?.data?.payloads?.[0]?.data;
    return data ? [(JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type: string }).activity_type] : [];
  });
};

describe('create and send in one call', () => {
  it('answers the sent request; the workflow reaches the same state and skips the projections the API made', async () => {
    const opened = await ok('POST', '/api/requests', reqHandler, aNewRequest({ send: true }), 201);
    const id = opened.request.id as string;
    expect(opened.request.status).toBe('awaiting-acceptance');
    expect(opened.request.sentAt).toEqual(expect.any(String));
    expect(opened.actions).not.toContain('send');
    // Both steps are in the audit trail, written by the API.
    expect(await auditActions(id)).toEqual(['1:created', '2:sent']);

    // The workflow computed the same snapshot from the same inputs.
    const fromWorkflow = await api.deps.temporal.workflow.getHandle(requestWorkflowId(id)).query(requestSnapshot);
    expect(fromWorkflow.version).toBe(2);
    expect(fromWorkflow.status).toBe('awaiting-acceptance');
    expect(fromWorkflow.sentAt).toBe(opened.request.sentAt);
    expect(fromWorkflow.createdAt).toBe(opened.request.createdAt);
    expect(fromWorkflow.deadline).toBe(opened.request.deadline);

    // The responder's handlers are emailed by the workflow, and no projection activity ran for versions 1–2.
    const mails = await emailedAbout(opened.request.number, 1);
    expect(recipients(mails)).toContain(respHandler.email.toLowerCase());
    expect(await scheduledActivities(id)).not.toContain('projectRequest');
    // Its search attributes came with the start, computed by the API from the same state; the workflow did not upsert them again.
    const handle = api.deps.temporal.workflow.getHandle(requestWorkflowId(id));
    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(CaseStatus)).toBe('awaiting-acceptance');
    expect([...(described.typedSearchAttributes.get(AuthorityIds) ?? [])].sort()).toEqual([opened.request.requestingAuthorityId, opened.request.respondingAuthorityId, opened.request.requesterCoordinatorId].filter(Boolean).sort());
    // The deadline day's end (deadlineInstant): overdue from the next day on.
    expect(described.typedSearchAttributes.get(CaseDeadline)?.toISOString()).toBe(new Date(Date.parse(`${opened.request.deadline}T00:00:00Z`) + 86_400_000).toISOString());
    const upserts = ((await handle.fetchHistory()).events ?? []).filter((e) => e.upsertWorkflowSearchAttributesEventAttributes);
    expect(upserts).toHaveLength(0);

    // It lives on: the responder sees and accepts it, and the workflow projects that itself.
    const seen = await ok('GET', `/api/requests/${id}`, respHandler);
    expect(seen.actions).toContain('accept');
    const accepted = await cmd(id, 'accept', respHandler, {});
    expect(accepted.request.status).toBe('accepted');
    expect(await auditActions(id)).toEqual(['1:created', '2:sent', '3:accepted']);
    expect(await scheduledActivities(id)).toContain('projectRequest');
    await waitFor(async () => (await handle.describe()).typedSearchAttributes.get(CaseStatus) === 'accepted', 'the status search attribute updated by the workflow');
  });

  it('goes to the coordinator first when the authority needs approval', async () => {
    await setFlags(dkCa, { ca: { approvalRequired: true } });
    await setFlags(dkCoord, { coordinator: { approvesRequests: true } });
    try {
      const opened = await ok('POST', '/api/requests', reqHandler, aNewRequest({ send: true }), 201);
      expect(opened.request.status).toBe('request-pending-approval');
      const id = opened.request.id as string;
      const forCoordinator = await waitFor(async () => {
        const list = await ok('GET', '/api/requests/action-list', reqCoordHandler);
        return list.data.find((r: { id: string }) => r.id === id);
      }, 'the request in the coordinator’s action list');
      expect(forCoordinator).toBeTruthy();
      const approved = await cmd(id, 'approve-request', reqCoordHandler);
      expect(approved.request.status).toBe('awaiting-acceptance');
    } finally {
      await setFlags(dkCa, {});
      await setFlags(dkCoord, {});
    }
  });

  it('without send, still opens a draft that is sent by its own command', async () => {
    const draft = await ok('POST', '/api/requests', reqHandler, aNewRequest(), 201);
    expect(draft.request.status).toBe('draft');
    expect(await auditActions(draft.request.id)).toEqual(['1:created']);
    const after = await cmd(draft.request.id, 'send', reqHandler);
    expect(after.request.status).toBe('awaiting-acceptance');
  });
});

describe('the helpdesk finds a case by its number', () => {
  it('answers the request behind a number to the helpdesk only; a bad number is a 400, an unknown one a 404', async () => {
    const opened = await ok('POST', '/api/requests', reqHandler, aNewRequest({ send: true }), 201);
    const helpdesk = { bearer: api.token };
    const found = await ok('GET', `/api/retention/by-number/${opened.request.number}`, helpdesk);
    expect(found).toEqual({ caseType: 'request', caseId: opened.request.id, number: opened.request.number });
    // Lower case is read as the number too.
    expect((await ok('GET', `/api/retention/by-number/${opened.request.number.toLowerCase()}`, helpdesk)).caseId).toBe(opened.request.id);
    expect((await call('GET', `/api/retention/by-number/${opened.request.number}`, reqHandler)).status).toBe(403);
    const bad = await call('GET', '/api/retention/by-number/not-a-number', helpdesk);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['number']);
    expect((await call('GET', '/api/retention/by-number/REQ-2001-999999', helpdesk)).status).toBe(404);
  });
});
