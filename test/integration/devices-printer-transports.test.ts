/**
 * CUPS and spool-folder transports with real processes and files: a stand-in `lp`/`lpstat`
 * (shell scripts with the real programs' arguments and replies) and a real folder.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CupsPrinter } from '../../src/main/devices/printer/cups-printer';
import { SpoolPrinter } from '../../src/main/devices/printer/spool-printer';
import { createPrinter, parsePrinterAddress } from '../../src/main/devices/printer/registry';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-printer-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function script(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/** An `lp` that keeps its arguments and standard input, and answers like CUPS. */
function fakeLp(): string {
  return script(
    'lp',
    `printf '%s\\n' "$@" > "${dir}/lp-args"\ncat > "${dir}/lp-job"\necho "request id is zebra-7 (0 file(s))"`,
  );
}

describe('CUPS raw queue', () => {
  it('pipes the job to lp -d QUEUE -o raw and reports the CUPS job id', async () => {
    const printer = new CupsPrinter({ queue: 'zebra', lpPath: fakeLp() });
    const zpl = '^XA^FO10,10^A0N,30,30^FH^FDcaf_C3_A9^FS^XZ\n';
    const result = await printer.print(zpl);
    expect(result).toMatchObject({
      ok: true,
      bytesSent: zpl.length,
      message: 'Label queued on CUPS queue zebra as job zebra-7.',
    });
    expect(fs.readFileSync(path.join(dir, 'lp-args'), 'utf8').split('\n')).toEqual(['-d', 'zebra', '-o', 'raw', '']);
    expect(fs.readFileSync(path.join(dir, 'lp-job'), 'utf8')).toBe(zpl);
    await printer.close();
  });

  it('passes on what CUPS says when it refuses the job', async () => {
    const lp = script('lp', 'cat > /dev/null\necho "lp: The printer or class does not exist." >&2\nexit 1');
    const result = await new CupsPrinter({ queue: 'nosuch', lpPath: lp }).print('^XA^XZ');
    expect(result.ok).toBe(false);
    expect(result.message).toBe('CUPS refused the label for queue nosuch: lp: The printer or class does not exist.');
    expect(result.status?.state).toBe('error');
  });

  it('says when lp is not installed', async () => {
    const result = await new CupsPrinter({ queue: 'zebra', lpPath: path.join(dir, 'missing-lp') }).print('^XA^XZ');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      /^The CUPS "lp" command was not found .*install the CUPS client tools — the label was not printed\.$/,
    );
  });

  it('gives up on an lp that hangs', async () => {
    const lp = script('lp', 'sleep 30');
    const result = await new CupsPrinter({ queue: 'zebra', lpPath: lp, timeoutMs: 300 }).print('^XA^XZ');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      /^CUPS did not take the job within 0.3 s — check the print service, then reprint\.$/,
    );
  });

  it('refuses a queue name lp would read as an option', async () => {
    const lp = fakeLp();
    const result = await new CupsPrinter({ queue: '-h', lpPath: lp }).print('^XA^XZ');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/is not a CUPS queue name/);
    expect(fs.existsSync(path.join(dir, 'lp-args'))).toBe(false);
  });

  it.each([
    ['printer zebra is idle.  enabled since Mon 01 Jan 2024 10:00:00', 0, 'connected', 'Queue zebra is ready'],
    ['printer zebra now printing zebra-7.  enabled since Mon 01 Jan', 0, 'connected', 'Queue zebra is printing'],
    [
      'printer zebra disabled since Mon 01 Jan 2024 -\n\tPaused by operator',
      0,
      'error',
      'Print queue zebra is disabled: Paused by operator',
    ],
    [
      'lpstat: Invalid destination name in list "zebra".',
      1,
      'disconnected',
      'CUPS has no usable queue named zebra: lpstat: Invalid destination name in list "zebra".',
    ],
  ])('reads lpstat %j', async (output, code, state, detail) => {
    const lpstat = script('lpstat', `cat <<'EOF'${code ? ' >&2' : ''}\n${output}\nEOF\nexit ${code}`);
    const status = await new CupsPrinter({ queue: 'zebra', lpstatPath: lpstat }).status();
    expect(status).toMatchObject({ state, detail });
  });
});

