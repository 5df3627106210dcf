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

/**
 * Liaison's one email layout, in mjml so it renders in every mail client. Content is passed as
 * plain text and escaped here. Automatic emails never carry case content, only a link.
 */
export async function renderEmail(content: EmailContent): Promise<{ subject: string; html: string; text: string }> {
  const body = content.paragraphs.map((p) => `<mj-text font-size="15px" line-height="22px">${escape(p)}</mj-text>`).join('\n');
  const button = content.action
    ? `<mj-button background-color="#1f4e8c" href="${escape(content.action.url)}">${escape(content.action.label)}</mj-button>`
    : '';
  const source = `<mjml lang="${escape(content.language)}">
  <mj-head><mj-title>${escape(content.subject)}</mj-title><mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif" /></mj-attributes></mj-head>
  <mj-body background-color="#f4f6f8">
    <mj-section background-color="#1f4e8c"><mj-column><mj-text color="#ffffff" font-size="20px" font-weight="bold">Liaison</mj-text></mj-column></mj-section>
    <mj-section background-color="#ffffff"><mj-column>
      <mj-text font-size="18px" font-weight="bold">${escape(content.heading)}</mj-text>
      ${body}
      ${button}
    </mj-column></mj-section>
    <mj-section><mj-column><mj-text font-size="12px" color="#667085">${escape(content.footer)}</mj-text></mj-column></mj-section>
  </mj-body>
</mjml>`;
  const result = await mjml2html(source, { validationLevel: 'strict', beautify: false });
  if (result.errors.length > 0) {
    throw new Error(`Email layout is invalid: ${result.errors.map((e) => e.formattedMessage).join('; ')}`);
  }
  const text = [content.heading, '', ...content.paragraphs, ...(content.action ? ['', `${content.action.label}: ${content.action.url}`] : []), '', content.footer].join('\n');
  return { subject: content.subject, html: result.html, text };
}
