import type { AlertNotificationKind } from '../../workflows/alert/commands';
import { caseEmail, type CaseEmailFrame, type EmailLanguage as Language } from './caseEmail';
import type { EmailContent } from './layout';

/**
 * Automatic emails about alerts (6.4.1): a standard sentence on what happened and what to do, the
 * alert's number and a link. Never case content: no provider, description, information, comment,
 * objection or country names beyond what the number says.
 */
const kinds: Record<AlertNotificationKind, Record<Language, string>> = {
  'alert-submitted': {
    en: 'An alert has been submitted to your authority. Please check it, then accept it for broadcast or pass it to another alert coordinator.',
    da: 'En advarsel er fremsendt til jeres myndighed. Kontrollér den, og acceptér den til udsendelse, eller send den videre til en anden advarselskoordinator.',
    de: 'Ihrer Behörde wurde eine Vorwarnung übermittelt. Bitte prüfen Sie sie und nehmen Sie sie zur Versendung an oder geben Sie sie an einen anderen Vorwarnungskoordinator weiter.',
    fr: 'Une alerte a été soumise à votre autorité. Veuillez la vérifier, puis l’accepter pour diffusion ou la transmettre à un autre coordinateur d’alertes.',
  },
  'alert-received': {
    en: 'Your country has received a new alert. Please acknowledge it and forward it to the relevant authorities.',
    da: 'Jeres land har modtaget en ny advarsel. Kvittér for den, og videresend den til de relevante myndigheder.',
    de: 'Ihr Land hat eine neue Vorwarnung erhalten. Bitte bestätigen Sie den Eingang und leiten Sie sie an die zuständigen Behörden weiter.',
    fr: 'Votre pays a reçu une nouvelle alerte. Veuillez en accuser réception et la transmettre aux autorités concernées.',
  },
  'alert-copy': {
    en: 'Your country has broadcast an alert. Your mailbox receives a copy and may forward it to more authorities in your country.',
    da: 'Jeres land har udsendt en advarsel. Jeres postkasse modtager en kopi og kan videresende den til flere myndigheder i landet.',
    de: 'Ihr Land hat eine Vorwarnung versandt. Ihr Postfach erhält eine Kopie und kann sie an weitere Behörden Ihres Landes weiterleiten.',
    fr: 'Votre pays a diffusé une alerte. Votre boîte aux lettres en reçoit une copie et peut la transmettre à d’autres autorités de votre pays.',
  },
  'alert-forwarded': {
    en: 'An alert has been forwarded to your authority.',
    da: 'En advarsel er videresendt til jeres myndighed.',
    de: 'Eine Vorwarnung wurde an Ihre Behörde weitergeleitet.',
    fr: 'Une alerte a été transmise à votre autorité.',
  },
  'establishment-country-changed': {
    en: 'The establishment country of an alert you received has changed.',
    da: 'Etableringslandet for en advarsel, I har modtaget, er ændret.',
    de: 'Der Niederlassungsstaat einer von Ihnen erhaltenen Vorwarnung wurde geändert.',
    fr: 'Le pays d’établissement d’une alerte que vous avez reçue a été modifié.',
  },
  'item-submitted': {
    en: 'New information on an alert has been submitted to your authority. Please decide whether to broadcast it.',
    da: 'Nye oplysninger om en advarsel er fremsendt til jeres myndighed. Beslut, om de skal udsendes.',
    de: 'Ihrer Behörde wurden neue Informationen zu einer Vorwarnung übermittelt. Bitte entscheiden Sie, ob sie versandt werden.',
    fr: 'De nouvelles informations sur une alerte ont été soumises à votre autorité. Veuillez décider de leur diffusion.',
  },
  'item-broadcast': {
    en: 'New information on an alert you received has been broadcast.',
    da: 'Der er udsendt nye oplysninger om en advarsel, I har modtaget.',
    de: 'Zu einer von Ihnen erhaltenen Vorwarnung wurden neue Informationen versandt.',
    fr: 'De nouvelles informations sur une alerte que vous avez reçue ont été diffusées.',
  },
  'item-declined': {
    en: 'The alert coordinator decided not to broadcast the information your authority submitted on an alert.',
    da: 'Advarselskoordinatoren har besluttet ikke at udsende de oplysninger, jeres myndighed fremsendte om en advarsel.',
    de: 'Der Vorwarnungskoordinator hat entschieden, die von Ihrer Behörde übermittelten Informationen zu einer Vorwarnung nicht zu versenden.',
    fr: 'Le coordinateur d’alertes a décidé de ne pas diffuser les informations que votre autorité a soumises sur une alerte.',
  },
  'alert-withdrawn': {
    en: 'An alert you received has been withdrawn. Only its summary, recipients and history remain visible.',
    da: 'En advarsel, I har modtaget, er trukket tilbage. Kun resumé, modtagere og historik kan fortsat ses.',
    de: 'Eine von Ihnen erhaltene Vorwarnung wurde zurückgezogen. Sichtbar bleiben nur Zusammenfassung, Empfänger und Verlauf.',
    fr: 'Une alerte que vous avez reçue a été retirée. Seuls son résumé, ses destinataires et son historique restent visibles.',
  },
  'closure-proposed': {
    en: 'Closure of an alert has been proposed in your country. You may comment until the comment period ends.',
    da: 'Der er foreslået afslutning af en advarsel i jeres land. I kan kommentere, indtil kommentarperioden udløber.',
    de: 'In Ihrem Land wurde der Abschluss einer Vorwarnung vorgeschlagen. Sie können bis zum Ende der Kommentierungsfrist Stellung nehmen.',
    fr: 'La clôture d’une alerte a été proposée dans votre pays. Vous pouvez la commenter jusqu’à la fin de la période de commentaires.',
  },
  'comment-period-over': {
    en: 'The comment period on an alert’s closure proposal is over. Please broadcast the proposal with the comments you choose, or have it cancelled.',
    da: 'Kommentarperioden for et forslag om afslutning af en advarsel er udløbet. Udsend forslaget med de kommentarer, I vælger, eller få det annulleret.',
    de: 'Die Kommentierungsfrist zum Abschlussvorschlag einer Vorwarnung ist abgelaufen. Bitte versenden Sie den Vorschlag mit den gewählten Kommentaren oder lassen Sie ihn zurückziehen.',
    fr: 'La période de commentaires sur la proposition de clôture d’une alerte est terminée. Veuillez diffuser la proposition avec les commentaires choisis ou la faire annuler.',
  },
  'closure-proposal-broadcast': {
    en: 'Closure of an alert you received has been proposed. Other countries may object until the objection period ends.',
    da: 'Der er foreslået afslutning af en advarsel, I har modtaget. Andre lande kan gøre indsigelse, indtil indsigelsesperioden udløber.',
    de: 'Der Abschluss einer von Ihnen erhaltenen Vorwarnung wurde vorgeschlagen. Andere Länder können bis zum Ende der Einspruchsfrist widersprechen.',
    fr: 'La clôture d’une alerte que vous avez reçue a été proposée. Les autres pays peuvent s’y opposer jusqu’à la fin de la période d’objection.',
  },
  'objection-period-over': {
    en: 'The objection period on an alert’s closure is over. Please decide on the closure.',
    da: 'Indsigelsesperioden for afslutning af en advarsel er udløbet. Træf beslutning om afslutningen.',
    de: 'Die Einspruchsfrist zum Abschluss einer Vorwarnung ist abgelaufen. Bitte entscheiden Sie über den Abschluss.',
    fr: 'La période d’objection sur la clôture d’une alerte est terminée. Veuillez statuer sur la clôture.',
  },
  'closure-proposal-cancelled': {
    en: 'The proposal to close an alert has been cancelled.',
    da: 'Forslaget om at afslutte en advarsel er annulleret.',
    de: 'Der Vorschlag, eine Vorwarnung abzuschließen, wurde zurückgezogen.',
    fr: 'La proposition de clôture d’une alerte a été annulée.',
  },
  'alert-closed': {
    en: 'An alert you received has been closed. Only its summary, recipients and history remain visible; its personal data will be deleted after six months.',
    da: 'En advarsel, I har modtaget, er afsluttet. Kun resumé, modtagere og historik kan fortsat ses; personoplysningerne slettes efter seks måneder.',
    de: 'Eine von Ihnen erhaltene Vorwarnung wurde abgeschlossen. Sichtbar bleiben nur Zusammenfassung, Empfänger und Verlauf; die personenbezogenen Daten werden nach sechs Monaten gelöscht.',
    fr: 'Une alerte que vous avez reçue a été clôturée. Seuls son résumé, ses destinataires et son historique restent visibles ; ses données personnelles seront supprimées après six mois.',
  },
};

const frame: CaseEmailFrame = {
  en: { subject: (n) => `Alert ${n}`, heading: (n) => `Alert ${n}`, action: 'Open the alert' },
  da: { subject: (n) => `Advarsel ${n}`, heading: (n) => `Advarsel ${n}`, action: 'Åbn advarslen' },
  de: { subject: (n) => `Vorwarnung ${n}`, heading: (n) => `Vorwarnung ${n}`, action: 'Vorwarnung öffnen' },
  fr: { subject: (n) => `Alerte ${n}`, heading: (n) => `Alerte ${n}`, action: 'Ouvrir l’alerte' },
};

/** Every kind the alert machine emails about, for tests and template listings. */
export const alertNotificationKinds = Object.keys(kinds) as AlertNotificationKind[];

/** The email about `kind` in the recipient's language (English when we lack theirs). */
export function alertEmail(kind: AlertNotificationKind, language: string, facts: { number: string; link: string }): EmailContent {
  return caseEmail(frame, kinds[kind], language, facts);
}
