import { gs1CheckDigit, luhnCheckDigit } from '../../packages/server/src/ocr/check-digits.js';
import type { SerialPatternSpec } from '../../packages/server/src/ocr/types.js';
import type { Random } from './random.js';

/**
 * Fonts rendered through fontconfig. They come from Debian's fonts-dejavu-core,
 * fonts-liberation2 and fonts-freefont-ttf packages.
 */
export const fontFamilies = [
  'DejaVu Sans',
  'DejaVu Sans Mono',
  'DejaVu Serif',
  'Liberation Sans',
  'Liberation Sans Narrow',
  'Liberation Mono',
  'Liberation Serif',
  'FreeSans',
  'FreeMono',
] as const;

/** Debian packages that provide {@link fontFamilies}. */
export const fontPackages = ['fonts-dejavu-core', 'fonts-liberation2', 'fonts-freefont-ttf'];

/** Cap height as a fraction of the font size, about right for the fonts above. */
const capHeightRatio = 0.72;

/** A product line's serial format, with a generator of values that fit it. */
interface ProductLine {
  pattern: SerialPatternSpec;
  generate: (random: Random) => string;
}

const digits = '0123456789';
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const hex = '0123456789ABCDEF';
const noIO = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const noIOQ = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

function draw(random: Random, alphabet: string, count: number): string {
  let value = '';
  for (let i = 0; i < count; i += 1) value += alphabet[Math.floor(random.next() * alphabet.length)];
  return value;
}

const asDigits = (value: string) => [...value].map(Number);

export const productLines: readonly ProductLine[] = [
  {
    pattern: { name: 'letters2-digits8', regex: '^[A-Z]{2}\\d{8}$' },
    generate: (r) => draw(r, letters, 2) + draw(r, digits, 8),
  },
  {
    pattern: { name: 'imei', regex: '^\\d{15}$', checkDigit: 'mod10' },
    generate: (r) => {
      const payload = draw(r, digits, 14);
      return payload + luhnCheckDigit(asDigits(payload));
    },
  },
  {
    // Mixed letter-digit positions leave out I, O and Q, as VINs do: no reader can tell O from 0
    // where a format allows both, beyond what the font shows.
    pattern: { name: 'dashed', regex: '^[A-Z]{3}-\\d{4}-[A-HJ-NPR-Z0-9]{4}$' },
    generate: (r) => `${draw(r, letters, 3)}-${draw(r, digits, 4)}-${draw(r, noIOQ, 4)}`,
  },
  {
    pattern: { name: 'mac', regex: '^[0-9A-F]{12}$' },
    generate: (r) => draw(r, hex, 12),
  },
  {
    pattern: { name: 'letter-digits7-letter', regex: '^[A-Z]\\d{7}[A-Z]$' },
    generate: (r) => draw(r, letters, 1) + draw(r, digits, 7) + draw(r, letters, 1),
  },
  {
    pattern: { name: 'year-plant-sequence', regex: '^\\d{4}[A-Z]{2}\\d{5,6}$' },
    generate: (r) => `${r.int(2015, 2025)}${draw(r, letters, 2)}${draw(r, digits, r.int(5, 6))}`,
  },
  {
    pattern: { name: 'gtin12', regex: '^\\d{12}$', checkDigit: 'gs1' },
    generate: (r) => {
      const payload = draw(r, digits, 11);
      return payload + gs1CheckDigit(asDigits(payload));
    },
  },
  {
    pattern: { name: 'alnum10-no-io', regex: '^[A-HJ-NP-Z0-9]{10}$' },
    generate: (r) => draw(r, noIO, 10),
  },
];

const brands = ['NORDTEK', 'Voltara', 'KESTREL', 'Aquilon', 'HELMSDAL', 'Brightwell', 'ORAVIA'];
const countries = ['GERMANY', 'CHINA', 'MEXICO', 'ITALY', 'POLAND', 'VIETNAM', 'CZECH REPUBLIC'];
const ratings = [
  '230V~ 50Hz 1.2A',
  '100-240V~ 50/60Hz 0.8A',
  '12V DC 2A',
  '400V 3~ 50Hz 6.3A',
  '24V AC 0.5A',
];
const serialLabels = ['S/N:', 'S/N', 'SN:', 'Serial No.', 'SER. NO.', 'Serial:'];

