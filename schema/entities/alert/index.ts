import type { EntitySchema } from '@mikro-orm/core';
import { Alert } from './alert';
import { AlertFile } from './file';
import { AlertPendingAction } from './pendingAction';
import { AlertProvider } from './provider';
import { AlertRecipient } from './recipient';
import { AlertText } from './text';

export { Alert, AlertFile, AlertPendingAction, AlertProvider, AlertRecipient, AlertText };

/** The alert's entities, for `allEntities`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const alertEntities: EntitySchema<any>[] = [Alert, AlertRecipient, AlertPendingAction, AlertProvider, AlertText, AlertFile];

/**
 * Tables holding an alert's personal data, keyed by `alert_id`: erased together 6 months after
 * closure. Children first (files point at texts), so deletes run in order.
 */
export const alertPersonalDataTables = ['alert_file', 'alert_text', 'alert_provider'] as const;
export type { IAlert } from './alert';
export type { IAlertRecipient } from './recipient';
export type { IAlertPendingAction } from './pendingAction';
export type { IAlertProvider } from './provider';
export type { IAlertText } from './text';
export type { IAlertFile } from './file';
