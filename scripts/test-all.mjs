#!/usr/bin/env node
// `npm test`: every check and every test runner, then one line "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2);

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function step(name, command, args) {
  if (only.length && !only.includes(name)) return null;
  console.log(`\n=== ${name}: ${[path.basename(command), ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  console.log(
    `=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return result.status === 0;
}

function check(name, command, args) {
  const ok = step(name, command, args);
  if (ok === null) return;
  if (ok) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
}

check('typecheck-node', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
check('typecheck-web', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
check('lint', bin('eslint'), ['.', '--max-warnings', '0']);
check('format', bin('prettier'), ['--check', '.']);
// The e2e tests drive the built screens; build once up front.
check('build', process.execPath, [
  path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
  'build',
]);

const report = path.join(root, 'test-results', 'vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
const vitestOk = step('vitest', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
if (vitestOk !== null) {
  if (fs.existsSync(report)) {
    const summary = JSON.parse(fs.readFileSync(report, 'utf8'));
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
    skipped += summary.numPendingTests + summary.numTodoTests;
    if (summary.numFailedTests > 0 || !vitestOk) failures.push('vitest');
    if (!vitestOk && summary.numFailedTests === 0) failed += 1; // a suite that failed to load
  } else {
    failed += 1;
    failures.push('vitest (no report)');
  }
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
