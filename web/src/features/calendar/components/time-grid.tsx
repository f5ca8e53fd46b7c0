import { useRef, useState, type KeyboardEvent, type PointerEvent } from "react";

import { formatWallClock } from "@/lib/format";
import { cn } from "@/lib/utils";

import { statusLabel } from "@/features/appointments";
import { type CalendarBlock, type CalendarSpan } from "../api/get-calendar";
import { layoutBlocks, ROW_MINUTES, spanInColumn } from "../layout";

const ROW_PX = 22;
const MINUTE_MS = 60_000;
const HATCH = "repeating-linear-gradient(135deg, rgb(100 116 139 / 0.35) 0 3px, transparent 3px 9px)";

export interface GridColumn {
  key: string;
  /** Header: the doctor's name (day view) or the date (week view). */
  label: string;
  doctorId: number;
  doctorName: string;
  /** "Tue 8 Dec" in a week view (cell and block names say it), null in a day view. */
  dayLabel: string | null;
  /** Epoch ms of the column's first row. */
  origin: number;
  opening: CalendarSpan[];
  timeOff: CalendarSpan[];
  blocks: CalendarBlock[];
}

export interface GridMove {
  block: CalendarBlock;
  column: GridColumn;
  start: number;
  end: number;
}

interface Moving {
  blockId: number;
  column: number;
  start: number;
  duration: number;
}

interface TimeGridProps {
  label: string;
  columns: GridColumn[];
  /** Minutes shown per column, from each column's origin. */
  viewMinutes: number;
  zone: string;
  /** Empty cells are buttons when given ("Book Dr X at 10:15"). */
  onCell?: (column: GridColumn, start: number) => void;
  onBlock: (column: GridColumn, block: CalendarBlock) => void;
  /** Blocks can be moved (keyboard and mouse) when given; `acrossColumns` when columns are days of one doctor. */
  onMove?: (move: GridMove) => void;
  acrossColumns?: boolean;
}

const time = (ms: number, zone: string) => formatWallClock(new Date(ms), zone, "HH:mm");

/** The name a block button has: patient, time, doctor, status (and the day in a week view). */
export function blockName(block: CalendarBlock, column: GridColumn, zone: string): string {
  const when = `${column.dayLabel === null ? "" : `${column.dayLabel} `}${time(Date.parse(block.start), zone)}–${time(Date.parse(block.end), zone)}`;
  return `${block.patientName}, ${when}, ${column.doctorName}, ${statusLabel(block.status)}`;
}

/**
 * The calendar's time grid: a column per doctor (day view) or per day (one doctor's week),
 * ROW_MINUTES rows on the viewer's clock, opening hours shaded, time off hatched, appointments
 * as blocks sized by duration, coloured by visit type. Keyboard: a block's Enter (or M) picks
 * it up, arrows move it (up/down 15 minutes, left/right a column when allowed), Enter drops it
 * (`onMove`), Escape puts it back; the mouse drags it the same way. Moves are announced.
 */
