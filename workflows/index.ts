// Every workflow the worker runs. The worker bundles this file (workflowsPath); keep it free of I/O.
export { ContactCheckWorkflow } from './contactCheck/workflow';
export { InvitationWorkflow } from './invitation/workflow';
export { AuthorityLifecycleWorkflow } from './authorityLifecycle/workflow';
export { UserRetentionWorkflow } from './userRetention/workflow';
export { RetentionWorkflow } from './retention/workflow';
export { RequestWorkflow } from './request/workflow';
export { AlertWorkflow } from './alert/workflow';
export { ReportExpiryWorkflow } from './reportExpiry/workflow';
