#!/usr/bin/env node
// The headless CLI over the station's own services (TypeScript run through tsx).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/main/cli.ts');
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  env: process.env,
  stdin: process.stdin,
});
process.exitCode = code;
