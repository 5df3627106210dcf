import { reportKinds, reportLanguages, type ReportCaseType, type ReportKind, type ReportLanguage } from '../../schema/reports';

/**
 * The content of a report, independent of PDF: what the renderer draws and what redaction works
 * on. Every item that is personal data says so (`personalData: true`); a section that is about a
 * person as a whole (e.g. "Data subject") says so on the section. Pure data, no I/O.
 */
export interface ReportDocument {
  kind: ReportKind;
  caseType: ReportCaseType;
  title: string;
  caseNumber: string;
  /** ISO 8601; also the PDF's creation date, so the same input renders the same text. */
  generatedAt: string;
  language: ReportLanguage;
  labels: ReportLabels;
  sections: ReportSection[];
  /** Consent form only: the disclaimer and the block the data subject signs. */
  disclaimer?: string;
  consent?: { statement: string; signatureFields: string[] };
  /** The report holds personal data (decides who may download it). */
  personalData: boolean;
}

export interface ReportSection {
  /** Stable id the caller chooses sections by for a custom report, e.g. `questions`. */
  id: string;
  heading: string;
  /** The whole section is about a person (e.g. the data subject); dropped without personal data. */
  personalData?: boolean;
  blocks: ReportBlock[];
}

export interface ReportFact {
  label: string;
  value: string;
  personalData?: boolean;
}

export interface ReportQuestionRow {
  question: string;
  answer: string;
  personalData?: boolean;
}

export interface ReportMessage {
  at: string;
  from: string;
  text: string;
  personalData?: boolean;
}

export interface ReportAttachment {
  name: string;
  sizeBytes?: number;
  personalData?: boolean;
}

export type ReportBlock =
  | { type: 'facts'; facts: ReportFact[] }
  | { type: 'questions'; rows: ReportQuestionRow[] }
  | { type: 'messages'; messages: ReportMessage[] }
  | { type: 'attachments'; attachments: ReportAttachment[] }
  | { type: 'text'; text: string; personalData?: boolean };

/**
 * A case as the report machinery sees it: requests and alerts each build one from their read
 * model (with headings already in the report's language) and pass it to `composeReport`.
 */
export interface ReportCaseView {
  caseType: ReportCaseType;
  caseNumber: string;
  /** The case's title in the report language, e.g. "Information request". */
  caseTitle: string;
  sections: ReportSection[];
}

export interface ReportOptions {
  language: ReportLanguage;
  generatedAt: Date;
  /** Custom reports: the section ids to include, in the case view's order. */
  sections?: string[];
  /** Custom reports only: include personal data (default no). Other kinds decide by themselves. */
  includePersonalData?: boolean;
}

/** The frame's own words, per report language. */
export interface ReportLabels {
  caseNumber: string;
  generatedAt: string;
  language: string;
  page: string;
  of: string;
  question: string;
  answer: string;
  attachments: string;
  noEntries: string;
  withheld: string;
  kindTitles: Record<ReportKind, string>;
  disclaimer: string;
  consentStatement: string;
  signatureFields: string[];
  signedNote: string;
}

const en: ReportLabels = {
  caseNumber: 'Case number',
  generatedAt: 'Generated',
  language: 'Language',
  page: 'Page',
  of: 'of',
  question: 'Question',
  answer: 'Answer',
  attachments: 'Attachments',
  noEntries: 'None.',
  withheld: '[personal data withheld]',
  kindTitles: {
    full: 'Full report',
    'full-without-personal-data': 'Full report without personal data',
    custom: 'Custom report',
    'data-subject': 'Report for the data subject',
    'consent-form': 'Consent form',
  },
  disclaimer:
    'This report contains personal data exchanged between public authorities through Liaison. It may be used only for the purpose for which it was exchanged and must be handled according to the applicable data protection rules.',
  consentStatement: 'I have read this report and consent to the processing of the personal data it contains for the purpose stated.',
  signatureFields: ['Name', 'Place and date', 'Signature'],
  signedNote: 'This document carries an electronic signature (PAdES).',
};

