import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderLabelPreviews } from '../../src/main/devices/printer/preview/label-preview';
import { code128Codewords, dataMatrixData, parseZpl } from '../../src/main/devices/printer/preview/zpl-parse';

/** Decodes the previews' own PNG form (8-bit grey, filter 0) to check pixels. */
function decode(png: Buffer): { width: number; height: number; black: (x: number, y: number) => boolean } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  return { width, height, black: (x, y) => raw[y * (width + 1) + 1 + x] === 0 };
}

function countBlack(image: ReturnType<typeof decode>, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (image.black(x, y)) n++;
  return n;
}

describe('label preview', () => {
  it('draws one image per format at the size the ZPL sets', () => {
    const previews = renderLabelPreviews('^XA^PW400^LL200^XZ^XA^PW300^LL150^XZ');
    expect(previews.map((p) => [p.width, p.height])).toEqual([
      [400, 200],
      [300, 150],
    ]);
    const [first] = previews;
    const image = decode(first!.png);
    expect([image.width, image.height]).toEqual([400, 200]);
    expect(countBlack(image, 0, 0, 400, 200)).toBe(0);
  });

  it('draws ^GB boxes: a frame stays hollow, a thick box is solid', () => {
    const [preview] = renderLabelPreviews('^XA^PW200^LL200^FO10,10^GB100,80,4^FS^FO120,120^GB50,50,50^FS^XZ');
    const image = decode(preview!.png);
    expect(image.black(10, 10)).toBe(true);
    expect(image.black(109, 89)).toBe(true);
    expect(image.black(13, 50)).toBe(true);
    expect(image.black(14, 50)).toBe(false);
    expect(countBlack(image, 20, 20, 100, 80)).toBe(0);
    expect(countBlack(image, 120, 120, 170, 170)).toBe(2500);
  });

  it('puts text where ^FO places it, and only there', () => {
    const [preview] = renderLabelPreviews('^XA^PW400^LL100^FO50,20^A0N,40,40^FDHELLO^FS^XZ');
    const image = decode(preview!.png);
    expect(countBlack(image, 50, 20, 400, 60)).toBeGreaterThan(200);
    expect(countBlack(image, 0, 0, 50, 100)).toBe(0);
    expect(countBlack(image, 0, 62, 400, 100)).toBe(0);
  });

  it('right-aligns text in a ^FB block', () => {
    const [preview] = renderLabelPreviews('^XA^PW400^LL60^FO0,10^A0N,30,30^FB400,1,0,R,0^FDEnd^FS^XZ');
    const image = decode(preview!.png);
    expect(countBlack(image, 0, 0, 300, 60)).toBe(0);
    expect(countBlack(image, 300, 0, 400, 60)).toBeGreaterThan(50);
  });

  it('draws a Code 128 with bars of whole modules from the field origin', () => {
    const [preview] = renderLabelPreviews('^XA^PW600^LL100^FO20,10^BY3^BCN,50,N,N,N^FD>:ABC^FS^XZ');
    const image = decode(preview!.png);
    // Start B begins with a 2-module bar: dots 20–25 black, then a 1-module space.
    expect([20, 25, 26, 28].map((x) => image.black(x, 30))).toEqual([true, true, false, false]);
    expect(image.black(19, 30)).toBe(false);
    expect(countBlack(image, 0, 61, 600, 100)).toBe(0);
  });

  it('enlarges by a whole factor', () => {
    const [preview] = renderLabelPreviews('^XA^PW100^LL50^FO0,0^GB10,10,10^FS^XZ', { scale: 3 });
    const image = decode(preview!.png);
    expect([image.width, image.height]).toEqual([300, 150]);
    expect(countBlack(image, 0, 0, 300, 150)).toBe(900);
  });

  it('lists what it cannot show instead of silently differing from the print', () => {
    const [preview] = renderLabelPreviews(
      '^XA^PW200^LL200^FO10,10^BQN,2,4^FDQA,hello^FS^FO10,100^A0R,20,20^FDup^FS^XZ',
    );
    expect(preview!.warnings).toEqual(
      expect.arrayContaining(['^BQ is not shown in the preview.', 'Rotated text is previewed upright.']),
    );
  });

  it('reports a barcode it cannot draw and still draws the rest', () => {
    const [preview] = renderLabelPreviews('^XA^PW200^LL100^FO10,10^BXN,4,200^FD^FS^FO0,80^GB200,20,20^FS^XZ');
    expect(preview!.warnings.join(' ')).toMatch(/datamatrix at 10,10 could not be drawn/);
    expect(countBlack(decode(preview!.png), 0, 80, 200, 100)).toBe(4000);
  });
});

describe('reading ZPL field data', () => {
  it.each([
    ['AB', [104, 33, 34]],
    ['>:AB', [104, 33, 34]],
    ['>9AB', [103, 33, 34]],
    ['>;123456', [105, 12, 34, 56]],
    ['>;12D4', [105, 12]],
    ['>:A>5123>6B', [104, 33, 99, 12, 100, 34]],
    ['>:>8A', [104, 102, 33]],
  ])('Code 128 %j makes codewords %j', (data, codewords) => {
    expect(code128Codewords(data).codewords).toEqual(codewords);
  });

  it('decodes ^FH hex as UTF-8 under ^CI28 and as single bytes without it', () => {
    const [utf8] = parseZpl('^XA^CI28^FO0,0^FH^FDcaf_C3_A9 _5E^FS^XZ');
    const [latin] = parseZpl('^XA^FO0,0^FH^FDcaf_E9^FS^XZ');
    expect(utf8?.elements[0]).toMatchObject({ kind: 'text', text: 'café ^' });
    expect(latin?.elements[0]).toMatchObject({ kind: 'text', text: 'café' });
  });

  it('honours another ^FH indicator and leaves stray ones alone', () => {
    const [label] = parseZpl('^XA^FO0,0^FH#^FDa#5Fb_5F#zz^FS^XZ');
    expect(label?.elements[0]).toMatchObject({ text: 'a_b_5F#zz' });
  });

  it('reads DataMatrix escapes: FNC1, doubled escape, decimal byte, control shift', () => {
    expect(dataMatrixData('_101234_121X__Y', '_')).toEqual({ gs1: true, data: '01234\u001d21X_Y' });
    expect(dataMatrixData('A_d065_M', '_')).toEqual({ gs1: false, data: 'AA\r' });
    expect(dataMatrixData('~1AB', '~')).toEqual({ gs1: true, data: 'AB' });
  });
});
