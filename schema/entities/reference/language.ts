import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A language users prefer, authorities understand and free text is tagged with (ISO 639-1). */
export const Language = defineEntity({
  name: 'Language',
  tableName: 'ref_language',
  properties: {
    code: p.string().length(2).primary(),
    nameEn: p.string().length(60),
    nameNative: p.string().length(60),
    /** One of the 24 official EU languages; the others are national languages of EEA countries. */
    euOfficial: p.boolean(),
    /** Gone from the seed files; kept because users and authorities may still refer to it. */
    retired: p.boolean().default(false),
  },
});

export type ILanguage = InferEntity<typeof Language>;
