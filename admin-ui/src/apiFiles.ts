import { apiUrl, toHttpError } from './liaisonApi';
import { operatorToken } from './operatorToken';

/** A file as the API takes it: base64 inside the JSON body (chunked: spreading a whole large file overflows the stack). */
export async function fileAsBase64(file: File): Promise<{ fileName: string; mimeType: string; contentBase64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { fileName: file.name, mimeType: file.type || 'application/octet-stream', contentBase64: btoa(binary) };
}

/**
 * GETs a file from the API (`path` below /api) and lets the browser save it, under the name the
 * API gives (Content-Disposition) or `fallbackName`. An error answer becomes react-admin's HttpError
 * with the API's reason.
 */
export async function saveFromApi(path: string, fallbackName: string): Promise<void> {
  const headers = new Headers();
  const token = operatorToken.get();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const response = await fetch(apiUrl(path), { headers, credentials: 'same-origin' });
  if (!response.ok) {
    const body = await response.text();
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    throw toHttpError(response.status, json as never);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
