#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }) and
// @vscode/test-cli's useInstallation.fromPath: it takes the desktop flags and runs the tests in code-server.
require('tsx/cjs');
require('./code-shim-main.ts');
