import type { ReportCaseView } from './document';

/**
 * A request's case view with recognisable personal data in every kind of block, for tests of
 * redaction and rendering. Names carry Danish, German and French letters on purpose.
 */
export const personalDataInCase = ['Søren Ærøskøbing-Müller', '010203-4567', 'soren@example.dk', 'François Lefèvre', 'Kündigung_Müller.pdf', 'Straße 12, Åbenrå'];

export function aRequestCaseView(): ReportCaseView {
  return {
    caseType: 'request',
    caseNumber: 'REQ-2026-000042',
    caseTitle: 'Information request',
    sections: [
      {
        id: 'summary',
        heading: 'Summary',
        blocks: [
          {
            type: 'facts',
            facts: [
              { label: 'Legislation area', value: 'Services Directive 2006/123/EC' },
              { label: 'Requesting authority', value: 'Sikkerhedsstyrelsen (DK)' },
              { label: 'Responding authority', value: 'Gewerbeamt München (DE)' },
              { label: 'Status', value: 'answered' },
              { label: 'Provider', value: 'Søren Ærøskøbing-Müller', personalData: true },
            ],
          },
        ],
      },
      {
        id: 'data-subject',
        heading: 'Data subject',
        personalData: true,
        blocks: [
          {
            type: 'facts',
            facts: [
              { label: 'Name', value: 'Søren Ærøskøbing-Müller', personalData: true },
              { label: 'Personal number', value: '010203-4567', personalData: true },
              { label: 'Email', value: 'soren@example.dk', personalData: true },
              { label: 'Address', value: 'Straße 12, Åbenrå', personalData: true },
            ],
          },
        ],
      },
      {
        id: 'questions',
        heading: 'Questions and answers',
        blocks: [
          {
            type: 'questions',
            rows: [
              { question: 'Is the provider legally established in your country?', answer: 'Yes, since 2019 — Gewerbeanmeldung liegt vor.' },
              { question: 'Name of the managing director?', answer: 'François Lefèvre', personalData: true },
              { question: 'Any disciplinary measures?', answer: 'Non, aucune mesure disciplinaire.' },
            ],
          },
          { type: 'text', text: 'Comment by the case handler about Søren Ærøskøbing-Müller.', personalData: true },
          { type: 'text', text: 'Answer given within the deadline.' },
        ],
      },
      {
        id: 'messages',
        heading: 'Messages',
        blocks: [
          {
            type: 'messages',
            messages: [
              { at: '2026-11-20T09:15:00.000Z', from: 'Gewerbeamt München', text: 'Bitte senden Sie die Unterlagen.' },
              { at: '2026-11-21T10:00:00.000Z', from: 'Sikkerhedsstyrelsen', text: 'Attached the contract of François Lefèvre.', personalData: true },
            ],
          },
        ],
      },
      {
        id: 'attachments',
        heading: 'Attachments',
        blocks: [
          {
            type: 'attachments',
            attachments: [
              { name: 'Gewerbeauszug.pdf', sizeBytes: 120_000 },
              { name: 'Kündigung_Müller.pdf', sizeBytes: 2_048, personalData: true },
            ],
          },
        ],
      },
    ],
  };
}
