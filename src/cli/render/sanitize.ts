/**
 * Control characters from the spec or from AWS (names, tags, error messages) must never reach the
 * terminal raw: an ESC or CSI could move the cursor, rewrite earlier lines or change the window
 * title, CR could overwrite a line, and bidirectional overrides reorder what is shown. Every line the
 * CLI writes goes through `escapeControls` (see io.ts), so each renderer is covered.
 *
 * C0 controls (except newline and tab) are shown as `\x1b`; DEL, C1 controls and the Unicode line,
 * paragraph and bidi controls as `\u009b`. Both forms are valid inside a JSON string and decode to
 * the same character, so JSON output stays the same document.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
