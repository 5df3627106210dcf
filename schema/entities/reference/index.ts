import type { EntitySchema } from '@mikro-orm/core';
import { AreaKeyword } from './areaKeyword';
import { Country } from './country';
import { Language } from './language';
import { LegislationArea } from './legislationArea';
import { NaceCode } from './naceCode';
import { PolicyArea } from './policyArea';
import { PredefinedAnswer } from './predefinedAnswer';
import { Question } from './question';
import { QuestionSet } from './questionSet';
import { ReferenceDataVersion } from './referenceDataVersion';

export { AreaKeyword, Country, Language, LegislationArea, NaceCode, PolicyArea, PredefinedAnswer, Question, QuestionSet, ReferenceDataVersion };
export type { Translations } from './translations';

/** The reference-data entities, for `allEntities`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const referenceEntities: EntitySchema<any>[] = [
  Language,
  Country,
  LegislationArea,
  AreaKeyword,
  NaceCode,
  PolicyArea,
  QuestionSet,
  Question,
  PredefinedAnswer,
  ReferenceDataVersion,
];
