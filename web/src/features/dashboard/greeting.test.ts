import { describe, expect, it } from "vitest";

import { firstName, greeting } from "./greeting";

describe("firstName", () => {
  it("is the first word of the name", () => {
    expect(firstName("  Ada Lovelace ")).toBe("Ada");
  });

  it("skips a title before the name", () => {
    expect(firstName("Dr. Omar Haddad")).toBe("Omar");
    expect(firstName("dr Omar")).toBe("Omar");
    expect(firstName("Prof. Dr. Lena Fischer")).toBe("Lena");
  });

  it("keeps a name that is all title, and words that only start like one", () => {
    expect(firstName("Dr.")).toBe("Dr.");
    expect(firstName("Drew Barrymore")).toBe("Drew");
  });
});

describe("greeting", () => {
  it("follows the hour on the user's clock", () => {
    const now = new Date("2026-06-01T07:30:00Z");
    expect(greeting("UTC", now)).toBe("Good morning");
    expect(greeting("Asia/Tokyo", now)).toBe("Good afternoon");
    expect(greeting("America/Los_Angeles", now)).toBe("Good evening");
  });
});
