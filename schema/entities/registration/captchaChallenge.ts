import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A captcha shown on the public self-registration page (domain.md §4 "security check"). Only a
 * salted sha256 of the answer is stored; a challenge answers once and for a few minutes.
 */
export const CaptchaChallenge = defineEntity({
  name: 'CaptchaChallenge',
  tableName: 'captcha_challenge',
  properties: {
    id: p.uuid().primary(),
    /** sha256 hex of `<id>:<normalised answer>`. */
    answerHash: p.string().length(64),
    createdAt: p.datetime(),
    expiresAt: p.datetime().index(),
    usedAt: p.datetime().nullable(),
  },
});

export type ICaptchaChallenge = InferEntity<typeof CaptchaChallenge>;
