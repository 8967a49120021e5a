// How every tool here starts headless Chromium: the end-to-end tests, the element tests
// (web-test-runner.config.mjs), the browser benchmarks and the story screenshots. Plain options,
// so Playwright's `chromium.launch()` and the web-test-runner's Puppeteer launcher both take them.

/** Chromium from `CHROME_PATH`, else the system's, headless, with flags that let it run as root in a container. */
export function chromiumOptions(): { executablePath: string; headless: true; args: string[] } {
  return {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      // Root in a container has no usable sandbox.
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      // Quiet: no update checks, sync or other traffic of its own while we measure.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Containers often have a small /dev/shm.
      '--disable-dev-shm-usage',
    ],
  };
}
