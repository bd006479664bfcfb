/** A JSON value as an error message shows it: `String()` throws on objects whose `toString` is not a function. */
export function describeJson(v: unknown): string {
  if (typeof v !== 'object' || v === null) return String(v);
  const text = JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
