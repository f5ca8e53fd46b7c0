import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { DOCTORS, PATIENT_USER, urlsOf } from "../test/fixtures";
import { FindDoctorsPage } from "./find-doctors-page";

// The clinic's list: one entry per specialty, whatever doctors once typed.
const SPECIALIZATIONS = [
  { id: 1, name: "Cardiology", active: true },
  { id: 2, name: "Dermatology", active: true },
  { id: 5, name: "Neurology", active: true },
];

describe("FindDoctorsPage", () => {
  it("lists doctors with specialization, zone and next slot in the patient's zone", async () => {
    mockFetch((url) => {
      if (url === "/api/user") return jsonResponse(PATIENT_USER);
      if (url === "/api/specializations") return jsonResponse(SPECIALIZATIONS);
      return jsonResponse(DOCTORS);
    });
    renderWithProviders(<FindDoctorsPage />, { path: "/doctors" });

    expect(screen.getByRole("heading", { level: 1, name: "Find a doctor" })).toBeInTheDocument();
    expect(screen.getByRole("status", { name: "Loading doctors" })).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "Dr. Bob Jones" })).toHaveAttribute("href", "/doctors/3");
    expect(screen.getByText("Tue 1 Dec 2026, 08:00 (UTC)")).toBeInTheDocument();
    expect(screen.getByText("Europe/Berlin")).toBeInTheDocument();
    expect(screen.getByText("No free slots in the next 60 days")).toBeInTheDocument();
    const select = screen.getByLabelText("Specialization");
    await waitFor(() => {
      expect(within(select).getAllByRole("option").map((o) => o.textContent)).toEqual([
        "All specializations",
        "Cardiology",
        "Dermatology",
        "Neurology",
      ]);
    });
  });

  it("filters by specialization and a debounced name search", async () => {
    const fetch = mockFetch((url) => {
      if (url === "/api/user") return jsonResponse(PATIENT_USER);
      if (url === "/api/specializations") return jsonResponse(SPECIALIZATIONS);
      if (url.includes("q=")) return jsonResponse([]);
      if (url.includes("specializationId=2")) return jsonResponse(DOCTORS.slice(1));
      return jsonResponse(DOCTORS);
    });
    const { user } = renderWithProviders(<FindDoctorsPage />, { path: "/doctors" });

    await screen.findByRole("link", { name: "Dr. Bob Jones" });
    await user.selectOptions(screen.getByLabelText("Specialization"), await screen.findByRole("option", { name: "Dermatology" }));
    await waitFor(() => {
      expect(screen.queryByRole("link", { name: "Dr. Bob Jones" })).not.toBeInTheDocument();
    });
    expect(screen.getByRole("link", { name: "Dr. Cleo Park" })).toBeInTheDocument();

    await user.type(screen.getByRole("searchbox", { name: "Doctor's name" }), "zz_%");
    expect(await screen.findByText("No doctors match your search.")).toBeInTheDocument();
    const urls = urlsOf(fetch);
    expect(urls).toContain("/api/doctors?specializationId=2&q=zz_%25");
    // Debounced: no request per keystroke.
    expect(urls.filter((url) => url.includes("q=z&") || url.endsWith("q=z"))).toEqual([]);
  });
});
