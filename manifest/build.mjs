#!/usr/bin/env node
// Builds the Teams app package: fills manifest.template.json and zips it with the two icons,
// rendered from their SVG sources.
//
//   node manifest/build.mjs [--bot-id <guid>] [--bot-domain <host>] [--app-version 1.2.0] ... [--out <dir>] [--strict]
//
// Every value comes from a flag, else from the environment variable of the same name
// (--bot-id <-> BOT_ID), else from a default. Defaults for ids, domain and developer URLs are
// only good for local use; --strict (or MANIFEST_STRICT=1) refuses them, for release builds.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeZip } from './lib/archive.mjs';
import { renderIcons } from './lib/icons.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const PACKAGE_NAME = 'TeamsLearningBot.zip';

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const HTTPS_URL = /^https:\/\/[^\s/]+/i;

const FULL_DESCRIPTION = [
  'Learning Bot brings social learning into the flow of work. Facilitators curate short, relevant content — an article, a video, a podcast, an internal guide — and schedule it as learning drops in a team channel. Each drop says why it matters for the job and asks an open question, so the conversation starts where the work happens.',
  'Learners reflect in the thread or straight from the card, rate how relevant the item was, suggest content of their own and thank colleagues with kudos. Recognition badges follow the four Rs: Relevance, Rich, Rewards and Real.',
  'Facilitators see participation, regular sharers and relevance per item and per tag, and can find the colleagues who know a topic. Nudges are gentle and easy to switch off, nobody is ever shamed for being quiet, and "forget me" removes a learner\'s data on request.',
].join('\n\n');

/**
 * The template's parameters. `local: true` marks defaults that are only fit for a local build.
 * @type {{key: string, description: string, default: string, local?: boolean, check?: (v: string) => string | undefined, normalize?: (v: string) => string}[]}
 */
export const PARAMETERS = [
  { key: 'APP_ID', description: 'Teams app id (a GUID you choose once and keep for every version)', default: 'c7a7e0f4-5b1d-4e2a-9f63-1d2b8e4c7a10', local: true, check: guid },
  { key: 'BOT_ID', description: 'Azure Bot app id: the managed identity client id (deployment output botId)', default: '00000000-0000-0000-0000-000000000001', local: true, check: guid },
  { key: 'BOT_DOMAIN', description: 'host name of the bot web app (deployment output webAppHostName)', default: 'localhost', local: true, normalize: hostOnly, check: host },
  { key: 'TAB_CLIENT_ID', description: "client id of the app registration the tab's Teams SSO tokens are for (Tab__ClientId); empty: the bot id", default: '', check: (v) => (v === '' ? undefined : guid(v)) },
  { key: 'APP_VERSION', description: 'app version (semver); raise it for every upload', default: '1.0.0', check: (v) => (SEMVER.test(v) ? undefined : 'must be a semantic version such as 1.2.0') },
  { key: 'DEVELOPER_NAME', description: 'publisher shown in Teams (max 32 characters)', default: 'TeamsLearningBot', check: maxLength(32) },
  { key: 'DEVELOPER_WEBSITE_URL', description: 'publisher website (https)', default: 'https://example.com/learning-bot', local: true, check: httpsUrl },
  { key: 'DEVELOPER_PRIVACY_URL', description: 'privacy statement (https)', default: 'https://example.com/learning-bot/privacy', local: true, check: httpsUrl },
  { key: 'DEVELOPER_TERMS_URL', description: 'terms of use (https)', default: 'https://example.com/learning-bot/terms', local: true, check: httpsUrl },
  { key: 'APP_NAME_SHORT', description: 'short app name (max 30 characters)', default: 'Learning Bot', check: maxLength(30) },
  { key: 'APP_NAME_FULL', description: 'full app name (max 100 characters)', default: 'Learning Bot: social learning in the flow of work', check: maxLength(100) },
  { key: 'APP_DESCRIPTION_SHORT', description: 'short description (max 80 characters)', default: 'Learning drops, open reflections and peer recognition in your team channels', check: maxLength(80) },
  { key: 'APP_DESCRIPTION_FULL', description: 'full description (max 4000 characters)', default: FULL_DESCRIPTION, check: maxLength(4000) },
];

