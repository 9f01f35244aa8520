#!/usr/bin/env node
// Runs one TypeScript file under tsx, passing the remaining arguments through:
//   node bin/tsnode.mjs bench/run.ts --full
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  console.error('Usage: node bin/tsnode.mjs FILE.ts [arguments...]');
  process.exit(2);
}

register();
const entry = resolve(file);
// The script sees itself as argv[1], exactly as if Node had started it directly.
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(entry).href);