const da: ReportLabels = {
  caseNumber: 'Sagsnummer',
  generatedAt: 'Dannet',
  language: 'Sprog',
  page: 'Side',
  of: 'af',
  question: 'Spørgsmål',
  answer: 'Svar',
  attachments: 'Bilag',
  noEntries: 'Ingen.',
  withheld: '[personoplysninger udeladt]',
  kindTitles: {
    full: 'Fuld rapport',
    'full-without-personal-data': 'Fuld rapport uden personoplysninger',
    custom: 'Tilpasset rapport',
    'data-subject': 'Rapport til den registrerede',
    'consent-form': 'Samtykkeerklæring',
  },
  disclaimer:
    'Denne rapport indeholder personoplysninger, der er udvekslet mellem offentlige myndigheder gennem Liaison. Den må kun bruges til det formål, oplysningerne blev udvekslet til, og skal behandles efter de gældende databeskyttelsesregler.',
  consentStatement: 'Jeg har læst denne rapport og giver samtykke til behandling af de personoplysninger, den indeholder, til det angivne formål.',
  signatureFields: ['Navn', 'Sted og dato', 'Underskrift'],
  signedNote: 'Dette dokument er forsynet med en elektronisk signatur (PAdES).',
};

const de: ReportLabels = {
  caseNumber: 'Aktenzeichen',
  generatedAt: 'Erstellt',
  language: 'Sprache',
  page: 'Seite',
  of: 'von',
  question: 'Frage',
  answer: 'Antwort',
  attachments: 'Anlagen',
  noEntries: 'Keine.',
  withheld: '[personenbezogene Daten entfernt]',
  kindTitles: {
    full: 'Vollständiger Bericht',
    'full-without-personal-data': 'Vollständiger Bericht ohne personenbezogene Daten',
    custom: 'Benutzerdefinierter Bericht',
    'data-subject': 'Bericht für die betroffene Person',
    'consent-form': 'Einwilligungserklärung',
  },
  disclaimer:
    'Dieser Bericht enthält personenbezogene Daten, die zwischen Behörden über Liaison ausgetauscht wurden. Er darf nur für den Zweck verwendet werden, für den die Daten ausgetauscht wurden, und ist nach den geltenden Datenschutzvorschriften zu behandeln.',
  consentStatement: 'Ich habe diesen Bericht gelesen und willige in die Verarbeitung der darin enthaltenen personenbezogenen Daten für den genannten Zweck ein.',
  signatureFields: ['Name', 'Ort und Datum', 'Unterschrift'],
  signedNote: 'Dieses Dokument trägt eine elektronische Signatur (PAdES).',
};

const fr: ReportLabels = {
  caseNumber: 'Numéro de dossier',
  generatedAt: 'Généré le',
  language: 'Langue',
  page: 'Page',
  of: 'sur',
  question: 'Question',
  answer: 'Réponse',
  attachments: 'Pièces jointes',
  noEntries: 'Aucun.',
  withheld: '[données à caractère personnel retirées]',
  kindTitles: {
    full: 'Rapport complet',
    'full-without-personal-data': 'Rapport complet sans données à caractère personnel',
    custom: 'Rapport personnalisé',
    'data-subject': 'Rapport pour la personne concernée',
    'consent-form': 'Formulaire de consentement',
  },
  disclaimer:
    'Ce rapport contient des données à caractère personnel échangées entre autorités publiques via Liaison. Il ne peut être utilisé qu’aux fins pour lesquelles elles ont été échangées et doit être traité conformément aux règles applicables en matière de protection des données.',
  consentStatement: 'J’ai lu ce rapport et je consens au traitement des données à caractère personnel qu’il contient aux fins indiquées.',
  signatureFields: ['Nom', 'Lieu et date', 'Signature'],
  signedNote: 'Ce document porte une signature électronique (PAdES).',
};

