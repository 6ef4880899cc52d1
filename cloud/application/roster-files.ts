/**
 * Roster files as offices save them: CSV (UTF-8, with or without a BOM, or GB18030 as Excel writes it on a Chinese
 * Windows) or XLSX (the first sheet). Row 1 is the header; each record keeps its line, for the validation report.
 * For the admin command only: csv-parse and exceljs never reach a cloud function or the mini-program.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import type { RosterRecord } from '../domain/rosters/rows'

/** UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK). */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

export function readCsv(text: string): RosterRecord[] {
  const rows = parse(text.replace(/^\uFEFF/, ''), { columns: (header: string[]) => header.map((h) => h.trim()), info: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as { record: Record<string, string>; info: { lines: number } }[]
  return rows.map(({ record, info }) => ({ line: info.lines, cells: record }))
}

export async function readXlsx(file: string): Promise<RosterRecord[]> {
  // Loaded here, not at the top: the import is the only command that needs it.
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(file)
  const sheet = book.worksheets[0]
  if (!sheet) return []
  const headers: string[] = []
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headers[col] = cell.text.trim()))
  const records: RosterRecord[] = []
  sheet.eachRow((row, line) => {
    if (line === 1) return
    const cells: Record<string, string> = {}
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (headers[col]) cells[headers[col]] = cell.text.trim()
    })
    if (Object.values(cells).some(Boolean)) records.push({ line, cells })
  })
  return records
}

export async function readRosterFile(file: string): Promise<RosterRecord[]> {
  const ext = path.extname(file).toLowerCase()
  if (ext === '.xlsx') return readXlsx(file)
  if (ext === '.csv' || ext === '.txt') return readCsv(decode(fs.readFileSync(file)))
  throw new Error(`${file}: a roster is a .csv or .xlsx file (an old .xls: save it as .xlsx first)`)
}
