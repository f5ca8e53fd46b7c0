import { describe, expect, it } from "vitest";

import { layoutBlocks, spanInColumn, visibleMinutes } from "./layout";

const ORIGIN = Date.UTC(2026, 11, 7, 8, 0);
const at = (hour: number, minute = 0) => Date.UTC(2026, 11, 7, hour, minute);

describe("layoutBlocks", () => {
  it("places a block by its start and sizes it by its duration", () => {
    expect(layoutBlocks([{ id: 1, start: at(9, 15), end: at(10, 0) }], ORIGIN, 600)).toEqual([
      { id: 1, top: 75, height: 45, lane: 0, lanes: 1 },
    ]);
  });

  it("puts overlapping blocks side by side and lets a later one reuse a free lane", () => {
    const placed = layoutBlocks(
      [
        { id: 1, start: at(9), end: at(10) },
        { id: 2, start: at(9, 30), end: at(10, 30) },
        { id: 3, start: at(10), end: at(10, 15) },
        { id: 4, start: at(11), end: at(11, 30) },
      ],
      ORIGIN,
      600,
    );
    const byId = new Map(placed.map((p) => [p.id, p]));
    expect(byId.get(1)).toMatchObject({ lane: 0, lanes: 2 });
    expect(byId.get(2)).toMatchObject({ lane: 1, lanes: 2 });
    expect(byId.get(3)).toMatchObject({ lane: 0, lanes: 2 }); // 1 has ended: its lane is free
    expect(byId.get(4)).toMatchObject({ lane: 0, lanes: 1 }); // a new group
  });

  it("clips to the view and leaves out what lies outside it", () => {
    const placed = layoutBlocks(
      [
        { id: 1, start: at(7, 30), end: at(8, 30) },
        { id: 2, start: at(6), end: at(7) },
        { id: 3, start: at(17, 50), end: at(18, 0) },
      ],
      ORIGIN,
      600,
    );
    expect(placed).toEqual([
      { id: 1, top: 0, height: 30, lane: 0, lanes: 1 },
      { id: 3, top: 590, height: 15, lane: 0, lanes: 1 }, // at least one row tall
    ]);
  });
});

describe("visibleMinutes", () => {
  it("widens the default hours to whole hours covering every span", () => {
    expect(visibleMinutes([])).toEqual([480, 1080]);
    expect(visibleMinutes([{ start: 7 * 60 + 30, end: 19 * 60 + 10 }])).toEqual([420, 1200]);
    expect(visibleMinutes([{ start: -30, end: 1500 }])).toEqual([0, 1440]);
  });
});

describe("spanInColumn", () => {
  it("clips a span to the column or answers null", () => {
    expect(spanInColumn({ start: at(12), end: at(13) }, ORIGIN, 600)).toEqual({ top: 240, height: 60 });
    expect(spanInColumn({ start: at(19), end: at(20) }, ORIGIN, 600)).toBeNull();
  });
});
