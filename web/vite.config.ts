/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";

import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";

// The Flask server serves dist/ from the same origin, so everything lives at "/".
export default defineConfig({
  base: "/",
  plugins: [
    react(),
    tailwindcss(),
    // Precompressed copies next to each file (name.js.br, name.js.gz): the server sends the
    // best one the browser accepts instead of compressing on every request (core/spa.py).
    compression({
      algorithms: [defineAlgorithm("brotliCompress"), defineAlgorithm("gzip", { level: 9 })],
      include: /\.(js|css|html|svg|json|txt|webmanifest)$/,
      threshold: 1024,
    }),
  ],
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./src", import.meta.url)),
    },
  },
  server: {
    port: 5173,
    proxy: {
      // The Flask API in development (`flask run` on port 5000). The Host header is
      // kept as-is so that the session and CSRF cookies belong to the dev origin.
      "/api": { target: "http://127.0.0.1:5000" },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    restoreMocks: true,
    unstubGlobals: true,
    testTimeout: 20000,
  },
});
