/** The dated-entry form's rules that need no server: the "To" date follows "From". */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface DateRange {
  from: string;
  to: string;
  /** Whether the person changed "To" themselves (then it only moves when it would end first). */
  toTouched: boolean;
}

/** The range after "From" changes: "To" follows it until set by hand, and never ends before it. */
export function withFrom(range: DateRange, from: string): DateRange {
  const follows = !range.toTouched || range.to === "" || (DATE.test(from) && range.to < from);
  return { ...range, from, to: follows ? from : range.to };
}

/** Field messages for a range that cannot be sent as it is (empty when it can). */
export function rangeErrors({ from, to }: DateRange): { date?: string; endDate?: string } {
  if (!DATE.test(from)) return { date: "Choose the first date." };
  if (!DATE.test(to)) return { endDate: "Choose the last date." };
  if (to < from) return { endDate: "Must be on or after the first date." };
  return {};
}
