import { zodResolver } from "@hookform/resolvers/zod";
import { useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { Link, useLocation, useSearchParams } from "wouter";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

import { isMfaChallenge, useLogin } from "../api/login";
import { AuthLayout } from "../components/auth-layout";
import { FormAlert } from "../components/form-alert";
import { PasswordInput } from "../components/password-input";
import { MfaCodeForm } from "../mfa";
import { loginSchema, type LoginValues } from "../schemas";
import { homePathFor, type User } from "../types";
import { formErrorMessage, safeNextPath } from "../utils";

const LOGIN_ERRORS = {
  invalid_credentials: "The username, email address or password is incorrect.",
  account_suspended: "Your account has been suspended. Please contact the clinic's administrator.",
};

/** `notice`: shown above the form (the app adds what the guest was doing, e.g. a booking). */
export function LoginPage({ notice }: { notice?: ReactNode } = {}) {
  const [, navigate] = useLocation();
  const [searchParams] = useSearchParams();
  const login = useLogin();
  // After the password, when the account has two-factor authentication: the code step.
  const [codeStep, setCodeStep] = useState(false);
  const form = useForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    defaultValues: { username: "", password: "" },
  });
  const { errors } = form.formState;

  const next = safeNextPath(searchParams.get("next"));
  const expired = searchParams.get("expired") === "1";
  const reset = searchParams.get("reset") === "1";

  function enter(user: User) {
    navigate(next ?? homePathFor(user.role), { replace: true });
  }

  const onSubmit = form.handleSubmit((values) => {
    login.mutate(values, {
      onSuccess: (answer) => {
        if (isMfaChallenge(answer)) setCodeStep(true);
        else enter(answer);
      },
      onError: () => {
        form.resetField("password");
        form.setFocus("password");
      },
    });
  });

  if (codeStep) {
    return (
      <AuthLayout
        title="Two-factor authentication"
        description="Enter the code from your authenticator app to finish logging in."
      >
        <MfaCodeForm
          onLoggedIn={enter}
          onRestart={() => {
            login.reset();
            form.reset({ username: form.getValues("username"), password: "" });
            setCodeStep(false);
          }}
        />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Log in"
      description="Welcome back. Log in to see your appointments and records."
      footer={
        <>
          New to Clinic360?{" "}
          <Link href={next === null ? "/register" : `/register?next=${encodeURIComponent(next)}`} className="font-medium text-primary underline-offset-4 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      {notice}
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="grid gap-5">
        {expired && !login.isError && (
          <FormAlert title="Your session has ended" variant="default">
            For your privacy you were logged out after a period of inactivity. Log in again to continue.
          </FormAlert>
        )}
        {reset && !login.isError && (
          <FormAlert title="Your password has been reset" variant="default">
            Log in with your new password.
          </FormAlert>
        )}
        {login.isError && <FormAlert title={formErrorMessage(login.error, LOGIN_ERRORS)} />}
        <FormField label="Username or email" error={errors.username?.message} required>
          {(field) => (
            <Input autoComplete="username" autoCapitalize="none" spellCheck={false} {...field} {...form.register("username")} />
          )}
        </FormField>
        <FormField label="Password" error={errors.password?.message} required>
          {(field) => <PasswordInput autoComplete="current-password" {...field} {...form.register("password")} />}
        </FormField>
        <div className="-mt-2 text-right text-sm">
          <Link href="/forgot-password" className="font-medium text-primary underline-offset-4 hover:underline">
            Forgot your password?
          </Link>
        </div>
        <Button type="submit" size="lg" disabled={login.isPending}>
          {login.isPending ? "Logging in…" : "Log in"}
        </Button>
      </form>
    </AuthLayout>
  );
}
