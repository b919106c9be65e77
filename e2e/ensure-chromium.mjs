// Makes sure a Chromium exists for the e2e tests, installing Debian's package when we can.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findChromium } from "./chromium.mjs";

const found = await findChromium();
if (found) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (isRoot && existsSync("/usr/bin/apt-get")) {
  console.log("No Chromium found: installing Debian's chromium package…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
  if (await findChromium()) process.exit(0);
}
console.error(
  "No Chromium found for the e2e tests. Set CHROMIUM_PATH, or install one: " +
    "`apt-get install -y chromium` (as root on Debian/Ubuntu) or `npx playwright install chromium`.",
);
process.exit(1);
