import type { EmailContent } from './layout';
import { emailLanguages } from './contactCheckEmails';

export type InvitationEmailKind = 'invitation' | 'reminder' | 'registration-confirmation' | 'please-validate' | 'login-instructions';
type Language = (typeof emailLanguages)[number];

export interface InvitationEmailFacts {
  /** Where to act: the self-registration page, or the console. */
  link: string;
  /** The one-time registration code, in clear, only in the invitation email. */
  code?: string;
  /** The inviting coordinator's optional personal message (invitation email only). */
  message?: string | null;
  /** When the code expires, as a local date (invitation and reminder). */
  expiresOn?: string;
  /** What was registered (registration confirmation only). Never the username nor a password. */
  summary?: RegistrationSummary;
}

/** The registration confirmation's summary, read from PostgreSQL by the activity, in the recipient's language. */
export interface RegistrationSummary {
  authorityName: string;
  country: string;
  /** Legislation area names. */
  areas: string[];
  /** e.g. "Services: requests". */
  workflows: string[];
  superuserName: string;
}

interface SummaryLabels {
  intro: string;
  authority: string;
  country: string;
  areas: string;
  workflows: string;
  superuser: string;
  none: string;
}

const summaryLabels: Record<Language, SummaryLabels> = {
  en: { intro: 'What you registered:', authority: 'Authority', country: 'Country', areas: 'Legislation areas', workflows: 'Workflows', superuser: 'Superuser', none: 'none' },
  da: { intro: 'Det har I registreret:', authority: 'Myndighed', country: 'Land', areas: 'Lovgivningsområder', workflows: 'Arbejdsgange', superuser: 'Superbruger', none: 'ingen' },
  de: { intro: 'Das haben Sie registriert:', authority: 'Behörde', country: 'Land', areas: 'Rechtsbereiche', workflows: 'Arbeitsabläufe', superuser: 'Superuser', none: 'keine' },
  fr: { intro: 'Ce que vous avez enregistré :', authority: 'Autorité', country: 'Pays', areas: 'Domaines législatifs', workflows: 'Flux de travail', superuser: 'Superutilisateur', none: 'aucun' },
};

const colon = (lang: Language) => (lang === 'fr' ? ' : ' : ': ');

const workflowNames: Record<Language, Record<string, string>> = {
  en: { requests: 'requests', alerts: 'alerts' },
  da: { requests: 'anmodninger', alerts: 'varsler' },
  de: { requests: 'Ersuchen', alerts: 'Vorwarnungen' },
  fr: { requests: 'demandes', alerts: 'alertes' },
};

/** A workflow of an area for the summary, e.g. "Services: requests". */
export function workflowLabel(language: string, areaName: string, workflow: string): string {
  const lang: Language = (emailLanguages as readonly string[]).includes(language) ? (language as Language) : 'en';
  return `${areaName}${colon(lang)}${workflowNames[lang][workflow] ?? workflow}`;
}

/** The summary's paragraphs: one line per fact. */
function summaryLines(lang: Language, summary: RegistrationSummary): string[] {
  const l = summaryLabels[lang];
  const list = (items: string[]) => (items.length > 0 ? items.join(', ') : l.none);
  const c = colon(lang);
  return [
    l.intro,
    `${l.authority}${c}${summary.authorityName}`,
    `${l.country}${c}${summary.country}`,
    `${l.areas}${c}${list(summary.areas)}`,
    `${l.workflows}${c}${list(summary.workflows)}`,
    `${l.superuser}${c}${summary.superuserName}`,
  ];
}

interface Text {
  subject: string;
  heading: string;
  body: (f: InvitationEmailFacts) => string[];
  action: string;
}

