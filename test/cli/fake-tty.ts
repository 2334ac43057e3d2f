import type { OutputStream } from '../../src/cli/io.js';

/**
 * A small terminal emulator for tests: text wraps at `columns`, `\n` starts a line, `\r` returns,
 * `ESC[nA` moves up (never above the visible screen, as a real terminal cannot reach the
 * scrollback), `ESC[J` erases below; SGR codes are counted and otherwise ignored.
 */
export class FakeTty implements OutputStream {
  readonly isTTY = true;
  readonly buffer: string[] = [''];
  escapes = 0;
  private row = 0;
  private col = 0;

  constructor(
    readonly columns = 80,
    readonly rows = 24,
  ) {}

  write(chunk: string): boolean {
    // eslint-disable-next-line no-control-regex -- parsing escape sequences is the point
    const tokens = chunk.match(/\u001b\[[0-9;]*[A-Za-z]|[\s\S]/gu) ?? [];
    for (const t of tokens) {
      if (t.startsWith('\u001b[')) this.escape(t);
      else if (t === '\n') this.newline();
      else if (t === '\r') this.col = 0;
      else this.put(t);
    }
    return true;
  }

  /** The lines as they look now, scrollback included, without trailing blank lines. */
  screen(): string[] {
    const lines = this.buffer.map((l) => l.trimEnd());
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  private escape(t: string): void {
    this.escapes++;
    const n = Number(t.slice(2, -1) || '1');
    if (t.endsWith('A')) this.row = Math.max(this.row - n, Math.max(0, this.buffer.length - this.rows));
    else if (t.endsWith('J')) {
      this.buffer[this.row] = this.buffer[this.row]!.slice(0, this.col);
      this.buffer.length = this.row + 1;
    }
  }

  private newline(): void {
    this.row++;
    this.col = 0;
    if (this.row === this.buffer.length) this.buffer.push('');
  }

  private put(ch: string): void {
    if (this.col === this.columns) this.newline();
    const line = [...this.buffer[this.row]!.padEnd(this.col)];
    line[this.col] = ch;
    this.buffer[this.row] = line.join('');
    this.col++;
  }
}
