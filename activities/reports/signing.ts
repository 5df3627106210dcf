import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import signpdf from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import forge from 'node-forge';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../schema/config';

/**
 * PAdES signatures on reports (5.3.10: "Signed reports carry a PAdES electronic signature").
 * The signature dictionary says ETSI.CAdES.detached; the CMS is a CAdES-BES / PAdES baseline B-B
 * signature: signed attributes content-type, message-digest and ESS signing-certificate-v2, no
 * signing-time attribute (PAdES puts the time in the dictionary's /M instead).
 */

const oid = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

/** The key and certificate reports are signed with, from a PKCS#12 file. */
export interface ReportSigningIdentity {
  privateKey: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  /** Further certificates of the chain found in the file (may be empty). */
  chain: forge.pki.Certificate[];
  /** The certificate's subject common name, shown as the signer. */
  signerName: string;
}

/** Reads a PKCS#12 (.p12/.pfx) with an RSA key; a wrong password or a file without a key is refused with one sentence. */
export function loadSigningIdentity(p12: Buffer, password: string): ReportSigningIdentity {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, password);
  } catch (error) {
    throw new Error(`The report signing certificate could not be read (wrong REPORT_SIGNING_P12_PASSWORD, or not a PKCS#12 file): ${(error as Error).message}`);
  }
  const keyBags = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const privateKey = keyBags.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!privateKey || !('n' in privateKey)) throw new Error('The report signing PKCS#12 file holds no RSA private key.');
  const certificates = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((b) => (b.cert ? [b.cert] : []));
  // The signing certificate is the one whose public key matches the private key.
  const certificate = certificates.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n.equals(privateKey.n));
  if (!certificate) throw new Error('The report signing PKCS#12 file holds no certificate for its private key.');
  const signerName = String(certificate.subject.getField('CN')?.value ?? 'Liaison');
  return { privateKey, certificate, chain: certificates.filter((c) => c !== certificate), signerName };
}

/**
 * A self-signed signing certificate for the embedded default, written once as a PKCS#12 file
 * (0600) and kept between runs. Written to a temporary name and renamed, so two processes
 * starting together end with one whole file. Returns whether it was created now.
 */
