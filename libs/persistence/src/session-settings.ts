/** PostgreSQL settings for every session a service opens (`-c name=value` at connect). */
export type SessionSettings = Readonly<Record<string, string>>;

/**
 * The database URL with the service's session settings in its `options`
 * parameter. Options already in the URL come after them, so an operator's
 * own `-c` in DATABASE_URL wins (PostgreSQL keeps the last of a setting).
 */
export function withSessionSettings(databaseUrl: string, settings: SessionSettings): string {
  const entries = Object.entries(settings);
  if (entries.length === 0) return databaseUrl;
  const url = new URL(databaseUrl);
  const ours = entries.map(([name, value]) => `-c ${name}=${value}`);
  const theirs = url.searchParams.get('options');
  url.searchParams.set('options', [...ours, ...(theirs === null ? [] : [theirs])].join(' '));
  return url.toString();
}
