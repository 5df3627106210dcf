import type { AlertCriterion } from '../../../schema/alerts';

/**
 * The initiation checklist's codes (schema/alerts.ts alertCriteria), listed here so the console
 * does not bundle the API's zod schemas; the types below fail the build if the two lists differ.
 * Their texts are the console's translations (liaison.alert.criteria.<code>).
 */
export const alertCriterionCodes = [
  'services-directive-activity',
  'specific-acts',
  'serious-damage',
  'other-countries-affected',
  'facts-established',
] as const satisfies readonly AlertCriterion[];

type Missing = Exclude<AlertCriterion, (typeof alertCriterionCodes)[number]>;
const everyCriterionListed: Missing extends never ? true : never = true;
void everyCriterionListed;
