import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { LegislationArea } from './legislationArea';
import { Question } from './question';
import type { Translations } from './translations';

/** A predefined, translated set of questions (spørgsmålsserie); a request uses exactly one. */
export const QuestionSet = defineEntity({
  name: 'QuestionSet',
  tableName: 'ref_question_set',
  properties: {
    code: p.string().length(80).primary(),
    area: () => p.manyToOne(LegislationArea),
    names: p.json<Translations>(),
    /** On-screen guidance shown to the requester before choosing questions. */
    instructions: p.json<Translations>().nullable(),
    /** Conditions the requester must confirm one by one before sending (e.g. the 10 steps of Art. 35(2)). */
    checklist: p.json<Translations[]>().nullable(),
    /** Display order within the area. */
    position: p.integer(),
    questions: () => p.oneToMany(Question).mappedBy('questionSet'),
    retired: p.boolean().default(false),
  },
});

export type IQuestionSet = InferEntity<typeof QuestionSet>;
