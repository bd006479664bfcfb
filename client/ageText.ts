/**
 * How old something is, in the words a status bar uses: "just now", "12 min", "3 h", "2 days".
 * Undefined for a time that cannot be read; a time in the future (a clock ahead) is "just now".
 */
export function ageText(fromIso: string, now: Date = new Date()): string | undefined {
  const from = Date.parse(fromIso);
  if (Number.isNaN(from)) return undefined;
  const minutes = Math.floor((now.getTime() - from) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}
