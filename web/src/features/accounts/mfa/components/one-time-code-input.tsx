import { type ComponentProps } from "react";

import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

/** A TOTP code as the API accepts it: six digits. */
export const CODE_PATTERN = /^\d{6}$/;

/** The 6-digit code of an authenticator app (the browser may offer it: `one-time-code`). */
export function OneTimeCodeInput({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return (
    <Input
      type="text"
      autoComplete="one-time-code"
      inputMode="numeric"
      pattern="[0-9]*"
      maxLength={6}
      spellCheck={false}
      className={cn("max-w-40 font-mono text-lg tracking-[0.3em]", className)}
      {...props}
    />
  );
}
