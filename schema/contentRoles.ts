/**
 * Content roles of an authority in a workflow, independent of its administrative role (domain.md
 * §1). Plain values with no zod, because workflow code reaches them (api/policy/adminRoles.ts):
 * every workflow run evaluates its bundle's modules afresh, so a schema library there costs each
 * run CPU and memory (test/workflowBundle.test.ts keeps it out). Their schemas are in schema/authority.ts.
 */
/** The legislation area whose alerts workflow exists (domain.md §1, seeds legislation-areas.json). */
export const servicesAreaCode = 'services';

export const requestRoles = ['authority', 'request-coordinator'] as const;
export const alertRoles = ['alert-authority', 'alert-coordinator', 'alert-mailbox'] as const;
export const contentRolesByWorkflow = { requests: requestRoles, alerts: alertRoles } as const;
export const contentRoles = [...requestRoles, ...alertRoles] as const;
export type ContentRole = (typeof contentRoles)[number];
export type RequestRole = (typeof requestRoles)[number];
export type AlertRole = (typeof alertRoles)[number];
