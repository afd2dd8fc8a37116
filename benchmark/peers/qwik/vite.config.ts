// The Qwik starter's vite config, less its lint helpers and tsconfig paths.
import { defineConfig } from "vite";
import { qwikVite } from "@builder.io/qwik/optimizer";
import { qwikCity } from "@builder.io/qwik-city/vite";

export default defineConfig({ plugins: [qwikCity(), qwikVite()] });
