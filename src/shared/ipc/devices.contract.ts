import { z } from 'zod';
import { defineContract, defineEvent, NoInput } from './contract';

export const DeviceStatusView = z.object({
  deviceClass: z.enum(['scanner', 'scale', 'printer']),
  state: z.enum(['connected', 'reconnecting', 'error', 'disconnected', 'not-configured']),
  name: z.string(),
  detail: z.string(),
  since: z.string(),
});
export type DeviceStatusView = z.infer<typeof DeviceStatusView>;

export const WeightView = z.object({
  grams: z.number().nullable(),
  stable: z.boolean(),
  status: z.enum([
    'ok',
    'motion',
    'zero',
    'under-zero',
    'over-weight',
    'fault',
    'needs-calibration',
    'needs-rezero',
    'no-reading',
  ]),
});
export type WeightView = z.infer<typeof WeightView>;

const Path = z.string().trim().min(1).max(300);

/**
 * Which USB HID device a choice of path meant, saved with it: operating systems number HID
 * paths anew on each plug (and at each start), so the path alone can point at a device that moved.
 */
export const HidIdentity = z.object({
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  /** Null for devices that report none (two alike cannot then be told apart). */
  serialNumber: z.string().max(200).nullable(),
});
export type HidIdentity = z.infer<typeof HidIdentity>;

export const ScannerConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('wedge') }),
  z.object({
    kind: z.literal('serial'),
    path: Path,
    baudRate: z.number().int().positive().optional(),
    suffix: z.enum(['CR', 'LF', 'CRLF']).optional(),
  }),
  z.object({ kind: z.literal('hid-pos'), path: Path.optional(), identity: HidIdentity.optional() }),
]);
export type ScannerConfig = z.infer<typeof ScannerConfig>;

export const ScaleConfig = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['mt-sics', 'toledo', 'nci', 'continuous']),
    path: Path,
    baudRate: z.number().int().positive().optional(),
    unit: z.enum(['lb', 'kg']).optional(),
  }),
  z.object({ kind: z.literal('hid-pos'), path: Path.optional(), identity: HidIdentity.optional() }),
]);
export type ScaleConfig = z.infer<typeof ScaleConfig>;

export const PrinterConfig = z.object({
  /** tcp://HOST:PORT, usb:VID:PID, cups:QUEUE or file:FOLDER */
  address: z.string().trim().min(3).max(300),
  dpi: z.union([z.literal(203), z.literal(300), z.literal(600)]).default(203),
  labelWidthMm: z.number().min(10).max(220).default(101.6),
  labelHeightMm: z.number().min(10).max(400).default(152.4),
  darkness: z.number().int().min(0).max(30).nullable().default(null),
  /** Print a serial label for every shipped serial too (besides the packing label). */
  serialLabels: z.boolean().default(false),
});
export type PrinterConfig = z.infer<typeof PrinterConfig>;

export const DevicesConfig = z.object({
  scanner: ScannerConfig.nullable(),
  scale: ScaleConfig.nullable(),
  printer: PrinterConfig.nullable(),
});
export type DevicesConfig = z.infer<typeof DevicesConfig>;

/** Whether USB plug-in and unplug events reach the station, and why not when they do not. */
export const HotplugView = z.object({
  state: z.enum(['on', 'off', 'starting']),
  reason: z.string().nullable(),
});
export type HotplugView = z.infer<typeof HotplugView>;

export const DevicesView = z.object({
  statuses: z.array(DeviceStatusView),
  config: DevicesConfig,
  weight: WeightView.nullable(),
  /** Absent from stations that do not report it. */
  hotplug: HotplugView.optional(),
});
export type DevicesView = z.infer<typeof DevicesView>;

/** Device statuses, this station's device configuration, and the last weight. */
export const getDevices = defineContract({ channel: 'devices:get', input: NoInput, output: DevicesView });

/** What is attached: serial ports, HID devices (scanners usage page 0x8C, scales 0x8D), USB printers. */
export const discoverDevices = defineContract({
  channel: 'devices:discover',
  input: NoInput,
  output: z.object({
    serialPorts: z.array(z.object({ path: z.string(), description: z.string() })),
    hid: z.array(
      z.object({ path: z.string().nullable(), description: z.string(), role: z.enum(['scanner', 'scale', 'other']) }),
    ),
    usbPrinters: z.array(z.object({ address: z.string(), description: z.string() })),
    problems: z.array(z.string()),
  }),
});

/** Chooses this station's scanner, scale and printer (supervisor only); devices reconnect at once. */
export const configureDevices = defineContract({
  channel: 'devices:configure',
  input: DevicesConfig.partial(),
  output: DevicesView,
  supervisorOnly: true,
});

/** Waits for a stable weight from the scale. */
export const readWeight = defineContract({
  channel: 'devices:read-weight',
  input: z.object({ timeoutMs: z.number().int().min(500).max(60_000).default(10_000) }).optional(),
  output: WeightView,
});

/** Zeroes the scale. */
export const zeroScale = defineContract({
  channel: 'devices:zero-scale',
  input: NoInput,
  output: z.object({ zeroed: z.boolean() }),
});

export const LabelPreviewImage = z.object({
  dataUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  warnings: z.array(z.string()),
});

/** Prints a test serial label and returns its preview. */
export const printTestLabel = defineContract({
  channel: 'devices:print-test',
  input: z.object({
    serial: z.string().trim().min(1).max(100),
    sku: z.string().max(100).optional(),
    gtin: z.string().max(14).optional(),
  }),
  output: z.object({ ok: z.boolean(), message: z.string(), previews: z.array(LabelPreviewImage) }),
});

/** Prints the command barcodes on the station's label printer and returns their previews. */
export const printCommandLabels = defineContract({
  channel: 'devices:print-commands',
  input: NoInput,
  output: z.object({ ok: z.boolean(), message: z.string(), previews: z.array(LabelPreviewImage) }),
});

/** Device status changes, for the station frame. */
export const devicesStatus = defineEvent({ event: 'devices:status', payload: z.array(DeviceStatusView) });
/** Live scale readings. */
export const devicesWeight = defineEvent({ event: 'devices:weight', payload: WeightView });
/** A scan from a HID or serial scanner, routed to the active wizard. */
export const devicesScan = defineEvent({
  event: 'devices:scan',
  payload: z.object({ text: z.string(), symbology: z.string().nullable(), source: z.string(), receivedAt: z.string() }),
});
