/** The contract between the serial scale driver and each protocol's pure parser. */

import type { Framing } from '../serial/line-framer';
import type { LineSettings } from '../serial/serial-settings';
import type { ScaleSample } from './types';

export type ProtocolReply =
  | { readonly kind: 'sample'; readonly sample: ScaleSample }
  | { readonly kind: 'zero-done' }
  | { readonly kind: 'zero-refused'; readonly message: string }
  /** The scale answered with an error (syntax, transmission, bad command). */
  | { readonly kind: 'error'; readonly message: string }
  /** Bytes that mean nothing in this protocol: noise, wrong baud rate or wrong protocol. */
  | { readonly kind: 'unreadable'; readonly reason: string; readonly raw: string };

export type ZeroOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface ScaleProtocol {
  /** As technicians know it: "MT-SICS", "Toledo 8217", "NCI (SCP-01)", "continuous output". */
  readonly name: string;
  /** The usual line settings for this protocol. */
  readonly line: LineSettings;
  readonly framing: Framing;
  /** Sent to ask for a weight; null for scales that send on their own. */
  readonly weighCommand: string | null;
  readonly zeroCommand: string | null;
  parse(frame: Uint8Array): ProtocolReply;
  /** What the reply to the zero command means. */
  zeroOutcome(reply: ProtocolReply): ZeroOutcome;
}

/** The messages for failed zeroing shared by the protocols. */
export const ZERO_MESSAGES = {
  motion: 'The scale did not zero because it was moving — keep the platform still and zero again.',
  range: 'The scale did not zero: there is too much weight on the platform — take everything off and zero again.',
  under: 'The scale did not zero: the weight is below its zero range — check nothing is pressing under the platform.',
  refused: 'The scale did not zero — take everything off the platform and zero again.',
} as const;
