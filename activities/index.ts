import { contactCheckActivities, type ContactCheckActivityDeps } from './contactCheck';
import { invitationActivities } from './invitation';

export type ActivityDeps = ContactCheckActivityDeps;

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...contactCheckActivities(deps),
    ...invitationActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
