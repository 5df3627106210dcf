import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Question } from './question';
import type { Translations } from './translations';

/** An answer the responder can pick for a question, so that each side reads it in its own language. */
export const PredefinedAnswer = defineEntity({
  name: 'PredefinedAnswer',
  tableName: 'ref_predefined_answer',
  properties: {
    /** `<question>/<key>`, e.g. `pq-diploma/authentic/yes`. */
    code: p.string().length(200).primary(),
    question: () => p.manyToOne(Question),
    position: p.integer(),
    texts: p.json<Translations>(),
    retired: p.boolean().default(false),
  },
});

export type IPredefinedAnswer = InferEntity<typeof PredefinedAnswer>;