export function TimeGrid({ label, columns, viewMinutes, zone, onCell, onBlock, onMove, acrossColumns = false }: TimeGridProps) {
  const [moving, setMoving] = useState<Moving | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const rows = Math.ceil(viewMinutes / ROW_MINUTES);
  const first = columns[0]?.origin ?? 0;

  function where(state: Moving): string {
    const column = columns[state.column];
    if (column === undefined) return "";
    return `${column.dayLabel === null ? "" : `${column.dayLabel} `}${time(state.start, zone)} with ${column.doctorName}`;
  }

  function pickUp(block: CalendarBlock, column: number) {
    const start = Date.parse(block.start);
    const state = { blockId: block.id, column, start, duration: Date.parse(block.end) - start };
    setMoving(state);
    setAnnouncement(`Moving ${block.patientName}. Now ${where(state)}. Arrow keys move it, Enter confirms, Escape cancels.`);
  }

  function shift(state: Moving, minutes: number, columnsBy: number): Moving | null {
    const target = columns[state.column + columnsBy];
    const current = columns[state.column];
    if (target === undefined || current === undefined) return null;
    if (columnsBy !== 0 && !acrossColumns) return null;
    const start = state.start + minutes * MINUTE_MS + (target.origin - current.origin);
    if (start < target.origin || start + state.duration > target.origin + viewMinutes * MINUTE_MS) return null;
    return { ...state, column: state.column + columnsBy, start };
  }

  function drop(state: Moving, block: CalendarBlock) {
    setMoving(null);
    const column = columns[state.column];
    if (column === undefined || onMove === undefined) return;
    if (state.start === Date.parse(block.start)) {
      setAnnouncement(`${block.patientName} stays where it was.`);
      return;
    }
    setAnnouncement(`Move ${block.patientName} to ${where(state)}?`);
    onMove({ block, column, start: state.start, end: state.start + state.duration });
  }

  function blockKeys(event: KeyboardEvent, block: CalendarBlock, column: number) {
    if (onMove === undefined) return;
    const held = moving !== null && moving.blockId === block.id ? moving : null;
    if (held === null) {
      if (event.key === "Enter" || event.key.toLowerCase() === "m") {
        event.preventDefault();
        pickUp(block, column);
      }
      return;
    }
    const steps: Record<string, [number, number]> = {
      ArrowUp: [-ROW_MINUTES, 0], ArrowDown: [ROW_MINUTES, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1],
    };
    const step = steps[event.key];
    if (step !== undefined) {
      event.preventDefault();
      const next = shift(held, step[0], step[1]);
      if (next === null) {
        setAnnouncement(step[1] !== 0 && !acrossColumns ? "An appointment stays with its doctor: move it up or down." : "It cannot go further.");
      } else {
        setMoving(next);
        setAnnouncement(`Now ${where(next)}.`);
      }
    } else if (event.key === "Enter") {
      event.preventDefault();
      drop(held, block);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setMoving(null);
      setAnnouncement(`Move of ${block.patientName} cancelled.`);
    }
  }

  function pointerDown(event: PointerEvent<HTMLButtonElement>, block: CalendarBlock, column: number) {
    if (onMove === undefined || event.button !== 0) return;
    drag.current = { x: event.clientX, y: event.clientY, moved: false };
    event.currentTarget.setPointerCapture(event.pointerId);
    const start = Date.parse(block.start);
    setMoving({ blockId: block.id, column, start, duration: Date.parse(block.end) - start });
  }

  function pointerMove(event: PointerEvent<HTMLButtonElement>, block: CalendarBlock, column: number) {
    const from = drag.current;
    if (from === null) return;
    const rowsBy = Math.round((event.clientY - from.y) / ROW_PX);
    const under = document.elementsFromPoint(event.clientX, event.clientY)
      .map((element) => (element as HTMLElement).dataset.column)
      .find((value) => value !== undefined);
    const columnsBy = acrossColumns && under !== undefined ? Number(under) - column : 0;
    if (rowsBy === 0 && columnsBy === 0 && !from.moved) return;
    from.moved = true;
    const start = Date.parse(block.start);
    const next = shift({ blockId: block.id, column, start, duration: Date.parse(block.end) - start }, rowsBy * ROW_MINUTES, columnsBy);
    if (next !== null) setMoving(next);
  }

  function pointerUp(block: CalendarBlock, column: number) {
    const from = drag.current;
    drag.current = null;
    if (from === null) return;
    if (!from.moved || moving === null) {
      setMoving(null);
      onBlock(columns[column] as GridColumn, block);
      return;
    }
    drop(moving, block);
  }

  return (
    <div className="grid gap-2">
      <p aria-live="assertive" className="sr-only" data-testid="calendar-announcement">{announcement}</p>
      <div role="group" aria-label={label} className="overflow-x-auto rounded-md border">
        <div className="flex min-w-fit">
          <div className="sticky left-0 z-20 w-14 shrink-0 border-r bg-background" aria-hidden="true">
            <div className="h-10 border-b" />
            {Array.from({ length: rows }, (_, row) => (
              <div key={row} className="pr-1 text-right text-xs text-muted-foreground" style={{ height: ROW_PX }}>
                {row % 4 === 0 ? time(first + row * ROW_MINUTES * MINUTE_MS, zone) : ""}
              </div>
            ))}
          </div>
          {columns.map((column, index) => (
            <div key={column.key} role="group" aria-label={column.label} className="min-w-40 flex-1 border-r last:border-r-0">
              <div className="sticky top-0 flex h-10 items-center justify-center border-b bg-background px-2 text-center text-sm font-medium">
                {column.label}
              </div>
              <div className="relative bg-muted/70" style={{ height: rows * ROW_PX }} data-column={index}>
                {column.opening.map((span) => {
                  const box = spanInColumn({ start: Date.parse(span.start), end: Date.parse(span.end) }, column.origin, viewMinutes);
                  return box === null ? null : (
                    <div key={`o${span.start}`} aria-hidden="true" className="absolute inset-x-0 bg-background"
                      style={{ top: (box.top / ROW_MINUTES) * ROW_PX, height: (box.height / ROW_MINUTES) * ROW_PX }} />
                  );
                })}
                {column.timeOff.map((span) => {
                  const box = spanInColumn({ start: Date.parse(span.start), end: Date.parse(span.end) }, column.origin, viewMinutes);
                  return box === null ? null : (
                    <div key={`t${span.start}`} aria-hidden="true" title="Time off" data-testid="time-off" className="absolute inset-x-0"
                      style={{ top: (box.top / ROW_MINUTES) * ROW_PX, height: (box.height / ROW_MINUTES) * ROW_PX, backgroundImage: HATCH }} />
                  );
                })}
                {Array.from({ length: rows }, (_, row) => {
                  const start = column.origin + row * ROW_MINUTES * MINUTE_MS;
                  const style = { top: row * ROW_PX, height: ROW_PX };
                  const line = cn("absolute inset-x-0 border-t", row % 4 === 0 ? "border-border" : "border-border/40");
                  return onCell === undefined ? (
                    <div key={row} aria-hidden="true" className={line} style={style} />
                  ) : (
                    <button key={row} type="button" className={cn(line, "bg-transparent hover:bg-primary/10 focus-visible:z-10 focus-visible:outline-2 focus-visible:outline-primary")}
                      style={style} aria-label={`Book ${column.doctorName} ${column.dayLabel === null ? "" : `on ${column.dayLabel} `}at ${time(start, zone)}`}
                      onClick={() => { onCell(column, start); }} />
                  );
                })}
                {layoutBlocks(column.blocks.map((b) => ({ id: b.id, start: Date.parse(b.start), end: Date.parse(b.end) })), column.origin, viewMinutes).map((placed) => {
                  const block = column.blocks.find((b) => b.id === placed.id) as CalendarBlock;
                  const held = moving?.blockId === block.id;
                  return (
                    <button key={block.id} type="button" data-block={block.id}
                      aria-describedby={onMove === undefined ? undefined : "calendar-move-help"}
                      className={cn("absolute z-10 overflow-hidden rounded-md border border-l-4 bg-card px-1 text-left text-xs leading-tight shadow-sm hover:bg-accent focus-visible:outline-2 focus-visible:outline-primary",
                        held && "opacity-50", onMove !== undefined && "touch-none")}
                      style={{
                        top: (placed.top / ROW_MINUTES) * ROW_PX,
                        height: (placed.height / ROW_MINUTES) * ROW_PX - 1,
                        left: `calc(${String((placed.lane / placed.lanes) * 100)}% + 1px)`,
                        width: `calc(${String(100 / placed.lanes)}% - 2px)`,
                        borderLeftColor: block.visitType?.colour ?? "#64748b",
                      }}
                      onClick={(event) => { if (event.detail === 0 || onMove === undefined) onBlock(column, block); }}
                      onKeyDown={(event) => { blockKeys(event, block, index); }}
                      onPointerDown={(event) => { pointerDown(event, block, index); }}
                      onPointerMove={(event) => { pointerMove(event, block, index); }}
                      onPointerUp={() => { pointerUp(block, index); }}
                      onPointerCancel={() => { drag.current = null; setMoving(null); }}
                      onBlur={() => { if (held && drag.current === null) { setMoving(null); } }}>
                      {/* The name is the text: patient, (day,) time, doctor, status; the rest is for screen readers. */}
                      <span className="block truncate font-medium">{block.patientName}<span className="sr-only">,</span></span>
                      <span className="block truncate">
                        {column.dayLabel !== null && <span className="sr-only">{column.dayLabel} </span>}
                        {time(Date.parse(block.start), zone)}
                        <span className="sr-only">–{time(Date.parse(block.end), zone)}, {column.doctorName},</span>{" "}
                        {statusLabel(block.status)}
                      </span>
                    </button>
                  );
                })}
                {moving !== null && moving.column === index && (
                  <div aria-hidden="true" data-testid="move-target" className="pointer-events-none absolute inset-x-1 z-30 rounded-md border-2 border-dashed border-primary bg-primary/10"
                    style={{ top: ((moving.start - column.origin) / MINUTE_MS / ROW_MINUTES) * ROW_PX, height: (moving.duration / MINUTE_MS / ROW_MINUTES) * ROW_PX }} />
                )}
              </div>
            </div>
          ))}
        </div>
      </div>
      {onMove !== undefined && (
        <p id="calendar-move-help" className="text-xs text-muted-foreground">
          Click an appointment (or press Space) for its actions. To move one, drag it, or press Enter or M on it, then the
          arrow keys, then Enter; Escape cancels.
        </p>
      )}
    </div>
  );
}
