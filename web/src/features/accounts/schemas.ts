import { z } from "zod";

/*
 * Client-side mirrors of the server's rules (docs/API.md, "Users and authentication").
 * The server stays the authority: its field errors are shown next to the same fields.
 */

// No control characters in single-line text (names, specializations).
// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;

export const usernameSchema = z
  .string()
  .min(3, "Use at least 3 characters")
  .max(32, "Use at most 32 characters")
  .regex(/^[A-Za-z0-9._-]+$/, "Use only letters, digits, dots, underscores and hyphens");

export const newPasswordSchema = z
  .string()
  .min(8, "Use at least 8 characters")
  .max(128, "Use at most 128 characters");

export const emailSchema = z.email("Enter a valid email address").max(254, "Use at most 254 characters");

export const fullNameSchema = z
  .string()
  .trim()
  .min(1, "Enter your full name")
  .max(100, "Use at most 100 characters")
  .regex(NO_CONTROL_CHARS, "Use a single line of text");

/** A doctor's pick from the clinic's list: the entry's id as the select's value ("" = none). */
const specializationChoiceSchema = z.string();

/** The name of an entry of the list of specializations (admins add and rename them). */
export const specializationNameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter a name")
    .max(100, "Use at most 100 characters")
    .regex(NO_CONTROL_CHARS, "Use a single line of text"),
});
export type SpecializationNameValues = z.infer<typeof specializationNameSchema>;

/** "" means the default (30 minutes). */
export const SLOT_MINUTES_CHOICES = ["10", "15", "20", "30", "45", "60"] as const;
const slotMinutesSchema = z.union([z.literal(""), z.enum(SLOT_MINUTES_CHOICES)]);

export const loginSchema = z.object({
  // No length rules: any wrong input gets the same answer from the server.
  username: z.string().trim().min(1, "Enter your username or email address"),
  password: z.string().min(1, "Enter your password"),
});
export type LoginValues = z.infer<typeof loginSchema>;

function passwordIsNotUsername(password: string, username: string): boolean {
  return username === "" || password.toLowerCase() !== username.toLowerCase();
}

export const registerSchema = z
  .object({
    role: z.enum(["patient", "doctor"]),
    fullName: fullNameSchema,
    email: emailSchema,
    username: usernameSchema,
    password: newPasswordSchema,
    timezone: z.string().min(1, "Choose your time zone"),
    specialization: specializationChoiceSchema,
    slotMinutes: slotMinutesSchema,
  })
  .superRefine((values, ctx) => {
    if (!passwordIsNotUsername(values.password, values.username)) {
      ctx.addIssue({ code: "custom", path: ["password"], message: "Your password must not be your username" });
    }
    if (values.role === "doctor" && values.specialization === "") {
      ctx.addIssue({ code: "custom", path: ["specialization"], message: "Choose your specialization" });
    }
  });
export type RegisterValues = z.infer<typeof registerSchema>;

export const forgotPasswordSchema = z.object({ email: emailSchema });
export type ForgotPasswordValues = z.infer<typeof forgotPasswordSchema>;

export const resetPasswordSchema = z
  .object({
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((values) => values.newPassword === values.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match",
  });
export type ResetPasswordValues = z.infer<typeof resetPasswordSchema>;

/** The username is known here, so the "not your username" rule is checked too. */
export function changePasswordSchema(username: string) {
  return z
    .object({
      currentPassword: z.string().min(1, "Enter your current password"),
      newPassword: newPasswordSchema,
      confirmPassword: z.string(),
    })
    .superRefine((values, ctx) => {
      if (!passwordIsNotUsername(values.newPassword, username)) {
        ctx.addIssue({ code: "custom", path: ["newPassword"], message: "Your password must not be your username" });
      }
      if (values.newPassword === values.currentPassword && values.newPassword !== "") {
        ctx.addIssue({ code: "custom", path: ["newPassword"], message: "Choose a password different from the current one" });
      }
      if (values.newPassword !== values.confirmPassword) {
        ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match" });
      }
    });
}
export type ChangePasswordValues = z.infer<ReturnType<typeof changePasswordSchema>>;

/** Profile: the email needs the current password only when it changes. */
export function profileSchema({ isDoctor, currentEmail }: { isDoctor: boolean; currentEmail: string }) {
  return z
    .object({
      fullName: fullNameSchema,
      email: emailSchema,
      currentPassword: z.string(),
      timezone: z.string().min(1, "Choose your time zone"),
      specialization: specializationChoiceSchema,
      slotMinutes: slotMinutesSchema,
    })
    .superRefine((values, ctx) => {
      if (values.email.toLowerCase() !== currentEmail.toLowerCase() && values.currentPassword === "") {
        ctx.addIssue({
          code: "custom",
          path: ["currentPassword"],
          message: "Enter your current password to change your email",
        });
      }
      if (isDoctor && values.specialization === "") {
        ctx.addIssue({ code: "custom", path: ["specialization"], message: "Choose your specialization" });
      }
    });
}
export type ProfileValues = z.infer<ReturnType<typeof profileSchema>>;

export const suspendSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "Give a reason for the record")
    .max(500, "Use at most 500 characters")
    .regex(NO_CONTROL_CHARS, "Use a single line of text"),
});
export type SuspendValues = z.infer<typeof suspendSchema>;
