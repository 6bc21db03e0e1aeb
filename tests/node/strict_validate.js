// Compiles JSON Schemas with Ajv 8 in strict mode (draft 2020-12, formats from ajv-formats) and says whether each
// document is valid. Reads from stdin {"annotations": [keyword, ...], "schemas": [{"schema": {...},
// "documents": [...]}, ...]} and writes [[true|false, ...], ...], one list per schema. A schema that breaks a strict
// rule makes compile throw: the message goes to stderr and the exit code is 2.
"use strict";
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const {annotations, schemas} = JSON.parse(input);
  const verdicts = [];
  for (const {schema, documents} of schemas) {
    const ajv = new Ajv2020({strict: true, allErrors: true});
    addFormats(ajv);
    ajv.addVocabulary(annotations);
    let validate;
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      process.stderr.write(`${schema.$id}: ${error.message}\n`);
      process.exit(2);
    }
    verdicts.push(documents.map((document) => validate(document)));
  }
  process.stdout.write(JSON.stringify(verdicts));
});