export function ensureDefaultSigningCertificate(file: string, password: string, now = new Date()): { created: boolean } {
  if (fs.existsSync(file)) return { created: false };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // node:crypto generates the key natively (forge's pure-JS keygen takes seconds).
  const { privateKey: keyPem } = crypto.generateKeyPairSync('rsa', { modulusLength: 3072, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const privateKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  certificate.serialNumber = '01' + crypto.randomBytes(15).toString('hex');
  certificate.validity.notBefore = new Date(now.getTime() - 60_000);
  certificate.validity.notAfter = new Date(now);
  certificate.validity.notAfter.setUTCFullYear(now.getUTCFullYear() + 10);
  const name = [
    { name: 'commonName', value: 'Liaison report signing (self-signed, embedded default)' },
    { name: 'organizationName', value: 'Liaison' },
  ];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(privateKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(privateKey, [certificate], password, { algorithm: 'aes256', friendlyName: 'liaison-report-signing' });
  const bytes = Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, bytes, { mode: 0o600 });
  if (fs.existsSync(file)) {
    fs.rmSync(temporary); // another process was quicker; keep its certificate
    return { created: false };
  }
  fs.renameSync(temporary, file);
  return { created: true };
}

const der = (node: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
const { Class, Type } = forge.asn1;
const seq = (value: forge.asn1.Asn1[]) => forge.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, value);
const set = (value: forge.asn1.Asn1[]) => forge.asn1.create(Class.UNIVERSAL, Type.SET, true, value);
const objectId = (id: string) => forge.asn1.create(Class.UNIVERSAL, Type.OID, false, forge.asn1.oidToDer(id).getBytes());
const octets = (bytes: Buffer) => forge.asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, bytes.toString('binary'));
const integer = (bytes: string) => forge.asn1.create(Class.UNIVERSAL, Type.INTEGER, false, bytes);
const algorithm = (id: string) => seq([objectId(id), forge.asn1.create(Class.UNIVERSAL, Type.NULL, false, '')]);
const attribute = (type: string, value: forge.asn1.Asn1) => seq([objectId(type), set([value])]);

/** Builds the detached CAdES signature (CMS SignedData) over the bytes the ByteRange covers. */
export class PadesSigner extends Signer {
  constructor(private readonly identity: ReportSigningIdentity) {
    super();
  }

  override async sign(content: Buffer): Promise<Buffer> {
    const { certificate, privateKey, chain } = this.identity;
    const certificateDer = der(forge.pki.certificateToAsn1(certificate));
    const signedAttributes = [
      attribute(oid.contentType, objectId(oid.data)),
      attribute(oid.messageDigest, octets(crypto.createHash('sha256').update(content).digest())),
      // ESS signing-certificate-v2 (RFC 5035): binds the signature to this certificate; SHA-256 is the default hash, so it is omitted.
      attribute(oid.signingCertificateV2, seq([seq([seq([octets(crypto.createHash('sha256').update(certificateDer).digest())])])])),
    ];
    // DER orders a SET OF by the encodings of its members.
    signedAttributes.sort((a, b) => Buffer.compare(der(a), der(b)));
    const signedAttributesDer = der(set(signedAttributes));
    const md = forge.md.sha256.create();
    md.update(signedAttributesDer.toString('binary'));
    const signature = Buffer.from(privateKey.sign(md), 'binary');

    const issuerAndSerial = seq([forge.pki.distinguishedNameToAsn1(certificate.issuer), integer(forge.util.hexToBytes(certificate.serialNumber))]);
    const signerInfo = seq([
      integer(String.fromCharCode(1)),
      issuerAndSerial,
      algorithm(oid.sha256),
      forge.asn1.create(Class.CONTEXT_SPECIFIC, 0, true, signedAttributes),
      algorithm(oid.rsaEncryption),
      octets(signature),
    ]);
    const signedData = seq([
      integer(String.fromCharCode(1)),
      set([algorithm(oid.sha256)]),
      seq([objectId(oid.data)]), // detached: no content
      forge.asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [certificate, ...chain].map((c) => forge.pki.certificateToAsn1(c))),
      set([signerInfo]),
    ]);
    return der(seq([objectId(oid.signedData), forge.asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
  }
}

/** Adds a signature field and signs the PDF with PAdES (ETSI.CAdES.detached). */
export async function signReportPdf(pdf: Buffer, identity: ReportSigningIdentity, details: { reason: string; location?: string; signingTime: Date }): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: details.reason,
    contactInfo: '',
    name: identity.signerName,
    location: details.location ?? '',
    signingTime: details.signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Liaison',
  });
  return signpdf.sign(withPlaceholder, new PadesSigner(identity), details.signingTime);
}

export interface SignatureCheck {
  valid: boolean;
  /** Why it is not valid; absent when valid. */
  problem?: string;
  subFilter?: string;
  signerName?: string;
  /** The ByteRange covers the whole file except the signature value. */
  coversWholeFile?: boolean;
}

/**
 * Checks the (last) signature of a PDF: the ByteRange digest against the signed message-digest,
 * the RSA signature over the signed attributes with the embedded certificate (node:crypto), and
 * the ESS certificate hash. It does not judge trust in the certificate (self-signed by default).
 */