const texts: Record<Language, { footer: string; codeLine: (code: string) => string; messageLine: (m: string) => string } & Record<InvitationEmailKind, Text>> = {
  en: {
    footer: 'This is an automatic message from Liaison. Please do not reply.',
    codeLine: (code) => `Your registration code: ${code}`,
    messageLine: (m) => `Message from the coordinator: ${m}`,
    invitation: { subject: 'Invitation to register your authority in Liaison', heading: 'You are invited to register in Liaison', body: (f) => ['An IMI coordinator invites your authority to register in Liaison, the system for administrative cooperation in the internal market.', `Open the registration page and enter the code below. The code is valid until ${f.expiresOn}.`], action: 'Register' },
    reminder: { subject: 'Reminder: your Liaison registration code expires soon', heading: 'Your registration code expires soon', body: (f) => [`The registration code we sent your authority is valid until ${f.expiresOn}.`, 'Please register before then with the code from the invitation email. After that date the coordinator must invite you again.'], action: 'Register' },
    'registration-confirmation': { subject: 'Your authority has registered in Liaison', heading: 'Thank you for registering', body: () => ['We have received your authority’s registration.', 'A coordinator will now check and validate it. You will receive an email with login instructions once it is validated.'], action: 'Open Liaison' },
    'please-validate': { subject: 'An invited authority has registered: please validate it', heading: 'A registration awaits your validation', body: () => ['An authority you invited has registered itself in Liaison.', 'Please check its data, adjust its roles if needed, and validate or reject the registration.'], action: 'Open the invitation' },
    'login-instructions': { subject: 'Your authority is validated: how to log in to Liaison', heading: 'Your authority is now active in Liaison', body: () => ['Your authority’s registration has been validated.', 'Log in with the username shown at the end of your registration. The first time, you will choose a password and a security code.'], action: 'Log in' },
  },
  da: {
    footer: 'Dette er en automatisk besked fra Liaison. Svar venligst ikke.',
    codeLine: (code) => `Jeres registreringskode: ${code}`,
    messageLine: (m) => `Besked fra koordinatoren: ${m}`,
    invitation: { subject: 'Opfordring til at registrere jeres myndighed i Liaison', heading: 'I opfordres til at registrere jer i Liaison', body: (f) => ['En IMI-koordinator opfordrer jeres myndighed til at registrere sig i Liaison, systemet for administrativt samarbejde i det indre marked.', `Åbn registreringssiden, og indtast koden nedenfor. Koden er gyldig til og med ${f.expiresOn}.`], action: 'Registrér' },
    reminder: { subject: 'Påmindelse: jeres registreringskode til Liaison udløber snart', heading: 'Jeres registreringskode udløber snart', body: (f) => [`Registreringskoden, som vi sendte til jeres myndighed, er gyldig til ${f.expiresOn}.`, 'Registrér jer inden da med koden fra opfordringen. Derefter skal koordinatoren sende opfordringen igen.'], action: 'Registrér' },
    'registration-confirmation': { subject: 'Jeres myndighed er registreret i Liaison', heading: 'Tak for registreringen', body: () => ['Vi har modtaget jeres myndigheds registrering.', 'En koordinator vil nu kontrollere og validere den. I får en e-mail med loginvejledning, når den er valideret.'], action: 'Åbn Liaison' },
    'please-validate': { subject: 'En inviteret myndighed har registreret sig: valider den venligst', heading: 'En registrering afventer validering', body: () => ['En myndighed, som du har opfordret, har registreret sig i Liaison.', 'Kontrollér dens oplysninger, ret eventuelt rollerne, og validér eller afvis registreringen.'], action: 'Åbn opfordringen' },
    'login-instructions': { subject: 'Jeres myndighed er valideret: sådan logger I ind i Liaison', heading: 'Jeres myndighed er nu aktiv i Liaison', body: () => ['Jeres myndigheds registrering er valideret.', 'Log ind med det brugernavn, der blev vist til sidst i registreringen. Første gang vælger du en adgangskode og en sikkerhedskode.'], action: 'Log ind' },
  },
  de: {
    footer: 'Dies ist eine automatische Nachricht von Liaison. Bitte antworten Sie nicht.',
    codeLine: (code) => `Ihr Registrierungscode: ${code}`,
    messageLine: (m) => `Nachricht des Koordinators: ${m}`,
    invitation: { subject: 'Einladung zur Registrierung Ihrer Behörde in Liaison', heading: 'Sie sind eingeladen, sich in Liaison zu registrieren', body: (f) => ['Ein IMI-Koordinator lädt Ihre Behörde ein, sich in Liaison zu registrieren, dem System für die Verwaltungszusammenarbeit im Binnenmarkt.', `Öffnen Sie die Registrierungsseite und geben Sie den Code unten ein. Der Code ist gültig bis ${f.expiresOn}.`], action: 'Registrieren' },
    reminder: { subject: 'Erinnerung: Ihr Liaison-Registrierungscode läuft bald ab', heading: 'Ihr Registrierungscode läuft bald ab', body: (f) => [`Der Registrierungscode Ihrer Behörde ist gültig bis ${f.expiresOn}.`, 'Bitte registrieren Sie sich vorher mit dem Code aus der Einladung. Danach muss der Koordinator Sie erneut einladen.'], action: 'Registrieren' },
    'registration-confirmation': { subject: 'Ihre Behörde hat sich in Liaison registriert', heading: 'Vielen Dank für Ihre Registrierung', body: () => ['Wir haben die Registrierung Ihrer Behörde erhalten.', 'Ein Koordinator prüft und validiert sie nun. Nach der Validierung erhalten Sie eine E-Mail mit Anmeldehinweisen.'], action: 'Liaison öffnen' },
    'please-validate': { subject: 'Eine eingeladene Behörde hat sich registriert: bitte validieren', heading: 'Eine Registrierung wartet auf Ihre Validierung', body: () => ['Eine von Ihnen eingeladene Behörde hat sich in Liaison registriert.', 'Bitte prüfen Sie ihre Daten, passen Sie ggf. die Rollen an und validieren oder lehnen Sie die Registrierung ab.'], action: 'Einladung öffnen' },
    'login-instructions': { subject: 'Ihre Behörde ist validiert: so melden Sie sich bei Liaison an', heading: 'Ihre Behörde ist jetzt in Liaison aktiv', body: () => ['Die Registrierung Ihrer Behörde wurde validiert.', 'Melden Sie sich mit dem Benutzernamen an, der am Ende der Registrierung angezeigt wurde. Beim ersten Mal wählen Sie ein Passwort und einen Sicherheitscode.'], action: 'Anmelden' },
  },
  fr: {
    footer: 'Ceci est un message automatique de Liaison. Merci de ne pas y répondre.',
    codeLine: (code) => `Votre code d’enregistrement : ${code}`,
    messageLine: (m) => `Message du coordinateur : ${m}`,
    invitation: { subject: 'Invitation à enregistrer votre autorité dans Liaison', heading: 'Vous êtes invité à vous enregistrer dans Liaison', body: (f) => ['Un coordinateur IMI invite votre autorité à s’enregistrer dans Liaison, le système de coopération administrative du marché intérieur.', `Ouvrez la page d’enregistrement et saisissez le code ci-dessous. Le code est valable jusqu’au ${f.expiresOn}.`], action: 'S’enregistrer' },
    reminder: { subject: 'Rappel : votre code d’enregistrement Liaison expire bientôt', heading: 'Votre code d’enregistrement expire bientôt', body: (f) => [`Le code d’enregistrement envoyé à votre autorité est valable jusqu’au ${f.expiresOn}.`, 'Veuillez vous enregistrer avant cette date avec le code reçu dans l’invitation. Ensuite, le coordinateur devra vous inviter de nouveau.'], action: 'S’enregistrer' },
    'registration-confirmation': { subject: 'Votre autorité s’est enregistrée dans Liaison', heading: 'Merci de votre enregistrement', body: () => ['Nous avons bien reçu l’enregistrement de votre autorité.', 'Un coordinateur va maintenant le vérifier et le valider. Vous recevrez un courriel avec les instructions de connexion après la validation.'], action: 'Ouvrir Liaison' },
    'please-validate': { subject: 'Une autorité invitée s’est enregistrée : veuillez la valider', heading: 'Un enregistrement attend votre validation', body: () => ['Une autorité que vous avez invitée s’est enregistrée dans Liaison.', 'Veuillez vérifier ses données, ajuster ses rôles si nécessaire, puis valider ou refuser l’enregistrement.'], action: 'Ouvrir l’invitation' },
    'login-instructions': { subject: 'Votre autorité est validée : comment vous connecter à Liaison', heading: 'Votre autorité est désormais active dans Liaison', body: () => ['L’enregistrement de votre autorité a été validé.', 'Connectez-vous avec le nom d’utilisateur affiché à la fin de l’enregistrement. La première fois, vous choisirez un mot de passe et un code de sécurité.'], action: 'Se connecter' },
  },
};

/**
 * The invitation emails in the recipient's language (English when we lack theirs). Only the
 * invitation email carries the registration code and the coordinator's message; only the
 * registration confirmation a summary of what was registered (without the username).
 */
export function invitationEmail(kind: InvitationEmailKind, language: string, facts: InvitationEmailFacts): EmailContent {
  const lang: Language = (emailLanguages as readonly string[]).includes(language) ? (language as Language) : 'en';
  const t = texts[lang];
  const paragraphs = [...t[kind].body(facts)];
  if (kind === 'invitation') {
    if (facts.code) paragraphs.push(t.codeLine(facts.code));
    if (facts.message?.trim()) paragraphs.push(t.messageLine(facts.message.trim()));
  }
  if (kind === 'registration-confirmation' && facts.summary) paragraphs.splice(1, 0, ...summaryLines(lang, facts.summary));
  return { language: lang, subject: t[kind].subject, heading: t[kind].heading, paragraphs, action: { label: t[kind].action, url: facts.link }, footer: t.footer };
}
