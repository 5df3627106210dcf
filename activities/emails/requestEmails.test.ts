import { renderEmail } from './layout';
import { emailLanguages } from './contactCheckEmails';
import { requestEmail } from './requestEmails';
import type { RequestNotificationKind } from '../../workflows/request/machine';

const kinds: RequestNotificationKind[] = [
  'request-received', 'approval-needed', 'request-approval-refused', 'allocated', 'deadline-proposed', 'deadline-changed', 'request-accepted',
  'request-rejected', 'request-forwarded', 'request-split', 'message', 'answer-received', 'answer-approval-refused', 'request-closed',
  'additional-info-requested', 'additional-info-accepted', 'additional-info-refused', 'referral', 'opinion-given', 'reconsideration-requested',
  'measures-notified', 'measures-may-apply', 'measures-stopped', 'deadline-overdue', 'close-reminder',
];
const link = 'https://liaison.example.eu/#/requests/0b8c/show';

describe('request emails (5.3.9.3)', () => {
  it.each(emailLanguages)('every kind renders in %s with the number and the link, and the kinds say different things', async (language) => {
    const firsts = new Set<string>();
    for (const kind of kinds) {
      const email = requestEmail(kind, language, { number: 'REQ-2026-000042', link });
      expect(email.language).toBe(language);
      expect(email.subject).toContain('REQ-2026-000042');
      firsts.add(email.paragraphs[0]!);
      const rendered = await renderEmail(email);
      expect(rendered.text).toContain(link);
    }
    expect(firsts.size).toBe(kinds.length);
  });

  it('is translated, and falls back to English', () => {
    expect(requestEmail('request-received', 'da', { number: 'N', link }).subject).toBe('Anmodning om oplysninger N');
    expect(requestEmail('request-received', 'sv', { number: 'N', link }).language).toBe('en');
  });
});
