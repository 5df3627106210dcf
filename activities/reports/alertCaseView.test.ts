import type { AlertDetail } from '../../schema/alerts';
import { alertCaseView, alertReportSections } from './alertCaseView';
import { composeReport, InvalidReportOptions } from './document';

/**
 * The alert's report view: built from the viewer's (policy-filtered) detail, every personal item
 * marked, so composeReport's redaction removes all of it from a report without personal data.
 */

const provider = 'Hildur Østergaard-Kemény';
const detail = (patch: Partial<AlertDetail> = {}): AlertDetail => ({
  alert: {
    id: 'a1',
    number: 'ALR-2026-000042',
    legislationArea: 'services',
    status: 'closure-open-for-objections',
    version: 12,
    originatingAuthorityId: 'auth-dk',
    originatingCountry: 'DK',
    alertCoordinatorId: 'coord-dk',
    alertCoordinatorFinalApproval: false,
    broadcastingCoordinatorId: 'coord-dk',
    establishmentCountry: 'SE',
    closingCountry: 'SE',
    targetCountries: ['SE', 'NO'],
    commissionReceivedAt: '2026-03-02T09:00:00.000Z',
    createdAt: '2026-03-01T09:00:00.000Z',
    submittedAt: '2026-03-01T10:00:00.000Z',
    broadcastAt: '2026-03-02T09:00:00.000Z',
    withdrawnAt: null,
    closedAt: null,
    deletedAt: null,
    reducedView: false,
    commentPeriodEndsAt: '2026-03-09T09:00:00.000Z',
    objectionPeriodEndsAt: '2026-03-24T09:00:00.000Z',
    pendingActions: [],
  },
  viewerSide: 'originator',
  personalDataVisible: true,
  personalDataHiddenReason: null,
  criteria: { 'serious-damage': true },
  provider: { providerKind: 'person', name: provider, otherNames: ['HØK Bygg'], address: { street: 'Nygatan 4', city: 'Malmö' }, registrationNumbers: { org: 'SE556677' }, fields: {} },
  description: `${provider} removed safety rails.`,
  descriptionLanguage: 'en',
  suggestedAuthorities: 'Boverket',
  files: [{ id: 'f1', fileName: 'kemeny-photos.zip', mimeType: 'application/zip', sizeBytes: 2048, textId: null, uploadedAt: '2026-03-01T09:00:00.000Z', locked: false }],
  countries: [
    {
      country: 'SE',
      kind: 'target',
      mailboxState: 'acknowledged',
      receivedAt: '2026-03-02T09:00:00.000Z',
      acknowledgedAt: '2026-03-02T10:00:00.000Z',
      recipients: [
        { authorityId: 'mbox-se', authorityName: 'Swedish mailbox', kind: 'mailbox', forwardedByAuthorityId: null, receivedAt: '2026-03-02T09:00:00.000Z', acknowledgedAt: '2026-03-02T10:00:00.000Z', actedAt: '2026-03-02T10:00:00.000Z', removedAt: null, removedByAuthorityId: null },
      ],
    },
  ],
  items: [{ id: 'i1', kind: 'objection', status: 'broadcast', submittedByAuthorityId: 'mbox-no', country: 'NO', coordinatorId: 'coord-se', addressedToCountry: null, submittedAt: '2026-03-10T09:00:00.000Z', decidedAt: '2026-03-10T10:00:00.000Z', text: `${provider} still works in Oslo.`, language: 'en' }],
  closure: { country: 'SE', proposedByAuthorityId: 'auth-se', closureCoordinatorId: 'coord-se', proposedAt: '2026-03-02T12:00:00.000Z', proposal: `${provider} stopped trading.`, comments: [{ id: 'c1', authorityId: 'auth-se2', at: '2026-03-03T09:00:00.000Z', text: 'Agreed, Kemény closed.', attached: true }], broadcastAt: '2026-03-09T10:00:00.000Z' },
  timeline: [{ at: '2026-03-01T09:00:00.000Z', action: 'created', actor: 'user:u1', authorityId: 'auth-dk', country: 'DK', targets: [], version: 1 }],
  actions: [],
  ...patch,
});

const text = (doc: unknown) => JSON.stringify(doc);
const generatedAt = new Date('2026-03-20T09:00:00Z');

describe('alertCaseView', () => {
  it('a full report shows what the viewer sees: provider, description, information, proposal, comments, files, recipients and history', () => {
    const doc = composeReport('full', alertCaseView(detail(), 'en', new Map([['auth-dk', 'Sikkerhedsstyrelsen']])), { language: 'en', generatedAt });
    expect(doc.personalData).toBe(true);
    expect(doc.sections.map((s) => s.id)).toEqual([...alertReportSections]);
    for (const shown of [provider, 'HØK Bygg', 'removed safety rails', 'still works in Oslo', 'stopped trading', 'Kemény closed', 'kemeny-photos.zip', 'Swedish mailbox', 'Sikkerhedsstyrelsen', 'ALR-2026-000042']) expect(text(doc)).toContain(shown);
  });

  it('a report without personal data keeps the summary, recipients and history and none of the personal items', () => {
    const doc = composeReport('full-without-personal-data', alertCaseView(detail(), 'da'), { language: 'da', generatedAt });
    expect(doc.personalData).toBe(false);
    for (const hidden of [provider, 'Kemény', 'HØK Bygg', 'Nygatan', 'SE556677', 'safety rails', 'Oslo', 'stopped trading', 'kemeny-photos.zip', 'Boverket']) expect(text(doc)).not.toContain(hidden);
    expect(text(doc)).toContain('Swedish mailbox');
    expect(text(doc)).toContain('Etableringsland');
    expect(doc.sections.map((s) => s.id)).not.toContain('provider');
  });

  it('the reduced view (what the API gives once closed) prints no personal data even in a "full" report', () => {
    const reduced = detail({
      personalDataVisible: false,
      provider: null,
      description: null,
      suggestedAuthorities: null,
      files: [{ ...detail().files[0]!, fileName: 'file-1', locked: true }],
      items: detail().items.map((i) => ({ ...i, text: null })),
      closure: { ...detail().closure!, proposal: null, comments: detail().closure!.comments.map((c) => ({ ...c, text: null })) },
    });
    const doc = composeReport('full', alertCaseView(reduced, 'en'), { language: 'en', generatedAt });
    expect(found(text(doc))).toEqual([]);
    expect(doc.sections.map((s) => s.id)).toEqual(['summary', 'recipients', 'information', 'closure', 'files', 'history']);
  });

  it('a custom report takes only the alert’s sections', () => {
    expect(composeReport('custom', alertCaseView(detail(), 'en'), { language: 'en', generatedAt, sections: ['summary', 'history'] }).sections.map((s) => s.id)).toEqual(['summary', 'history']);
    expect(() => composeReport('custom', alertCaseView(detail(), 'en'), { language: 'en', generatedAt, sections: ['questions'] })).toThrow(InvalidReportOptions);
  });
});

const found = (s: string) => [provider, 'Kemény', 'HØK Bygg', 'safety rails', 'Oslo', 'stopped trading', 'kemeny-photos.zip', 'Boverket'].filter((m) => s.includes(m));
