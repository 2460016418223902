#!/usr/bin/env node
// Validates a built Teams app package offline.
//
//   node manifest/validate.mjs [package.zip] [--commands <file | ->]
//
// Checks: the zip holds exactly manifest.json and the two icons at its root; the manifest passes
// the Teams JSON schema bundled in @microsoft/app-manifest (every error is listed); a few rules
// the schema does not express; icon sizes; the outline icon is white on transparent; and, with
// --commands, that every command in commandLists is one the bot understands (the file lists the
// bot's command names one per line; "-" reads them from standard input).
// Exit code 0 when the package is valid, 1 when it has problems, 2 on a usage error.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { readZip } from './lib/archive.mjs';
import { ICON_SIZES } from './lib/icons.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
export const DEFAULT_PACKAGE = join(HERE, 'build', 'TeamsLearningBot.zip');

const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?json-schemas\/teams\/v(\d+\.\d+)\/MicrosoftTeams\.schema\.json$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
const COLOR_TYPES = { 0: 'greyscale', 2: 'RGB', 3: 'palette', 4: 'greyscale+alpha', 6: 'RGBA' };
const WHITE_ENOUGH = 230; // lowest R, G or B allowed in a visible outline pixel (anti-aliased edges)

/**
 * Validates a package zip.
 * @param {string | Buffer} zip path or bytes
 * @param {{knownCommands?: string[]}} [options]
 * @returns {Promise<{problems: string[], notes: string[], manifest?: object}>}
 */
export async function validatePackage(zip, { knownCommands } = {}) {
  const problems = [];
  const notes = [];
  let entries;
  try {
    entries = readZip(typeof zip === 'string' ? readFileSync(zip) : zip);
  } catch (e) {
    return { problems: [`package: ${e.message}`], notes };
  }
  const byName = new Map(entries.map((e) => [e.name, e.data]));

  let manifest;
  const manifestBytes = byName.get('manifest.json');
  if (!manifestBytes) {
    problems.push('package: manifest.json is not at the root of the zip');
  } else {
    try {
      manifest = JSON.parse(manifestBytes.toString('utf8').replace(/^\uFEFF/, ''));
    } catch (e) {
      problems.push(`manifest.json: not valid JSON: ${e.message}`);
    }
  }

  const iconNames = {
    color: typeof manifest?.icons?.color === 'string' ? manifest.icons.color : 'color.png',
    outline: typeof manifest?.icons?.outline === 'string' ? manifest.icons.outline : 'outline.png',
  };
  problems.push(...checkEntries(entries.map((e) => e.name), ['manifest.json', iconNames.color, iconNames.outline]));

  if (manifest) {
    problems.push(...(await checkSchema(manifest)));
    problems.push(...checkRules(manifest));
    if (knownCommands) {
      problems.push(...checkCommands(manifest, knownCommands));
    } else {
      notes.push('command titles not checked against the bot (no --commands list given)');
    }
  }

  for (const kind of ['color', 'outline']) {
    const bytes = byName.get(iconNames[kind]);
    if (bytes) problems.push(...checkIcon(kind, iconNames[kind], bytes));
  }
  return { problems, notes, manifest };
}

/** The zip must hold exactly the expected files, at its root, once each. */
export function checkEntries(names, expected) {
  const problems = [];
  const seen = new Set();
  for (const name of names) {
    if (seen.has(name)) problems.push(`package: ${name} appears more than once`);
    seen.add(name);
    if (!expected.includes(name)) {
      problems.push(name.includes('/') || name.includes('\\')
        ? `package: ${name} is in a folder; the zip must hold manifest.json and the icons at its root only`
        : `package: unexpected file ${name}; the zip must hold only ${expected.join(', ')}`);
    }
  }
  for (const name of new Set(expected)) {
    if (name !== 'manifest.json' && !seen.has(name)) problems.push(`package: icon ${name} named in the manifest is not at the root of the zip`);
  }
  return problems;
}

