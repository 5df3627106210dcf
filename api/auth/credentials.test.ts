import {
  hashPassword,
  hashSecurityCode,
  newToken,
  passwordProblems,
  proposeUsername,
  sameSecret,
  securityCodeProblems,
  sha256,
  temporaryPassword,
  usernameBase,
  verifyPassword,
  verifySecret,
  verifySecurityCodePositions,
} from './credentials';

describe('passwords', () => {
  it('verify against their own hash only, salted differently each time', async () => {
    const a = await hashPassword('correct horse 42');
    const b = await hashPassword('correct horse 42');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('correct horse 42', a)).toBe(true);
    expect(await verifyPassword('correct horse 42', b)).toBe(true);
    expect(await verifyPassword('Correct horse 42', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('refuse a stored value that is not a hash of ours', async () => {
    for (const stored of ['', 'plain', 'bcrypt$1$2$3$4$5', 'scrypt$x$8$1$aa$bb', 'scrypt$1024$8$1$aa']) {
      expect(await verifySecret('anything', stored)).toBe(false);
    }
  });
});

describe('the security code', () => {
  const code = 'Ab3$efG7!jK9';

  it('is stored as 12 separately salted hashes, none of which is a character', async () => {
    const hashes = await hashSecurityCode(code);
    expect(hashes).toHaveLength(12);
    expect(new Set(hashes).size).toBe(12);
    for (const h of hashes) expect(h).toMatch(/^scrypt\$16384\$/);
  });

  it('checks any 3 positions, case sensitive, without the rest', async () => {
    const hashes = await hashSecurityCode(code);
    expect(await verifySecurityCodePositions(hashes, [1, 4, 12], ['A', '$', '9'])).toBe(true);
    expect(await verifySecurityCodePositions(hashes, [2, 7, 11], ['b', 'G', 'K'])).toBe(true);
    expect(await verifySecurityCodePositions(hashes, [2, 7, 11], ['b', 'g', 'K'])).toBe(false);
    expect(await verifySecurityCodePositions(hashes, [1, 4, 12], ['A', '$', '8'])).toBe(false);
    // a character of another position does not pass
    expect(await verifySecurityCodePositions(hashes, [1, 2, 3], ['b', 'A', '3'])).toBe(false);
  });

  it('refuses malformed answers', async () => {
    const hashes = await hashSecurityCode(code);
    expect(await verifySecurityCodePositions(hashes, [1, 4], ['A', '$', '9'])).toBe(false);
    expect(await verifySecurityCodePositions(hashes, [1, 4, 13], ['A', '$', '9'])).toBe(false);
    expect(await verifySecurityCodePositions(hashes, [1, 4, 12], ['Ab', '$', '9'])).toBe(false);
    expect(await verifySecurityCodePositions(hashes, [1, 4, 12], ['', '$', '9'])).toBe(false);
    expect(await verifySecurityCodePositions(hashes, [], [])).toBe(false);
  });
});

describe('password policy', () => {
  const person = { username: 'mette.frederiksen', firstName: 'Mette', lastName: 'Frederiksen', email: 'mfr@stm.example.dk' };

  it('accepts a long mixed password', () => {
    expect(passwordProblems('Blue-kettle-2024', person)).toEqual([]);
    expect(passwordProblems('pæreskrællerø9', person)).toEqual([]);
  });

  it('names each problem', () => {
    expect(passwordProblems('short1', person)).toContain('must be at least 12 characters long');
    expect(passwordProblems('x'.repeat(129) + '1', person)).toContain('must be at most 128 characters long');
    expect(passwordProblems('onlylettershere', person)).toContain('must mix letters with digits or symbols');
    expect(passwordProblems('123456789012345', person)).toContain('must mix letters with digits or symbols');
    expect(passwordProblems('my mette.frederiksen 1', person)).toContain('must not contain your username');
    expect(passwordProblems('xxFREDERIKSENxx1', person)).toContain('must not contain your last name');
    expect(passwordProblems('mette-is-great-1', person)).toContain('must not contain your first name');
    expect(passwordProblems('mfr-password-99', person)).toContain('must not contain your email address');
    expect(passwordProblems(' leading-space-1', person)).toContain('must not begin or end with a space');
    expect(passwordProblems('ab1ab1ab1ab1ab1', person)).toContain('must not repeat the same few characters');
    expect(passwordProblems('Password1234', {})).toContain('is too common');
  });
});

describe('security code policy', () => {
  it('accepts exactly 12 characters with a letter, a digit and a symbol', () => {
    expect(securityCodeProblems('Ab3$efG7!jK9')).toEqual([]);
    expect(securityCodeProblems('a1!a1!a1!a1!')).toEqual([]);
  });

  it('names each problem', () => {
    expect(securityCodeProblems('Ab3$efG7!jK')).toEqual(['must be exactly 12 characters long']);
    expect(securityCodeProblems('Ab3$efG7!jK90')).toEqual(['must be exactly 12 characters long']);
    expect(securityCodeProblems('Abc$efGh!jKl')).toEqual(['must contain at least one digit']);
    expect(securityCodeProblems('123$567!9012')).toEqual(['must contain at least one letter']);
    expect(securityCodeProblems('Ab3defG7hjK9')).toEqual(['must contain at least one symbol, e.g. ! # % + ?']);
    expect(securityCodeProblems('Ab3 efG7!jK9')[0]).toMatch(/no spaces/);
    expect(securityCodeProblems('Æb3$efG7!jK9')[0]).toMatch(/accented/);
    expect(securityCodeProblems('')).toHaveLength(4);
  });
});

describe('generated secrets', () => {
  it('temporary passwords are 16 unambiguous characters with letters and digits, and differ', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = temporaryPassword();
      expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{16}$/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/[A-Za-z]/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it('a temporary password meets the password policy', () => {
    for (let i = 0; i < 50; i++) expect(passwordProblems(temporaryPassword())).toEqual([]);
  });

  it('retries a draw without digits', () => {
    let n = 0;
    // first 16 draws: all 'A'; then cycling through the alphabet
    const p = temporaryPassword((max) => (n++ < 16 ? 0 : n % max));
    expect(p).toMatch(/[0-9]/);
  });

  it('tokens are random and stored as their sha256', () => {
    const a = newToken('lsn_');
    const b = newToken('lsn_');
    expect(a.token).toMatch(/^lsn_[\w-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(sha256(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('compares secrets of any length', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });
});

describe('usernames', () => {
  it('are proposed from the name, transliterated', () => {
    expect(usernameBase('Søren', 'Ågård')).toBe('soeren.aagaard');
    expect(usernameBase('José María', 'Núñez-García')).toBe('josemaria.nunezgarcia');
    expect(usernameBase('Jürgen', 'Weiß')).toBe('jurgen.weiss');
    expect(usernameBase('Łukasz', "O'Brien")).toBe('lukasz.obrien');
    expect(usernameBase('Ян', 'Li')).toBe('user.li');
    expect(usernameBase('', '')).toBe('user');
    expect(usernameBase('A', 'B')).toBe('a.b');
    expect(usernameBase('Bo', '')).toBe('user.bo');
    expect(usernameBase('X'.repeat(50), 'Y'.repeat(50)).length).toBeLessThanOrEqual(40);
  });

  it('get a number when taken', async () => {
    const taken = new Set(['anne.berg', 'anne.berg2']);
    expect(await proposeUsername('Anne', 'Berg', (u) => taken.has(u))).toBe('anne.berg3');
    expect(await proposeUsername('Anne', 'Holm', async (u) => taken.has(u))).toBe('anne.holm');
  });
});
