// A minimal VS Code extension: starts agreed's language server (`agreed lsp`, or the command set in
// `agreed.command`) over standard streams for the agreement files, beside the YAML extension that reads the schema.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

// The agreement files: the patterns `agreed init --editor vscode` maps the schema to (any case of the suffix).
const AGREEMENTS = ["**/contracts/**/*.[yY][aA][mM][lL]", "**/contracts/**/*.[yY][mM][lL]"];

let client;

async function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("agreed").get("command", ["agreed", "lsp"]);
  client = new LanguageClient("agreed", "agreed", { command, args }, {
    documentSelector: AGREEMENTS.map((pattern) => ({ scheme: "file", language: "yaml", pattern })),
  });
  context.subscriptions.push(client);
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
