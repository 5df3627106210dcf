import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Alert } from './alert';
import { AlertText } from './text';

/**
 * A file attached to an alert or to one of its texts (additional information, an objection): its
 * bytes here, or a path in the file store for large files. Personal data: erased with the alert.
 */
export const AlertFile = defineEntity({
  name: 'AlertFile',
  tableName: 'alert_file',
  properties: {
    id: p.uuid().primary(),
    alertId: () => p.manyToOne(Alert).mapToPk().fieldName('alert_id').index().deleteRule('cascade'),
    textId: () => p.manyToOne(AlertText).mapToPk().fieldName('text_id').nullable().deleteRule('set null'),
    authorityId: p.uuid().nullable(),
    fileName: p.string().length(255),
    mimeType: p.string().length(120),
    sizeBytes: p.integer(),
    content: p.blob().nullable(),
    storagePath: p.string().length(500).nullable(),
    uploadedBy: p.uuid().nullable(),
    uploadedAt: p.datetime(),
    blockedAt: p.datetime().nullable(),
  },
});

export type IAlertFile = InferEntity<typeof AlertFile>;
