import { msToTs } from '@temporalio/common/lib/time';
import type { Connection } from '@temporalio/client';
import { status as grpcStatus } from '@grpc/grpc-js';
import { liaisonSearchAttributes } from '../../workflows/searchAttributes';
import { temporal } from '@temporalio/proto';

const indexedValueType: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  TEXT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

/**
 * Makes sure the namespace and Liaison's search attributes exist on a Temporal that we did not
 * start ourselves (TEMPORAL_ADDRESS, temporal-dev.yml). Idempotent.
 */
/** The Java time-skipping test server cannot list search attributes; it can only be told them. */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(liaisonSearchAttributes.map((a) => [a.name, indexedValueType[a.type]])),
  });
}

export async function ensureNamespaceAndSearchAttributes(connection: Connection, namespace: string): Promise<{ createdNamespace: boolean; addedSearchAttributes: string[] }> {
  let createdNamespace = false;
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (error) {
    if ((error as { code?: number }).code !== grpcStatus.NOT_FOUND) throw error;
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('7 days'),
    });
    createdNamespace = true;
  }
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = liaisonSearchAttributes.filter((a) => !known.has(a.name));
  if (missing.length > 0) {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((a) => [a.name, indexedValueType[a.type]])),
    });
  }
  return { createdNamespace, addedSearchAttributes: missing.map((a) => a.name) };
}
