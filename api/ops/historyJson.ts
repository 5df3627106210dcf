import path from 'node:path';
import { temporal } from '@temporalio/proto';

/**
 * Temporal's JSON history format (what `temporal workflow show --output json` and the Temporal UI
 * download), for the ops API's `raw=true` and the recorded fixtures.
 *
 * Why not `historyToJSON`/`historyFromJSON` from `@temporalio/common/lib/proto-utils`: with the
 * dependency tree npm builds here, `@temporalio/common` and `@temporalio/proto` each get their
 * own copy of protobufjs 8 (the root holds grpc's protobufjs 7), and protojson's
 * `type instanceof Type` check fails across the copies ("type must be a Type"). Using the
 * protojson of the copy `@temporalio/proto` itself resolves keeps the types and the serializer
 * from one copy, however npm hoists.
 */
interface ProtoJson {
  toJson(type: unknown, message: unknown, options?: object): unknown;
  fromJson(type: unknown, json: unknown, options?: object): unknown;
}

let protojson: ProtoJson | undefined;
function loadProtojson(): ProtoJson {
  protojson ??= require(
    require.resolve('protobufjs/ext/protojson', { paths: [path.dirname(require.resolve('@temporalio/proto'))] }),
  ) as ProtoJson;
  return protojson;
}

const HistoryType = temporal.api.history.v1.History;

/** History (as fetched) → the JSON object of the standard history format: `{ events: [...] }`. */
export function historyToJsonObject(history: temporal.api.history.v1.IHistory): { events: Record<string, unknown>[] } {
  const json = loadProtojson().toJson(HistoryType, HistoryType.fromObject(history)) as {
    events?: Record<string, unknown>[];
  };
  return { events: json.events ?? [] };
}

/** The standard JSON history format → History, as `fetchHistory()` returns it. */
export function historyFromJsonObject(json: unknown): temporal.api.history.v1.IHistory {
  return loadProtojson().fromJson(HistoryType, json, { ignoreUnknownFields: true }) as temporal.api.history.v1.IHistory;
}
