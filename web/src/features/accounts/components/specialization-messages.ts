import { type ServerErrorOptions } from "../form-errors";

/** 409 `specialization_taken` belongs to the name field of the add and rename forms. */
export const SPECIALIZATION_TAKEN: ServerErrorOptions<{ name: string }>["codeFields"] = {
  specialization_taken: {
    field: "name",
    message: "The list already has this specialization (names are compared ignoring case).",
  },
};
