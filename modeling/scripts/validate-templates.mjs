// Validates every element-templates/*.json with bpmn-io's validator (the Camunda 7 element templates schema).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getSchemaPackage, getSchemaVersion, validate } from '@bpmn-io/element-templates-validator';
import { filesIn, root, templatesDir } from './repository.mjs';

const files = filesIn(templatesDir, '.json');
if (files.length === 0) {
  console.error(`No element templates found in ${relative(root, templatesDir)}/`);
  process.exit(1);
}

let invalid = 0;
for (const file of files) {
  // the text, not the parsed object: the validator then reports line and column of each error
  const { valid, errors } = validate(readFileSync(join(templatesDir, file), 'utf-8'));
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
