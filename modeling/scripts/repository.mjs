// Where the files this module checks live, relative to the repository root.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const templatesDir = join(root, 'element-templates');
export const versionedDir = join(templatesDir, 'versioned');
export const samplesDir = join(root, 'process-samples');
export const picturesDir = join(root, 'docs', 'images');
export const guide = join(root, 'docs', 'modeling-journeys.md');

/** The files of a folder with the given extension, sorted by name (so output and failures are stable); none if no folder. */
export function filesIn(dir, extension) {
  return existsSync(dir) ? readdirSync(dir).filter(name => name.endsWith(extension)).sort() : [];
}
