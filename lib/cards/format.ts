/** Short, locale-aware figures for the card. */
// Made on first use, not when the script loads: building Intl formatters is the costliest thing a script start can do
// (the bench's start-up profile put over half of it on these lines).
const once = <T>(make: () => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};
const compact = once(() => new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }));
const monthYear = once(() => new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' }));
const dayMonthYear = once(() => new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }));

export const formatCount = (n: number) => compact().format(n);

function parse(iso: string | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  // Kick uses 0001-01-01 for "never".
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 2000 ? null : d;
}

export function formatMonthYear(iso: string | undefined): string | null {
  const d = parse(iso);
  return d ? monthYear().format(d) : null;
}

export function formatDay(iso: string | undefined): string | null {
  const d = parse(iso);
  return d ? dayMonthYear().format(d) : null;
}

/** "3 years", "5 months", "12 days", "today". */
export function formatAge(iso: string | undefined, now = Date.now()): string | null {
  const d = parse(iso);
  if (!d) return null;
  const days = Math.floor((now - d.getTime()) / 86_400_000);
  if (days < 1) return 'today';
  if (days < 31) return `${days} day${days === 1 ? '' : 's'}`;
  const months = Math.floor(days / 30.44);
  if (months < 12) return `${months} month${months === 1 ? '' : 's'}`;
  const years = Math.floor(months / 12);
  return `${years} year${years === 1 ? '' : 's'}`;
}

/** "1 h 52 min" until a moment, for live durations and token expiry. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h >= 48) return `${Math.floor(h / 24)} days`;
  return h ? `${h} h ${m} min` : `${m} min`;
}

export function initials(name: string): string {
  const letters = name.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(/\s+/).map((w) => w[0] ?? '');
  return (letters.length > 1 ? letters[0]! + letters[1]! : (name.replace(/[^\p{L}\p{N}]/gu, '').slice(0, 2) || '?')).toUpperCase();
}

// Made once, on first use: a toLocaleString call builds a formatter each time, and a card formats two times a message.
let clock: Intl.DateTimeFormat | undefined;
let dayClock: Intl.DateTimeFormat | undefined;
let exact: Intl.DateTimeFormat | undefined;
/** "14:05" or "2:05 PM": local, as the viewer's locale writes it (like Kick's chat times). */
export const formatClock = (ms: number) => (clock ??= new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' })).format(ms);
/** "Nov 23, 2:05 PM": a message time that may be days old. */
export const formatDayClock = (ms: number) =>
  (dayClock ??= new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })).format(ms);
/** The exact local moment behind a short label, seconds included. */
export const formatExact = (ms: number) => (exact ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })).format(ms);
