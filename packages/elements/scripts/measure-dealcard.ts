// Temporary: sizes of the elements this work touches.
import { bundleElements, measureSizes } from './bundle.js';
const sizes = await measureSizes(await bundleElements());
let on = false;
for (const s of sizes) {
  if (!s.name.startsWith('+')) on = /opportunity-card|webhooks|all elements, English|customer-card|record-form|case-card/.test(s.name);
  if (on) console.log(s.name.trim(), s.gzipBytes);
}
