import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { liaisonSearchAttributes } from '../workflows/searchAttributes';

const file = path.join(__dirname, '..', 'temporal-dev.yml');
const compose = parse(fs.readFileSync(file, 'utf8')) as {
  services: Record<string, { image?: string; depends_on?: string[] | Record<string, unknown>; ports?: string[]; command?: string[] }>;
  volumes?: Record<string, unknown>;
};
const hasDockerCompose = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;

describe('temporal-dev.yml (team setup)', () => {
  it('has Temporal on PostgreSQL with its UI, the app PostgreSQL and the SMTP catcher, images pinned', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['maildev', 'postgresql', 'temporal', 'temporal-postgresql', 'temporal-setup', 'temporal-ui']);
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, image: service.image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:\d[\w.-]*$/) });
    }
  });

  it('only depends on services and volumes it defines', () => {
    for (const service of Object.values(compose.services)) {
      const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dep of deps) expect(Object.keys(compose.services)).toContain(dep);
    }
    const named = Object.values(compose.services).flatMap((s) => ((s as { volumes?: string[] }).volumes ?? []).map((v) => v.split(':')[0]));
    for (const volume of named) expect(Object.keys(compose.volumes ?? {})).toContain(volume);
  });

  it('publishes the ports the README tells the API and worker to use', () => {
    expect(compose.services.temporal.ports).toContain('7233:7233');
    expect(compose.services['temporal-ui'].ports).toContain('8080:8080');
    expect(compose.services.postgresql.ports).toContain('5433:5432');
    expect(compose.services.maildev.ports).toEqual(expect.arrayContaining(['1025:1025', '1080:1080']));
  });

  it('registers every search attribute the workflows use', () => {
    const setup = (compose.services['temporal-setup'].command ?? []).join(' ');
    for (const attribute of liaisonSearchAttributes) expect(setup).toContain(`${attribute.name}=`);
  });

  (hasDockerCompose ? it : it.skip)('passes `docker compose config`', () => {
    const result = spawnSync('docker', ['compose', '-f', file, 'config', '--quiet'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  if (!hasDockerCompose) {
    it('notes that `docker compose config` was not run here', () => {
      console.info('temporal-dev.yml: `docker compose` is not available on this machine; checked the file by parsing it instead.');
      expect(hasDockerCompose).toBe(false);
    });
  }
});
