import type { EmailContent } from './layout';

export type ContactCheckEmailKind = 'opened' | 'reminder';
export const emailLanguages = ['en', 'da', 'de', 'fr'] as const;
type Language = (typeof emailLanguages)[number];

const texts: Record<Language, { footer: string; action: string } & Record<ContactCheckEmailKind, { subject: string; heading: string; body: string[] }>> = {
  en: {
    footer: 'This is an automatic message from Liaison. Please do not reply.',
    action: 'Open Liaison',
    opened: { subject: 'Please confirm your authority’s contact data', heading: 'Is your contact data still current?', body: ['Other authorities rely on your authority’s contact data to reach you.', 'Please log in to Liaison and confirm or correct it.'] },
    reminder: { subject: 'Reminder: please confirm your authority’s contact data', heading: 'Your confirmation is overdue', body: ['The deadline to confirm your authority’s contact data has passed.', 'Please log in to Liaison and confirm or correct it as soon as possible.'] },
  },
  da: {
    footer: 'Dette er en automatisk besked fra Liaison. Svar venligst ikke.',
    action: 'Åbn Liaison',
    opened: { subject: 'Bekræft venligst jeres myndigheds kontaktoplysninger', heading: 'Er jeres kontaktoplysninger stadig korrekte?', body: ['Andre myndigheder bruger jeres myndigheds kontaktoplysninger til at nå jer.', 'Log ind i Liaison, og bekræft eller ret dem.'] },
    reminder: { subject: 'Påmindelse: bekræft jeres myndigheds kontaktoplysninger', heading: 'Fristen for bekræftelse er overskredet', body: ['Fristen for at bekræfte jeres myndigheds kontaktoplysninger er udløbet.', 'Log ind i Liaison, og bekræft eller ret dem hurtigst muligt.'] },
  },
  de: {
    footer: 'Dies ist eine automatische Nachricht von Liaison. Bitte antworten Sie nicht.',
    action: 'Liaison öffnen',
    opened: { subject: 'Bitte bestätigen Sie die Kontaktdaten Ihrer Behörde', heading: 'Sind Ihre Kontaktdaten noch aktuell?', body: ['Andere Behörden nutzen die Kontaktdaten Ihrer Behörde, um Sie zu erreichen.', 'Bitte melden Sie sich bei Liaison an und bestätigen oder korrigieren Sie sie.'] },
    reminder: { subject: 'Erinnerung: Bitte bestätigen Sie die Kontaktdaten Ihrer Behörde', heading: 'Ihre Bestätigung ist überfällig', body: ['Die Frist zur Bestätigung der Kontaktdaten Ihrer Behörde ist abgelaufen.', 'Bitte melden Sie sich so bald wie möglich bei Liaison an und bestätigen oder korrigieren Sie sie.'] },
  },
  fr: {
    footer: 'Ceci est un message automatique de Liaison. Merci de ne pas y répondre.',
    action: 'Ouvrir Liaison',
    opened: { subject: 'Veuillez confirmer les coordonnées de votre autorité', heading: 'Vos coordonnées sont-elles toujours à jour ?', body: ['Les autres autorités utilisent les coordonnées de votre autorité pour vous joindre.', 'Veuillez vous connecter à Liaison pour les confirmer ou les corriger.'] },
    reminder: { subject: 'Rappel : veuillez confirmer les coordonnées de votre autorité', heading: 'Votre confirmation est en retard', body: ['Le délai de confirmation des coordonnées de votre autorité est dépassé.', 'Veuillez vous connecter à Liaison dès que possible pour les confirmer ou les corriger.'] },
  },
};

/** The contact-check emails in the recipient's language (English when we lack theirs). No case content. */
export function contactCheckEmail(kind: ContactCheckEmailKind, language: string, link: string): EmailContent {
  const lang: Language = (emailLanguages as readonly string[]).includes(language) ? (language as Language) : 'en';
  const t = texts[lang];
  return { language: lang, subject: t[kind].subject, heading: t[kind].heading, paragraphs: t[kind].body, action: { label: t.action, url: link }, footer: t.footer };
}
