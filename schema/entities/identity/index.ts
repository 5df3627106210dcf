import { ApiToken } from './apiToken';
import { LoginChallenge } from './loginChallenge';
import { LoginThrottle } from './loginThrottle';
import { Session } from './session';
import { User } from './user';

/** Users, sessions, login steps, API tokens and login throttling (domain.md §2). */
export const identityEntities = [User, Session, LoginChallenge, ApiToken, LoginThrottle];
