import sharp from 'sharp';
import { type Annotation, type AnnotationColor, annotationPalette } from '@lensdesk/protocol';

/** CSS colour of an annotation colour: palette names map to their hex value. */
function cssColor(color: AnnotationColor): string {
  return color in annotationPalette
    ? annotationPalette[color as keyof typeof annotationPalette]
    : color;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Returns the SVG elements of one annotation on an image of `width`×`height` pixels. Frame
 * coordinates are fractions of the image, and stroke widths fractions of its shorter side, as on
 * the customer's screen. Pointers are transient and not drawn.
 */
function shapeOf(annotation: Annotation, width: number, height: number): string {
  const unit = Math.min(width, height);
  const color = cssColor(annotation.color);
  const x = (value: number) => (value * width).toFixed(1);
  const y = (value: number) => (value * height).toFixed(1);

  switch (annotation.type) {
    case 'pointer':
      return '';
    case 'circle':
      return `<ellipse cx="${x(annotation.center.x)}" cy="${y(annotation.center.y)}" rx="${x(annotation.rx)}" ry="${y(annotation.ry)}" fill="none" stroke="${color}" stroke-width="${(annotation.strokeWidth * unit).toFixed(1)}"/>`;
    case 'arrow': {
      const stroke = annotation.strokeWidth * unit;
      const [fromX, fromY, toX, toY] = [
        annotation.from.x * width,
        annotation.from.y * height,
        annotation.to.x * width,
        annotation.to.y * height,
      ];
      const angle = Math.atan2(toY - fromY, toX - fromX);
      const head = stroke * 4;
      const corner = (turn: number) =>
        `${(toX - head * Math.cos(angle + turn)).toFixed(1)},${(toY - head * Math.sin(angle + turn)).toFixed(1)}`;
      return (
        `<line x1="${fromX.toFixed(1)}" y1="${fromY.toFixed(1)}" x2="${toX.toFixed(1)}" y2="${toY.toFixed(1)}" stroke="${color}" stroke-width="${stroke.toFixed(1)}" stroke-linecap="round"/>` +
        `<polygon points="${toX.toFixed(1)},${toY.toFixed(1)} ${corner(Math.PI / 7)} ${corner(-Math.PI / 7)}" fill="${color}"/>`
      );
    }
    case 'freehand': {
      const points = annotation.points.map((point) => `${x(point.x)},${y(point.y)}`).join(' ');
      return `<polyline points="${points}" fill="none" stroke="${color}" stroke-width="${(annotation.strokeWidth * unit).toFixed(1)}" stroke-linecap="round" stroke-linejoin="round"/>`;
    }
    case 'text': {
      const size = (unit * 0.045).toFixed(1);
      return `<text x="${x(annotation.at.x)}" y="${y(annotation.at.y)}" font-family="DejaVu Sans, sans-serif" font-size="${size}" font-weight="bold" text-anchor="middle" dominant-baseline="middle" fill="${color}" stroke="#000" stroke-width="${(unit * 0.004).toFixed(1)}" paint-order="stroke">${escapeXml(annotation.text)}</text>`;
    }
  }
}

/**
 * Returns a JPEG copy of an image with annotations drawn into it at full resolution, for the
 * case record. The stored original is never changed.
 */
export async function drawAnnotations(
  image: Buffer,
  annotations: readonly Annotation[],
): Promise<Buffer> {
  const oriented = sharp(image).autoOrient();
  const { width, height } = await oriented
    .clone()
    .toBuffer({ resolveWithObject: true })
    .then(({ info }) => info);

  const shapes = annotations.map((annotation) => shapeOf(annotation, width, height)).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes}</svg>`;
  return oriented
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .jpeg({ quality: 90 })
    .toBuffer();
}
