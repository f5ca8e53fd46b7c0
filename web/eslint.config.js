import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// A feature is used by others only through its public entry, `@/features/<name>`.
const noFeatureInternals = {
  group: ["@/features/*/*"],
  message: "Import another feature through `@/features/<name>` (its index.ts), never its internals.",
};

// UI code talks to the server through the hooks in a feature's api/ folder.
const noHttpClientInUi = {
  name: "@/lib/api-client",
  importNames: ["api"],
  message: "Components and routes use the hooks in their feature's api/ folder, not the HTTP client.",
};

export default defineConfig([
  globalIgnores(["dist", "coverage"]),
  {
    files: ["**/*.{ts,tsx}"],
    extends: [
      js.configs.recommended,
      tseslint.configs.strictTypeChecked,
      reactHooks.configs.flat.recommended,
      jsxA11y.flatConfigs.recommended,
    ],
    languageOptions: {
      ecmaVersion: 2023,
      globals: globals.browser,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "no-restricted-imports": ["error", { patterns: [noFeatureInternals] }],
    },
  },
  {
    files: [
      "src/components/**/*.tsx",
      "src/features/*/components/**/*.tsx",
      "src/features/*/routes/**/*.tsx",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [noFeatureInternals], paths: [noHttpClientInUi] },
      ],
    },
  },
  {
    // The app layer composes features; tests may reach anywhere.
    files: ["src/app/**/*.{ts,tsx}", "src/**/*.test.{ts,tsx}", "src/test/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["**/*.js"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
]);
