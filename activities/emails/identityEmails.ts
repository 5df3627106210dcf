import type { EmailContent } from './layout';

/**
 * The emails of identity and login (domain.md §2). A new user gets two: how to log in, and —
 * separately — the temporary password; a reset sends a new temporary password. The username is
 * never in any of them: whoever registered the user passes it on out of band.
 */
export type IdentityEmailKind = 'welcome' | 'temporary-password' | 'password-reset';
export const identityEmailLanguages = ['en', 'da', 'de', 'fr'] as const;
type Language = (typeof identityEmailLanguages)[number];

interface Texts {
  footer: string;
  action: string;
  welcome: { subject: string; heading: string; body: string[] };
  'temporary-password': { subject: string; heading: string; body: (password: string) => string[] };
  'password-reset': { subject: string; heading: string; body: (password: string) => string[] };
}

const texts: Record<Language, Texts> = {
  en: {
    footer: 'This is an automatic message from Liaison. Please do not reply.',
    action: 'Open Liaison',
    welcome: {
      subject: 'You are now a Liaison user',
      heading: 'Welcome to Liaison',
      body: [
        'You have been registered as a user of Liaison. The person who registered you will give you your username, not by email.',
        'Your temporary password follows in a separate email. When you log in the first time, you choose a new password and then a security code of 12 characters (letters, digits and symbols).',
        'Each later login asks for your username, your password and 3 characters of your security code. After 5 failed attempts your account is blocked until your password is reset.',
      ],
    },
    'temporary-password': {
      subject: 'Your temporary Liaison password',
      heading: 'Your temporary password',
      body: (pw) => [`Your temporary password is: ${pw}`, 'Log in with your username and this password; you will be asked to choose a new password at once.'],
    },
    'password-reset': {
      subject: 'Your Liaison password was reset',
      heading: 'A new temporary password',
      body: (pw) => [
        `Your password was reset by an administrator. Your new temporary password is: ${pw}`,
        'Log in with your username and this password; you will choose a new password and a new security code.',
        'If you did not ask for this, tell your local data administrator.',
      ],
    },
  },
  da: {
    footer: 'Dette er en automatisk besked fra Liaison. Svar venligst ikke.',
    action: 'Åbn Liaison',
    welcome: {
      subject: 'Du er nu bruger af Liaison',
      heading: 'Velkommen til Liaison',
      body: [
        'Du er blevet registreret som bruger af Liaison. Den, der registrerede dig, giver dig dit brugernavn uden for systemet, ikke pr. e-mail.',
        'Dit midlertidige password kommer i en separat e-mail. Første gang du logger på, vælger du et nyt password og derefter en sikkerhedskode på 12 tegn (bogstaver, tal og symboler).',
        'Hver gang du logger på, skal du indtaste brugernavn, password og 3 tegn fra din sikkerhedskode. Efter fem mislykkede forsøg blokeres din konto, indtil dit password nulstilles.',
      ],
    },
    'temporary-password': {
      subject: 'Dit midlertidige password til Liaison',
      heading: 'Dit midlertidige password',
      body: (pw) => [`Dit midlertidige password er: ${pw}`, 'Log på med dit brugernavn og dette password; du bliver straks bedt om at vælge et nyt password.'],
    },
    'password-reset': {
      subject: 'Dit password til Liaison er nulstillet',
      heading: 'Et nyt midlertidigt password',
      body: (pw) => [
        `Dit password er nulstillet af en administrator. Dit nye midlertidige password er: ${pw}`,
        'Log på med dit brugernavn og dette password; du vælger et nyt password og en ny sikkerhedskode.',
        'Hvis du ikke har bedt om dette, så kontakt din lokale dataadministrator.',
      ],
    },
  },
  de: {
    footer: 'Dies ist eine automatische Nachricht von Liaison. Bitte antworten Sie nicht.',
    action: 'Liaison öffnen',
    welcome: {
      subject: 'Sie sind jetzt Nutzer von Liaison',
      heading: 'Willkommen bei Liaison',
      body: [
        'Sie wurden als Nutzer von Liaison registriert. Ihren Benutzernamen erhalten Sie von der Person, die Sie registriert hat – nicht per E-Mail.',
        'Ihr vorläufiges Passwort folgt in einer separaten E-Mail. Bei der ersten Anmeldung wählen Sie ein neues Passwort und danach einen Sicherheitscode aus 12 Zeichen (Buchstaben, Ziffern und Sonderzeichen).',
        'Bei jeder weiteren Anmeldung werden Benutzername, Passwort und 3 Zeichen Ihres Sicherheitscodes abgefragt. Nach 5 Fehlversuchen wird Ihr Konto gesperrt, bis Ihr Passwort zurückgesetzt wird.',
      ],
    },
    'temporary-password': {
      subject: 'Ihr vorläufiges Passwort für Liaison',
      heading: 'Ihr vorläufiges Passwort',
      body: (pw) => [`Ihr vorläufiges Passwort lautet: ${pw}`, 'Melden Sie sich mit Ihrem Benutzernamen und diesem Passwort an; Sie werden sofort gebeten, ein neues Passwort zu wählen.'],
    },
    'password-reset': {
      subject: 'Ihr Passwort für Liaison wurde zurückgesetzt',
      heading: 'Ein neues vorläufiges Passwort',
      body: (pw) => [
        `Ihr Passwort wurde von einem Administrator zurückgesetzt. Ihr neues vorläufiges Passwort lautet: ${pw}`,
        'Melden Sie sich mit Ihrem Benutzernamen und diesem Passwort an; Sie wählen ein neues Passwort und einen neuen Sicherheitscode.',
        'Falls Sie dies nicht veranlasst haben, wenden Sie sich an Ihren lokalen Datenadministrator.',
      ],
    },
  },
  fr: {
    footer: 'Ceci est un message automatique de Liaison. Merci de ne pas y répondre.',
    action: 'Ouvrir Liaison',
    welcome: {
      subject: 'Vous êtes désormais utilisateur de Liaison',
      heading: 'Bienvenue dans Liaison',
      body: [
        'Vous avez été enregistré comme utilisateur de Liaison. La personne qui vous a enregistré vous communiquera votre nom d’utilisateur, pas par e-mail.',
        'Votre mot de passe provisoire suit dans un e-mail séparé. Lors de votre première connexion, vous choisissez un nouveau mot de passe puis un code de sécurité de 12 caractères (lettres, chiffres et symboles).',
        'À chaque connexion, il vous est demandé votre nom d’utilisateur, votre mot de passe et 3 caractères de votre code de sécurité. Après 5 tentatives infructueuses, votre compte est bloqué jusqu’à la réinitialisation de votre mot de passe.',
      ],
    },
    'temporary-password': {
      subject: 'Votre mot de passe provisoire Liaison',
      heading: 'Votre mot de passe provisoire',
      body: (pw) => [`Votre mot de passe provisoire est : ${pw}`, 'Connectez-vous avec votre nom d’utilisateur et ce mot de passe ; il vous sera demandé d’en choisir un nouveau immédiatement.'],
    },
    'password-reset': {
      subject: 'Votre mot de passe Liaison a été réinitialisé',
      heading: 'Un nouveau mot de passe provisoire',
      body: (pw) => [
        `Votre mot de passe a été réinitialisé par un administrateur. Votre nouveau mot de passe provisoire est : ${pw}`,
        'Connectez-vous avec votre nom d’utilisateur et ce mot de passe ; vous choisirez un nouveau mot de passe et un nouveau code de sécurité.',
        'Si vous n’êtes pas à l’origine de cette demande, contactez votre administrateur local des données.',
      ],
    },
  },
};

export function identityEmailLanguage(language: string): Language {
  return (identityEmailLanguages as readonly string[]).includes(language) ? (language as Language) : 'en';
}

/** One identity email in the user's preferred language (English when we lack theirs). */
export function identityEmail(kind: IdentityEmailKind, language: string, link: string, temporaryPassword?: string): EmailContent {
  const lang = identityEmailLanguage(language);
  const t = texts[lang];
  const paragraphs = kind === 'welcome' ? t.welcome.body : t[kind].body(temporaryPassword ?? '');
  if (kind !== 'welcome' && !temporaryPassword) throw new Error(`The ${kind} email needs the temporary password.`);
  return { language: lang, subject: t[kind].subject, heading: t[kind].heading, paragraphs, action: { label: t.action, url: link }, footer: t.footer };
}