describe('spool folder', () => {
  it('writes each job whole under its final name, leaving no temporary files', async () => {
    const printer = new SpoolPrinter({ folder: dir });
    const first = await printer.print('^XA^FDone^FS^XZ');
    const second = await printer.print('^XA^FDtwo^FS^XZ');
    expect(first.ok && second.ok).toBe(true);
    const files = fs.readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => /^label-.*\.zpl$/.test(f))).toBe(true);
    expect(files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))).toEqual([
      '^XA^FDone^FS^XZ',
      '^XA^FDtwo^FS^XZ',
    ]);
    expect(first.destination).toBe(path.join(dir, files[0]!));
    expect(first.message).toBe(`Label saved to ${first.destination}.`);
    expect(await printer.status()).toMatchObject({ state: 'connected', detail: `Saving labels to ${dir}` });
  });

  it('does not create a missing spool folder, and says so', async () => {
    const missing = path.join(dir, 'share', 'labels');
    const printer = new SpoolPrinter({ folder: missing });
    const result = await printer.print('^XA^XZ');
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      `The spool folder ${missing} does not exist (is the network share mounted?) — the label was not saved.`,
    );
    expect(fs.existsSync(missing)).toBe(false);
    expect(await printer.status()).toMatchObject({ state: 'error' });
  });

  it('refuses a file where the folder should be', async () => {
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, '');
    const status = await new SpoolPrinter({ folder: file }).status();
    expect(status.detail).toBe(`The spool path ${file} is a file, not a folder`);
  });
});

describe('printer addresses', () => {
  it.each([
    ['tcp://192.168.1.40:9100', { kind: 'tcp', host: '192.168.1.40', port: 9100 }],
    ['tcp://printer-3', { kind: 'tcp', host: 'printer-3', port: 9100 }],
    ['tcp://[::1]:6101', { kind: 'tcp', host: '::1', port: 6101 }],
    ['usb:0a5f:0164', { kind: 'usb', vendorId: 0x0a5f, productId: 0x0164 }],
    ['USB:0x0A5F:0x00D1', { kind: 'usb', vendorId: 0x0a5f, productId: 0xd1 }],
    ['cups:zebra_gk420d', { kind: 'cups', queue: 'zebra_gk420d' }],
    ['file:/var/spool/labels', { kind: 'file', folder: '/var/spool/labels' }],
  ])('reads %s', (text, address) => {
    expect(parsePrinterAddress(text)).toEqual(address);
  });

  it.each([
    ['192.168.1.40', /is not a printer address; use tcp:\/\/HOST:PORT/],
    ['tcp://host:99999', /Port 99999 .* is not a TCP port/],
    ['usb:zebra', /write usb:VID:PID in hex/],
    ['cups:', /names no CUPS queue/],
    ['lpt:1', /"lpt:" is not a kind of printer/],
  ])('explains what is wrong with %s', (text, message) => {
    expect(() => parsePrinterAddress(text)).toThrow(message);
  });

  it('builds the transport for each kind', async () => {
    const kinds = ['tcp://127.0.0.1:9', 'usb:0a5f:0164', 'cups:zebra', `file:${dir}`].map((text) => {
      const printer = createPrinter(parsePrinterAddress(text), { findUsbDevice: async () => undefined });
      void printer.close();
      return [printer.kind, printer.name];
    });
    expect(kinds).toEqual([
      ['tcp', 'Label printer at 127.0.0.1:9'],
      ['usb', 'USB label printer 0a5f:0164'],
      ['cups', 'CUPS queue zebra'],
      ['file', `Spool folder ${dir}`],
    ]);
  });
});
