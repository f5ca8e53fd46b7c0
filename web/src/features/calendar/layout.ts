/**
 * The calendar's geometry, pure (no React, no clock): which rows a view shows, and where each
 * appointment block sits in its column. A column is one doctor on one day; its rows are
 * ROW_MINUTES long, counted from the column's `origin` (the instant of its first row).
 */

export const ROW_MINUTES = 15;
const MINUTE_MS = 60_000;

export interface Timed {
  id: number;
  /** Epoch milliseconds. */
  start: number;
  end: number;
}

export interface Placed {
  id: number;
  /** Minutes from the column's origin to the block's top (clipped to the view). */
  top: number;
  /** Minutes the block spans inside the view (at least one row, so it stays clickable). */
  height: number;
  /** Side by side: this block's lane among `lanes` lanes of its overlapping group. */
  lane: number;
  lanes: number;
}

/**
 * Blocks of one column placed by time: top and height from start and duration; blocks that
 * overlap (directly or through a chain) form a group whose members take lanes side by side,
 * each in the first lane free at its start. Blocks wholly outside the view are left out.
 */
export function layoutBlocks(items: readonly Timed[], origin: number, viewMinutes: number): Placed[] {
  const viewEnd = origin + viewMinutes * MINUTE_MS;
  const visible = items
    .filter((item) => item.end > origin && item.start < viewEnd)
    .toSorted((a, b) => a.start - b.start || b.end - a.end || a.id - b.id);
  const placed: Placed[] = [];
  let group: Placed[] = [];
  let laneEnds: number[] = [];
  let groupEnd = -Infinity;
  const closeGroup = () => {
    for (const block of group) block.lanes = laneEnds.length;
    group = [];
    laneEnds = [];
  };
  for (const item of visible) {
    if (item.start >= groupEnd) closeGroup();
    let lane = laneEnds.findIndex((end) => end <= item.start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(item.end);
    } else {
      laneEnds[lane] = item.end;
    }
    groupEnd = Math.max(item.start >= groupEnd ? -Infinity : groupEnd, item.end);
    const top = Math.max(0, (item.start - origin) / MINUTE_MS);
    const bottom = Math.min(viewMinutes, (item.end - origin) / MINUTE_MS);
    const block: Placed = { id: item.id, top, height: Math.max(ROW_MINUTES, bottom - top), lane, lanes: 1 };
    group.push(block);
    placed.push(block);
  }
  closeGroup();
  return placed;
}

/**
 * The minutes of the day a view shows, [first, last), whole hours: from `fallback` widened to
 * every span given (minutes from its own day's midnight; a span past midnight reaches 24:00).
 */
export function visibleMinutes(
  spans: readonly { start: number; end: number }[],
  fallback: readonly [number, number] = [8 * 60, 18 * 60],
): [number, number] {
  let [first, last] = fallback;
  for (const span of spans) {
    first = Math.min(first, Math.max(0, span.start));
    last = Math.max(last, Math.min(24 * 60, span.end));
  }
  return [Math.floor(first / 60) * 60, Math.ceil(last / 60) * 60];
}

/** A span of instants clipped to a column: [top, bottom) in minutes from its origin, or null. */
export function spanInColumn(
  span: { start: number; end: number },
  origin: number,
  viewMinutes: number,
): { top: number; height: number } | null {
  const top = Math.max(0, (span.start - origin) / MINUTE_MS);
  const bottom = Math.min(viewMinutes, (span.end - origin) / MINUTE_MS);
  return bottom > top ? { top, height: bottom - top } : null;
}