export const reportLabels: Record<ReportLanguage, ReportLabels> = { en, da, de, fr };

/** A report request that cannot be composed; `fields` names the option and why (API: 400). */
export class InvalidReportOptions extends Error {
  constructor(readonly fields: Record<string, string[]>) {
    super(`The report options are not valid: ${Object.entries(fields).map(([k, v]) => `${k} ${v.join(', ')}`).join('; ')}.`);
    this.name = 'InvalidReportOptions';
  }
}

/** Whether a report of this kind (with these options) shows personal data. */
export function kindShowsPersonalData(kind: ReportKind, options: Pick<ReportOptions, 'includePersonalData'> = {}): boolean {
  if (kind === 'full-without-personal-data') return false;
  if (kind === 'custom') return options.includePersonalData === true;
  return true;
}

/**
 * Builds the report of `kind` from a case view. Redaction happens here and only here: without
 * personal data, sections marked personal are dropped, and personal items are dropped (messages,
 * attachments, question rows, texts) or keep their label with the value withheld (facts), so the
 * reader sees that something was left out but not what.
 */
export function composeReport(kind: ReportKind, caseView: ReportCaseView, options: ReportOptions): ReportDocument {
  // Callers pass strings from requests and alerts; refuse what is not a kind or language here.
  if (!(reportKinds as readonly string[]).includes(kind)) throw new InvalidReportOptions({ kind: [`must be one of ${reportKinds.join(', ')}`] });
  if (!(reportLanguages as readonly string[]).includes(options.language)) throw new InvalidReportOptions({ language: [`must be one of ${reportLanguages.join(', ')}`] });
  const labels = reportLabels[options.language];
  let sections = caseView.sections;
  if (kind === 'custom') {
    const chosen = options.sections ?? [];
    if (chosen.length === 0) throw new InvalidReportOptions({ sections: ['choose at least one section for a custom report'] });
    const known = new Set(sections.map((s) => s.id));
    const unknown = chosen.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new InvalidReportOptions({ sections: [`unknown section(s): ${unknown.join(', ')}; known: ${[...known].join(', ')}`] });
    sections = sections.filter((s) => chosen.includes(s.id));
  } else if (options.sections !== undefined) {
    throw new InvalidReportOptions({ sections: ['only a custom report takes a choice of sections'] });
  }
  if (kind !== 'custom' && options.includePersonalData !== undefined) {
    throw new InvalidReportOptions({ includePersonalData: ['only a custom report takes this choice; the kind decides for the others'] });
  }
  const personalData = kindShowsPersonalData(kind, options);
  if (!personalData) sections = sections.filter((s) => !s.personalData).map((s) => withoutPersonalData(s, labels));

  return {
    kind,
    caseType: caseView.caseType,
    title: `${labels.kindTitles[kind]} — ${caseView.caseTitle}`,
    caseNumber: caseView.caseNumber,
    generatedAt: options.generatedAt.toISOString(),
    language: options.language,
    labels,
    sections: structuredClone(sections),
    ...(kind === 'consent-form' ? { disclaimer: labels.disclaimer, consent: { statement: labels.consentStatement, signatureFields: labels.signatureFields } } : {}),
    personalData,
  };
}

function withoutPersonalData(section: ReportSection, labels: ReportLabels): ReportSection {
  const blocks = section.blocks.flatMap((block): ReportBlock[] => {
    switch (block.type) {
      case 'facts':
        return [{ type: 'facts', facts: block.facts.map((f) => (f.personalData ? { label: f.label, value: labels.withheld } : f)) }];
      case 'questions':
        return [{ type: 'questions', rows: block.rows.filter((r) => !r.personalData) }];
      case 'messages':
        return [{ type: 'messages', messages: block.messages.filter((m) => !m.personalData) }];
      case 'attachments':
        return [{ type: 'attachments', attachments: block.attachments.filter((a) => !a.personalData) }];
      case 'text':
        return block.personalData ? [] : [block];
    }
  });
  return { ...section, blocks };
}
