import type { EmailContent } from './layout';

/**
 * Predefined emails a coordinator sends to the authorities it coordinates (IMI manual ch. 9.1:
 * coordinators "kan sende e-mails til de myndigheder, de koordinerer"). They are stored in
 * `email_template`; a coordinator keeps its own edited versions there, and may still edit subject,
 * heading and paragraphs per language when sending. `{authority}` and `{coordinator}` are
 * replaced by the official names; every value is plain text (escaped by the layout).
 */
export const coordinationEmailLanguages = ['en', 'da'] as const;
export type CoordinationEmailLanguage = (typeof coordinationEmailLanguages)[number];

export interface CoordinationEmailText {
  subject: string;
  heading: string;
  paragraphs: string[];
}

export interface CoordinationEmailTemplate {
  id: string;
  name: string;
  texts: Record<CoordinationEmailLanguage, CoordinationEmailText>;
}

/** The predefined templates, seeded into `email_template` (owner null) and never edited there. */
export const coordinationEmailTemplates: CoordinationEmailTemplate[] = [
  {
    id: 'check-authority-data',
    name: 'Check your authority data',
    texts: {
      en: {
        subject: 'Please check your authority data in Liaison',
        heading: 'Is your authority data up to date?',
        paragraphs: [
          'Dear {authority},',
          'please check that your contact details, legislation areas and users in Liaison are correct, and correct them where needed.',
          'Kind regards, {coordinator}',
        ],
      },
      da: {
        subject: 'Kontrollér venligst jeres myndighedsdata i Liaison',
        heading: 'Er jeres myndighedsdata opdateret?',
        paragraphs: ['Kære {authority},', 'kontrollér venligst, at jeres kontaktoplysninger, lovgivningsområder og brugere i Liaison er korrekte, og ret dem om nødvendigt.', 'Med venlig hilsen {coordinator}'],
      },
    },
  },
  {
    id: 'general-notice',
    name: 'General notice',
    texts: {
      en: { subject: 'A message from your Liaison coordinator', heading: 'A message from {coordinator}', paragraphs: ['Dear {authority},', ''] },
      da: { subject: 'En besked fra jeres Liaison-koordinator', heading: 'En besked fra {coordinator}', paragraphs: ['Kære {authority},', ''] },
    },
  },
];

const footer: Record<CoordinationEmailLanguage, string> = {
  en: 'You receive this email because your authority takes part in Liaison. Please do not reply to it.',
  da: 'Du modtager denne e-mail, fordi jeres myndighed deltager i Liaison. Svar venligst ikke på den.',
};

/** The language to write to an authority in: the first of its languages the template has, else English. */
export function languageFor(languages: readonly string[]): CoordinationEmailLanguage {
  return (languages.find((l) => (coordinationEmailLanguages as readonly string[]).includes(l)) as CoordinationEmailLanguage | undefined) ?? 'en';
}

/** A template's stored body: its paragraphs separated by a blank line. */
export const bodyOf = (paragraphs: readonly string[]) => paragraphs.join('\n\n');
/** The paragraphs of a stored body (blank-line separated). */
export const paragraphsOf = (body: string) => body.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/).map((p) => p.trim());

export function coordinationEmail(
  template: CoordinationEmailText,
  language: CoordinationEmailLanguage,
  names: { authority: string; coordinator: string },
  override: Partial<CoordinationEmailText> = {},
): EmailContent {
  const text = { ...template, ...override };
  const fill = (s: string) => s.replaceAll('{authority}', names.authority).replaceAll('{coordinator}', names.coordinator);
  return {
    language,
    subject: fill(text.subject),
    heading: fill(text.heading),
    paragraphs: text.paragraphs.map(fill).filter((p) => p.trim() !== ''),
    footer: footer[language],
  };
}
