/** A Cost Explorer amount (a decimal string: `"123.4567891"`, now and then `"1.2E-5"`) in integer micro-dollars. */
export function amountToMicros(amount: string | undefined): number {
  if (amount === undefined || amount.trim() === '') return 0;
  const text = amount.trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (match === null) {
    const value = Number(text);
    return Number.isFinite(value) ? Math.round(value * 1_000_000) : 0;
  }
  const [, sign, whole = '', frac = ''] = match;
  const six = Number(`${frac}000000`.slice(0, 6));
  // Round half up on the seventh decimal, as the display of any amount would.
  const up = Number(frac[6] ?? '0') >= 5 ? 1 : 0;
  const micros = Number(whole || '0') * 1_000_000 + six + up;
  return sign === '-' ? -micros : micros;
}
