import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  verify(): Promise<void>;
  close(): void;
}

/** Sends mail over SMTP (the embedded catcher by default, any server via SMTP_URL), over a small pool of connections. */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
    secure: url.protocol === 'smtps:',
    ignoreTLS: url.protocol === 'smtp:' && ['127.0.0.1', 'localhost'].includes(url.hostname),
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    // Reuse SMTP connections: a new connection per email (TCP, greeting, EHLO, QUIT) cost more CPU
    // than the email itself when one step notifies several people.
    pool: true,
    maxConnections: 4,
    maxMessages: 500,
  });
  return {
    async send(email) {
      await transport.sendMail({ from, ...email });
    },
    async verify() {
      await transport.verify();
    },
    close() {
      transport.close();
    },
  };
}
