import path from 'node:path';
import { ConfigError, databaseUrl, loadConfig, projectRoot, publicUrl, smtpUrl, temporalAddress } from './config';

/** What start-up says about an environment: the config, or the ConfigError's sentence. */
function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', () => {
  it('runs with no environment at all: everything embedded on the documented default ports', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      API_HOST: '127.0.0.1',
      API_PORT: 3000,
      EMBEDDED_POSTGRES_PORT: 5433,
      TEMPORAL_NAMESPACE: 'liaison',
      TEMPORAL_TASK_QUEUE: 'liaison',
      TEMPORAL_PORT: 7233,
      TEMPORAL_UI_PORT: 8233,
      MAIL_CATCHER_SMTP_PORT: 1025,
      MAIL_CATCHER_WEB_PORT: 1080,
      MAIL_FROM: 'no-reply@liaison.local',
      OPERATOR_TOKEN: 'liaison-operator-dev-token',
      CONTACT_CHECK_DAYS: 14,
      LIAISON_DATA_DIR: path.join(projectRoot, '.data'),
      LIAISON_TOOLS_DIR: path.join(projectRoot, '.tools'),
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
    expect(databaseUrl(config)).toBe('postgres://liaison:liaison@127.0.0.1:5433/liaison');
    expect(temporalAddress(config)).toBe('127.0.0.1:7233');
    expect(smtpUrl(config)).toBe('smtp://127.0.0.1:1025');
    expect(publicUrl(config)).toBe('http://localhost:3000');
  });

  it('uses external services and ports given by the environment', () => {
    const config = loadConfig({
      API_PORT: '8080',
      DATABASE_URL: 'postgresql://app:secret@db.example.org:5432/liaison',
      TEMPORAL_ADDRESS: 'temporal.example.org:7233',
      SMTP_URL: 'smtps://mail.example.org',
      PUBLIC_URL: 'https://liaison.example.org',
    });
    expect(config.API_PORT).toBe(8080);
    expect(databaseUrl(config)).toBe('postgresql://app:secret@db.example.org:5432/liaison');
    expect(temporalAddress(config)).toBe('temporal.example.org:7233');
    expect(smtpUrl(config)).toBe('smtps://mail.example.org');
    expect(publicUrl(config)).toBe('https://liaison.example.org');
  });

  it.each([
    ['API_PORT', 'abc', /API_PORT must be a port number from 1 to 65535/],
    ['API_PORT', '70000', /API_PORT must be a port number from 1 to 65535/],
    ['API_PORT', '0', /API_PORT must be a port number from 1 to 65535/],
    ['EMBEDDED_POSTGRES_PORT', '5.5', /EMBEDDED_POSTGRES_PORT must be a port number from 1 to 65535/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a URL starting with postgres: or postgresql:\/\//],
    ['DATABASE_URL', 'not a url', /DATABASE_URL must be a URL starting with postgres:/],
    ['TEMPORAL_ADDRESS', 'localhost', /TEMPORAL_ADDRESS must be host:port, e\.g\. localhost:7233/],
    ['TEMPORAL_ADDRESS', 'http://localhost:7233', /TEMPORAL_ADDRESS must be host:port/],
    ['SMTP_URL', 'http://mail', /SMTP_URL must be a URL starting with smtp: or smtps:\/\//],
    ['OPERATOR_TOKEN', 'short', /OPERATOR_TOKEN must be at least 12 characters/],
    ['NODE_ENV', 'staging', /NODE_ENV .*"development"\|"test"\|"production"/],
  ])('refuses %s=%j with a sentence naming the variable and the reason', (variable, value, reason) => {
    const error = refusal({ [variable]: value });
    expect(error.name).toBe('ConfigError');
    expect(error.issues.map((i) => i.variable)).toEqual([variable]);
    expect(error.message).toMatch(/^Invalid configuration: /);
    expect(error.message).toMatch(reason);
    expect(error.message).toMatch(/Fix or unset these environment variables and start again\.$/);
  });

  it('names every bad variable at once', () => {
    const error = refusal({ API_PORT: 'abc', TEMPORAL_ADDRESS: 'localhost' });
    expect(error.issues.map((i) => i.variable).sort()).toEqual(['API_PORT', 'TEMPORAL_ADDRESS']);
    expect(error.message).toMatch(/API_PORT must be a port number from 1 to 65535; TEMPORAL_ADDRESS must be host:port/);
  });

  it('refuses production without an explicit OPERATOR_TOKEN, and accepts it with one', () => {
    const error = refusal({ NODE_ENV: 'production' });
    expect(error.issues).toEqual([{ variable: 'OPERATOR_TOKEN', reason: 'must be set in production' }]);
    expect(error.message).toContain('OPERATOR_TOKEN must be set in production');
    expect(refusal({ NODE_ENV: 'production', OPERATOR_TOKEN: '' }).message).toContain('OPERATOR_TOKEN must be set in production');
    expect(loadConfig({ NODE_ENV: 'production', OPERATOR_TOKEN: 'a-long-production-token' }).OPERATOR_TOKEN).toBe('a-long-production-token');
  });

  it('treats empty variables as unset, as in `API_PORT= npm start`', () => {
    const config = loadConfig({ API_PORT: '', DATABASE_URL: '', TEMPORAL_ADDRESS: '', SMTP_URL: '', OPERATOR_TOKEN: '', LOG_LEVEL: '' });
    expect(config.API_PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.OPERATOR_TOKEN).toBe('liaison-operator-dev-token');
    expect(config.LOG_LEVEL).toBe('info');
  });
});

describe('PUBLIC_HOLIDAYS', () => {
  it('defaults to none and reads a JSON map of country → dates', () => {
    expect(loadConfig({}).PUBLIC_HOLIDAYS).toEqual({});
    expect(loadConfig({ PUBLIC_HOLIDAYS: '{"DK":["2026-12-24","2026-12-25"]}' }).PUBLIC_HOLIDAYS).toEqual({ DK: ['2026-12-24', '2026-12-25'] });
  });

  it.each([
    ['not json', /PUBLIC_HOLIDAYS must be JSON/],
    ['{"dk":["2026-12-24"]}', /PUBLIC_HOLIDAYS.*two-letter/],
    ['{"DK":["24.12.2026"]}', /PUBLIC_HOLIDAYS.*YYYY-MM-DD/],
  ])('refuses %s with the variable and the reason', (value, message) => {
    expect(() => loadConfig({ PUBLIC_HOLIDAYS: value })).toThrow(message);
  });
});
