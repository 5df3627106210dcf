import { mayDownloadReport, mayMakeReport, type ReportViewer } from './reports';

const authorityId = '00000000-0000-4000-8000-000000000001';
const other = '00000000-0000-4000-8000-000000000002';
const user = (...roles: string[]): ReportViewer => ({ kind: 'user', authorityId, roles: roles.map((role) => ({ role })) });

describe('report policy', () => {
  it('case handlers make request reports with personal data; allocators, observers and referral handlers only without', () => {
    expect(mayMakeReport(user('case-handler'), { caseType: 'request', relation: 'own', personalData: true })).toEqual({ allowed: true });
    for (const role of ['allocator', 'request-observer', 'referral-handler']) {
      expect(mayMakeReport(user(role), { caseType: 'request', relation: 'own', personalData: false })).toEqual({ allowed: true });
      expect(mayMakeReport(user(role), { caseType: 'request', relation: 'own', personalData: true })).toMatchObject({ allowed: false, reason: expect.stringContaining('without personal data') });
    }
  });

  it('coordinators report their coordinated authorities’ cases only without personal data; users without a workflow role not at all', () => {
    expect(mayMakeReport(user('case-handler'), { caseType: 'request', relation: 'coordinated', personalData: false })).toEqual({ allowed: true });
    expect(mayMakeReport(user('case-handler'), { caseType: 'request', relation: 'coordinated', personalData: true })).toMatchObject({ allowed: false });
    expect(mayMakeReport(user('ordinary-user'), { caseType: 'request', relation: 'own', personalData: false })).toMatchObject({ allowed: false, reason: expect.stringContaining('case-handler') });
    expect(mayMakeReport(user('case-handler'), { caseType: 'alert', relation: 'own', personalData: false })).toMatchObject({ allowed: false });
    expect(mayMakeReport(user('alert-observer'), { caseType: 'alert', relation: 'own', personalData: true })).toEqual({ allowed: true });
  });

  it('downloads: the making authority’s users (personal data only for those who may see it) and the helpdesk', () => {
    const withData = { caseType: 'request' as const, authorityId, personalData: true };
    const without = { ...withData, personalData: false };
    expect(mayDownloadReport(user('case-handler'), withData)).toEqual({ allowed: true });
    expect(mayDownloadReport(user('allocator'), without)).toEqual({ allowed: true });
    expect(mayDownloadReport(user('allocator'), withData)).toMatchObject({ allowed: false, reason: expect.stringContaining('personal data') });
    expect(mayDownloadReport({ ...user('case-handler'), authorityId: other }, without)).toMatchObject({ allowed: false, reason: expect.stringContaining('authority that made the report') });
    expect(mayDownloadReport({ kind: 'user', authorityId: null, roles: [{ role: 'system-admin' }] }, withData)).toEqual({ allowed: true });
    expect(mayDownloadReport({ kind: 'operator', authorityId: null, roles: [] }, withData)).toEqual({ allowed: true });
    expect(mayDownloadReport({ kind: 'user', authorityId: null, roles: [] }, without)).toMatchObject({ allowed: false });
  });
});
