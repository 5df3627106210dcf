import { reportKinds, type ReportKind } from '../../schema/reports';
import { aRequestCaseView, personalDataInCase } from './aCaseView';
import { composeReport, InvalidReportOptions, kindShowsPersonalData } from './document';
import { renderReportPdf } from './pdf';
import { pdfText } from '../../test/pdfText';

const generatedAt = new Date('2026-11-25T12:00:00Z');

async function renderedText(kind: ReportKind, options: { sections?: string[]; includePersonalData?: boolean; language?: 'en' | 'da' | 'de' | 'fr' } = {}) {
  const document = composeReport(kind, aRequestCaseView(), { language: options.language ?? 'en', generatedAt, sections: options.sections, includePersonalData: options.includePersonalData });
  const pdf = await renderReportPdf(document);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  // Lines wrap where the page ends them; compare words, not line breaks.
  return { document, text: (await pdfText(pdf)).replace(/\s+/g, ' ') };
}

describe('composeReport and renderReportPdf', () => {
  it('a full report shows every section and all personal data, with Danish, German and French letters intact', async () => {
    const { document, text } = await renderedText('full');
    expect(document.personalData).toBe(true);
    for (const value of personalDataInCase) expect(text).toContain(value);
    for (const heading of ['Summary', 'Data subject', 'Questions and answers', 'Messages', 'Attachments']) expect(text).toContain(heading);
    expect(text).toContain('Full report — Information request');
    expect(text).toContain('REQ-2026-000042');
    expect(text).toContain('Non, aucune mesure disciplinaire.');
    expect(text).not.toContain('consent');
  });

  it('a full report without personal data holds none of the personal strings, but keeps the rest and says what was withheld', async () => {
    const { document, text } = await renderedText('full-without-personal-data');
    expect(document.personalData).toBe(false);
    for (const value of personalDataInCase) expect(text).not.toContain(value);
    expect(text).not.toContain('Data subject');
    expect(text).toContain('Provider');
    expect(text).toContain('[personal data withheld]');
    expect(text).toContain('Gewerbeamt München (DE)');
    expect(text).toContain('Is the provider legally established');
    expect(text).toContain('Gewerbeauszug.pdf');
    expect(text).toContain('Bitte senden Sie die Unterlagen.');
  });

  it('a custom report shows only the chosen sections, and personal data only when asked for', async () => {
    const without = await renderedText('custom', { sections: ['questions', 'attachments'] });
    expect(without.document.sections.map((s) => s.id)).toEqual(['questions', 'attachments']);
    for (const value of personalDataInCase) expect(without.text).not.toContain(value);
    expect(without.text).not.toContain('Summary');
    expect(without.text).toContain('Gewerbeauszug.pdf');

    const withData = await renderedText('custom', { sections: ['data-subject'], includePersonalData: true });
    expect(withData.document.personalData).toBe(true);
    expect(withData.text).toContain('010203-4567');
    expect(withData.text).not.toContain('Gewerbeauszug.pdf');
  });

  it('refuses a custom report without sections or with unknown ones, and a choice of sections for other kinds', () => {
    const view = aRequestCaseView();
    expect(() => composeReport('custom', view, { language: 'en', generatedAt })).toThrow(InvalidReportOptions);
    expect(() => composeReport('custom', view, { language: 'en', generatedAt, sections: ['nope'] })).toThrow(/unknown section\(s\): nope/);
    expect(() => composeReport('full', view, { language: 'en', generatedAt, sections: ['summary'] })).toThrow(/only a custom report/);
    expect(() => composeReport('full-without-personal-data', view, { language: 'en', generatedAt, includePersonalData: true })).toThrow(InvalidReportOptions);
    expect(() => composeReport('summary' as ReportKind, view, { language: 'en', generatedAt })).toThrow(/kind must be one of full, /);
    expect(() => composeReport('full', view, { language: 'sv' as 'en', generatedAt })).toThrow(/language must be one of en, da, de, fr/);
  });

  it('the data-subject report carries the personal data; the consent form adds the disclaimer and the signature block in the report language', async () => {
    const subject = await renderedText('data-subject', { language: 'de' });
    expect(subject.text).toContain('Bericht für die betroffene Person');
    expect(subject.text).toContain('Søren Ærøskøbing-Müller');
    expect(subject.document.consent).toBeUndefined();

    const consent = await renderedText('consent-form', { language: 'da' });
    expect(consent.text).toContain('Samtykkeerklæring');
    expect(consent.text).toContain('Denne rapport indeholder personoplysninger');
    expect(consent.text).toContain('giver samtykke');
    for (const field of ['Navn:', 'Sted og dato:', 'Underskrift:']) expect(consent.text).toContain(field);
    expect(consent.text).toContain('Spørgsmål');
    expect(consent.text).toMatch(/Side 1 af \d/);
  });

  it('French labels render with their accents', async () => {
    const { text } = await renderedText('full-without-personal-data', { language: 'fr' });
    expect(text).toContain('Rapport complet sans données à caractère personnel');
    expect(text).toContain('[données à caractère personnel retirées]');
  });

  it('only the kinds without personal data are safe for viewers who may not see it', () => {
    expect(reportKinds.filter((k) => !kindShowsPersonalData(k))).toEqual(['full-without-personal-data', 'custom']);
    expect(kindShowsPersonalData('custom', { includePersonalData: true })).toBe(true);
  });

  it('does not change the case view it was given', () => {
    const view = aRequestCaseView();
    const before = JSON.stringify(view);
    composeReport('full-without-personal-data', view, { language: 'en', generatedAt });
    expect(JSON.stringify(view)).toBe(before);
  });
});