export function verifyReportSignature(pdf: Buffer): SignatureCheck {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  if (ranges.length === 0) return { valid: false, problem: 'no signature' };
  const [a, b, c, d] = ranges[ranges.length - 1]!.slice(1).map(Number) as [number, number, number, number];
  if (a !== 0 || b > c || c + d > pdf.length || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) return { valid: false, problem: 'malformed ByteRange' };
  const subFilter = /\/SubFilter\s*\/([A-Za-z0-9.]+)/.exec(text.slice(Math.max(0, b - 4000), b))?.[1];
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const contents = derPrefix(Buffer.from(text.slice(b + 1, c - 1), 'hex'));
  const base = { subFilter, coversWholeFile: c + d === pdf.length };
  try {
    const contentInfo = forge.asn1.fromDer(forge.util.createBuffer(contents.toString('binary')));
    const signedData = (contentInfo.value as forge.asn1.Asn1[])[1]!.value[0] as forge.asn1.Asn1;
    const parts = signedData.value as forge.asn1.Asn1[];
    const certificates = parts.find((p) => p.tagClass === Class.CONTEXT_SPECIFIC && p.type === 0)?.value as forge.asn1.Asn1[] | undefined;
    const signerInfo = (parts[parts.length - 1]!.value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[];
    const attributesNode = signerInfo.find((p) => p.tagClass === Class.CONTEXT_SPECIFIC && p.type === 0);
    if (!certificates?.length || !attributesNode) return { ...base, valid: false, problem: 'no certificate or signed attributes' };
    const certificateDer = der(certificates[0]!);
    const x509 = new crypto.X509Certificate(certificateDer);
    const attributes = new Map((attributesNode.value as forge.asn1.Asn1[]).map((attr) => {
      const [type, values] = attr.value as forge.asn1.Asn1[];
      return [forge.asn1.derToOid(type!.value as string), (values!.value as forge.asn1.Asn1[])[0]!];
    }));
    const digest = Buffer.from((attributes.get(oid.messageDigest)?.value as string | undefined) ?? '', 'binary');
    const signerName = String(forge.pki.certificateFromAsn1(certificates[0]!).subject.getField('CN')?.value ?? '');
    if (!digest.equals(crypto.createHash('sha256').update(signed).digest())) return { ...base, signerName, valid: false, problem: 'the document was changed after signing (digest differs)' };
    const essCertHash = attributes.get(oid.signingCertificateV2);
    const essHash = essCertHash ? Buffer.from(((((essCertHash.value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[]).find((n) => n.type === Type.OCTETSTRING)?.value as string) ?? '', 'binary') : null;
    if (!essHash?.equals(crypto.createHash('sha256').update(certificateDer).digest())) return { ...base, signerName, valid: false, problem: 'no or wrong signing-certificate-v2 attribute' };
    // The signature covers the signed attributes encoded as a SET (their [0] tag replaced).
    const attributesDer = der(forge.asn1.create(Class.UNIVERSAL, Type.SET, true, attributesNode.value as forge.asn1.Asn1[]));
    const signature = Buffer.from(signerInfo[signerInfo.length - 1]!.value as string, 'binary');
    if (!crypto.verify('sha256', attributesDer, x509.publicKey, signature)) return { ...base, signerName, valid: false, problem: 'the signature does not match the certificate' };
    return { ...base, signerName, valid: true };
  } catch (error) {
    return { ...base, valid: false, problem: `unreadable signature: ${(error as Error).message}` };
  }
}

/** The DER value at the start of a zero-padded /Contents (its own length header says where it ends). */
function derPrefix(padded: Buffer): Buffer {
  if (padded.length < 2) return padded;
  const first = padded[1]!;
  if (first < 0x80) return padded.subarray(0, 2 + first);
  const count = first & 0x7f;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + padded[2 + i]!;
  return padded.subarray(0, 2 + count + length);
}

/** Where the signing certificate is: the operator's file, or the generated default in the data folder. */
export function reportSigningFile(config: Pick<Config, 'REPORT_SIGNING_P12_PATH' | 'LIAISON_DATA_DIR'>): { file: string; configured: boolean } {
  return config.REPORT_SIGNING_P12_PATH
    ? { file: config.REPORT_SIGNING_P12_PATH, configured: true }
    : { file: path.join(config.LIAISON_DATA_DIR, 'reports', 'signing.p12'), configured: false };
}

/**
 * Makes sure reports can be signed: generates the default certificate when none is configured,
 * and reads the configured one so a bad file or password stops start-up rather than the first
 * report. Called at start; `reportSigningIdentity` is lazy for API-only processes.
 */
export function prepareReportSigning(config: Pick<Config, 'REPORT_SIGNING_P12_PATH' | 'REPORT_SIGNING_P12_PASSWORD' | 'LIAISON_DATA_DIR'>): { file: string; created: boolean; signerName: string } {
  const { file, configured } = reportSigningFile(config);
  if (configured && !fs.existsSync(file)) throw new Error(`REPORT_SIGNING_P12_PATH points to ${file}, which does not exist.`);
  const { created } = configured ? { created: false } : ensureDefaultSigningCertificate(file, config.REPORT_SIGNING_P12_PASSWORD);
  const identity = loadSigningIdentity(fs.readFileSync(file), config.REPORT_SIGNING_P12_PASSWORD);
  identities.set(identityKey(config), identity);
  return { file, created, signerName: identity.signerName };
}

const identities = new Map<string, ReportSigningIdentity>();
const identityKey = (config: Pick<Config, 'REPORT_SIGNING_P12_PATH' | 'LIAISON_DATA_DIR'>) => reportSigningFile(config).file;

/** The signing identity for this configuration, read (and, for the default, generated) once per process. */
export function reportSigningIdentity(config: Pick<Config, 'REPORT_SIGNING_P12_PATH' | 'REPORT_SIGNING_P12_PASSWORD' | 'LIAISON_DATA_DIR'>): ReportSigningIdentity {
  const known = identities.get(identityKey(config));
  if (known) return known;
  prepareReportSigning(config);
  return identities.get(identityKey(config))!;
}
