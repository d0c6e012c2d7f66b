/**
 * Makes free text fit a DCSA text field: one line, no leading or trailing space (the
 * `^\S(?:.*\S)?$` pattern most DCSA text fields carry) and at most `maxLength` characters.
 * Reasons are often built from error messages of unknown length; a reason that breaks the
 * schema would turn a clear refusal into an invalid message.
 */
export function dcsaText(text: string, maxLength: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= maxLength) return oneLine;
  return `${oneLine.slice(0, maxLength - 1).trimEnd()}…`;
}
