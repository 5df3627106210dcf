import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { PredefinedAnswer } from './predefinedAnswer';
import { QuestionSet } from './questionSet';
import type { Translations } from './translations';

/** One predefined question of a question set, shown to each side in its own language. */
export const Question = defineEntity({
  name: 'Question',
  tableName: 'ref_question',
  properties: {
    /** `<question set>/<key>`, e.g. `pq-diploma/authentic`. */
    code: p.string().length(160).primary(),
    questionSet: () => p.manyToOne(QuestionSet),
    position: p.integer(),
    texts: p.json<Translations>(),
    /** The requester must explain in free text (e.g. the description of the case in a derogation request). */
    commentRequired: p.boolean().default(false),
    answers: () => p.oneToMany(PredefinedAnswer).mappedBy('question'),
    retired: p.boolean().default(false),
  },
});

export type IQuestion = InferEntity<typeof Question>;
