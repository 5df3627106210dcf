import mjml2html from 'mjml';

export interface EmailContent {
  language: string;
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The texts of one email as they go into the mjml source: already escaped, or placeholders. */
interface LayoutTexts {
  language: string;
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
}

/** Liaison's one email layout, in mjml so it renders in every mail client. */
export function layoutSource(t: LayoutTexts): string {
  const body = t.paragraphs.map((p) => `<mj-text font-size="15px" line-height="22px">${p}</mj-text>`).join('\n');
  const button = t.action ? `<mj-button background-color="#1f4e8c" href="${t.action.url}">${t.action.label}</mj-button>` : '';
  return `<mjml lang="${t.language}">
  <mj-head><mj-title>${t.subject}</mj-title><mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif" /></mj-attributes></mj-head>
  <mj-body background-color="#f4f6f8">
    <mj-section background-color="#1f4e8c"><mj-column><mj-text color="#ffffff" font-size="20px" font-weight="bold">Liaison</mj-text></mj-column></mj-section>
    <mj-section background-color="#ffffff"><mj-column>
      <mj-text font-size="18px" font-weight="bold">${t.heading}</mj-text>
      ${body}
      ${button}
    </mj-column></mj-section>
    <mj-section><mj-column><mj-text font-size="12px" color="#667085">${t.footer}</mj-text></mj-column></mj-section>
  </mj-body>
</mjml>`;
}

export async function compileMjml(source: string): Promise<string> {
  const result = await mjml2html(source, { validationLevel: 'strict', beautify: false });
  if (result.errors.length > 0) throw new Error(`Email layout is invalid: ${result.errors.map((e) => e.formattedMessage).join('; ')}`);
  return result.html;
}

/** A placeholder mjml passes through untouched (letters and digits only), replaced after compiling. */
const slot = (name: string) => `LIAISONSLOT${name}X`;

/**
 * Compiled layouts by shape (so many paragraphs, with or without a button), their texts as slots.
 * Compiling mjml took ~5 ms an email — most of an email's CPU when a step notifies many people —
 * while only the texts differ between emails of one shape.
 */
const compiled = new Map<string, Promise<string>>();

function compiledLayout(paragraphs: number, withAction: boolean): Promise<string> {
  const key = `${paragraphs}:${withAction}`;
  let html = compiled.get(key);
  if (!html) {
    html = compileMjml(
      layoutSource({
        language: slot('LANG'),
        subject: slot('SUBJECT'),
        heading: slot('HEADING'),
        paragraphs: Array.from({ length: paragraphs }, (_, i) => slot(`P${i}`)),
        ...(withAction && { action: { label: slot('LABEL'), url: slot('URL') } }),
        footer: slot('FOOTER'),
      }),
    );
    compiled.set(key, html);
    html.catch(() => compiled.delete(key));
  }
  return html;
}

/**
 * An email in Liaison's layout. Content is passed as plain text and escaped here. Automatic emails
 * never carry case content, only a link.
 */
export async function renderEmail(content: EmailContent): Promise<{ subject: string; html: string; text: string }> {
  const values: Record<string, string> = {
    LANG: content.language,
    SUBJECT: content.subject,
    HEADING: content.heading,
    FOOTER: content.footer,
    ...(content.action && { URL: content.action.url, LABEL: content.action.label }),
    ...Object.fromEntries(content.paragraphs.map((p, i) => [`P${i}`, p])),
  };
  const layout = await compiledLayout(content.paragraphs.length, !!content.action);
  const html = layout.replace(/LIAISONSLOT([A-Z0-9]+)X/g, (whole, name: string) => (name in values ? escape(values[name]!) : whole));
  const text = [content.heading, '', ...content.paragraphs, ...(content.action ? ['', `${content.action.label}: ${content.action.url}`] : []), '', content.footer].join('\n');
  return { subject: content.subject, html, text };
}
