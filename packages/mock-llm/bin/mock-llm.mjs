#!/usr/bin/env node
// Runs the TypeScript source of the mock server through tsx's loader.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
