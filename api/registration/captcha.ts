import type { MikroORM } from '@mikro-orm/postgresql';
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { CaptchaChallenge } from '../../schema/entities/registration';

/**
 * An offline captcha for the public self-registration page: a short text drawn as SVG with each
 * character moved, turned and overlaid with noise lines. Only a salted sha256 of the answer is
 * stored, for a few minutes, and a challenge answers once (right or wrong). It stops naive form
 * bots; the registration code remains the real secret.
 */
export const captchaValidMs = 10 * 60_000;
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const randomCaptchaText = () => Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join('');
const normalise = (answer: string) => answer.toUpperCase().replace(/\s+/g, '');
const hashOf = (id: string, answer: string) => createHash('sha256').update(`${id}:${normalise(answer)}`).digest('hex');
const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The SVG picture of `text` (random placement, rotation, colour and noise lines). */
export function captchaSvg(text: string): string {
  const width = 40 + text.length * 32;
  const height = 70;
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) {
    const hue = randomInt(360);
    parts.push(`<path d="M${randomInt(width)} ${randomInt(height)} Q${randomInt(width)} ${randomInt(height)} ${randomInt(width)} ${randomInt(height)}" stroke="hsl(${hue},45%,55%)" stroke-width="${1 + randomInt(2)}" fill="none"/>`);
  }
  [...text].forEach((ch, i) => {
    const x = 24 + i * 32 + randomInt(8);
    const y = 44 + randomInt(14) - 7;
    const angle = randomInt(50) - 25;
    parts.push(`<text x="${x}" y="${y}" transform="rotate(${angle} ${x} ${y})" font-family="monospace" font-size="${30 + randomInt(8)}" font-weight="bold" fill="hsl(${randomInt(360)},60%,30%)">${escape(ch)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Security check picture"><rect width="100%" height="100%" fill="#f4f1ea"/>${parts.join('')}</svg>`;
}

export async function createCaptcha(orm: MikroORM, text: string): Promise<{ captchaId: string; svg: string; expiresAt: string }> {
  const id = randomUUID();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + captchaValidMs);
  const em = orm.em.fork();
  // Old challenges are of no use to anyone: clear them as new ones are made.
  await em.nativeDelete(CaptchaChallenge, { expiresAt: { $lt: new Date(now.getTime() - captchaValidMs) } });
  await em.insert(CaptchaChallenge, { id, answerHash: hashOf(id, text), createdAt: now, expiresAt, usedAt: null });
  return { captchaId: id, svg: captchaSvg(text), expiresAt: expiresAt.toISOString() };
}

/** Consumes the challenge (one use, even when wrong) and says whether the answer was right and in time. */
export async function verifyCaptcha(orm: MikroORM, captchaId: string, answer: string): Promise<boolean> {
  const rows = await orm.em
    .fork()
    .getConnection()
    .execute<{ answer_hash: string }[]>('update captcha_challenge set used_at = now() where id = ? and used_at is null and expires_at > now() returning answer_hash', [captchaId]);
  return rows.length === 1 && rows[0]!.answer_hash === hashOf(captchaId, answer);
}
