// Prints the text of the PDF read from stdin, extracted by pdf.js (through pdf-parse). Run as a
// child process: pdf.js loads its worker by dynamic import, which jest's module system refuses.
import { PDFParse } from 'pdf-parse';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
try {
  process.stdout.write((await parser.getText()).text);
} finally {
  await parser.destroy();
}
