import { GLYPH_HEIGHT, glyphRows } from './bitmap-font.js';
import { hexToRgb } from './palette.js';

/** An RGBA pixel canvas with the few operations a chart needs: filled rectangles and bitmap text. */
export class Canvas {
  readonly rgba: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: string,
  ) {
    this.rgba = new Uint8Array(width * height * 4);
    this.fillRect(0, 0, width, height, background);
  }

  /** Fills the pixels the box covers (edges rounded; anything not empty covers at least one pixel). */
  fillRect(x: number, y: number, w: number, h: number, color: string): void {
    if (!(w > 0 && h > 0)) return;
    const [r, g, b] = hexToRgb(color);
    const x0 = clamp(Math.round(x), this.width);
    const y0 = clamp(Math.round(y), this.height);
    const x1 = clamp(Math.max(Math.round(x + w), Math.round(x) + 1), this.width);
    const y1 = clamp(Math.max(Math.round(y + h), Math.round(y) + 1), this.height);
    for (let py = y0; py < y1; py++) {
      for (let px = x0; px < x1; px++) {
        const i = (py * this.width + px) * 4;
        this.rgba[i] = r;
        this.rgba[i + 1] = g;
        this.rgba[i + 2] = b;
        this.rgba[i + 3] = 255;
      }
    }
  }

  /** Draws `text` from its top-left corner with each font cell `scale` pixels square. */
  drawText(x: number, y: number, text: string, color: string, scale: number, advance: number, bold = false): void {
    [...text].forEach((ch, n) => {
      const left = Math.round(x) + n * advance;
      glyphRows(ch).forEach((row, ry) => {
        row.forEach((ink, rx) => {
          if (!ink) return;
          this.fillRect(left + rx * scale, Math.round(y) + ry * scale, bold ? scale + 1 : scale, scale, color);
        });
      });
    });
  }

  /** The colour at one pixel as `#rrggbb`. */
  pixel(x: number, y: number): string {
    const i = (y * this.width + x) * 4;
    return `#${[...this.rgba.subarray(i, i + 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  }
}

export const TEXT_SCALE = 2;
export const TEXT_HEIGHT = GLYPH_HEIGHT * TEXT_SCALE;

function clamp(v: number, max: number): number {
  return Math.max(0, Math.min(max, v));
}
