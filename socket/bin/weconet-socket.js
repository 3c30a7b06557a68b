#!/usr/bin/env node
// The `weconet-socket` command. The socket is TypeScript consumed as source; tsx's loader runs it without a build step.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
