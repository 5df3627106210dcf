import ExcelJS from 'exceljs';
import { z } from 'zod';
import { ApiError } from '../errors';

/**
 * The bulk import of invitation drafts (IMI manual 9.1.3.1): the standard spreadsheet with the
 * columns `name` and `email`, as xlsx or CSV. Reading never throws for bad rows: each becomes a
 * row-level error; an unreadable file is one 400.
 */
export const importColumns = ['name', 'email'] as const;
export const maxImportRows = 1000;

export async function invitationTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Liaison';
  const sheet = workbook.addWorksheet('Invitations');
  sheet.columns = [
    { header: 'name', key: 'name', width: 40 },
    { header: 'email', key: 'email', width: 40 },
  ];
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ImportRow {
  row: number;
  name: string;
  email: string;
}

/** Splits one CSV line (`,` or `;`, double quotes with "" escapes). */
function csvCells(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) cells.push(cell), (cell = '');
    else cell += ch;
  }
  cells.push(cell);
  return cells;
}

function readCsv(content: Buffer): string[][] {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new ApiError(400, 'unreadable_file', 'The file is not a CSV text file nor an xlsx workbook.');
  const lines = text.split(/\r?\n/);
  const separator = (lines[0] ?? '').includes(';') && !(lines[0] ?? '').includes(',') ? ';' : ',';
  return lines.map((l) => csvCells(l, separator));
}

async function readXlsx(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw new ApiError(400, 'unreadable_file', 'The file could not be read as an xlsx workbook. Use the template from /api/invitations/import-template, or a CSV file.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ApiError(400, 'unreadable_file', 'The workbook has no sheet.');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values: string[] = [];
    for (let col = 1; col <= Math.max(row.cellCount, 2); col++) {
      const cell = row.getCell(col);
      const value = cell.value as unknown;
      values.push(
        value === null || value === undefined
          ? ''
          : typeof value === 'object' && value !== null && 'text' in value
            ? String((value as { text: unknown }).text)
            : typeof value === 'object' && value !== null && 'hyperlink' in value
              ? String((value as { hyperlink: string }).hyperlink).replace(/^mailto:/, '')
              : String(value),
      );
    }
    rows[n - 1] = values;
  });
  return Array.from(rows, (r) => r ?? []);
}

/** Rows with a name and a valid, not repeated email; every other row as `{ row, message }` (row numbers as the spreadsheet shows them). */
export async function importInvitationRows(fileName: string, content: Buffer): Promise<{ rows: ImportRow[]; errors: { row: number; message: string }[] }> {
  if (content.length === 0) throw new ApiError(400, 'unreadable_file', 'The file is empty.');
  const isZip = content.subarray(0, 2).toString('latin1') === 'PK';
  const table = isZip || /\.xlsx$/i.test(fileName) ? await readXlsx(content) : readCsv(content);
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const nameAt = header.indexOf('name');
  const emailAt = header.indexOf('email');
  if (nameAt < 0 || emailAt < 0) throw new ApiError(400, 'unreadable_file', 'The first row must name the columns "name" and "email" (see the template).');
  const rows: ImportRow[] = [];
  const errors: { row: number; message: string }[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < table.length; i++) {
    const cells = table[i]!;
    const name = (cells[nameAt] ?? '').trim();
    const email = (cells[emailAt] ?? '').trim().toLowerCase();
    const row = i + 1;
    if (!name && !email) continue; // blank lines
    if (rows.length + errors.length >= maxImportRows) {
      errors.push({ row, message: `At most ${maxImportRows} rows are imported at a time.` });
      break;
    }
    if (!name) errors.push({ row, message: 'The name is missing.' });
    else if (!z.string().email().safeParse(email).success) errors.push({ row, message: `"${email}" is not a valid email address.` });
    else if (seen.has(email)) errors.push({ row, message: `${email} is already in row ${seen.get(email)} of the file.` });
    else {
      seen.set(email, row);
      rows.push({ row, name: name.slice(0, 200), email });
    }
  }
  return { rows, errors };
}
