import type { RequestNotificationKind } from '../../workflows/request/machine';
import { caseEmail, type CaseEmailFrame, type EmailLanguage as Language } from './caseEmail';
import type { EmailContent } from './layout';

/**
 * Automatic emails about information requests (5.3.9.3): what happened and what to do, the
 * request's number and a link. Never case content (no names, questions, answers or messages).
 */
const kinds: Record<RequestNotificationKind, Record<Language, string>> = {
  'request-received': {
    en: 'Your authority has received a new information request. Please accept it, or reject or forward it.',
    da: 'Jeres myndighed har modtaget en ny anmodning om oplysninger. Acceptér den, eller afvis eller videresend den.',
    de: 'Ihre Behörde hat ein neues Auskunftsersuchen erhalten. Bitte nehmen Sie es an oder lehnen Sie es ab bzw. leiten Sie es weiter.',
    fr: 'Votre autorité a reçu une nouvelle demande d’information. Veuillez l’accepter, la refuser ou la transférer.',
  },
  'approval-needed': {
    en: 'A request or an answer of an authority you coordinate waits for your approval.',
    da: 'En anmodning eller et svar fra en myndighed, I koordinerer, afventer jeres godkendelse.',
    de: 'Ein Ersuchen oder eine Antwort einer von Ihnen koordinierten Behörde wartet auf Ihre Genehmigung.',
    fr: 'Une demande ou une réponse d’une autorité que vous coordonnez attend votre approbation.',
  },
  'request-approval-refused': {
    en: 'Your request coordinator did not approve the request. Please read its remarks, edit the request and send it again.',
    da: 'Jeres anmodningskoordinator godkendte ikke anmodningen. Læs bemærkningerne, ret anmodningen, og send den igen.',
    de: 'Ihr Ersuchenskoordinator hat das Ersuchen nicht genehmigt. Bitte lesen Sie die Anmerkungen, überarbeiten Sie das Ersuchen und senden Sie es erneut.',
    fr: 'Votre coordinateur des demandes n’a pas approuvé la demande. Veuillez lire ses remarques, modifier la demande et la renvoyer.',
  },
  allocated: {
    en: 'An information request has been allocated to you.',
    da: 'En anmodning om oplysninger er blevet fordelt til dig.',
    de: 'Ein Auskunftsersuchen wurde Ihnen zugewiesen.',
    fr: 'Une demande d’information vous a été attribuée.',
  },
  'deadline-proposed': {
    en: 'The responding authority proposes a new deadline. Please accept it or keep the current one.',
    da: 'Den besvarende myndighed foreslår en ny frist. Acceptér den, eller behold den nuværende.',
    de: 'Die antwortende Behörde schlägt eine neue Frist vor. Bitte nehmen Sie sie an oder behalten Sie die bisherige.',
    fr: 'L’autorité requise propose un nouveau délai. Veuillez l’accepter ou conserver le délai actuel.',
  },
  'deadline-changed': {
    en: 'The requesting authority accepted the deadline you proposed.',
    da: 'Den anmodende myndighed har accepteret den frist, I foreslog.',
    de: 'Die ersuchende Behörde hat die von Ihnen vorgeschlagene Frist angenommen.',
    fr: 'L’autorité requérante a accepté le délai que vous avez proposé.',
  },
  'request-accepted': {
    en: 'The responding authority accepted your request and is preparing its answer.',
    da: 'Den besvarende myndighed har accepteret jeres anmodning og forbereder sit svar.',
    de: 'Die antwortende Behörde hat Ihr Ersuchen angenommen und bereitet ihre Antwort vor.',
    fr: 'L’autorité requise a accepté votre demande et prépare sa réponse.',
  },
  'request-rejected': {
    en: 'The responding authority rejected your request. The reason is shown in Liaison.',
    da: 'Den besvarende myndighed har afvist jeres anmodning. Begrundelsen kan ses i Liaison.',
    de: 'Die antwortende Behörde hat Ihr Ersuchen abgelehnt. Die Begründung finden Sie in Liaison.',
    fr: 'L’autorité requise a refusé votre demande. Le motif est indiqué dans Liaison.',
  },
  'request-forwarded': {
    en: 'Your request was forwarded to another authority of the same country.',
    da: 'Jeres anmodning er videresendt til en anden myndighed i samme land.',
    de: 'Ihr Ersuchen wurde an eine andere Behörde desselben Landes weitergeleitet.',
    fr: 'Votre demande a été transférée à une autre autorité du même pays.',
  },
  'request-split': {
    en: 'Some questions of your request were sent on to another authority as a new request.',
    da: 'Nogle af spørgsmålene i jeres anmodning er sendt videre til en anden myndighed som en ny anmodning.',
    de: 'Einige Fragen Ihres Ersuchens wurden als neues Ersuchen an eine andere Behörde weitergeleitet.',
    fr: 'Certaines questions de votre demande ont été transmises à une autre autorité sous forme de nouvelle demande.',
  },
  message: {
    en: 'There is a new message on an information request.',
    da: 'Der er en ny besked i en anmodning om oplysninger.',
    de: 'Es gibt eine neue Nachricht zu einem Auskunftsersuchen.',
    fr: 'Un nouveau message a été ajouté à une demande d’information.',
  },
  'answer-received': {
    en: 'Your request has been answered. Please read the answer, then close the request or ask for additional information.',
    da: 'Jeres anmodning er besvaret. Læs svaret, og luk derefter anmodningen, eller bed om yderligere oplysninger.',
    de: 'Ihr Ersuchen wurde beantwortet. Bitte lesen Sie die Antwort und schließen Sie dann das Ersuchen oder fordern Sie weitere Informationen an.',
    fr: 'Votre demande a reçu une réponse. Veuillez la lire, puis clore la demande ou demander des informations complémentaires.',
  },
  'answer-approval-refused': {
    en: 'Your request coordinator did not approve the answer. Please read its remarks and revise the answer.',
    da: 'Jeres anmodningskoordinator godkendte ikke svaret. Læs bemærkningerne, og ret svaret.',
    de: 'Ihr Ersuchenskoordinator hat die Antwort nicht genehmigt. Bitte lesen Sie die Anmerkungen und überarbeiten Sie die Antwort.',
    fr: 'Votre coordinateur des demandes n’a pas approuvé la réponse. Veuillez lire ses remarques et modifier la réponse.',
  },
  'request-closed': {
    en: 'The information request has been closed.',
    da: 'Anmodningen om oplysninger er lukket.',
    de: 'Das Auskunftsersuchen wurde geschlossen.',
    fr: 'La demande d’information a été close.',
  },
  'additional-info-requested': {
    en: 'The requesting authority asks for additional information. Please accept or refuse.',
    da: 'Den anmodende myndighed beder om yderligere oplysninger. Acceptér eller afvis.',
    de: 'Die ersuchende Behörde bittet um weitere Informationen. Bitte nehmen Sie an oder lehnen Sie ab.',
    fr: 'L’autorité requérante demande des informations complémentaires. Veuillez accepter ou refuser.',
  },
  'additional-info-accepted': {
    en: 'The responding authority will give additional information.',
    da: 'Den besvarende myndighed vil give yderligere oplysninger.',
    de: 'Die antwortende Behörde wird weitere Informationen geben.',
    fr: 'L’autorité requise fournira des informations complémentaires.',
  },
  'additional-info-refused': {
    en: 'The responding authority refused to give additional information. You may close the request or refer it.',
    da: 'Den besvarende myndighed har afvist at give yderligere oplysninger. I kan lukke anmodningen eller indbringe den.',
    de: 'Die antwortende Behörde lehnt weitere Informationen ab. Sie können das Ersuchen schließen oder vorlegen.',
    fr: 'L’autorité requise refuse de fournir des informations complémentaires. Vous pouvez clore la demande ou la soumettre à un coordinateur.',
  },
  referral: {
    en: 'An information request has been referred to your authority for an opinion.',
    da: 'En anmodning om oplysninger er indbragt for jeres myndighed til udtalelse.',
    de: 'Ein Auskunftsersuchen wurde Ihrer Behörde zur Stellungnahme vorgelegt.',
    fr: 'Une demande d’information a été soumise à votre autorité pour avis.',
  },
  'opinion-given': {
    en: 'A request coordinator gave its opinion on your referred request.',
    da: 'En anmodningskoordinator har udtalt sig om jeres indbragte anmodning.',
    de: 'Ein Ersuchenskoordinator hat zu Ihrem vorgelegten Ersuchen Stellung genommen.',
    fr: 'Un coordinateur des demandes a donné son avis sur votre demande soumise.',
  },
  'reconsideration-requested': {
    en: 'Your answer is considered unsatisfactory. Please provide more information or keep your position.',
    da: 'Jeres svar anses for utilstrækkeligt. Giv flere oplysninger, eller fasthold jeres standpunkt.',
    de: 'Ihre Antwort wird als unzureichend angesehen. Bitte geben Sie weitere Informationen oder bleiben Sie bei Ihrer Position.',
    fr: 'Votre réponse est jugée insuffisante. Veuillez fournir davantage d’informations ou maintenir votre position.',
  },
  'measures-notified': {
    en: 'Your country has been notified of measures. They may apply after the waiting period unless the Commission decides otherwise.',
    da: 'Jeres land har fået meddelelse om foranstaltninger. De kan anvendes efter venteperioden, medmindre Kommissionen beslutter andet.',
    de: 'Ihrem Land wurden Maßnahmen mitgeteilt. Sie dürfen nach der Wartefrist angewandt werden, sofern die Kommission nichts anderes beschließt.',
    fr: 'Votre pays a reçu notification de mesures. Elles pourront s’appliquer après le délai d’attente, sauf décision contraire de la Commission.',
  },
  'measures-may-apply': {
    en: 'The notified measures may now apply.',
    da: 'De meddelte foranstaltninger kan nu anvendes.',
    de: 'Die mitgeteilten Maßnahmen dürfen nun angewandt werden.',
    fr: 'Les mesures notifiées peuvent maintenant s’appliquer.',
  },
  'measures-stopped': {
    en: 'The Commission decided that the notified measures may not apply.',
    da: 'Kommissionen har besluttet, at de meddelte foranstaltninger ikke må anvendes.',
    de: 'Die Kommission hat entschieden, dass die mitgeteilten Maßnahmen nicht angewandt werden dürfen.',
    fr: 'La Commission a décidé que les mesures notifiées ne peuvent pas s’appliquer.',
  },
  'deadline-overdue': {
    en: 'The deadline of an information request has passed without an answer.',
    da: 'Fristen for en anmodning om oplysninger er overskredet uden svar.',
    de: 'Die Frist eines Auskunftsersuchens ist ohne Antwort abgelaufen.',
    fr: 'Le délai d’une demande d’information est dépassé sans réponse.',
  },
  'close-reminder': {
    en: 'Your request has been answered for some time. Please close it if the answer is satisfactory.',
    da: 'Jeres anmodning har været besvaret i nogen tid. Luk den, hvis svaret er tilfredsstillende.',
    de: 'Ihr Ersuchen ist seit einiger Zeit beantwortet. Bitte schließen Sie es, wenn die Antwort zufriedenstellend ist.',
    fr: 'Votre demande a reçu une réponse il y a un certain temps. Veuillez la clore si la réponse est satisfaisante.',
  },
};

const frame: CaseEmailFrame = {
  en: { subject: (n) => `Information request ${n}`, heading: (n) => `Information request ${n}`, action: 'Open the request' },
  da: { subject: (n) => `Anmodning om oplysninger ${n}`, heading: (n) => `Anmodning om oplysninger ${n}`, action: 'Åbn anmodningen' },
  de: { subject: (n) => `Auskunftsersuchen ${n}`, heading: (n) => `Auskunftsersuchen ${n}`, action: 'Ersuchen öffnen' },
  fr: { subject: (n) => `Demande d’information ${n}`, heading: (n) => `Demande d’information ${n}`, action: 'Ouvrir la demande' },
};

/** The email about `kind` in the recipient's language (English when we lack theirs). */
export function requestEmail(kind: RequestNotificationKind, language: string, facts: { number: string; link: string }): EmailContent {
  return caseEmail(frame, kinds[kind], language, facts);
}
