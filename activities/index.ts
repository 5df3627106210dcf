import { contactCheckActivities, type ContactCheckActivityDeps } from './contactCheck';
import { invitationActivities } from './invitation';
import { authorityActivities } from './authority';
import { userRetentionActivities } from './userRetention';
import { retentionActivities } from './retention';
import { requestActivities } from './request';
import { alertActivities } from './alert';
import { reportExpiryActivities } from './reports/expiry';

export type ActivityDeps = ContactCheckActivityDeps;

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...contactCheckActivities(deps),
    ...invitationActivities(deps),
    ...authorityActivities(deps),
    ...userRetentionActivities(deps),
    ...retentionActivities(deps),
    ...requestActivities(deps),
    ...alertActivities(deps),
    ...reportExpiryActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
