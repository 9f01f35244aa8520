import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDeviceCommand } from '../../src/main/devices/cli-devices';
import { FakeHidBackend, FakeHidTransport } from '../../src/main/devices/hid/fake-hid-transport';
import { PrinterSimulator } from '../../src/main/devices/printer/printer.simulator';
import { SCALE_USAGE_PAGE } from '../../src/main/devices/scale/hid-pos-scale-report';
import { BAR_CODE_SCANNER_USAGE, SCANNER_USAGE_PAGE } from '../../src/main/devices/scanner/hid-pos-report';
import { writeSetting } from '../../src/main/store/repositories/settings.repository';
import { Store } from '../../src/main/store/store';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/packbench.mjs');

interface Running {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
  /** Resolves with the first match of `pattern` in stdout (or stderr), or fails after `timeoutMs`. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr', timeoutMs?: number): Promise<RegExpExecArray>;
}

const running: Running[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const process of running.splice(0)) {
    if (process.child.exitCode === null && process.child.signalCode === null) {
      process.child.kill('SIGINT');
      const stopped = await Promise.race([process.exited.then(() => true), sleep(5000).then(() => false)]);
      if (!stopped) process.child.kill('SIGKILL');
    }
  }
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packbench-cli-devices-'));
  dirs.push(dir);
  return dir;
}

/** Starts `packbench ARGS` and keeps it running; stdin stays open until the test ends it. */
function start(args: readonly string[]): Running {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const handle: Running = {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async waitFor(pattern, stream = 'stdout', timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(stream === 'stdout' ? stdout : stderr);
        if (match) return match;
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no ${pattern} in ${stream}.\nstdout: ${stdout}\nstderr: ${stderr}`);
        await sleep(50);
      }
    },
  };
  running.push(handle);
  return handle;
}

/** Runs `packbench ARGS` to the end. */
async function run(args: readonly string[], input = '') {
  const process = start(args);
  process.child.stdin?.end(input);
  const code = await Promise.race([process.exited, sleep(45_000).then(() => 'timeout' as const)]);
  if (code === 'timeout') throw new Error(`packbench ${args.join(' ')} did not finish:\n${process.stderr()}`);
  return { code, stdout: process.stdout(), stderr: process.stderr() };
}

/** Starts `simulate scale` and returns the port a driver connects to. */
async function scaleSimulator(protocol: string, extra: readonly string[] = []) {
  const sim = start(['simulate', 'scale', '--protocol', protocol, '--json', ...extra]);
  const line = await sim.waitFor(/^\{.*\}$/m);
  const { port } = JSON.parse(line[0]) as { port: string };
  expect(fs.existsSync(port)).toBe(true);
  return { sim, port };
}

describe('packbench devices weigh against the simulated serial scale', () => {
  // Toledo replies carry no unit: both ends are set to kilograms so the weight comes back exact.
  const cases = [
    ['mt-sics', []],
    ['toledo', ['--unit', 'kg']],
    ['nci', []],
    ['continuous', []],
  ] as const;

  it.each(cases)('%s: prints the stable weight as JSON and as a line for people', async (protocol, unit) => {
    const { port } = await scaleSimulator(protocol, ['--grams', '1250', ...unit]);
    const json = await run(['devices', 'weigh', '--port', port, '--protocol', protocol, ...unit, '--json']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ grams: 1250, stable: true });

    const human = await run(['devices', 'weigh', '--port', port, '--protocol', protocol, ...unit]);
    expect(human.code).toBe(0);
    expect(human.stdout.trim()).toBe('1250 g, stable');
  });

  it('gives up on a scale stuck in motion with a clear message and exit 1', async () => {
    const { sim, port } = await scaleSimulator('mt-sics', ['--grams', '800']);
    sim.child.stdin?.write('motion\n');
    await sim.waitFor(/Scale: moving/, 'stderr');
    const result = await run([
      'devices',
      'weigh',
      '--port',
      port,
      '--protocol',
      'mt-sics',
      '--timeout',
      '1.5',
      '--json',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/The scale kept moving for 1\.5 s — let the parcel settle and weigh again\./);
    expect(JSON.parse(result.stdout)).toMatchObject({ grams: null, stable: false, status: 'motion' });
  });

  it('the simulator stops when its input ends, and weighing it afterwards says nothing is plugged in', async () => {
    const { sim, port } = await scaleSimulator('nci');
    sim.child.stdin?.end();
    expect(await sim.exited).toBe(0);
    const result = await run(['devices', 'weigh', '--port', port, '--protocol', 'nci']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Nothing is plugged in at ${port}`);
  });
});

