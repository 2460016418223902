// The app icons are drawn as SVG (manifest/icons/*.svg) and rendered to PNG at build time with resvg.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/** The sizes Teams requires, in pixels. */
export const ICON_SIZES = { color: 192, outline: 32 };

/**
 * Renders an SVG file to a square RGBA PNG of the given size.
 * @param {string} svgPath
 * @param {number} size pixels
 * @returns {Buffer}
 */
export function renderIcon(svgPath, size) {
  const svg = readFileSync(svgPath);
  const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render();
  if (rendered.width !== size || rendered.height !== size) {
    throw new Error(`${svgPath} renders to ${rendered.width}x${rendered.height}; its viewBox must be square`);
  }
  return Buffer.from(rendered.asPng());
}

/**
 * The package's icon files, rendered from `<name>.svg` in iconsDir for each PNG the manifest names.
 * @param {{color: string, outline: string}} icons the manifest's icons (PNG file names)
 * @param {string} iconsDir
 * @returns {{name: string, data: Buffer}[]}
 */
export function renderIcons(icons, iconsDir) {
  return ['color', 'outline'].map((kind) => ({
    name: icons[kind],
    data: renderIcon(join(iconsDir, icons[kind].replace(/\.png$/i, '.svg')), ICON_SIZES[kind]),
  }));
}
