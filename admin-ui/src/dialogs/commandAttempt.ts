import { useRef } from 'react';
import { HttpError } from 'react-admin';

/** A random key; `crypto.randomUUID` exists only on secure origins, `getRandomValues` everywhere. */
const newKey = (): string => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The `Idempotency-Key` of one attempt at a command from a dialog. The API makes it the Temporal
 * update id, so sending it again applies the command once and answers with the first outcome.
 * The key is kept while the outcome is unknown — no answer (the network dropped, the server was
 * restarting) or a 5xx — so pressing the button again cannot apply the command twice. After an
 * answer (done, or refused with a 4xx) the next press is a new attempt with a new key: the user
 * may have changed the inputs the API refused.
 */
export function useCommandAttempt() {
  const key = useRef<string | null>(null);
  return {
    /** The current attempt's key (a new attempt gets a new one). */
    key: () => (key.current ??= newKey()),
    /** After the call: forget the key unless the outcome is unknown. */
    settled: (error?: unknown) => {
      const status = error instanceof HttpError ? error.status : undefined;
      if (error === undefined || (status !== undefined && status >= 400 && status < 500)) key.current = null;
    },
    /** A newly opened dialog is a new attempt. */
    reset: () => {
      key.current = null;
    },
  };
}