describe('packbench devices print-test', () => {
  it('prints a serial label on the simulated TCP printer, which keeps the job', async () => {
    const dir = tempDir();
    const sim = start(['simulate', 'printer', '--port', '0', '--dir', dir]);
    const [url] = await sim.waitFor(/tcp:\/\/127\.0\.0\.1:\d+/);
    const result = await run(['devices', 'print-test', '--printer', url, '--serial', 'SN-CLI-1', '--sku', 'PH-1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Label sent to the printer at ${url.replace('tcp://', '')}.`);
    expect(result.stdout).toContain('Printer status: Ready');

    await sim.waitFor(/Label 1 received/);
    const saved = path.join(dir, 'label-0001.zpl');
    expect(sim.stdout()).toContain(`saved to ${saved}`);
    expect(fs.readFileSync(saved, 'utf8')).toContain('^FD>:SN-CLI-1^FS');

    sim.child.kill('SIGINT');
    expect(await sim.exited).toBe(0);
    expect(sim.stdout().trim().split('\n').at(-1)).toBe('Printer simulator stopped after 1 label(s).');
  });

  it('reports paper out with exit 1', async () => {
    const printer = await PrinterSimulator.start({ port: 0 });
    try {
      printer.setFaults({ paperOut: true });
      const result = await run(['devices', 'print-test', '--printer', printer.url, '--serial', 'SN-CLI-2', '--json']);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, status: { detail: 'Paper out' } });
    } finally {
      await printer.close();
    }
  });

  it('writes the label to a folder given as file:PATH', async () => {
    const dir = tempDir();
    const result = await run(['devices', 'print-test', '--printer', `file:${dir}`, '--serial', 'SN-CLI-3']);
    expect(result.code).toBe(0);
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(result.stdout).toContain(`Label saved to ${path.join(dir, files[0]!)}.`);
    expect(fs.readFileSync(path.join(dir, files[0]!), 'utf8')).toContain('SN-CLI-3');
  });

  it('says so when the printer takes the connection but never answers', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => undefined);
      socket.resume(); // swallows the label and the status request, says nothing
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const result = await run(['devices', 'print-test', '--printer', `tcp://127.0.0.1:${port}`, '--serial', 'S-1']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/the printer is not answering/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('packbench devices scan-test against the simulated serial scanner', () => {
  const scans = ['SN-0001', ']C0ABC-123', ']d2010950110153000321SN77<GS>10LOT7'];

  async function scannerSimulator() {
    const file = path.join(tempDir(), 'scans.txt');
    fs.writeFileSync(file, `# demo scans\n${scans.join('\n')}\n`);
    const sim = start(['simulate', 'scanner', '--scans', file, '--json']);
    const line = await sim.waitFor(/^\{.*\}$/m);
    return { sim, port: (JSON.parse(line[0]) as { port: string }).port };
  }

  it('prints each scan as a ScanEvent JSON line and stops on Ctrl-C', async () => {
    const { sim, port } = await scannerSimulator();
    const test = start(['devices', 'scan-test', '--port', port, '--json']);
    await test.waitFor(/Scan barcodes now/, 'stderr');
    sim.child.stdin?.write('\n\n\n');
    await test.waitFor(/(.*\n){3}/);
    test.child.kill('SIGINT');
    expect(await test.exited).toBe(0);
    const events = test
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((event) => event.text)).toEqual([
      'SN-0001',
      ']C0ABC-123',
      ']d2010950110153000321SN77\u001d10LOT7',
    ]);
    expect(events.map((event) => event.symbology)).toEqual([undefined, 'Code 128', 'GS1 DataMatrix']);
    expect(events.every((event) => event.source === 'serial' && typeof event.receivedAt === 'string')).toBe(true);
  });

  it('prints one line per scan for people and stops when its input ends', async () => {
    const { sim, port } = await scannerSimulator();
    const test = start(['devices', 'scan-test', '--port', port]);
    await test.waitFor(/Scan barcodes now/, 'stderr');
    sim.child.stdin?.write('\n\n\n');
    await test.waitFor(/GS1 DataMatrix/);
    test.child.stdin?.end();
    expect(await test.exited).toBe(0);
    expect(test.stdout().trim().split('\n')).toEqual([
      'SN-0001',
      ']C0ABC-123  [Code 128]',
      ']d2010950110153000321SN77<GS>10LOT7  [GS1 DataMatrix]',
    ]);
  });
});

describe('packbench devices list', () => {
  it('lists what is attached, with what each can be used as', async () => {
    const result = await run(['--json', 'devices', 'list']);
    expect(result.code).toBe(0);
    const found = JSON.parse(result.stdout) as Record<string, { use?: string }[] | string[]>;
    expect(Object.keys(found).sort()).toEqual(['hid', 'problems', 'serialPorts', 'station', 'usbPrinters']);
    for (const port of found.serialPorts as { use: string }[]) expect(port.use).toMatch(/scanner or serial scale/);
    const human = await run(['devices', 'list']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Serial ports:/);
    expect(human.stdout).toContain('USB label printers:');
  });
});

describe('packbench devices list and the saved device settings', () => {
  const DYMO = { vendorId: 0x0922, productId: 0x8003 };

  /** A store whose stations chose devices: PACK-T a HID scale (saved at a path it has since left), PACK-2 a HID scanner. */
  function seededStore(): { dataDir: string; file: string } {
    const dataDir = tempDir();
    const store = Store.open({ dataDir });
    store.write(() => {
      writeSetting(store.statements, 'station.PACK-T.devices', {
        scanner: null,
        scale: { kind: 'hid-pos', path: '/dev/hidraw3', identity: { ...DYMO, serialNumber: 'DYM-0001' } },
        printer: null,
      });
      writeSetting(store.statements, 'station.PACK-2.devices', {
        scanner: { kind: 'hid-pos' },
        scale: null,
        printer: null,
      });
    });
    const file = store.file;
    store.close();
    return { dataDir, file };
  }

  /** Two scales (the chosen one now at /dev/hidraw7, its twin at the chosen path) and a scanner. */
  function attached(): FakeHidBackend {
    const hid = new FakeHidBackend();
    const scale = (path: string, serialNumber: string) =>
      hid.plug(
        { path, ...DYMO, product: 'M25', serialNumber, usagePage: SCALE_USAGE_PAGE, usage: 0x20 },
        () => new FakeHidTransport(),
      );
    scale('/dev/hidraw3', 'DYM-0002');
    scale('/dev/hidraw7', 'DYM-0001');
    hid.plug(
      {
        path: '/dev/hidraw2',
        vendorId: 0x0c2e,
        productId: 0x0b8f,
        product: 'Xenon 1950g',
        usagePage: SCANNER_USAGE_PAGE,
        usage: BAR_CODE_SCANNER_USAGE,
      },
      () => new FakeHidTransport(),
    );
    return hid;
  }

  async function list(args: readonly string[], hid: FakeHidBackend) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runDeviceCommand(
      'devices',
      ['list', ...args],
      { out: (line) => out.push(line), err: (line) => err.push(line) },
      { hid },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('says which attached device this station and the others use, following a HID scale to its new path', async () => {
    const { dataDir, file } = seededStore();
    const before = fs.readFileSync(file);
    const json = await list(['--data-dir', dataDir, '--station', 'PACK-T', '--json'], attached());
    expect(json).toMatchObject({ code: 0, err: '' });
    const found = JSON.parse(json.out) as {
      hid: { path: string; serialNumber: string | null; usedAs: unknown[] }[];
      station: unknown;
    };
    const byPath = Object.fromEntries(found.hid.map((device) => [device.path, device]));
    expect(byPath['/dev/hidraw7']!.usedAs).toEqual([{ as: 'scale', station: 'PACK-T', thisStation: true }]);
    expect(byPath['/dev/hidraw7']!.serialNumber).toBe('DYM-0001');
    expect(byPath['/dev/hidraw3']!.usedAs).toEqual([]);
    expect(byPath['/dev/hidraw2']!.usedAs).toEqual([{ as: 'scanner', station: 'PACK-2', thisStation: false }]);
    expect(found.station).toEqual({ name: 'PACK-T', dataDir, settingsFrom: file });

    const human = await list(['--data-dir', dataDir, '--station', 'PACK-T'], attached());
    const lines = human.out.split('\n');
    const scaleAt = lines.findIndex((line) => line.startsWith('  /dev/hidraw7  '));
    expect(lines.slice(scaleAt + 1, scaleAt + 4)).toEqual([
      '    can be: USB shipping scale (HID POS)',
      '    try:    packbench devices weigh --hid --hid-path /dev/hidraw7',
      '    used as: scale (this station)',
    ]);
    const scannerAt = lines.findIndex((line) => line.startsWith('  /dev/hidraw2  '));
    expect(lines[scannerAt + 3]).toBe('    used as: scanner (station PACK-2)');
    const twinAt = lines.findIndex((line) => line.startsWith('  /dev/hidraw3  '));
    expect(lines[twinAt + 3]).not.toMatch(/used as/);
    expect(human.out).toContain(`"Used as" is from the saved settings in ${file}; this station is PACK-T`);

    // Read, never written.
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('takes the store folder from --data-dir and creates nothing where there is no store', async () => {
    const { dataDir, file } = seededStore();
    const json = await run(['devices', 'list', '--data-dir', dataDir, '--station', 'PACK-T', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).station).toEqual({ name: 'PACK-T', dataDir, settingsFrom: file });
    // The global options before the group mean the same.
    const global = await run(['--data-dir', dataDir, '--json', 'devices', 'list', '--station', 'PACK-T']);
    expect(global.code).toBe(0);
    expect(JSON.parse(global.stdout).station).toEqual({ name: 'PACK-T', dataDir, settingsFrom: file });

    const nowhere = path.join(tempDir(), 'no-store-here');
    const human = await run(['devices', 'list', '--data-dir', nowhere]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`No store in ${nowhere}, so no saved device settings to compare with`);
    expect(human.stdout).not.toContain('used as:');
    expect(fs.existsSync(nowhere)).toBe(false);
  });

  it('refuses an empty --station', async () => {
    const result = await list(['--station', ' '], new FakeHidBackend());
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--station needs the station name/);
  });
});

describe('packbench device commands refuse bad input clearly', () => {
  it.each([
    [
      ['devices', 'weigh', '--port', '/dev/null', '--protocol', 'sartorius'],
      /Unknown scale protocol "sartorius": use one of mt-sics, toledo, nci, continuous\./,
    ],
    [
      ['devices', 'weigh', '--protocol', 'nci'],
      /Say which scale to weigh with: --port PATH \(serial\) or --hid \(USB\)\./,
    ],
    [
      ['devices', 'weigh', '--port', '/dev/packbench-no-such-port', '--protocol', 'mt-sics'],
      /Nothing is plugged in at \/dev\/packbench-no-such-port/,
    ],
    [
      ['devices', 'weigh', '--port', '/dev/null', '--protocol', 'nci', '--baud', 'fast'],
      /--baud must be a number such as 9600, not "fast"/,
    ],
    [['devices', 'scan-test'], /Say which scanner to test: --port PATH/],
    [
      ['devices', 'scan-test', '--port', '/dev/packbench-no-such-port'],
      /Nothing is plugged in at \/dev\/packbench-no-such-port/,
    ],
    [['devices', 'print-test', '--serial', 'S'], /Say which printer to test: --printer tcp:\/\/HOST:PORT/],
    [['devices', 'print-test', '--printer', '10.0.0.5', '--serial', 'S'], /"10\.0\.0\.5" is not a printer address/],
    [['devices', 'print-test', '--printer', 'file:/tmp'], /Say which serial number to print/],
    [
      ['devices', 'calibrate'],
      /"devices calibrate" is not a command; use devices list, weigh, print-test or scan-test\./,
    ],
    [['simulate', 'scale', '--protocol', 'dymo'], /Unknown scale protocol "dymo"/],
    [['simulate', 'printer', '--port', 'ninety'], /--port must be a TCP port number/],
    [
      ['simulate', 'scanner', '--scans', '/nonexistent/scans.txt'],
      /There is no scan file at \/nonexistent\/scans\.txt\./,
    ],
  ] as const)('%j', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^packbench: /);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('reports a printer that refuses the connection with exit 1', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const result = await run(['devices', 'print-test', '--printer', `tcp://127.0.0.1:${port}`, '--serial', 'S-2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused the connection/);
  });
});