/** Text and layout of one label. */
export interface LabelSpec {
  serial: string;
  lines: { text: string; scale: number; bold: boolean; isSerial: boolean }[];
  font: string;
  capHeightPx: number;
  ink: string;
  paper: string;
}

/** Colours of dark-on-light and light-on-dark labels, and low-contrast pairs. */
const lightPapers = ['#ffffff', '#f4f1e8', '#e6e8ea', '#f7e9a8', '#dfe7df'];
const darkInks = ['#111111', '#1c1c3a', '#2a2a2a', '#3b1111'];
const darkPapers = ['#111111', '#1b2a4a', '#2b2b2b', '#0f3322'];
const lightInks = ['#ffffff', '#f0f0f0', '#e8e0c8', '#d8dde2'];

/** Builds a label: brand, model, serial, rating, origin, in a shuffled order. */
export function makeLabel(
  random: Random,
  serial: string,
  capHeightPx: number,
  colours: 'normal' | 'inverted' | 'low-contrast',
): LabelSpec {
  const model = `${random.pick(['MODEL', 'Model', 'MOD.', 'Type'])} ${draw(random, letters, 2)}-${random.int(100, 9999)}${random.chance(0.3) ? draw(random, letters, 1) : ''}`;
  const serialText = random.chance(0.85) ? `${random.pick(serialLabels)} ${serial}` : serial;
  const others = [
    { text: model, scale: random.float(0.8, 1), bold: false, isSerial: false },
    { text: random.pick(ratings), scale: random.float(0.7, 0.95), bold: false, isSerial: false },
    {
      text: `MADE IN ${random.pick(countries)}`,
      scale: random.float(0.65, 0.9),
      bold: false,
      isSerial: false,
    },
  ];
  if (random.chance(0.4))
    others.push({
      text: `P/N ${random.int(1000, 9999)}-${random.int(10, 99)}`,
      scale: 0.8,
      bold: false,
      isSerial: false,
    });

  const lines = [
    { text: random.pick(brands), scale: random.float(1, 1.3), bold: true, isSerial: false },
  ];
  const serialLine = { text: serialText, scale: 1, bold: random.chance(0.4), isSerial: true };
  const insertAt = random.int(0, others.length);
  others.splice(insertAt, 0, serialLine);
  lines.push(...others);

  const { ink, paper } = pickColours(random, colours);
  return { serial, lines, font: random.pick(fontFamilies), capHeightPx, ink, paper };
}

function pickColours(random: Random, colours: 'normal' | 'inverted' | 'low-contrast') {
  if (colours === 'inverted')
    return { ink: random.pick(lightInks), paper: random.pick(darkPapers) };
  if (colours === 'normal') return { ink: random.pick(darkInks), paper: random.pick(lightPapers) };

  // Low contrast: ink 45–70 grey levels from the paper, as on faded or embossed plates.
  const paperLevel = random.int(150, 215);
  const inkLevel = paperLevel - random.int(45, 70);
  const grey = (level: number) => `rgb(${level},${level},${level})`;
  return { ink: grey(inkLevel), paper: grey(paperLevel) };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Renders a label as SVG; returns its size in pixels too. */
export function labelSvg(label: LabelSpec): { svg: string; width: number; height: number } {
  const baseSize = label.capHeightPx / capHeightRatio;
  const padding = Math.round(baseSize * 0.8);
  const lineGap = 0.55;

  let y = padding;
  let width = 0;
  const texts: string[] = [];
  for (const line of label.lines) {
    const size = baseSize * line.scale;
    y += size * capHeightRatio;
    // Capitals and digits of these fonts are about 0.6 em wide (an estimate), so 0.64 em, or 0.7 em
    // in bold, leaves room.
    width = Math.max(width, line.text.length * size * (line.bold ? 0.7 : 0.64));
    const weight = line.bold ? ' font-weight="bold"' : '';
    texts.push(
      `<text x="${padding}" y="${y.toFixed(1)}" font-family="${label.font}" font-size="${size.toFixed(2)}"${weight} fill="${label.ink}">${escapeXml(line.text)}</text>`,
    );
    y += size * lineGap;
  }

  const totalWidth = Math.ceil(width + 2 * padding);
  const totalHeight = Math.ceil(y - baseSize * lineGap + padding);
  const radius = Math.round(padding / 2);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${totalWidth}" height="${totalHeight}"><rect width="100%" height="100%" rx="${radius}" fill="${label.paper}"/>${texts.join('')}</svg>`;
  return { svg, width: totalWidth, height: totalHeight };
}
