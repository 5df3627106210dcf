import type { AlertDetail } from '../../schema/alerts';
import type { ReportLanguage } from '../../schema/reports';
import type { ReportCaseView, ReportFact, ReportMessage, ReportSection } from './document';

/**
 * An alert as the generic report machinery sees it (6.4.3: printable at every stage, "only the
 * reduced view once withdrawn or closed"). Built from the alert detail the API computed for the
 * viewer — already filtered by api/policy/alertAccess.ts (no provider, texts or file names where
 * personal data is hidden; no closure proposal outside the closing country before its broadcast;
 * no unbroadcast item of another authority) — so a report never shows more than the screen. Every
 * personal item is marked, so `composeReport` can redact further for a report without. Pure.
 */

/** Section ids a custom report chooses from, in the report's order. */
export const alertReportSections = ['summary', 'provider', 'description', 'recipients', 'information', 'closure', 'files', 'history'] as const;
export type AlertReportSection = (typeof alertReportSections)[number];

interface Words {
  caseTitle: string;
  headings: Record<AlertReportSection, string>;
  facts: Record<
    | 'number'
    | 'status'
    | 'originatingAuthority'
    | 'originatingCountry'
    | 'establishmentCountry'
    | 'unknown'
    | 'targetCountries'
    | 'createdAt'
    | 'broadcastAt'
    | 'closedAt'
    | 'withdrawnAt'
    | 'commentPeriodEndsAt'
    | 'objectionPeriodEndsAt'
    | 'reducedView'
    | 'yes'
    | 'name'
    | 'kind'
    | 'otherNames'
    | 'address'
    | 'registration'
    | 'suggestedAuthorities'
    | 'mailbox'
    | 'received'
    | 'acted'
    | 'removed'
    | 'proposal'
    | 'comment',
    string
  >;
}

const en: Words = {
  caseTitle: 'Alert',
  headings: { summary: 'Summary', provider: 'Service provider', description: 'Description', recipients: 'Recipients', information: 'Information', closure: 'Closure', files: 'Files', history: 'History' },
  facts: {
    number: 'Alert number',
    status: 'Status',
    originatingAuthority: 'Initiating authority',
    originatingCountry: 'Initiating country',
    establishmentCountry: 'Establishment country',
    unknown: 'unknown',
    targetCountries: 'Recipient countries',
    createdAt: 'Created',
    broadcastAt: 'Broadcast',
    closedAt: 'Closed',
    withdrawnAt: 'Withdrawn',
    commentPeriodEndsAt: 'Comment period ends',
    objectionPeriodEndsAt: 'Objection period ends',
    reducedView: 'Reduced view (closed or withdrawn)',
    yes: 'yes',
    name: 'Name',
    kind: 'Kind',
    otherNames: 'Other names',
    address: 'Address',
    registration: 'Registration',
    suggestedAuthorities: 'Suggested authorities',
    mailbox: 'mailbox',
    received: 'received',
    acted: 'acted',
    removed: 'removed',
    proposal: 'Closure proposal',
    comment: 'Comment',
  },
};

const da: Words = {
  caseTitle: 'Advarsel',
  headings: { summary: 'Oversigt', provider: 'Tjenesteyder', description: 'Beskrivelse', recipients: 'Modtagere', information: 'Oplysninger', closure: 'Afslutning', files: 'Filer', history: 'Historik' },
  facts: {
    number: 'Advarselsnummer',
    status: 'Status',
    originatingAuthority: 'Indledende myndighed',
    originatingCountry: 'Indledende land',
    establishmentCountry: 'Etableringsland',
    unknown: 'ukendt',
    targetCountries: 'Modtagerlande',
    createdAt: 'Oprettet',
    broadcastAt: 'Udsendt',
    closedAt: 'Afsluttet',
    withdrawnAt: 'Trukket tilbage',
    commentPeriodEndsAt: 'Periode for bemærkninger slutter',
    objectionPeriodEndsAt: 'Indsigelsesperiode slutter',
    reducedView: 'Reduceret visning (afsluttet eller trukket tilbage)',
    yes: 'ja',
    name: 'Navn',
    kind: 'Art',
    otherNames: 'Andre navne',
    address: 'Adresse',
    registration: 'Registrering',
    suggestedAuthorities: 'Foreslåede myndigheder',
    mailbox: 'postkasse',
    received: 'modtaget',
    acted: 'handlet',
    removed: 'fjernet',
    proposal: 'Forslag om afslutning',
    comment: 'Bemærkning',
  },
};

/** German and French reports carry the frame's labels in their language and the alert's words in English. */
const words: Record<ReportLanguage, Words> = { en, da, de: en, fr: en };

/** Authority names for the recipients' table; the id when unknown. */
export type AuthorityNames = ReadonlyMap<string, string>;

