import { intlLocale, messagesLang, plural } from '@/lib/i18n/messages';

/**
 * Short figures and dates for the card. In English written by hand: the first Intl formatter a
 * kick.com page builds costs 40–66 ms of its main thread (measured in Chromium on this machine: a fresh tab's first
 * `new Intl.DateTimeFormat`/`NumberFormat`/`Intl.Locale`, whichever comes first), which was most of a first card
 * open (issue #12). The one thing taken from the viewer's locale, 12- or 24-hour clock, is looked up by the background
 * (lib/background/card-ui-injection.ts) and handed over with the card's UI. In the other languages (issue #26) Intl
 * writes them, in the UI's locale: that first open pays Intl's start-up once.
 */

const byIntl = () => messagesLang() !== 'en';
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function intl<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(make: new (locale: string, options: object) => T, options: object): T {
  const key = make.name + JSON.stringify(options);
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = new make(intlLocale(), options)));
  return formatter;
}
const dateIntl = (d: Date, options: Intl.DateTimeFormatOptions) => intl(Intl.DateTimeFormat, options).format(d);
/** Forgets the formatters, for tests that change language. */
export const resetFormatters = () => formatters.clear();

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const UNITS = ['', 'K', 'M', 'B', 'T'] as const;

/** As Intl's English compact notation with one fraction digit: 87, 999, 1K, 254.3K, 1.2M (format.test.ts compares). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (byIntl()) return intl(Intl.NumberFormat, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  let unit = 0;
  while (unit < UNITS.length - 1 && abs >= 1000 ** (unit + 1)) unit++;
  // Tenths of the unit by one division of the whole number, which is exact where repeated division by 1000 is not
  // (1,150 / 1000 * 10 is 11.4999…, and Intl says 1.2K).
  const tenthsOf = (u: number) => Math.round(u ? abs / 10 ** (3 * u - 1) : abs * 10);
  let tenths = tenthsOf(unit);
  // 999,950 is 1000K at one decimal: Intl says 1M.
  if (tenths >= 10_000 && unit < UNITS.length - 1) tenths = tenthsOf(++unit);
  return `${sign}${tenths / 10}${UNITS[unit]}`;
}

function parse(iso: string | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  // Kick uses 0001-01-01 for "never".
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 2000 ? null : d;
}

// Dates are the viewer's, like every time on the card (formatExact below): a follow at 23:30 on Nov 22 in New York is
// "Nov 22", which in UTC is already Nov 23.
export function formatMonthYear(iso: string | undefined): string | null {
  const d = parse(iso);
  if (d && byIntl()) return dateIntl(d, { month: 'short', year: 'numeric' });
  return d ? `${MONTHS[d.getMonth()]} ${d.getFullYear()}` : null;
}

export function formatDay(iso: string | undefined): string | null {
  const d = parse(iso);
  if (d && byIntl()) return dateIntl(d, { dateStyle: 'medium' });
  return d ? `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}` : null;
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

/** "3 years ago", "today": formatAge's figure as the language says how long ago. */
export function formatAgo(iso: string | undefined, now = Date.now()): string | null {
  const age = formatAge(iso, now);
  if (!age || !byIntl()) return age && (age === 'today' ? age : `${age} ago`);
  const days = Math.floor((now - parse(iso)!.getTime()) / 86_400_000);
  const months = Math.floor(days / 30.44);
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] = days < 31 ? [days, 'day'] : months < 12 ? [months, 'month'] : [Math.floor(months / 12), 'year'];
  return intl(Intl.RelativeTimeFormat, { numeric: 'auto' }).format(-value, unit);
}

/** "1 h 52 min" until a moment, for live durations and token expiry. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h >= 48) return plural('duration.days', Math.floor(h / 24));
  return h ? plural('duration.hoursMinutes', h, { m }) : plural('duration.minShort', m);
}

export function initials(name: string): string {
  const letters = name.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(/\s+/).map((w) => w[0] ?? '');
  return (letters.length > 1 ? letters[0]! + letters[1]! : (name.replace(/[^\p{L}\p{N}]/gu, '').slice(0, 2) || '?')).toUpperCase();
}

let hour12 = false;
/** The viewer's clock, 12- or 24-hour; 24 until told (the background reads it from the browser's locale). */
export function setHourCycle(twelve: boolean): void {
  hour12 = twelve;
}

const pad = (n: number) => String(n).padStart(2, '0');
function clockOf(d: Date, seconds: boolean): string {
  if (byIntl()) return dateIntl(d, { hour: 'numeric', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}) });
  const h = d.getHours();
  const rest = `${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
  return hour12 ? `${h % 12 || 12}:${rest} ${h < 12 ? 'AM' : 'PM'}` : `${pad(h)}:${rest}`;
}

/** "14:05" or "2:05 PM", local (like Kick's chat times). */
export const formatClock = (ms: number) => clockOf(new Date(ms), false);
/** "Nov 23, 14:05": a message time that may be days old. */
export const formatDayClock = (ms: number) => {
  const d = new Date(ms);
  if (byIntl()) return dateIntl(d, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  return `${MONTHS[d.getMonth()]} ${d.getDate()}, ${clockOf(d, false)}`;
};
/** The clock alone for a moment within 12 hours of now, else with its day (a ban's time, a timeout's end). */
export const formatNearClock = (ms: number) => (Math.abs(ms - Date.now()) > 12 * 3_600_000 ? formatDayClock : formatClock)(ms);
/** "Nov 23, 2026, 14:05:33": the exact local moment behind a short label. */
export const formatExact = (ms: number) => {
  const d = new Date(ms);
  if (byIntl()) return dateIntl(d, { dateStyle: 'medium', timeStyle: 'medium' });
  return `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}, ${clockOf(d, true)}`;
};
