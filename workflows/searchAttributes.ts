import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Liaison's custom search attributes. Every case workflow sets them so operators can find cases
 * in Temporal visibility. They hold ids and non-personal facts only. The dev server registers them
 * at start (bin/embedded/temporal.ts); temporal-dev.yml's setup registers them for teams.
 */
export const CaseType = defineSearchAttributeKey('CaseType', SearchAttributeType.KEYWORD);
export const CaseStatus = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
export const CountryCode = defineSearchAttributeKey('CountryCode', SearchAttributeType.KEYWORD);
export const AuthorityIds = defineSearchAttributeKey('AuthorityIds', SearchAttributeType.KEYWORD_LIST);
export const CaseDeadline = defineSearchAttributeKey('CaseDeadline', SearchAttributeType.DATETIME);

export const liaisonSearchAttributes = [CaseType, CaseStatus, CountryCode, AuthorityIds, CaseDeadline] as const;

/** The type names the Temporal CLI's `--search-attribute name=Type` flag expects. */
export const cliTypeName: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
};
