import type { EntitySchema } from '@mikro-orm/core';
import { AuditEvent } from './auditEvent';
import { ContactCheck } from './contactCheck';
import { ContactCheckContact } from './contactCheckContact';
import { SentEmail } from './sentEmail';
import { EmailTemplate } from './emailTemplate';
import { invitationEntities } from './invitation';
import { referenceEntities } from './reference';
import { identityEntities } from './identity';
import { authorityEntities } from './authority';
import { registrationEntities } from './registration';
import { CaseRetention } from './caseRetention';
import { requestEntities } from './request';
import { alertEntities } from './alert';
import { Report } from './report';

/**
 * Every entity MikroORM knows. Add new ones here; then `npm run migration:create` writes the
 * migration that the next `liaison migrate` applies.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const allEntities: EntitySchema<any>[] = [AuditEvent, ContactCheck, ContactCheckContact, SentEmail, EmailTemplate, ...invitationEntities, ...referenceEntities, ...identityEntities, ...authorityEntities, ...registrationEntities, ...requestEntities, ...alertEntities, CaseRetention, Report];
