import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { FormField } from "./form-field";
import { Input } from "./input";

describe("FormField", () => {
  it("labels the control and links its hint and error", () => {
    render(
      <FormField label="Email" description="We never share it." error="must be a valid email" required>
        {(field) => <Input type="email" {...field} />}
      </FormField>,
    );

    const input = screen.getByRole("textbox", { name: /email/i });
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toBeRequired();
    expect(input).toHaveAccessibleDescription("We never share it. must be a valid email");
  });

  it("is valid without an error", () => {
    render(<FormField label="Name">{(field) => <Input {...field} />}</FormField>);

    const input = screen.getByRole("textbox", { name: "Name" });
    expect(input).not.toHaveAttribute("aria-invalid");
    expect(input).not.toHaveAttribute("aria-describedby");
  });
});
