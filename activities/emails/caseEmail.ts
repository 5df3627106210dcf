import { emailLanguages } from './contactCheckEmails';
import type { EmailContent } from './layout';

export type EmailLanguage = (typeof emailLanguages)[number];

/** The recipient's language if Liaison writes emails in it, else English. */
export function emailLanguageOf(language: string | null | undefined): EmailLanguage {
  return (emailLanguages as readonly string[]).includes(language ?? '') ? (language as EmailLanguage) : 'en';
}

/** How one case type names itself in its emails: subject, heading and the link's label. */
export type CaseEmailFrame = Record<EmailLanguage, { subject: (number: string) => string; heading: (number: string) => string; action: string }>;

const common: Record<EmailLanguage, { footer: string; privacy: string }> = {
  en: {
    footer: 'This is an automatic message from Liaison. Please do not reply.',
    privacy: 'For data protection reasons this email contains no case details; log in to Liaison to read them.',
  },
  da: {
    footer: 'Dette er en automatisk besked fra Liaison. Svar venligst ikke.',
    privacy: 'Af hensyn til databeskyttelsen indeholder denne e-mail ingen sagsoplysninger; log ind i Liaison for at læse dem.',
  },
  de: {
    footer: 'Dies ist eine automatische Nachricht von Liaison. Bitte antworten Sie nicht.',
    privacy: 'Aus Datenschutzgründen enthält diese E-Mail keine Falldaten; melden Sie sich bei Liaison an, um sie zu lesen.',
  },
  fr: {
    footer: 'Ceci est un message automatique de Liaison. Merci de ne pas y répondre.',
    privacy: 'Pour des raisons de protection des données, ce courriel ne contient aucun détail du dossier ; connectez-vous à Liaison pour le consulter.',
  },
};

/**
 * An automatic email about a case (a request, an alert): what happened in one standard sentence,
 * the case's number and a link, in the recipient's language. Never case content (domain.md §8).
 */
export function caseEmail(frame: CaseEmailFrame, sentence: Record<EmailLanguage, string>, language: string, facts: { number: string; link: string }): EmailContent {
  const lang = emailLanguageOf(language);
  const f = frame[lang];
  return {
    language: lang,
    subject: f.subject(facts.number),
    heading: f.heading(facts.number),
    paragraphs: [sentence[lang], common[lang].privacy],
    action: { label: f.action, url: facts.link },
    footer: common[lang].footer,
  };
}
