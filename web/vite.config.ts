/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The gateway serves the build; `npm run dev` proxies the API to a running `gts up`.
const gateway = process.env.GTS_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // Inline nothing: the CSP allows only files from our own origin.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      "/api": gateway,
      "/auth": gateway,
      // the gateway accepts sockets only from its own origin
      "/ws": { target: gateway, ws: true, headers: { origin: gateway } },
      "/.well-known": gateway,
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
  },
});