function guid(v) { return GUID.test(v) ? undefined : 'must be a GUID such as 01234567-89ab-cdef-0123-456789abcdef'; }
function host(v) { return HOST.test(v) ? undefined : 'must be a host name such as app-learning.azurewebsites.net (no scheme, no path)'; }
function httpsUrl(v) { return HTTPS_URL.test(v) && v.length <= 2048 ? undefined : 'must be an https:// URL'; }
function maxLength(n) { return (v) => (v.length > 0 && v.length <= n ? undefined : `must be 1 to ${n} characters (is ${v.length})`); }
function hostOnly(v) { return v.trim().replace(/^https?:\/\//i, '').replace(/\/.*$/, ''); }

/** The flag for a parameter: BOT_ID -> --bot-id. */
export const flagOf = (key) => `--${key.toLowerCase().replace(/_/g, '-')}`;

/**
 * Resolves every parameter from flags, then the environment, then defaults.
 * @returns {{values: Record<string, string>, fromDefault: string[], problems: string[]}}
 */
export function resolveParameters(flags, env = process.env, { strict = false } = {}) {
  const values = {};
  const fromDefault = [];
  const problems = [];
  for (const p of PARAMETERS) {
    let value = flags[p.key] ?? env[p.key];
    if (value === undefined || value === '') {
      value = p.default;
      if (p.local) {
        fromDefault.push(p.key);
        if (strict) problems.push(`${p.key}: required (${p.description}); give ${flagOf(p.key)} or set ${p.key}`);
      }
    }
    if (p.key === 'TAB_CLIENT_ID' && value === '') value = values.BOT_ID;
    if (p.normalize) value = p.normalize(value);
    const problem = p.check?.(value);
    if (problem) problems.push(`${p.key}: ${problem} (got ${JSON.stringify(value)})`);
    values[p.key] = value;
  }
  return { values, fromDefault, problems };
}

/**
 * Replaces every {{KEY}} in the template's strings. Unknown or unfilled placeholders are errors.
 * @returns {object} the manifest
 */
export function fillTemplate(template, values) {
  const missing = new Set();
  const fill = (node) => {
    if (typeof node === 'string') {
      return node.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_, key) => {
        if (!(key in values)) missing.add(key);
        return values[key] ?? '';
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    return node;
  };
  const manifest = fill(template);
  if (missing.size) throw new Error(`template placeholders without a value: ${[...missing].join(', ')}`);
  return manifest;
}

/**
 * Writes manifest.json and the package zip (manifest.json + icons at the zip root) to outDir.
 * @returns {{manifestPath: string, packagePath: string, manifest: object}}
 */
export function buildPackage({ values, outDir = join(HERE, 'build'), templatePath = join(HERE, 'manifest.template.json'), iconsDir = join(HERE, 'icons') }) {
  const template = JSON.parse(readFileSync(templatePath, 'utf8'));
  const manifest = fillTemplate(template, values);
  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
  const files = [{ name: 'manifest.json', data: Buffer.from(manifestJson, 'utf8') }, ...renderIcons(manifest.icons, iconsDir)];
  mkdirSync(outDir, { recursive: true });
  const manifestPath = join(outDir, 'manifest.json');
  const packagePath = join(outDir, PACKAGE_NAME);
  writeFileSync(manifestPath, manifestJson);
  writeFileSync(packagePath, writeZip(files));
  return { manifestPath, packagePath, manifest };
}

/** Parses `--flag value` and `--flag=value` pairs. */
export function parseArgs(argv) {
  const byFlag = new Map(PARAMETERS.map((p) => [flagOf(p.key), p.key]));
  const flags = {};
  const options = { strict: false, outDir: undefined, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const next = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--strict') options.strict = true;
    else if (flag === '--help' || flag === '-h') options.help = true;
    else if (flag === '--out') options.outDir = resolve(next());
    else if (byFlag.has(flag)) flags[byFlag.get(flag)] = next();
    else throw new Error(`unknown argument ${argv[i]} (see --help)`);
  }
  return { flags, options };
}

function usage() {
  const rows = PARAMETERS.map((p) => `  ${flagOf(p.key).padEnd(26)} ${p.key.padEnd(22)} ${p.description}`);
  return [
    'usage: node manifest/build.mjs [options]',
    '',
    '  flag                       environment            meaning',
    ...rows,
    `  ${'--out <dir>'.padEnd(26)} ${''.padEnd(22)} output folder (default manifest/build)`,
    `  ${'--strict'.padEnd(26)} ${'MANIFEST_STRICT=1'.padEnd(22)} refuse local-only defaults (release builds)`,
  ].join('\n');
}

function main() {
  let parsed;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`manifest build: ${e.message}`);
    return 2;
  }
  if (parsed.options.help) {
    console.log(usage());
    return 0;
  }
  const strict = parsed.options.strict || process.env.MANIFEST_STRICT === '1';
  const { values, fromDefault, problems } = resolveParameters(parsed.flags, process.env, { strict });
  if (problems.length) {
    for (const p of problems) console.error(`error: ${p}`);
    console.error(`manifest build: ${problems.length} problem(s), nothing written`);
    return 1;
  }
  if (fromDefault.length) {
    console.warn(`warning: local development defaults used for ${fromDefault.join(', ')}; set them for a package you upload (--strict refuses defaults)`);
  }
  const { manifestPath, packagePath } = buildPackage({ values, outDir: parsed.options.outDir });
  console.log(`wrote ${manifestPath}`);
  console.log(`wrote ${packagePath} (app ${values.APP_ID}, bot ${values.BOT_ID}, domain ${values.BOT_DOMAIN}, version ${values.APP_VERSION})`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main();
}