export function alertCaseView(detail: AlertDetail, language: ReportLanguage, names: AuthorityNames = new Map()): ReportCaseView {
  const w = words[language];
  const a = detail.alert;
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? id) : '—');
  const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') + ' UTC' : null);
  const fact = (label: string, value: string | null | undefined, personalData = false): ReportFact[] => (value ? [{ label, value, ...(personalData && { personalData }) }] : []);

  const summary: ReportSection = {
    id: 'summary',
    heading: w.headings.summary,
    blocks: [
      {
        type: 'facts',
        facts: [
          ...fact(w.facts.number, a.number),
          ...fact(w.facts.status, a.status),
          ...fact(w.facts.originatingAuthority, nameOf(a.originatingAuthorityId)),
          ...fact(w.facts.originatingCountry, a.originatingCountry),
          ...fact(w.facts.establishmentCountry, a.establishmentCountry ?? w.facts.unknown),
          ...fact(w.facts.targetCountries, a.targetCountries.join(', ')),
          ...fact(w.facts.createdAt, when(a.createdAt)),
          ...fact(w.facts.broadcastAt, when(a.broadcastAt)),
          ...fact(w.facts.commentPeriodEndsAt, when(a.commentPeriodEndsAt)),
          ...fact(w.facts.objectionPeriodEndsAt, when(a.objectionPeriodEndsAt)),
          ...fact(w.facts.closedAt, when(a.closedAt)),
          ...fact(w.facts.withdrawnAt, when(a.withdrawnAt)),
          ...(a.reducedView ? fact(w.facts.reducedView, w.facts.yes) : []),
        ],
      },
    ],
  };

  const sections: ReportSection[] = [summary];
  const p = detail.provider;
  if (p) {
    sections.push({
      id: 'provider',
      heading: w.headings.provider,
      personalData: true,
      blocks: [
        {
          type: 'facts',
          facts: [
            ...fact(w.facts.name, p.name, true),
            ...fact(w.facts.kind, p.providerKind),
            ...fact(w.facts.otherNames, p.otherNames.join(', '), true),
            ...fact(w.facts.address, Object.values(p.address).filter(Boolean).join(', '), true),
            ...fact(w.facts.registration, Object.entries(p.registrationNumbers).map(([k, v]) => `${k}: ${v}`).join(', '), true),
          ],
        },
      ],
    });
  }
  if (detail.description || detail.suggestedAuthorities) {
    sections.push({
      id: 'description',
      heading: w.headings.description,
      blocks: [
        ...(detail.description ? [{ type: 'text' as const, text: detail.description, personalData: true }] : []),
        ...(detail.suggestedAuthorities ? [{ type: 'text' as const, text: `${w.facts.suggestedAuthorities}: ${detail.suggestedAuthorities}`, personalData: true }] : []),
      ],
    });
  }
  sections.push({
    id: 'recipients',
    heading: w.headings.recipients,
    blocks: detail.countries.map((c) => ({
      type: 'facts' as const,
      facts: c.recipients.map((r) => ({
        label: `${c.country} — ${r.authorityName ?? r.authorityId}${r.kind === 'mailbox' || r.kind === 'origin-mailbox' ? ` (${w.facts.mailbox})` : ''}`,
        value: [`${w.facts.received} ${when(r.receivedAt)}`, r.actedAt ? `${w.facts.acted} ${when(r.actedAt)}` : null, r.removedAt ? `${w.facts.removed} ${when(r.removedAt)}` : null].filter(Boolean).join('; '),
      })),
    })),
  });
  const information: ReportMessage[] = detail.items
    .filter((i) => i.kind !== 'withdrawal' || i.text)
    .map((i) => ({ at: i.submittedAt, from: `${i.kind} (${i.country}, ${i.status}) — ${nameOf(i.submittedByAuthorityId)}`, text: i.text ?? '', personalData: true }));
  if (detail.items.length > 0) sections.push({ id: 'information', heading: w.headings.information, blocks: [{ type: 'messages', messages: information.filter((m) => m.text) }] });
  if (detail.closure) {
    const cl = detail.closure;
    sections.push({
      id: 'closure',
      heading: w.headings.closure,
      blocks: [
        { type: 'facts', facts: [...fact(w.facts.proposal, `${cl.country}, ${when(cl.proposedAt)} — ${nameOf(cl.proposedByAuthorityId)}`)] },
        ...(cl.proposal ? [{ type: 'text' as const, text: cl.proposal, personalData: true }] : []),
        { type: 'messages', messages: cl.comments.filter((c) => c.text).map((c) => ({ at: c.at, from: `${w.facts.comment} — ${nameOf(c.authorityId)}`, text: c.text!, personalData: true })) },
      ],
    });
  }
  if (detail.files.length > 0) {
    sections.push({
      id: 'files',
      heading: w.headings.files,
      // A file name often names the provider; the detail shows "file-N" where personal data is hidden.
      blocks: [{ type: 'attachments', attachments: detail.files.map((f) => ({ name: f.fileName, sizeBytes: f.sizeBytes, personalData: !f.locked })) }],
    });
  }
  sections.push({
    id: 'history',
    heading: w.headings.history,
    blocks: [{ type: 'messages', messages: detail.timeline.map((e) => ({ at: e.at, from: `${e.authorityId ? nameOf(e.authorityId) : e.actor}${e.country ? ` (${e.country})` : ''}`, text: e.action + (e.targets.length ? ` → ${e.targets.map(nameOf).join(', ')}` : '') })) }],
  });
  return { caseType: 'alert', caseNumber: a.number, caseTitle: w.caseTitle, sections };
}
