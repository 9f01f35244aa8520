// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/*
 * Lint enforces which process a file belongs to (docs/architecture.md):
 * - src/shared, src/renderer and src/main/domain are pure: no Electron, no Node, no native modules;
 * - only the Electron shell (src/main/index.ts, ipc.ts, windows.ts) and the preload import
 *   'electron', because the rest of main also runs under plain Node (browser station mode, CLI);
 * - ipcMain appears in src/main/ipc.ts only, ipcRenderer in src/preload only.
 * no-restricted-imports does not merge across blocks, so each block below states its full list.
 */

const SHELL_FILES = ['src/main/index.ts', 'src/main/ipc.ts', 'src/main/windows.ts'];
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));
const IO_PACKAGES = ['better-sqlite3', 'node-hid', 'serialport', 'usb', 'ws', 'csv-parse'];

/** @param {string} message */
const noNode = (message) => ({
  group: ['node:*', ...NODE_BUILTINS, ...NODE_BUILTINS.map((name) => `${name}/*`)],
  message,
});

/** @param {string} where */
const noElectron = (where) => ({
  name: 'electron',
  message: `${where} must not depend on Electron: it also runs under plain Node and in tests.`,
});

const noIoPackages = IO_PACKAGES.map((name) => ({
  name,
  message: 'Pure code does no I/O; devices, files and the database belong to main services.',
}));

const ipcMainOnlyInIpcModule = {
  name: 'electron',
  importNames: ['ipcMain'],
  message: 'Contract calls are bound in src/main/ipc.ts only: add a contract and a handler line instead.',
};

const ipcRendererOnlyInPreload = {
  name: 'electron',
  importNames: ['ipcRenderer'],
  message: 'Only the preload bridge talks to main; the renderer uses window.packbench.',
};

/** Catches `electron.ipcMain` and the like, which an import rule cannot see. */
/** @param {'ipcMain' | 'ipcRenderer' | null} allowed */
const rawIpcSyntax = (allowed) =>
  ['ipcMain', 'ipcRenderer']
    .filter((name) => name !== allowed)
    .map((name) => ({
      selector: `MemberExpression[property.name='${name}']`,
      message: `${name} is used in one module only: src/main/ipc.ts for ipcMain, src/preload for ipcRenderer.`,
    }));

/** @param {string} from @param {string[]} targets @param {string} message */
const noReachingInto = (from, targets, message) => ({
  regex: `^(\\.\\./)+(${targets.join('|')})(/|$)`,
  message: `${from} ${message}`,
});

export default defineConfig(
  globalIgnores([
    'out/',
    'release/',
    'dist/',
    'node_modules/',
    'test-results/',
    'coverage/',
    'bench/.data/',
    '.packbench-data/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-restricted-syntax': ['error', ...rawIpcSyntax(null)],
    },
  },
  {
    // Launchers, scripts and this file run in Node as plain JavaScript.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: [...SHELL_FILES, 'src/main/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron('Main-process code outside the Electron shell')] }],
    },
  },
  {
    files: ['src/main/index.ts', 'src/main/windows.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcMainOnlyInIpcModule, ipcRendererOnlyInPreload] }] },
  },
  {
    files: ['src/main/ipc.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [ipcRendererOnlyInPreload] }],
      'no-restricted-syntax': ['error', ...rawIpcSyntax('ipcMain')],
    },
  },
  {
    files: ['src/main/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron('The domain layer'), ...noIoPackages],
          patterns: [
            noNode('The domain layer is pure rules: no Node built-in modules, no I/O.'),
            noReachingInto('The domain layer', ['store', 'services', 'devices'], 'is pure rules: it does no I/O.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**', 'src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron('Shared and renderer code'), ...noIoPackages],
          patterns: [
            noNode('Shared and renderer code run without Node: ask main through the contract instead.'),
            noReachingInto('Shared and renderer code', ['main', 'preload'], 'reach main only through the contract.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ipcMainOnlyInIpcModule],
          patterns: [
            noNode("The sandboxed preload can load nothing but 'electron' and what is bundled from src/shared."),
            noReachingInto('The preload', ['main', 'renderer'], 'imports only from src/shared and electron.'),
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...rawIpcSyntax('ipcRenderer')],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
