export { parseAimPrefix, type Symbology } from './aim';
export {
  GS,
  aiDefinition,
  formatBracketed,
  formatElementString,
  gs1Date,
  gs1Year,
  parseBracketed,
  parseDigitalLink,
  parseElementString,
  type AiDefinition,
  type Gs1Data,
  type Gs1Element,
  type Gs1Options,
  type Gs1Result,
} from './gs1';
export { expandUpcE, gtinCheckDigit, gtinVariants, hasValidCheckDigit, isValidGtin, toGtin14 } from './gtin';
export {
  DEFAULT_MAX_SCAN_LENGTH,
  parseScan,
  type ParseScanOptions,
  type ParsedScan,
  type ScanParseError,
} from './parse-scan';
