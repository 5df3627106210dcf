import { execFile } from 'node:child_process';
import path from 'node:path';

/** The text a PDF reader would extract, by pdf.js in a child process (see pdfText.mjs). */
export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [path.join(__dirname, 'pdfText.mjs')], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pdf text extraction failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
    child.stdin!.end(pdf);
  });
}
