import { renderEmail } from './layout';
import { emailLanguages } from './contactCheckEmails';
import { alertEmail, alertNotificationKinds } from './alertEmails';
import type { AlertNotificationKind } from '../../workflows/alert/commands';

// Written out, so a kind added to the machine without an email (or dropped) fails here.
const kinds: AlertNotificationKind[] = [
  'alert-submitted', 'alert-received', 'alert-copy', 'alert-forwarded', 'establishment-country-changed', 'item-submitted', 'item-broadcast',
  'item-declined', 'alert-withdrawn', 'closure-proposed', 'comment-period-over', 'closure-proposal-broadcast', 'objection-period-over',
  'closure-proposal-cancelled', 'alert-closed',
];
const link = 'https://liaison.example.eu/#/alerts/0b8c/show';

describe('alert emails (6.4.1)', () => {
  it('has one email per notification kind of the machine', () => {
    expect([...alertNotificationKinds].sort()).toEqual([...kinds].sort());
  });

  it.each(emailLanguages)('every kind renders in %s with the number and the link, and the kinds say different things', async (language) => {
    const firsts = new Set<string>();
    for (const kind of kinds) {
      const email = alertEmail(kind, language, { number: 'ALR-2026-000042', link });
      expect(email.language).toBe(language);
      expect(email.subject).toContain('ALR-2026-000042');
      firsts.add(email.paragraphs[0]!);
      const rendered = await renderEmail(email);
      expect(rendered.text).toContain(link);
    }
    expect(firsts.size).toBe(kinds.length);
  });

  it('is translated, and falls back to English', () => {
    expect(alertEmail('alert-received', 'da', { number: 'N', link }).subject).toBe('Advarsel N');
    expect(alertEmail('alert-received', 'de', { number: 'N', link }).paragraphs[0]).not.toBe(alertEmail('alert-received', 'en', { number: 'N', link }).paragraphs[0]);
    expect(alertEmail('alert-received', 'sv', { number: 'N', link }).language).toBe('en');
  });
});