/** Validates against the Teams schema bundled in @microsoft/app-manifest, never over the network. */
export async function checkSchema(manifest) {
  const url = manifest.$schema;
  const match = typeof url === 'string' ? SCHEMA_URL.exec(url) : null;
  if (!match) {
    return [`$schema: must be https://developer.microsoft.com/json-schemas/teams/v1.NN/MicrosoftTeams.schema.json (got ${JSON.stringify(url)})`];
  }
  const version = match[1];
  const packageDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const schemaFile = join(packageDir, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
  if (!existsSync(schemaFile)) {
    return [`$schema: version ${version} is not bundled with @microsoft/app-manifest, so it cannot be validated offline`];
  }
  const problems = [];
  if (manifest.manifestVersion !== version) {
    problems.push(`manifestVersion: is ${JSON.stringify(manifest.manifestVersion)} but $schema is v${version}`);
  }
  const { AppManifestUtils } = require('@microsoft/app-manifest');
  const errors = await AppManifestUtils.validateAgainstSchema(manifest);
  for (const error of errors) {
    const text = error.trim();
    problems.push(`schema: ${text.startsWith('/') ? text : `(root) ${text}`}`);
  }
  return problems;
}

/** Rules the schema leaves out. */
export function checkRules(manifest) {
  const problems = [];
  if (typeof manifest.version === 'string' && !SEMVER.test(manifest.version)) {
    problems.push(`version: ${JSON.stringify(manifest.version)} is not a semantic version (e.g. 1.2.0)`);
  }
  for (const domain of Array.isArray(manifest.validDomains) ? manifest.validDomains : []) {
    if (typeof domain === 'string' && (/^[a-z]+:\/\//i.test(domain) || domain.includes('/'))) {
      problems.push(`validDomains: ${JSON.stringify(domain)} must be a host name without scheme or path`);
    }
  }
  for (const [b, bot] of (Array.isArray(manifest.bots) ? manifest.bots : []).entries()) {
    const botScopes = Array.isArray(bot?.scopes) ? bot.scopes : [];
    const listed = new Map();
    for (const [l, list] of (Array.isArray(bot?.commandLists) ? bot.commandLists : []).entries()) {
      const where = `/bots/${b}/commandLists/${l}`;
      for (const scope of Array.isArray(list?.scopes) ? list.scopes : []) {
        if (!botScopes.includes(scope)) problems.push(`${where}/scopes: ${scope} is not one of the bot's scopes (${botScopes.join(', ')})`);
        if (listed.has(scope)) problems.push(`${where}/scopes: ${scope} already has a command list (${listed.get(scope)}); Teams shows only one`);
        else listed.set(scope, where);
      }
      const titles = new Set();
      for (const command of Array.isArray(list?.commands) ? list.commands : []) {
        const title = normalizeCommand(command?.title);
        if (title && titles.has(title)) problems.push(`${where}/commands: "${command.title}" is listed twice`);
        titles.add(title);
      }
    }
  }
  return problems;
}

/** Command names compare without regard to case or repeated spaces, as the bot reads them. */
export const normalizeCommand = (name) => (typeof name === 'string' ? name.trim().replace(/\s+/g, ' ').toLowerCase() : '');

/** Reads a command table: one name per line; blank lines and lines starting with # are ignored. */
export function parseCommandTable(text) {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
}

/**
 * Every command title in every commandList must be a command the bot understands.
 * @param {object} manifest
 * @param {string[]} knownCommands the bot's command names
 */
export function checkCommands(manifest, knownCommands) {
  const known = new Set(knownCommands.map(normalizeCommand).filter(Boolean));
  if (known.size === 0) return ['commands: the bot\'s command table is empty'];
  const problems = [];
  for (const [b, bot] of (Array.isArray(manifest.bots) ? manifest.bots : []).entries()) {
    for (const [l, list] of (Array.isArray(bot?.commandLists) ? bot.commandLists : []).entries()) {
      for (const [c, command] of (Array.isArray(list?.commands) ? list.commands : []).entries()) {
        if (!known.has(normalizeCommand(command?.title))) {
          const scopes = Array.isArray(list?.scopes) ? list.scopes.join(', ') : '?';
          problems.push(`/bots/${b}/commandLists/${l}/commands/${c}: "${command?.title}" (${scopes}) is not a command the bot understands`);
        }
      }
    }
  }
  return problems;
}

/** Size, format and, for the outline icon, white-on-transparent. */
export function checkIcon(kind, name, bytes) {
  const size = ICON_SIZES[kind];
  const label = `icons.${kind} (${name})`;
  let image;
  try {
    image = PNG.sync.read(bytes);
  } catch (e) {
    return [`${label}: not a readable PNG (${e.message})`];
  }
  const problems = [];
  if (image.width !== size || image.height !== size) {
    problems.push(`${label}: is ${image.width}x${image.height}, must be ${size}x${size}`);
  }
  if (kind === 'outline' && (image.colorType !== 6 || image.depth !== 8)) {
    problems.push(`${label}: must be an 8-bit RGBA PNG (is ${image.depth}-bit ${COLOR_TYPES[image.colorType] ?? `colour type ${image.colorType}`})`);
    return problems;
  }
  const { data: rgba, width } = image; // pngjs decodes every colour type to 8-bit RGBA
  const pixels = rgba.length / 4;
  if (kind === 'outline') {
    let transparent = 0;
    const offenders = [];
    let notWhite = 0;
    for (let p = 0; p < pixels; p++) {
      const [r, g, b, a] = rgba.subarray(p * 4, p * 4 + 4);
      if (a === 0) transparent++;
      else if (Math.min(r, g, b) < WHITE_ENOUGH) {
        notWhite++;
        if (offenders.length < 3) offenders.push(`(${p % width},${Math.floor(p / width)}) rgba(${r},${g},${b},${a})`);
      }
    }
    if (notWhite) problems.push(`${label}: ${notWhite} visible pixel(s) are not white, e.g. ${offenders.join(', ')}; the outline icon must be white on transparent`);
    if (transparent === 0) problems.push(`${label}: has no transparent pixel; the background must be fully transparent`);
    if (transparent === pixels) problems.push(`${label}: is fully transparent`);
  } else {
    const first = rgba.readUInt32BE(0);
    let uniform = true;
    for (let p = 1; p < pixels && uniform; p++) uniform = rgba.readUInt32BE(p * 4) === first;
    if (uniform) problems.push(`${label}: is a single flat colour; it must show the app's symbol`);
  }
  return problems;
}

function parseArgs(argv) {
  const options = { packagePath: undefined, commands: undefined, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--commands' || arg.startsWith('--commands=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value) throw new Error('--commands needs a file (or - for standard input)');
      options.commands = value;
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else if (options.packagePath) throw new Error(`only one package can be validated (got ${options.packagePath} and ${arg})`);
    else options.packagePath = arg;
  }
  return options;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`manifest validate: ${e.message}`);
    return 2;
  }
  if (options.help) {
    console.log('usage: node manifest/validate.mjs [package.zip] [--commands <file | ->]');
    return 0;
  }
  const packagePath = resolve(options.packagePath ?? DEFAULT_PACKAGE);
  if (!existsSync(packagePath)) {
    console.error(`manifest validate: ${packagePath} not found (run npm run manifest:build first)`);
    return 2;
  }
  let knownCommands;
  if (options.commands) {
    try {
      knownCommands = parseCommandTable(readFileSync(options.commands === '-' ? 0 : options.commands, 'utf8'));
    } catch (e) {
      console.error(`manifest validate: cannot read the command table: ${e.message}`);
      return 2;
    }
  }
  const { problems, notes } = await validatePackage(packagePath, { knownCommands });
  for (const note of notes) console.log(`note: ${note}`);
  if (problems.length) {
    for (const problem of problems) console.error(`error: ${problem}`);
    console.error(`${packagePath}: ${problems.length} problem(s)`);
    return 1;
  }
  console.log(`${packagePath}: valid`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
