import type { HttpError } from 'react-admin';

/** The message and the per-field messages of a refused API call (see liaisonApi). */
export function serverErrors(error: unknown): { message: string | null; fields: Record<string, string> } {
  if (!error) return { message: null, fields: {} };
  const body = (error as HttpError).body as { errors?: Record<string, unknown> } | undefined;
  const fields: Record<string, string> = {};
  for (const [field, value] of Object.entries(body?.errors ?? {})) {
    if (typeof value === 'string') fields[field] = value;
  }
  return { message: (error as Error).message ?? String(error), fields };
}
