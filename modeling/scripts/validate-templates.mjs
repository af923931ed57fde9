// Validates every element template with bpmn-io's validator (the Camunda 7 element templates schema): the newest
// versions in element-templates/*.json and the older ones in element-templates/versioned/*.json. Camunda Modeler reads
// both (it globs element-templates/**/*.json) and, like it, this refuses two files with the same id and version.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getSchemaPackage, getSchemaVersion, validate } from '@bpmn-io/element-templates-validator';
import { filesIn, root, templatesDir, versionedDir } from './repository.mjs';

const files = [
  ...filesIn(templatesDir, '.json'),
  ...filesIn(versionedDir, '.json').map(file => `${relative(templatesDir, versionedDir)}/${file}`)
];
if (files.length === 0) {
  console.error(`No element templates found in ${relative(root, templatesDir)}/`);
  process.exit(1);
}

let invalid = 0;
const fileOfVersion = new Map();
for (const file of files) {
  const text = readFileSync(join(templatesDir, file), 'utf-8');
  const idAndVersion = identify(text);
  if (idAndVersion && fileOfVersion.has(idAndVersion)) {
    invalid++;
    console.error(`element-templates/${file} and element-templates/${fileOfVersion.get(idAndVersion)} are both ${idAndVersion}`);
  }
  fileOfVersion.set(idAndVersion, file);
  // the text, not the parsed object: the validator then reports line and column of each error
  const { valid, errors } = validate(text);
  if (valid) {
    continue;
  }
  invalid++;
  console.error(`element-templates/${file} is not a valid Camunda 7 element template:`);
  for (const error of errors) {
    const at = error.dataPointer?.value;
    const where = at ? ` (line ${at.line + 1}, column ${at.column + 1})` : '';
    console.error(`  ${error.instancePath || '/'}${where}: ${error.message}`);
  }
}

if (invalid) {
  console.error(`${invalid} of ${files.length} element templates invalid (schema ${getSchemaPackage()}@${getSchemaVersion()})`);
  process.exit(1);
}
console.log(`${files.length} element templates valid (schema ${getSchemaPackage()}@${getSchemaVersion()})`);

/** "<id> version <version>" of a template, or null when the text is no JSON (the validator then says where). */
function identify(text) {
  try {
    const { id, version } = JSON.parse(text);
    return `${id} version ${version}`;
  } catch {
    return null;
  }
}
