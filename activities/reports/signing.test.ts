import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { aRequestCaseView } from './aCaseView';
import { composeReport } from './document';
import { renderReportPdf } from './pdf';
import { ensureDefaultSigningCertificate, loadSigningIdentity, prepareReportSigning, reportSigningIdentity, signReportPdf, verifyReportSignature, type ReportSigningIdentity } from './signing';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('PAdES signing of reports', () => {
  let dir: string;
  let identity: ReportSigningIdentity;
  let unsigned: Buffer;
  let signed: Buffer;
  const signingTime = new Date('2026-11-25T12:00:00Z');

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-signing-'));
    const file = path.join(dir, 'reports', 'signing.p12');
    expect(ensureDefaultSigningCertificate(file, 'secret-pass')).toEqual({ created: true });
    identity = loadSigningIdentity(fs.readFileSync(file), 'secret-pass');
    unsigned = await renderReportPdf(composeReport('full', aRequestCaseView(), { language: 'da', generatedAt: signingTime }));
    signed = await signReportPdf(unsigned, identity, { reason: 'Liaison report REQ-2026-000042', signingTime });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates the default certificate once, private to the owner, and keeps it on the next start', () => {
    const file = path.join(dir, 'reports', 'signing.p12');
    const before = fs.readFileSync(file);
    expect(ensureDefaultSigningCertificate(file, 'secret-pass')).toEqual({ created: false });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(identity.signerName).toBe('Liaison report signing (self-signed, embedded default)');
  });

  it('refuses a wrong password with a sentence naming the setting', () => {
    expect(() => loadSigningIdentity(fs.readFileSync(path.join(dir, 'reports', 'signing.p12')), 'wrong')).toThrow(/REPORT_SIGNING_P12_PASSWORD/);
  });

  it('signs with ETSI.CAdES.detached over the whole file except the signature, and the signature verifies', () => {
    expect(verifyReportSignature(unsigned)).toEqual({ valid: false, problem: 'no signature' });
    const check = verifyReportSignature(signed);
    expect(check).toEqual({ valid: true, subFilter: 'ETSI.CAdES.detached', coversWholeFile: true, signerName: identity.signerName });
    const text = signed.toString('latin1');
    expect(text).toMatch(/\/Type\s*\/Sig/);
    expect(text).toContain('/M (D:20261125120000');
    expect(text.startsWith('%PDF-')).toBe(true);
  });

  it('changing one byte of the document after signing makes verification fail', () => {
    const tampered = Buffer.from(signed);
    const at = signed.indexOf('REQ-2026-000042'); // in the document info, inside the signed range
    expect(at).toBeGreaterThan(0);
    tampered[at + 4] = '9'.charCodeAt(0) === tampered[at + 4] ? '8'.charCodeAt(0) : '9'.charCodeAt(0);
    expect(verifyReportSignature(tampered)).toMatchObject({ valid: false, problem: 'the document was changed after signing (digest differs)' });
  });

  it('changing one byte of the signature value makes verification fail', () => {
    const tampered = Buffer.from(signed);
    const contents = signed.toString('latin1').lastIndexOf('/Contents <');
    // Past the DER header into the CMS body; flip one hex digit.
    const at = contents + '/Contents <'.length + 600;
    tampered[at] = tampered[at] === 0x30 ? 0x31 : 0x30;
    expect(verifyReportSignature(tampered).valid).toBe(false);
  });

  (hasOpenssl ? it : it.skip)('OpenSSL, an independent verifier, accepts the CMS over the ByteRange and rejects it over changed bytes', () => {
    const text = signed.toString('latin1');
    const [a, b, c, d] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text)!.slice(1).map(Number) as [number, number, number, number];
    const content = Buffer.concat([signed.subarray(a, a + b), signed.subarray(c, c + d)]);
    const sigFile = path.join(dir, 'sig.der');
    const contentFile = path.join(dir, 'content.bin');
    fs.writeFileSync(sigFile, Buffer.from(text.slice(b + 1, c - 1), 'hex'));
    fs.writeFileSync(contentFile, content);
    const verify = () => execFileSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', sigFile, '-content', contentFile, '-binary', '-noverify', '-out', '/dev/null'], { stdio: 'pipe' });
    expect(verify).not.toThrow();
    content[100] ^= 1;
    fs.writeFileSync(contentFile, content);
    expect(verify).toThrow();
    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', sigFile]).toString();
    expect(printed).toContain('id-smime-aa-signingCertificateV2');
    expect(printed).not.toContain('signingTime');
  });

  it('start-up prepares the default certificate in the data folder (empty password by default) and refuses a configured file that is missing', () => {
    const dataDir = path.join(dir, 'data');
    const config = { LIAISON_DATA_DIR: dataDir, REPORT_SIGNING_P12_PASSWORD: '', REPORT_SIGNING_P12_PATH: undefined };
    expect(prepareReportSigning(config)).toMatchObject({ file: path.join(dataDir, 'reports', 'signing.p12'), created: true });
    expect(prepareReportSigning(config).created).toBe(false);
    expect(reportSigningIdentity(config).signerName).toBe(identity.signerName);
    expect(() => prepareReportSigning({ ...config, REPORT_SIGNING_P12_PATH: path.join(dir, 'missing.p12') })).toThrow(/REPORT_SIGNING_P12_PATH points to .*missing\.p12, which does not exist/);
    // An operator's own file is used as it is.
    const own = { ...config, REPORT_SIGNING_P12_PATH: path.join(dir, 'reports', 'signing.p12'), REPORT_SIGNING_P12_PASSWORD: 'secret-pass' };
    expect(prepareReportSigning(own)).toMatchObject({ created: false, signerName: identity.signerName });
  });
});
