import type { EntitySchema } from '@mikro-orm/core';
import { CaptchaChallenge } from './captchaChallenge';
import { RegistrationToken } from './registrationToken';

export { CaptchaChallenge, RegistrationToken };

/** The public self-registration's entities, for `allEntities`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const registrationEntities: EntitySchema<any>[] = [CaptchaChallenge, RegistrationToken];
