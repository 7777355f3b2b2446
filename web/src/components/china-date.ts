/**
 * Today's date in China (Asia/Shanghai), YYYY-MM-DD: notices start and end on China dates (rules §5),
 * whatever time zone the browser is in.
 */
export function chinaToday(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A China date (2026-11-27) or an instant (its date in China) → 2026年11月27日, as documents write dates. */
export function documentDate(value: string): string {
  const date = value.length > 10 ? chinaToday(new Date(value)) : value;
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
