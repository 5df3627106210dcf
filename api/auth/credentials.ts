import { createHash, randomBytes, randomInt, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * How Liaison keeps and checks secrets (domain.md §2): passwords and each position of the
 * 12-character security code as salted scrypt hashes, and the policies a new password or code
 * must meet. Tokens (sessions, API tokens, login steps) are random and stored as sha256 only.
 */

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** ~32 MiB and ~100 ms per password hash on a current server core. */
export const passwordParams: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
/**
 * One position of the code is one character, so its hash can never be slow enough to resist an
 * offline search over ~90 characters; its strength is that only 3 random positions are asked and
 * 5 failures lock the account. Cheaper parameters keep the 12 hashes quick to write.
 */
export const codePositionParams: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };

const keyLength = 32;

function scrypt(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCallback(secret.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later without breaking old hashes. */
export async function hashSecret(secret: string, params: ScryptParams = passwordParams): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
  const expected = Buffer.from(parts[5]!, 'base64url');
  const key = await scrypt(secret, Buffer.from(parts[4]!, 'base64url'), { N, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export const hashPassword = (password: string) => hashSecret(password, passwordParams);
export const verifyPassword = (password: string, stored: string) => verifySecret(password, stored);

/**
 * The code's 12 positions hashed one by one, each with its own salt. The position is part of the
 * hashed text, so entries cannot be swapped between positions.
 */
export async function hashSecurityCode(code: string): Promise<string[]> {
  const characters = [...code];
  return Promise.all(characters.map((ch, i) => hashSecret(`${i + 1}:${ch}`, codePositionParams)));
}

/** True only if every asked (1-based) position holds the given character; checks all of them regardless. */
export async function verifySecurityCodePositions(hashes: string[], positions: number[], characters: string[]): Promise<boolean> {
  if (positions.length !== characters.length || positions.length === 0) return false;
  const results = await Promise.all(
    positions.map((position, i) => {
      const stored = hashes[position - 1];
      const ch = characters[i] ?? '';
      return stored && [...ch].length === 1 ? verifySecret(`${position}:${ch}`, stored) : Promise.resolve(false);
    }),
  );
  return results.every(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Policies

export const passwordMinLength = 12;
export const passwordMaxLength = 128;
export const securityCodeLength = 12;

const commonPasswords = new Set(['password1234', 'passwordpassword', '123456789012', 'qwertyuiopas', 'liaisonliaison', 'imiimiimiimi']);

/** What is wrong with a new password, in words for the person typing it; empty when it is fine. */
export function passwordProblems(password: string, person: { username?: string; firstName?: string; lastName?: string; email?: string } = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < passwordMinLength) problems.push(`must be at least ${passwordMinLength} characters long`);
  if (length > passwordMaxLength) problems.push(`must be at most ${passwordMaxLength} characters long`);
  if (password.trim() !== password) problems.push('must not begin or end with a space');
  const lower = password.toLowerCase();
  const personal: [string | undefined, string][] = [
    [person.username, 'your username'],
    [person.firstName, 'your first name'],
    [person.lastName, 'your last name'],
    [person.email?.split('@')[0], 'your email address'],
  ];
  for (const [value, what] of personal) {
    if (value && value.length >= 3 && lower.includes(value.toLowerCase())) problems.push(`must not contain ${what}`);
  }
  if (!/\p{L}/u.test(password) || !/[^\p{L}]/u.test(password)) problems.push('must mix letters with digits or symbols');
  if (length >= passwordMinLength && new Set(password).size < 5) problems.push('must not repeat the same few characters');
  if (commonPasswords.has(lower)) problems.push('is too common');
  return problems;
}

const codeCharacter = /^[\x21-\x7e]$/; // printable ASCII, no space: typeable on every keyboard

/** What is wrong with a chosen security code; empty when it is fine. */
export function securityCodeProblems(code: string): string[] {
  const problems: string[] = [];
  const characters = [...code];
  if (characters.length !== securityCodeLength) problems.push(`must be exactly ${securityCodeLength} characters long`);
  if (characters.some((ch) => !codeCharacter.test(ch))) problems.push('may only use letters A–Z and a–z, digits and symbols (no spaces or accented letters)');
  if (!/[A-Za-z]/.test(code)) problems.push('must contain at least one letter');
  if (!/[0-9]/.test(code)) problems.push('must contain at least one digit');
  if (!/[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(code)) problems.push('must contain at least one symbol, e.g. ! # % + ?');
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Generated secrets

const temporaryAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'; // no 0/O, 1/l/I

/** A temporary password: 16 characters without look-alikes, always with letters and digits. */
export function temporaryPassword(random: (max: number) => number = randomInt): string {
  for (;;) {
    const password = Array.from({ length: 16 }, () => temporaryAlphabet[random(temporaryAlphabet.length)]).join('');
    if (/[A-Za-z]/.test(password) && /[0-9]/.test(password) && new Set(password).size >= 5) return password;
  }
}

/** A random token (URL-safe) and the sha256 that is stored in its place. */
export function newToken(prefix = ''): { token: string; hash: string } {
  const token = prefix + randomBytes(32).toString('base64url');
  return { token, hash: sha256(token) };
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Compares two strings in constant time for equal lengths. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// ---------------------------------------------------------------------------------------------
// Usernames

const transliterations: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', ß: 'ss', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

function slug(name: string): string {
  return [...name.trim().toLowerCase()]
    .map((ch) => transliterations[ch] ?? ch)
    .join('')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '');
}

/** The plain username for a person, e.g. "Søren Ågård" → "soeren.aagaard"; at most 40 characters. */
export function usernameBase(firstName: string, lastName: string): string {
  const first = slug(firstName).slice(0, 20);
  const last = slug(lastName).slice(0, 19);
  const base = [first, last].filter(Boolean).join('.');
  return base.length >= 3 ? base : `user${base ? '.' + base : ''}`;
}

/** The first free username: the base, else the base with 2, 3, … appended. */
export async function proposeUsername(firstName: string, lastName: string, isTaken: (candidate: string) => Promise<boolean> | boolean): Promise<string> {
  const base = usernameBase(firstName, lastName);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (!(await isTaken(candidate))) return candidate;
  }
}
