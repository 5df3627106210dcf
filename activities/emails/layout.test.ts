import { compileMjml, layoutSource, renderEmail } from './layout';
import { contactCheckEmail, emailLanguages } from './contactCheckEmails';

describe('email layout', () => {
  it('renders valid mjml into HTML and a text part, escaping content', async () => {
    const email = await renderEmail({ language: 'en', subject: 'S', heading: 'H <b>', paragraphs: ['a & b'], action: { label: 'Go', url: 'http://x/?a=1&b=2' }, footer: 'F' });
    expect(email.html).toContain('H &lt;b&gt;');
    expect(email.html).toContain('a &amp; b');
    expect(email.html).toContain('href="http://x/?a=1&amp;b=2"');
    expect(email.text).toBe('H <b>\n\na & b\n\nGo: http://x/?a=1&b=2\n\nF');
  });

  it.each(emailLanguages)('has contact-check emails in %s that differ from English except for English', async (language) => {
    const opened = contactCheckEmail('opened', language, 'http://localhost:3000/');
    const english = contactCheckEmail('opened', 'en', 'http://localhost:3000/');
    expect(opened.language).toBe(language);
    if (language !== 'en') expect(opened.subject).not.toBe(english.subject);
    const rendered = await renderEmail(opened);
    expect(rendered.html).toContain('http://localhost:3000/');
  });

  it('fills the compiled layout exactly as compiling each email would', async () => {
    const escape = (x: string) => x.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
    for (const content of [
      { language: 'da', subject: 'Forespørgsel REQ-2026-000001 <ny>', heading: 'Ny "forespørgsel"', paragraphs: ['Én & to', 'Åbn den.'], action: { label: 'Åbn', url: 'http://x/#/requests/1?a=1&b=2' }, footer: 'Automatisk' },
      { language: 'en', subject: 'S', heading: 'H', paragraphs: ['only one'], footer: 'F' },
      { language: 'de', subject: 'S', heading: 'H', paragraphs: ['a', 'b', 'c'], footer: "F's" },
    ]) {
      const direct = await compileMjml(
        layoutSource({
          language: escape(content.language),
          subject: escape(content.subject),
          heading: escape(content.heading),
          paragraphs: content.paragraphs.map(escape),
          ...(content.action && { action: { label: escape(content.action.label), url: escape(content.action.url) } }),
          footer: escape(content.footer),
        }),
      );
      expect((await renderEmail(content)).html).toBe(direct);
    }
  });

  it('falls back to English for a language without texts', () => {
    expect(contactCheckEmail('reminder', 'sv', 'http://x/').language).toBe('en');
  });
});
