// The Teams app package is a plain ZIP archive; fflate reads and writes it.
import { unzipSync, zipSync } from 'fflate';

// A fixed timestamp keeps the archive byte-for-byte reproducible.
const FIXED_TIME = new Date('2025-01-01T00:00:00Z');

/**
 * Builds a ZIP archive, deflated, entries in the given order.
 * @param {{name: string, data: Buffer | Uint8Array | string}[]} files
 * @returns {Buffer}
 */
export function writeZip(files) {
  const entries = {};
  for (const file of files) {
    if (file.name in entries) throw new Error(`${file.name} is given twice`);
    entries[file.name] = [typeof file.data === 'string' ? Buffer.from(file.data) : file.data, { level: 9, mtime: FIXED_TIME }];
  }
  return Buffer.from(zipSync(entries));
}

/**
 * Reads every entry of a ZIP archive in archive order, duplicates included (a duplicate name
 * carries the data of its last entry).
 * @param {Buffer | Uint8Array} zip
 * @returns {{name: string, data: Buffer}[]}
 */
export function readZip(zip) {
  const names = [];
  let files;
  try {
    files = unzipSync(zip, { filter: (entry) => names.push(entry.name) > 0 });
  } catch (e) {
    throw new Error(`not a ZIP archive (${e.message})`);
  }
  return names.map((name) => ({ name, data: Buffer.from(files[name]) }));
}
