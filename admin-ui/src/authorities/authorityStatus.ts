import type { AccessStatus, AuthorityKind, AuthorityStatus, ContentRole, WorkflowFlags } from '../../../schema/authority';

export const authorityStatuses = ['registration-requested', 'active', 'registration-rejected', 'suspended', 'inactive'] as const satisfies readonly AuthorityStatus[];
export const authorityKinds = ['NIMIC', 'super-DIMIC', 'LIMIC', 'DIMIC', 'CA'] as const satisfies readonly AuthorityKind[];

export const authorityStatusColours: Record<AuthorityStatus, string> = {
  'registration-requested': '#ed6c02',
  active: '#2e7d32',
  'registration-rejected': '#c62828',
  suspended: '#8e24aa',
  inactive: '#757575',
};

export const accessStatusColours: Record<AccessStatus, string> = {
  requested: '#ed6c02',
  active: '#2e7d32',
  suspended: '#8e24aa',
  'suspended-reactivation-requested': '#ad1457',
  revoked: '#c62828',
  'revoked-reactivation-requested': '#ad1457',
};

export const authorityStatusChoices = authorityStatuses.map((id) => ({ id, name: `liaison.authority.status.${id}` }));
export const authorityKindChoices = authorityKinds.map((id) => ({ id, name: `liaison.authority.kind.${id}` }));

export type { AccessStatus, ContentRole };

/**
 * The manual's defaults (ch. 9.1.4, STANDARDINDSTILLING), the same as schema/authority.ts's
 * `defaultWorkflowFlags()` — written out here so zod stays out of the console's bundle.
 */
export const defaultFlags: WorkflowFlags = {
  ca: { approvalRequired: false, mayRejectForCountry: false, mayAcceptFromOtherCountries: true },
  coordinator: { takesPartInReferrals: true, approvesRequests: false, approvesAnswers: false, usesAllocation: false },
  alerts: { finalApproval: false },
};
